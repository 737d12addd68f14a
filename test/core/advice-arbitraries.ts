// Random touch histories, rules and planned touches for the advice's property tests (TZ Europe/Berlin).
import fc from 'fast-check';
import { digestFromTouches } from '../../src/domain/fold.js';
import { barrageWindowMs, DEFAULT_RULES, rulesFromConfig, type Rules } from '../../src/domain/rules.js';
import { localDay } from '../../src/domain/time.js';
import type { Touch, Value, ValueItem } from '../../src/domain/types.js';
import { CHANNELS, OUTCOMES, STAGES, VALUE_KINDS } from '../../src/domain/types.js';
import { advise, type AdviseOptions } from '../../src/domain/advice/index.js';

const FROM = Date.UTC(2025, 11, 1);
const SPAN_MIN = 150 * 24 * 60; // December to April: crosses a year end, a quarter end and DST
const TEXTS = ['Churn benchmark', 'churn BENCHMARK', 'Pricing teardown', null] as const;

const moment = fc.integer({ min: 0, max: SPAN_MIN }).map((m) => new Date(FROM + m * 60_000));
const value: fc.Arbitrary<Value> = fc
  .record({ kind: fc.constantFrom(...VALUE_KINDS), text: fc.constantFrom(...TEXTS) })
  .map((v) => (v.kind === 'none' ? { kind: 'none', text: null } : v));

const touchArb = fc.record({
  at: moment,
  channel: fc.constantFrom(...CHANNELS),
  direction: fc.constantFrom('out', 'out', 'in' as const),
  // do-not-contact rarely, or nearly every history would be a stop.
  outcome: fc.oneof(
    { arbitrary: fc.constantFrom(...OUTCOMES.filter((o) => o !== 'do-not-contact')), weight: 40 },
    { arbitrary: fc.constant('do-not-contact' as const), weight: 1 },
  ),
  value,
  note: fc.constantFrom(null, 'Can you send pricing?', 'Budget is frozen until Q3'),
});

const coefficient = fc.integer({ min: -50, max: 50 });

const rulesArb: fc.Arbitrary<Rules> = fc.oneof(
  fc.constant(DEFAULT_RULES),
  fc
    .record({
      base: fc.integer({ min: 0, max: 100 }),
      gapBase: fc.record({ lead: fc.integer({ min: 1, max: 5 }), negotiation: fc.integer({ min: 1, max: 5 }) }),
      gapCap: fc.integer({ min: 1, max: 30 }),
      closeAfter: fc.integer({ min: 1, max: 6 }),
      notNowDays: fc.integer({ min: 1, max: 40 }),
      barrageTouches: fc.integer({ min: 1, max: 5 }),
      barrageHours: fc.integer({ min: 1, max: 100 }),
      barrageChannels: fc.integer({ min: 1, max: 4 }),
      barrageDays: fc.integer({ min: 1, max: 7 }),
      lightTouchDays: fc.integer({ min: 1, max: 14 }),
      quarterEndDays: fc.integer({ min: 1, max: 30 }),
      // A few of the score's coefficients (the doubling property covers them all).
      coefficients: fc.record(
        { 'buyer-replied': coefficient, unanswered: coefficient, 'value-new': coefficient },
        { requiredKeys: [] },
      ),
    })
    .map(({ coefficients, ...c }) => rulesFromConfig({ ...c, ...coefficients })),
);

const library: ValueItem[] = [
  { id: 1, title: 'Churn benchmark', url: null, tags: ['saas'], createdAt: '2026-01-01T00:00:00Z' },
  { id: 2, title: 'Pricing Teardown', url: 'https://ex.com/p', tags: [], createdAt: '2026-01-02T00:00:00Z' },
  { id: 3, title: 'Hiring report', url: null, tags: ['saas'], createdAt: '2026-01-03T00:00:00Z' },
];

function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: arb, weight: 1 });
}

export const scenario = fc.record({
  touches: fc.array(touchArb, { maxLength: 10 }),
  stage: fc.constantFrom(...STAGES),
  tags: fc.subarray(['saas', 'fintech']),
  flagDnc: rarely(fc.record({ at: moment.map((d) => d.toISOString()), scope: fc.constantFrom('prospect' as const, 'company' as const) })),
  dncClearedAt: rarely(moment.map((d) => d.toISOString())),
  buyerDate: fc.oneof(fc.constant(null), fc.record({ day: moment, setAt: moment })),
  // T usually shortly after the history, where the gap, barrage and light-touch rules bite.
  T: fc.oneof(moment, fc.integer({ min: SPAN_MIN - 20 * 24 * 60, max: SPAN_MIN + 10 * 24 * 60 }).map((m) => new Date(FROM + m * 60_000))),
  channel: fc.constantFrom(...CHANNELS),
  planned: value,
  rules: rulesArb,
});
export type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** The digest and advice of a scenario at its T, or at another moment `T` on the same log. */
export function build(s: Scenario, T: Date = s.T, options?: AdviseOptions) {
  const touches: Touch[] = s.touches.map((t, i) => ({
    id: i + 1,
    prospectId: 1,
    at: t.at.toISOString(),
    channel: t.channel,
    direction: t.direction,
    outcome: t.outcome,
    value: t.value,
    note: t.direction === 'in' ? t.note : null,
    buyerDate: null,
  }));
  const buyerDate = s.buyerDate ? { date: localDay(s.buyerDate.day), setAt: s.buyerDate.setAt.toISOString() } : null;
  const digest = digestFromTouches(
    {
      prospect: { id: 1, name: 'Dana Reyes', stage: s.stage, company: 'Acme', tags: s.tags },
      flagDnc: s.flagDnc,
      dncClearedAt: s.dncClearedAt,
      buyerDate,
      touches,
    },
    T,
    barrageWindowMs(s.rules),
  );
  const input = { digest, planned: { at: T, channel: s.channel, value: s.planned }, library, rules: s.rules };
  const advice = advise(input, options);
  return { touches, buyerDate, digest, advice, input };
}

