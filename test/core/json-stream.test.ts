// streamExport must give what reading the whole file gives (planFromJson), or step aside
// (NotLineShaped, or a UsageError the whole read then words), and never step aside for
// cadence's own export.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { planFromJson } from '../../src/domain/transfer/json.js';
import { exported } from './exported.js';
import { NotLineShaped, streamExport } from '../../src/domain/transfer/json-stream.js';
import { checkUnique, type CompanyMark, type PlanTouch } from '../../src/domain/transfer/plan.js';
import { CHANNELS, OUTCOMES } from '../../src/domain/types.js';

const NOW = '2026-11-20T10:00:00.000Z';

type Outcome = { plan: unknown } | { failed: string };

function streamed(text: string): Outcome {
  try {
    const source = streamExport(text.split('\n'), NOW);
    const touches = [...source.touches];
    const { values, companyMarks } = source.rest();
    return { plan: { prospects: source.prospects, touches, values, companyMarks } };
  } catch (e) {
    if (e instanceof UsageError || e instanceof NotLineShaped) return { failed: e.constructor.name };
    throw e;
  }
}

function whole(text: string): Outcome {
  try {
    const plan = planFromJson(text, NOW);
    checkUnique(plan);
    return { plan: { prospects: plan.prospects, touches: plan.touches, values: plan.values, companyMarks: plan.companyMarks } };
  } catch (e) {
    if (e instanceof UsageError) return { failed: e.message };
    throw e;
  }
}

const moment = fc.date({ min: new Date('2024-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }).map((d) => d.toISOString());
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('{"a": 1},', '], "touches": [', '\\u0000', 'Ærøskøbing', '😀 "x"'));

/** A valid export's data: prospects 1..n, touches that belong to them, a small library. */
const dataArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    prospects: fc.constant(
      Array.from({ length: n }, (_, i) => ({
        id: i + 1, name: `Prospect ${i + 1}`, company: null, email: null, stage: 'lead' as const, tags: [],
        createdAt: NOW, doNotContactAt: null, doNotContactClearedAt: null, buyerDates: [], stageHistory: [],
      })),
    ),
    touches: fc
      .array(
        fc.record({
          prospectId: fc.integer({ min: 1, max: n }),
          at: moment,
          channel: fc.constantFrom(...CHANNELS),
          direction: fc.constantFrom('out' as const, 'in' as const),
          outcome: fc.constantFrom(...OUTCOMES),
          note: fc.option(text, { nil: null }),
        }),
        { maxLength: 12 },
      )
      .map((ts) => ts.map((t, i): PlanTouch => ({ id: i + 1, ...t, kind: 'none', text: null, buyerDate: null, createdAt: NOW }))),
    values: fc.array(fc.record({ title: text.filter((t) => t.trim() !== '') }), { maxLength: 3 }).map((vs) =>
      vs.map((v, i) => ({ id: i + 1, title: `${v.title} ${i}`, url: null, tags: [], createdAt: NOW })),
    ),
    companyMarks: fc.constant<CompanyMark[]>([]),
  }),
);

/** Line edits a hand-edited or broken file might have. */
const editArb = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('uncomma' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), with: fc.constantFrom('', '  ],', '  "touches": [', '{"x": 1},', '[', '}', ' "values": [', '{"id": 1, "prospectId": 1, "at": "2025-01-01T00:00:00.000Z", "channel": "email", "outcome": "sent"},') }),
);

function edit(lines: string[], e: { op: string; at: number; to?: number; with?: string }): string[] {
  const out = [...lines];
  if (!out.length) return out;
  const i = e.at % out.length;
  if (e.op === 'drop') out.splice(i, 1);
  if (e.op === 'duplicate') out.splice(i, 0, out[i]!);
  if (e.op === 'swap') [out[i], out[e.to! % out.length]] = [out[e.to! % out.length]!, out[i]!];
  if (e.op === 'uncomma') out[i] = out[i]!.replace(/,\s*$/, '');
  if (e.op === 'replace') out[i] = e.with!;
  return out;
}

describe('streamExport', () => {
  it("reads cadence's own export record by record, giving what the whole file gives", async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async (data) => {
        const file = await exported(data);
        const got = streamed(file);
        expect(got).toEqual(whole(file));
        expect('plan' in got).toBe(true);
      }),
    );
  });

  it('gives what the whole file gives, or steps aside, for any other layout or a damaged file', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, fc.array(editArb, { maxLength: 3 }), fc.constantFrom('own', 'compact', 'pretty', 'crlf', 'values first', 'touches first'), async (data, edits, layout) => {
        const doc = { version: 1, ...data };
        let file = await exported(data);
        if (layout === 'compact') file = JSON.stringify(doc);
        if (layout === 'pretty') file = JSON.stringify(doc, null, 2);
        if (layout === 'crlf') file = file.replace(/\n/g, '\r\n');
        if (layout === 'values first' || layout === 'touches first') {
          const order = layout === 'values first' ? ['values', 'prospects', 'touches'] : ['touches', 'prospects', 'values'];
          file = `{"version": 1,\n${order.map((k) => `"${k}": [\n${(doc[k as 'values'] as unknown[]).map((x) => JSON.stringify(x)).join(',\n')}\n]`).join(',\n')}\n}\n`;
        }
        const lines = edits.reduce((ls, e) => edit(ls, e), file.split('\n'));
        const text = lines.join('\n');
        const got = streamed(text);
        // Stepping aside is always allowed; a result must be the whole file's.
        if ('plan' in got) expect(got).toEqual(whole(text));
      }),
      { numRuns: 400 },
    );
  });

  it('steps aside for a record over several lines, touches before prospects, or a placeholder lookalike', () => {
    const touch = '{"id": 1, "prospectId": 1, "at": "2025-01-01T00:00:00.000Z", "channel": "email", "outcome": "sent"}';
    const prospect = '{"id": 1, "name": "Ana"}';
    const cases = [
      `{"version": 1,\n"prospects": [\n{"id": 1,\n"name": "Ana"}\n],\n"touches": [\n${touch}\n]}`,
      `{"version": 1,\n"touches": [\n${touch}\n],\n"prospects": [\n${prospect}\n]}`,
      `{"version": 1, "x": "\\u00000-0",\n"prospects": [\n${prospect}\n]}`,
      `{"version": 1,\n"prospects": [\n${prospect}\n],\n"prospects": [\n]}`,
    ];
    for (const c of cases) {
      expect('failed' in streamed(c), c).toBe(true);
    }
  });

  it('hands each touch on as it is read: the touches are checked lazily, in file order', () => {
    const bad = '{"id": 2, "prospectId": 1, "at": "2025-01-01T00:00:00.000Z", "channel": "fax", "outcome": "sent"}';
    const good = '{"id": 1, "prospectId": 1, "at": "2025-01-01T00:00:00.000Z", "channel": "email", "outcome": "sent"}';
    const source = streamExport(`{"version": 1,\n"prospects": [\n{"id": 1, "name": "Ana"}\n],\n"touches": [\n${good},\n${bad}\n]}`.split('\n'), NOW);
    expect(source.prospects.map((p) => p.name)).toEqual(['Ana']);
    const it = source.touches[Symbol.iterator]();
    expect(it.next().value).toMatchObject({ id: 1, channel: 'email' });
    expect(() => it.next()).toThrow(/touches\[1\]: "fax" is not a channel/);
  });
});
