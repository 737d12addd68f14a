// `cadence import` fed damaged files: a valid export (JSON and CSV, made by `cadence export`) truncated at
// random, with random bytes changed, with random fields replaced by random JSON/cells, and CRM CSVs with
// random headers and cells. An import is all or nothing (SPEC section 3): it succeeds (exit 0), or it
// exits 2 with ONE line on stderr starting "cadence: " and the database is exactly as before.
import fc from 'fast-check';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { cleanupScratch, cliInProcess as cli, expectOneCleanLine, g, integrity, scratchDir, snapshot, type Run } from '../fault/helpers.js';

afterAll(cleanupScratch);

const NOW = '2026-03-06T16:00';
let home: string;
let template: string; // an empty cadence database (schema only)
let emptySnapshot: ReturnType<typeof snapshot>;
let jsonText: string;
let csvText: string;
let caseNo = 0;

function must(r: Run, what: string): Run {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  return r;
}

/** Imports `content` into a fresh copy of the empty database and checks the all-or-nothing contract. */
async function importCase(content: string | Buffer, ext: string, what: string): Promise<Run> {
  const n = ++caseNo;
  const file = join(home, `case-${n}.${ext}`);
  const db = join(home, `case-${n}.db`);
  writeFileSync(file, content);
  copyFileSync(template, db);
  const r = await cli(['import', file, ...g(db, NOW)], { home });
  const label = `${what} (case ${n}: ${file})`;
  if (r.code === 0) {
    // Accepted: a consistent database (warnings, one line each, are allowed).
    expect(integrity(db), label).toBe('ok');
    for (const l of r.stderr.split('\n').filter(Boolean)) expect(l, label).toMatch(/^cadence: /);
    return r;
  }
  expect(r.code, `${label}: exit ${r.code}: ${r.stderr}`).toBe(2);
  expectOneCleanLine(r.stderr);
  expect(snapshot(db), `${label}: a failed import wrote to the database`).toEqual(emptySnapshot);
  return r;
}

beforeAll(async () => {
  home = scratchDir('cadence-fuzz-import-');
  const src = join(home, 'source.db');
  const run = async (args: string[]) => must(await cli([...args, ...g(src, NOW)], { home }), args.join(' '));
  await run(['prospect', 'add', 'Dana Reyes', '--company', 'Acme, Inc.', '--email', 'dana@acme.example', '--stage', 'discovery', '--tag', 'saas', '--tag', 'emea']);
  await run(['prospect', 'add', "Zoë O'Brien", '--company', 'Globex "Intl" Ltd', '--tag', 'fintech']);
  await run(['prospect', 'add', '李 小龙']);
  await run(['value', 'add', 'Churn benchmark 2026', '--url', 'https://example.com/churn', '--tag', 'saas']);
  await run(['value', 'add', 'SOC 2 checklist, v2', '--tag', 'fintech']);
  await run(['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'resource:Churn benchmark 2026', '--note', 'first, "quoted"\nsecond line', '--at', '2026-03-02T09:00']);
  await run(['log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'not-now', '--buyer-date', '2026-04-15', '--at', '2026-03-03T11:00']);
  await run(['log', "Zoë O'Brien", '--channel', 'call', '--outcome', 'left-message', '--at', '2026-03-04T10:00']);
  await run(['log', "Zoë O'Brien", '--channel', 'email', '--direction', 'in', '--outcome', 'do-not-contact', '--at', '2026-03-05T10:00']);
  await run(['prospect', 'set', '李 小龙', '--stage', 'proposal', '--buyer-date', '2026-03-20']);
  jsonText = (await run(['export', '--format', 'json'])).stdout;
  csvText = (await run(['export', '--format', 'csv'])).stdout;
  JSON.parse(jsonText);

  template = join(home, 'template.db');
  openDb(template, { create: true }).close();
  emptySnapshot = snapshot(template);
}, 60_000);

describe('import: the unmutated exports', () => {
  it('the JSON export imports into an empty database and exports the same again; the CSV imports too', async () => {
    for (const [text, ext] of [[jsonText, 'json'], [csvText, 'csv']] as const) {
      const n = ++caseNo;
      const db = join(home, `valid-${n}.db`);
      const file = join(home, `valid-${n}.${ext}`);
      writeFileSync(file, text);
      copyFileSync(template, db);
      must(await cli(['import', file, ...g(db, NOW)], { home }), `import ${ext}`);
      const again = must(await cli(['export', '--format', ext, ...g(db, NOW)], { home }), `export ${ext}`).stdout;
      // SPEC section 5: a JSON export imported into an empty database exports the same again.
      if (ext === 'json') expect(JSON.parse(again)).toEqual(JSON.parse(jsonText));
      else expect(snapshot(db).touches).toHaveLength(4);
    }
  });
});

describe('import: fixed bad inputs', () => {
  it('empty, not JSON, wrong shape, wrong version, binary, BOM: accepted or exit 2 with one line; never a partial write', async () => {
    const cases: [string | Buffer, string][] = [
      ['', 'json'],
      ['{}', 'json'],
      ['[]', 'json'],
      ['null', 'json'],
      ['{"version":2,"prospects":[],"touches":[],"values":[]}', 'json'],
      [jsonText.replace('"version": 1', '"version": "1"'), 'json'],
      [Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0xc3, 0x28]), 'json'],
      [`\ufeff${jsonText}`, 'json'],
      [jsonText.replace(/"prospectId": ?\d+/, '"prospectId": 999999'), 'json'],
      ['', 'csv'],
      ['Name\n', 'csv'],
      ['just one line without a known header\n', 'csv'],
      [Buffer.from([0x00, 0x01, 0x02, 0xff, 0x0a]), 'csv'],
    ];
    for (const [content, ext] of cases) await importCase(content, ext, `fixed ${ext} ${JSON.stringify(String(content).slice(0, 40))}`);
  });

  it('a missing file and a directory are usage errors naming the path', async () => {
    const db = join(home, 'missing.db');
    copyFileSync(template, db);
    for (const path of [join(home, 'no-such-file.json'), (() => (mkdirSync(join(home, 'a-dir'), { recursive: true }), join(home, 'a-dir')))()]) {
      const r = await cli(['import', path, ...g(db, NOW)], { home });
      expect(r.code, r.stderr).toBe(2);
      expect(expectOneCleanLine(r.stderr)).toContain(path);
      expect(snapshot(db)).toEqual(emptySnapshot);
    }
  });
});

/** Byte-level damage: truncation, and a few bytes replaced by characters that matter to JSON and CSV. */
function damaged(text: string) {
  const buf = Buffer.from(text);
  return fc.oneof(
    fc.integer({ min: 0, max: buf.length - 1 }).map((cut) => ({ how: `cut at ${cut}`, bytes: buf.subarray(0, cut), cut })),
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: buf.length - 1 }), fc.constantFrom(...'{}[]",:\\\n\r0123456789-aZé\u0000'.split(''))), { minLength: 1, maxLength: 4 })
      .map((edits) => {
        const b = Buffer.from(buf);
        for (const [at, c] of edits) b[at] = Buffer.from(c)[0]!;
        return { how: `bytes ${JSON.stringify(edits)}`, bytes: b, cut: undefined };
      }),
    fc.tuple(fc.integer({ min: 0, max: buf.length - 1 }), fc.integer({ min: 1, max: 40 })).map(([at, n]) => ({
      how: `deleted ${n} bytes at ${at}`,
      bytes: Buffer.concat([buf.subarray(0, at), buf.subarray(at + n)]),
      cut: undefined,
    })),
  );
}

describe('import: random damage to a valid export', () => {
  it('JSON truncated or with random bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(damaged(jsonText), async ({ how, bytes, cut }) => {
        const r = await importCase(bytes, 'json', `json ${how}`);
        // Cut short, the document is unfinished: refused, unless all that is missing is the closing line break.
        if (cut !== undefined && Buffer.from(jsonText).subarray(cut).toString().trim() !== '') expect(r.code, how).toBe(2);
      }),
      { numRuns: 30, seed: 101, endOnFailure: true },
    );
  }, 120_000);

  it('CSV truncated or with random bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(damaged(csvText), async ({ how, bytes, cut }) => {
        const r = await importCase(bytes, 'csv', `csv ${how}`);
        // Cut short past the header and not at the end of a line: refused, never a row read with cells missing.
        const b = Buffer.from(csvText);
        if (cut !== undefined && cut > csvText.indexOf('\n') && b[cut] !== 10 && b[cut - 1] !== 10) expect(r.code, how).toBe(2);
      }),
      { numRuns: 30, seed: 202, endOnFailure: true },
    );
  }, 120_000);

  it('JSON with a random field replaced by random JSON, deleted, or a record duplicated', async () => {
    const doc = JSON.parse(jsonText) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(doc, []);
    const nasty = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('', ' ', '2026-02-30T10:00:00.000Z', '2026-02-29', 'EMAIL', 'in', 'sideways', -1, 0, 1.5, 1e308, '9999999999999999999', null, [], {}, 'x'.repeat(500), 'a\u0000b', '\u001b[2J'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.constantFrom('replace', 'delete', 'duplicate'), nasty, async (path, op, value) => {
        const copy = JSON.parse(jsonText) as Record<string, unknown>;
        let parent = copy as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const key = path.at(-1)!;
        const list = Array.isArray(parent) ? (parent as unknown[]) : null;
        if (op === 'replace') parent[key] = value;
        else if (op === 'delete') list ? list.splice(Number(key), 1) : delete parent[key];
        else if (list) list.push(structuredClone(list[Number(key)]));
        else parent[key] = structuredClone(parent[key]);
        await importCase(JSON.stringify(copy, null, 1), 'json', `json ${op} ${path.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`);
      }),
      { numRuns: 16, seed: 303, endOnFailure: true },
    );
  }, 120_000);

  it('CSV with a random cell replaced (quotes, commas, newlines, unicode, near-miss enums)', async () => {
    const rows = parseCsv(csvText, { relax_column_count: true }) as string[][];
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('', '"', '""', 'a,b', 'line\nbreak', 'EMAIL', 'sideways', '2026-02-30', 'not a date', '-1', '1e3', '=cmd()', 'Zoë'),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: rows.length - 1 }), fc.integer({ min: 0, max: 40 }), cell, async (r, c, value) => {
        const copy = rows.map((row) => [...row]);
        const row = copy[r]!;
        row[c % row.length] = value;
        await importCase(stringifyCsv(copy), 'csv', `csv row ${r} col ${c % row.length} = ${JSON.stringify(value)}`);
      }),
      { numRuns: 12, seed: 404, endOnFailure: true },
    );
  }, 120_000);

  it('a CRM contact export with random header spellings and random cells', async () => {
    const headerSets = [
      ['Name', 'Company', 'Email', 'Stage'],
      ['First Name', 'Last Name', 'Company Name', 'Email', 'Lead Status'],
      ['Full Name', 'Account Name', 'E-mail', 'Status'],
      ['name', 'company', 'email', 'lifecycle stage'],
      ['Company', 'Email'],
    ];
    const cellText = fc.oneof(
      fc.constantFrom('Dana Reyes', 'Acme', 'dana@acme.example', 'MQL', 'SQL', 'Closed Won', 'closed lost', 'Opportunity', 'Weird Stage', '', ' ', '"quoted"', 'a,b', '12345', 'x'.repeat(300)),
      fc.string({ unit: 'grapheme', maxLength: 15 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...headerSets), fc.array(fc.array(cellText, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 6 }), async (header, rows) => {
        await importCase(stringifyCsv([header, ...rows]), 'csv', `crm ${JSON.stringify([header, ...rows]).slice(0, 200)}`);
      }),
      { numRuns: 12, seed: 505, endOnFailure: true },
    );
  }, 120_000);
});
