import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { crmColumns, mapStage, planFromCrm } from '../../src/domain/transfer/crm.js';
import { CSV_COLUMNS, planFromCadenceCsv } from '../../src/domain/transfer/csv.js';
import { planFromJson } from '../../src/domain/transfer/json.js';
import { exported } from './exported.js';
import { readCsv } from '../../src/domain/transfer/rfc4180.js';

const NOW = '2026-03-05T11:00:00.000Z';

const doc = {
  version: 1,
  prospects: [
    {
      id: 3,
      name: 'Dana Reyes',
      company: 'Acme',
      email: 'dana@acme.example',
      stage: 'discovery',
      tags: ['saas'],
      createdAt: '2026-02-01T09:00:00.000Z',
      doNotContactAt: null,
      doNotContactClearedAt: null,
      buyerDates: [{ day: '2026-04-01', setAt: '2026-03-01T10:00:00.000Z' }],
      stageHistory: [{ from: 'lead', to: 'discovery', at: '2026-02-10T10:00:00.000Z' }],
    },
  ],
  touches: [
    {
      id: 7,
      prospectId: 3,
      at: '2026-03-02T09:00:00.000Z',
      channel: 'email',
      direction: 'out',
      outcome: 'sent',
      value: { kind: 'resource', text: 'Churn report' },
      note: 'first, "quoted"\nsecond line',
      buyerDate: null,
      createdAt: '2026-03-02T09:00:05.000Z',
    },
  ],
  values: [{ id: 1, title: 'Churn report', url: null, tags: ['saas'], createdAt: '2026-01-01T00:00:00.000Z' }],
  companyMarks: [{ company: 'Globex', markedAt: '2026-02-01T00:00:00.000Z' }],
};

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('JSON export format', () => {
  it('a plan written out and read back is the same plan', async () => {
    const plan = planFromJson(JSON.stringify(doc), NOW);
    const text = await exported({ ...plan, prospects: plan.prospects, values: plan.values }, 64);
    expect(JSON.parse(text)).toEqual(doc);
    const again = planFromJson(text, NOW);
    expect(again).toEqual(plan);
  });
  it('an empty export is valid JSON', async () => {
    const text = await exported({ prospects: [], touches: [], values: [], companyMarks: [] });
    expect(JSON.parse(text)).toEqual({ version: 1, prospects: [], touches: [], values: [], companyMarks: [] });
  });
  it('names the array index and the reason of a bad record', () => {
    const bad = (patch: (d: any) => void) => {
      const d = structuredClone(doc) as any;
      patch(d);
      return usageMessage(() => planFromJson(JSON.stringify(d), NOW));
    };
    expect(bad((d) => (d.touches[0].channel = 'fax'))).toMatch(/^touches\[0\]: "fax" is not a channel/);
    expect(bad((d) => (d.touches[0].at = '2026-02-30T10:00'))).toMatch(/^touches\[0\]: at .* not a real date/);
    expect(bad((d) => (d.touches[0].prospectId = 99))).toMatch(/^touches\[0\]: prospectId 99 is no prospect/);
    expect(bad((d) => delete d.prospects[0].name)).toMatch(/^prospects\[0\]: the name is missing/);
    expect(bad((d) => (d.prospects[0].stage = 'closing'))).toMatch(/^prospects\[0\]: "closing" is not a stage/);
    expect(bad((d) => d.touches.push({ ...d.touches[0] }))).toMatch(/^touches\[1\]: id 7 is used by two touches/);
    expect(bad((d) => (d.version = 2))).toMatch(/version 2/);
    expect(usageMessage(() => planFromJson('{"version": 1,\n "prospects": [}', NOW))).toMatch(/not valid JSON/);
  });
});

describe('cadence CSV', () => {
  it('reads RFC 4180: quotes, doubled quotes, commas and line breaks in fields, CRLF; lines are where records start', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",z\r\n2,"multi\nline",w\n\n3,,\n';
    expect([...readCsv(text)]).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, "y"', 'z'], line: 2 },
      { fields: ['2', 'multi\nline', 'w'], line: 3 },
      { fields: ['3', '', ''], line: 6 },
    ]);
    expect(usageMessage(() => [...readCsv('a\n"open\n')])).toMatch(/^line 2: a quoted field is never closed/);
    expect([...readCsv('a\rb,c\r\n')]).toEqual([{ fields: ['a\rb', 'c'], line: 1 }]);
  });
  it('groups rows by prospect and names the line of a bad row', () => {
    const header = CSV_COLUMNS.join(',');
    const row = (touch: string) => `3,Dana Reyes,Acme,,discovery,saas,2026-02-01T09:00:00.000Z,,,,,,${touch}`;
    const ok = `${header}\n${row('7,2026-03-02T09:00:00.000Z,email,out,sent,none,,,,')}\n${row('8,2026-03-03T09:00:00.000Z,call,out,no-answer,none,,,,')}\n4,Lee Park,,,lead,,,,,,,,,,,,,,,,,\n`;
    const plan = planFromCadenceCsv(readCsv(ok), NOW);
    expect(plan.prospects.map((p) => p.name)).toEqual(['Dana Reyes', 'Lee Park']);
    expect(plan.touches.map((t) => [t.id, t.prospectId, t.channel])).toEqual([
      [7, 3, 'email'],
      [8, 3, 'call'],
    ]);
    const bad = ok.replace('call,out,no-answer', 'call,out,maybe');
    expect(usageMessage(() => planFromCadenceCsv(readCsv(bad), NOW))).toMatch(/^line 3: "maybe" is not a outcome/);
  });
});

describe('CRM files', () => {
  it('maps CRM stages as SPEC section 3 lists, case- and punctuation-insensitively', () => {
    const cases: [string, string | null][] = [
      ['New', 'lead'], ['open', 'lead'], ['Subscriber', 'lead'], ['Lead', 'lead'], ['MQL', 'lead'],
      ['marketingqualifiedlead', 'lead'], ['SQL', 'discovery'], ['Working', 'discovery'], ['Contacted', 'discovery'],
      ['Qualified', 'discovery'], ['Opportunity', 'proposal'], ['Proposal', 'proposal'], ['Negotiation', 'negotiation'],
      ['Customer', 'won'], ['Closed Won', 'won'], ['closedwon', 'won'], ['closed-won', 'won'], ['CLOSED_WON', 'won'],
      ['Closed Lost', 'lost'], ['closed-lost', 'lost'], ['Unqualified', 'lost'], ['Working - Contacted', 'discovery'],
      ['Zombie', null], ['Demo scheduled', null],
    ];
    for (const [value, stage] of cases) expect(mapStage(value), value).toBe(stage);
  });
  it('finds the columns of HubSpot, Salesforce and Pipedrive exports', () => {
    expect(crmColumns(['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Lifecycle Stage', 'Lead Status'])).toEqual({
      name: -1, first: 1, last: 2, company: 4, email: 3, stage: 5,
    });
    expect(crmColumns(['First Name', 'Last Name', 'Account Name', 'Email Address', 'Lead Status'])).toMatchObject({ company: 2, email: 3, stage: 4 });
    expect(crmColumns(['Person - Name', 'Organization - Name', 'Person - Email', 'Deal - Stage'])).toEqual({
      name: 0, first: -1, last: -1, company: 1, email: 2, stage: 3,
    });
    expect(usageMessage(() => crmColumns(['Company', 'Email']))).toMatch(/no name column/);
  });
  it('imports rows as prospects, warns about an unknown stage with its line, rejects a row without a name', () => {
    const rows = (text: string) => text.split('\n').filter(Boolean).map((l, i) => ({ fields: l.split(','), line: i + 1 }));
    const plan = planFromCrm(rows('First Name,Last Name,Company,Lead Status\nAna,Alvarez,Acme,Closed Won\nBo,Berg,,Zombie\n'), NOW);
    expect(plan.prospects.map((p) => [p.name, p.company, p.stage])).toEqual([
      ['Ana Alvarez', 'Acme', 'won'],
      ['Bo Berg', null, 'lead'],
    ]);
    expect(plan.warnings).toEqual(['line 3: stage "Zombie" is not one cadence knows; imported as lead.']);
    expect(usageMessage(() => planFromCrm(rows('Name,Company\nAna,Acme\n ,Beta\n'), NOW))).toMatch(/^line 3: the name is missing/);
  });
});

describe('cadence CSV cut short', () => {
  const header = CSV_COLUMNS.join(',');
  const dana = '3,Dana Reyes,"Acme, Inc.",dana@acme.example,discovery,saas emea,2026-02-01T09:00:00.000Z,,,,2026-04-15@2026-03-03T11:00:00.000Z,';
  const zoe = '5,Zoë O\'Brien,Globex,,lead,,2026-02-02T09:00:00.000Z,2026-03-05T10:00:00.000Z,,,,';
  const full = [
    header,
    `${dana},7,2026-03-02T09:00:00.000Z,email,out,sent,resource,Churn benchmark 2026,"first, ""quoted""\nsecond line",,2026-03-02T09:00:05.000Z`,
    `${dana},8,2026-03-03T11:00:00.000Z,email,in,not-now,none,,,2026-04-15,2026-03-03T11:00:05.000Z`,
    `${zoe},9,2026-03-05T10:00:00.000Z,email,in,do-not-contact,none,,,,2026-03-05T10:00:05.000Z`,
    '6,Lee Park,,,lead,,2026-02-03T09:00:00.000Z,,,,,,,,,,,,,,,',
    '',
  ].join('\n');
  const whole = planFromCadenceCsv(readCsv(full), NOW);
  const strip = (plan: typeof whole) => ({
    prospects: plan.prospects.map(({ where: _, ...p }) => p),
    touches: plan.touches,
  });

  it('is refused at every cut but a row boundary; what a cut at a boundary gives is the rows before it, whole', () => {
    expect(whole.touches).toHaveLength(3);
    expect(whole.prospects.map((p) => p.doNotContactAt)).toEqual([null, '2026-03-05T10:00:00.000Z', null]);
    const expected = strip(whole);
    let refused = 0;
    for (let cut = header.length + 1; cut < full.length; cut++) {
      const text = full.slice(0, cut);
      let plan: typeof whole;
      try {
        plan = planFromCadenceCsv(readCsv(text), NOW);
      } catch (e) {
        expect(e, `cut at ${cut}`).toBeInstanceOf(UsageError);
        refused++;
        continue;
      }
      // Accepted: only at the end of a line (just before or after its break), never mid-row.
      expect(full[cut] === '\n' || full[cut - 1] === '\n', `cut at ${cut} accepted: ${JSON.stringify(text.slice(-30))}`).toBe(true);
      const got = strip(plan);
      expect(got.prospects, `cut at ${cut}`).toEqual(expected.prospects.slice(0, got.prospects.length));
      expect(got.touches, `cut at ${cut}`).toEqual(expected.touches.slice(0, got.touches.length));
    }
    expect(refused).toBeGreaterThan(full.length - header.length - 12);
  });

  it('a header of some of the columns, in another order, reads them by name; a short row there is refused too', () => {
    const text = 'name,prospect_id,touch_id,at,channel,direction,outcome\nDana Reyes,1,,,,,\nLee Park,2,5,2026-03-02T09:00:00.000Z,email,out,sent';
    const plan = planFromCadenceCsv(readCsv(text), NOW);
    expect(plan.prospects.map((p) => [p.id, p.name, p.company])).toEqual([
      [1, 'Dana Reyes', null],
      [2, 'Lee Park', null],
    ]);
    expect(plan.touches.map((t) => [t.id, t.prospectId, t.channel, t.outcome])).toEqual([[5, 2, 'email', 'sent']]);
    expect(usageMessage(() => planFromCadenceCsv(readCsv(text.replace('Dana Reyes,1,,,,,', 'Dana Reyes,1,,,,')), NOW))).toBe(
      'line 2: 6 cells where the header has 7; the file may be cut short or a comma out of place.',
    );
  });

  it('says the row is short, or the file ends mid-row, with the line', () => {
    const lines = full.split('\n');
    const short = `${lines[0]}\n${lines[3]!.slice(0, lines[3]!.indexOf(',email,in'))}\n`;
    expect(usageMessage(() => planFromCadenceCsv(readCsv(short), NOW))).toBe(
      'line 2: 14 cells where the header has 22; the file may be cut short or a comma out of place.',
    );
    const midInstant = full.slice(0, full.indexOf('2026-03-05T10:00:05') + 13);
    expect(usageMessage(() => planFromCadenceCsv(readCsv(midInstant), NOW))).toBe(
      'line 5: the file ends in the middle of this row, as if cut short; export it again.',
    );
    expect(usageMessage(() => planFromCadenceCsv(readCsv(`${header.slice(0, -6)}\n`), NOW))).toMatch(
      /^line 1: "touch_crea" is not a column of cadence's CSV; the header takes prospect_id, name, /,
    );
  });
});
