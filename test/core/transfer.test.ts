import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { crmColumns, mapStage, planFromCrm } from '../../src/core/transfer/crm.js';
import { CSV_COLUMNS, planFromCadenceCsv } from '../../src/core/transfer/csv.js';
import { exportJson, planFromJson } from '../../src/core/transfer/json.js';
import { readCsv } from '../../src/core/transfer/rfc4180.js';

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
  it('a plan written out and read back is the same plan', () => {
    const plan = planFromJson(JSON.stringify(doc), NOW);
    const text = [...exportJson({ ...plan, prospects: plan.prospects, values: plan.values }, 64)].join('');
    expect(JSON.parse(text)).toEqual(doc);
    const again = planFromJson(text, NOW);
    expect(again).toEqual(plan);
  });
  it('an empty export is valid JSON', () => {
    const text = [...exportJson({ prospects: [], touches: [], values: [], companyMarks: [] })].join('');
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
