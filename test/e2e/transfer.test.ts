// `cadence export` / `cadence import`: exact round trips, all-or-nothing imports, CRM files.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, inTerminal, json, tempDb } from './helpers.js';

const NOW = '2026-03-05T12:00';
let dir: string;
let source: ReturnType<typeof cli>;
let jsonExport: string;
let csvExport: string;

const iso = (local: string) => new Date(local).toISOString();

const seed = {
  version: 1,
  prospects: [
    {
      id: 4, name: 'Dana Reyes', company: 'Acme, Inc.', email: 'dana@acme.example', stage: 'discovery', tags: ['saas', 'emea'],
      createdAt: iso('2026-01-10T09:00'), buyerDates: [{ day: '2026-04-15', setAt: iso('2026-03-03T11:00') }],
      stageHistory: [{ from: 'lead', to: 'discovery', at: iso('2026-02-01T10:00') }],
    },
    { id: 9, name: "Zoë O'Brien", company: 'Globex "Intl" Ltd', stage: 'lead', tags: ['fintech'], createdAt: iso('2026-01-11T09:00'), doNotContactAt: iso('2026-03-01T10:00') },
    { id: 10, name: 'Sam Globex', company: 'Globex "Intl" Ltd', stage: 'lead', createdAt: iso('2026-01-12T09:00') },
    { id: 12, name: '李 小龙', stage: 'proposal', createdAt: iso('2026-01-13T09:00'), buyerDates: [{ day: null, setAt: iso('2026-02-13T09:00') }] },
  ],
  touches: [
    { id: 3, prospectId: 4, at: iso('2026-03-02T09:00'), channel: 'email', outcome: 'sent', value: { kind: 'resource', text: 'Churn benchmark, 2026' }, note: 'first, "quoted"\nsecond line', createdAt: iso('2026-03-02T09:01') },
    { id: 5, prospectId: 4, at: iso('2026-03-03T11:00'), channel: 'email', direction: 'in', outcome: 'not-now', buyerDate: '2026-04-15', createdAt: iso('2026-03-03T11:01') },
    { id: 6, prospectId: 9, at: iso('2026-03-04T10:00'), channel: 'call', outcome: 'left-message', note: 'old mac\rline end', createdAt: iso('2026-03-04T10:01') },
  ],
  values: [
    { id: 1, title: 'Churn benchmark, 2026', url: 'https://example.com/churn', tags: ['saas'], createdAt: iso('2026-01-01T00:00') },
    { id: 2, title: 'SOC 2 checklist', url: null, tags: [], createdAt: iso('2026-01-02T00:00') },
  ],
  companyMarks: [{ company: 'Globex "Intl" Ltd', markedAt: iso('2026-03-01T10:00') }],
};

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function fresh(): { db: string; run: ReturnType<typeof cli> } {
  const { db } = tempDb();
  return { db, run: cli(db, NOW) };
}

beforeAll(async () => {
  const tmp = tempDb();
  dir = tmp.dir;
  source = cli(tmp.db, NOW);
  expect((await source('import', write('seed.json', JSON.stringify(seed)))).code).toBe(0);
  // Data made by a command, not only by import: a debrief, a stage move, a revisit date.
  expect((await source('close', '李 小龙', '--result', 'no-decision', '--gaps', 'price', '--revisit', '2026-09-01')).code).toBe(0);
  jsonExport = (await source('export')).stdout;
  csvExport = (await source('export', '--format', 'csv')).stdout;
});

describe('export', () => {
  it('JSON has version, prospects, touches and values as the spec shapes them', () => {
    const doc = JSON.parse(jsonExport);
    expect(Object.keys(doc)).toEqual(['version', 'prospects', 'touches', 'values', 'companyMarks']);
    expect(doc.version).toBe(1);
    expect(doc.prospects.map((p: any) => p.id)).toEqual([4, 9, 10, 12]);
    expect(doc.touches).toHaveLength(4);
    expect(doc.touches[0]).toEqual({
      id: 3, prospectId: 4, at: iso('2026-03-02T09:00'), channel: 'email', direction: 'out', outcome: 'sent',
      value: { kind: 'resource', text: 'Churn benchmark, 2026' }, note: 'first, "quoted"\nsecond line', buyerDate: null,
      createdAt: iso('2026-03-02T09:01'),
    });
    expect(doc.values.map((v: any) => v.title)).toEqual(['Churn benchmark, 2026', 'SOC 2 checklist']);
  });

  it('CSV: a header, one row per touch with the prospect repeated, one row for a prospect without touches, no library', () => {
    const lines = csvExport.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^prospect_id,name,company,email,stage,tags,/);
    expect(csvExport).toContain('"first, ""quoted""\nsecond line"');
    expect(csvExport).not.toContain('SOC 2 checklist');
    expect(csvExport.match(/^10,Sam Globex,/gm)).toHaveLength(1);
    expect(csvExport.match(/^4,Dana Reyes,/gm)).toHaveLength(2);
  });
});

describe('import round trips', () => {
  it('a JSON export imported into an empty database exports byte-identical JSON again', async () => {
    const { run } = fresh();
    const r = await run('import', write('export.json', jsonExport));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Imported 4 prospects, 4 touches and 2 library items from export.json.\n');
    expect((await run('export')).stdout).toBe(jsonExport);
  });

  it('a CSV export imported gives back every prospect and touch (and the CSV again)', async () => {
    const { run } = fresh();
    const r = await run('--json', 'import', write('export.csv', csvExport));
    expect(json(r)).toMatchObject({ prospects: 4, touches: 4, values: 0 });
    const want = JSON.parse(jsonExport);
    const got = json(await run('export'));
    expect(got.prospects).toEqual(want.prospects);
    expect(got.touches).toEqual(want.touches);
    expect(got.companyMarks).toEqual(want.companyMarks);
    expect((await run('export', '--format', 'csv')).stdout).toBe(csvExport);
  });

  it('into a database that has prospects: new ids, touches still with their prospects', async () => {
    const { run } = fresh();
    expect((await run('import', write('crm0.csv', 'Name,Company\nOla Nordmann,Nord AS\n'))).code).toBe(0);
    expect((await run('import', write('export2.json', jsonExport))).code).toBe(0);
    const doc = json(await run('export'));
    const nameOf = new Map(doc.prospects.map((p: any) => [p.id, p.name]));
    expect(doc.prospects).toHaveLength(5);
    expect(doc.touches.map((t: any) => nameOf.get(t.prospectId))).toEqual(['Dana Reyes', 'Dana Reyes', "Zoë O'Brien", '李 小龙']);
  });
});

describe('a JSON export is written as it is read', () => {
  it('the same file laid out by another tool (pretty-printed, one line, CRLF) imports the same', async () => {
    const doc = JSON.parse(jsonExport);
    for (const [name, text] of [
      ['pretty.json', JSON.stringify(doc, null, 2)],
      ['one-line.json', JSON.stringify(doc)],
      ['crlf.json', jsonExport.replace(/\n/g, '\r\n')],
    ] as const) {
      const { run } = fresh();
      const r = await run('import', write(name, text));
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect((await run('export')).stdout, name).toBe(jsonExport);
    }
  });

  it('a new database is put in place only whole: a bad touch leaves no file behind, not even a temporary one', async () => {
    const { dir: folder, db } = tempDb();
    const run = cli(db, NOW);
    // The third touch (the call), deep in a file read record by record.
    expect(jsonExport).toContain('"channel":"call"');
    const bad = write('bad-touch.json', jsonExport.replace('"channel":"call"', '"channel":"fax"'));
    expectFailure(await run('import', bad), 2, /touches\[2\]: "fax" is not a channel/);
    expect(readdirSync(folder)).toEqual([]);
    // Into a folder that does not exist yet: not even the folder is left.
    const deep = join(folder, 'new', 'place', 'cadence.db');
    expectFailure(await cli(deep, NOW)('import', bad), 2, /Nothing was imported/);
    expect(existsSync(join(folder, 'new'))).toBe(false);
    // A good one: the file alone, owner-only, in the write-ahead-log mode every other open uses.
    expect((await run('import', write('good.json', jsonExport))).code).toBe(0);
    expect(readdirSync(folder)).toEqual(['cadence.db']);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();
    expect((await run('export')).stdout).toBe(jsonExport);
  });
});

describe('an import is all or nothing', () => {
  let db: string;
  let run: ReturnType<typeof cli>;
  let before: string;
  beforeAll(async () => {
    ({ db, run } = fresh());
    expect((await run('import', write('base.json', jsonExport))).code).toBe(0);
    before = (await run('export')).stdout;
  });
  const unchanged = async () => {
    expect((await run('export')).stdout).toBe(before);
  };
  const other = (patch: (d: any) => void) => {
    const d = JSON.parse(jsonExport);
    for (const p of d.prospects) p.name = `${p.name} 2`;
    d.values = [];
    d.companyMarks = [];
    patch(d);
    return JSON.stringify(d);
  };

  it('a bad enum in one touch: exit 2, names the array index and the reason, nothing written', async () => {
    const print = fingerprint(db);
    const r = await run('import', write('bad-enum.json', other((d) => (d.touches[2].channel = 'fax'))));
    expectFailure(r, 2, /bad-enum\.json: touches\[2\]: "fax" is not a channel.*Nothing was imported\.$/);
    expect(fingerprint(db)).toBe(print);
    await unchanged();
  });

  it('a bad date, a missing name, a duplicate in the file or in the database: each names its row', async () => {
    expectFailure(await run('import', write('bad-date.json', other((d) => (d.touches[1].at = '2026-13-01T10:00')))), 2, /touches\[1\]: at "2026-13-01T10:00"/);
    expectFailure(await run('import', write('no-name.json', other((d) => (d.prospects[3].name = '  ')))), 2, /prospects\[3\]: /);
    expectFailure(await run('import', write('dup-file.json', other((d) => (d.prospects[2].name = d.prospects[0].name)))), 2, /prospects\[2\]: the name "Dana Reyes 2" is also on prospects\[0\]/);
    expectFailure(await run('import', write('dup-db.json', other((d) => (d.prospects[1].name = 'dana reyes')))), 2, /prospects\[1\]: a prospect named "dana reyes" is already in the database/);
    expectFailure(await run('import', write('broken.json', '{"version": 1, "prospects": [')), 2, /not valid JSON/);
    await unchanged();
  });

  it('a bad CSV row names its line; a malformed CSV is refused', async () => {
    const lines = csvExport.split('\n');
    const renamed = lines.map((l, i) => (i === 0 ? l : l.replace(/^(\d+),([^,]+),/, '$1,$2 3,'))).join('\n');
    // Line 3 of the file is the second row (the first has a quoted line break: it spans lines 2-3).
    const bad = renamed.replace(/,call,out,left-message,/, ',call,out,shouted,');
    const lineNo = bad.split('\n').findIndex((l) => l.includes('shouted')) + 1;
    expectFailure(await run('import', write('bad.csv', bad)), 2, new RegExp(`bad\\.csv: line ${lineNo}: "shouted" is not a outcome`));
    expectFailure(await run('import', write('open-quote.csv', `${lines[0]}\n4,"Dana,,,\n`)), 2, /line 2: a quoted field is never closed/);
    await unchanged();
  });
});

describe('CRM contact and lead files', () => {
  it('HubSpot-, Salesforce- and Pipedrive-style headers import with the right stages; an unknown stage warns', async () => {
    const { run } = fresh();
    const hubspot = write(
      'hubspot-contacts.csv',
      '\ufeffRecord ID,First Name,Last Name,Email,Company Name,Lifecycle Stage,Lead Status\n' +
        '101,Ana,Alvarez,ana@a.example,Alpha,Subscriber,New\n' +
        '102,Ben,Brown,ben@b.example,Bravo,Marketing Qualified Lead,Open\n' +
        '103,Cat,Cole,,Charlie,SQL,\n' +
        '104,Dev,Diaz,dev@d.example,Delta,Opportunity,\n' +
        '105,Eli,Eng,,Echo,customer,\n',
    );
    const salesforce = write(
      'salesforce-leads.csv',
      'First Name,Last Name,Account Name,Email Address,Lead Status\n' +
        'Fay,Fox,Foxtrot,fay@f.example,Working - Contacted\n' +
        'Gil,Gray,Golf,,Closed Lost\n' +
        'Hal,Hunt,Hotel,,Unqualified\n' +
        'Ivy,Irwin,India,,Qualified\n',
    );
    const pipedrive = write(
      'pipedrive-deals.csv',
      'Person - Name;Organization - Name;Person - Email;Deal - Stage\n' +
        'Jo Jensen;Juliet ApS;jo@j.example;Negotiation\n' +
        'Kai King;Kilo;;closed-won\n' +
        'Lu Lin;Lima;;Proposal\n' +
        'Mo Moss;Mike;;Demo Scheduled\n',
    );
    expect(await run('import', hubspot)).toMatchObject({ code: 0, stderr: '' });
    expect(await run('import', salesforce)).toMatchObject({ code: 0, stderr: '' });
    const r = await run('import', pipedrive);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Imported 4 prospects and 0 touches from pipedrive-deals.csv.\n');
    expect(r.stderr).toBe('cadence: warning: pipedrive-deals.csv, line 5: stage "Demo Scheduled" is not one cadence knows; imported as lead.\n');
    const doc = json(await run('export'));
    const got = Object.fromEntries(doc.prospects.map((p: any) => [p.name, [p.stage, p.company, p.email]]));
    expect(got).toEqual({
      'Ana Alvarez': ['lead', 'Alpha', 'ana@a.example'],
      'Ben Brown': ['lead', 'Bravo', 'ben@b.example'],
      'Cat Cole': ['discovery', 'Charlie', null],
      'Dev Diaz': ['proposal', 'Delta', 'dev@d.example'],
      'Eli Eng': ['won', 'Echo', null],
      'Fay Fox': ['discovery', 'Foxtrot', 'fay@f.example'],
      'Gil Gray': ['lost', 'Golf', null],
      'Hal Hunt': ['lost', 'Hotel', null],
      'Ivy Irwin': ['discovery', 'India', null],
      'Jo Jensen': ['negotiation', 'Juliet ApS', 'jo@j.example'],
      'Kai King': ['won', 'Kilo', null],
      'Lu Lin': ['proposal', 'Lima', null],
      'Mo Moss': ['lead', 'Mike', null],
    });
  });

  it('a CRM row without a name, or a name already there, aborts the whole file', async () => {
    const { db, run } = fresh();
    expect((await run('import', write('first.csv', 'Name,Company,Status\nNia Noor,November,Lead\n'))).code).toBe(0);
    const print = fingerprint(db);
    expectFailure(await run('import', write('noname.csv', 'Name,Company,Status\nOla Olsen,Oscar,Lead\n,Papa,Lead\n')), 2, /noname\.csv: line 3: the name is missing/);
    expectFailure(await run('import', write('again.csv', 'Full Name,Company\nPia Park,Quebec\nNIA NOOR,Romeo\n')), 2, /again\.csv: line 3: a prospect named "NIA NOOR" is already in the database/);
    expectFailure(await run('import', write('noheader.csv', 'Company,Email\nSierra,s@s.example\n')), 2, /no name column/);
    expect(fingerprint(db)).toBe(print);
  });

  it('a bad file never creates the database', async () => {
    const { db, run } = fresh();
    expectFailure(await run('import', write('dup.csv', 'Name\nAna\nANA\n')), 2, /line 3: the name "ANA" is also on line 2/);
    expectFailure(await run('import', write('bad.json', '{"version": 1, "prospects": [{"name": "A", "stage": "x"}]}')), 2, /prospects\[0\]/);
    expect(existsSync(db)).toBe(false);
  });

  it('a missing file is a usage error', async () => {
    const { run } = fresh();
    expectFailure(await run('import', join(dir, 'nope.json')), 2, /no file .*nope\.json/);
  });
});

describe('large imports', () => {
  it('shows a progress bar on a terminal for an import of thousands of rows', () => {
    const { db } = tempDb();
    const touches = Array.from({ length: 6_000 }, (_, i) => ({ id: i + 1, prospectId: 1, at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), channel: 'email', outcome: 'sent' }));
    const file = write('progress.json', JSON.stringify({ version: 1, prospects: [{ id: 1, name: 'Busy Bee' }], touches }));
    const r = inTerminal(['--db', db, '--now', NOW, 'import', file], { env: { NO_COLOR: '1' } });
    expect(r.code, r.transcript).toBe(0);
    expect(r.transcript).toMatch(/Importing \[#+\] 100% 6,000\/6,000 touches/);
    expect(r.transcript).toContain('Imported 1 prospect and 6,000 touches from progress.json.');
  });

  it('shows how far through the file it is while a large export is written as it is read', () => {
    const { db } = tempDb();
    const touches = Array.from({ length: 8_000 }, (_, i) => ({ id: i + 1, prospectId: 1, at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), channel: 'email', direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: 'a note long enough to make this export pass a megabyte', buyerDate: null, createdAt: '2025-01-01T00:00:00.000Z' }));
    const lines = touches.map((t) => JSON.stringify(t)).join(',\n');
    const file = write('progress-lines.json', `{"version": 1,\n"prospects": [\n{"id": 1, "name": "Busy Bee"}\n],\n"touches": [\n${lines}\n]}\n`);
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    const r = inTerminal(['--db', db, '--now', NOW, 'import', file], { env: { NO_COLOR: '1' } });
    expect(r.code, r.transcript).toBe(0);
    expect(r.transcript).toMatch(/Importing \[#+\] 100% 8,000 touches/);
    expect(r.transcript).toContain('Imported 1 prospect and 8,000 touches from progress-lines.json.');
  });

  it('imports 50,000 touches in one go and round-trips them', async () => {
    const { db, run } = fresh();
    const prospects = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `Prospect ${i + 1} x`, stage: 'lead', createdAt: iso('2025-01-01T00:00') }));
    const touches = Array.from({ length: 50_000 }, (_, i) => ({
      id: i + 1, prospectId: 1 + (i % 100), at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), channel: 'email',
      direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null, createdAt: iso('2025-01-01T00:00'),
    }));
    const file = write('big.json', JSON.stringify({ version: 1, prospects, touches, values: [] }));
    const r = await run('import', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
    // Look at the file directly: the count, the last id and where it belongs.
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT count(*) AS n, max(id) AS max FROM touches').get()).toEqual({ n: 50_000, max: 50_000 });
    expect(sqlite.prepare('SELECT prospect_id AS p FROM touches WHERE id = 50000').get()).toEqual({ p: 100 });
    // The indexes dropped for the bulk load are all back, as a small import leaves them, and as a
    // database made by an ordinary command has them.
    const small = fresh();
    expect((await small.run('import', write('small.json', JSON.stringify({ version: 1, prospects: prospects.slice(0, 1), touches: touches.slice(0, 1) })))).code).toBe(0);
    const indexes = (file: string) => {
      const d = new Database(file, { readonly: true });
      const sql = d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touches' ORDER BY name").all();
      d.close();
      return sql;
    };
    expect(indexes(db)).toEqual(indexes(small.db));
    const plain = fresh();
    expect((await plain.run('prospect', 'add', 'Plain Prospect')).code).toBe(0);
    expect(indexes(db)).toEqual(indexes(plain.db));
    // Not vacuous: the touches have indexes (issue 14 left three, the rule-serving ones gone).
    expect(indexes(db).length).toBeGreaterThan(0);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
  });
});
