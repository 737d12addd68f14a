// The fold taken up where it stopped (foldOn, wordsOn) is the fold of the whole log: what lets
// `log` keep a prospect's facts without reading its history again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byTime, clearedAt, fold, foldOn, wordsOf, wordsOn, type BuyerDateEvent } from '../../src/domain/fold.js';
import { CHANNELS, OUTCOMES, VALUE_KINDS, type Touch } from '../../src/domain/types.js';

const FROM = Date.UTC(2026, 0, 5);
const at = (minutes: number) => new Date(FROM + minutes * 60_000).toISOString();

const touchArb = fc.record({
  minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  channel: fc.constantFrom(...CHANNELS),
  direction: fc.constantFrom('out' as const, 'out' as const, 'in' as const),
  outcome: fc.constantFrom(...OUTCOMES),
  kind: fc.constantFrom(...VALUE_KINDS),
  text: fc.constantFrom(null, 'Churn benchmark', 'churn  BENCHMARK', 'Pricing'),
  note: fc.constantFrom(null, 'Call me after the launch'),
  buyerDay: fc.constantFrom(null, null, null, '2026-03-01', '2026-02-10'),
});
const eventArb = fc.record({ minute: fc.integer({ min: 0, max: 60 * 24 * 60 }), day: fc.constantFrom(null, '2026-04-01', '2026-02-20') });

/** Touches with ids in logging order (a later log gets a higher id, whatever its time). */
function touchesOf(raw: fc.RecordValue<typeof touchArb>[]): Touch[] {
  return raw.map((r, i) => ({
    id: i + 1,
    prospectId: 1,
    at: at(r.minute),
    channel: r.channel,
    direction: r.direction,
    outcome: r.outcome,
    value: r.kind === 'none' ? { kind: 'none', text: null } : { kind: r.kind, text: r.text },
    note: r.note,
    buyerDate: r.buyerDay,
  }));
}

describe('the fold taken up where it stopped', () => {
  it('gives the facts and words of the whole log, for touches that come after the last one', () => {
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 30 }), fc.array(touchArb, { maxLength: 6 }), fc.array(eventArb, { maxLength: 3 }), fc.array(eventArb, { maxLength: 2 }), (before, after, events, laterEvents) => {
        const all = touchesOf([...before, ...after]);
        const old = all.slice(0, before.length);
        const last = [...old].sort(byTime).at(-1);
        // Logged later, and (as a rep logs after the fact) at or after the last touch's time.
        const added = all.slice(before.length).map((t, i) => ({ ...t, at: last && t.at < last.at ? new Date(Date.parse(last.at) + i * 60_000).toISOString() : t.at }));
        const ev = (e: { minute: number; day: string | null }): BuyerDateEvent => ({ day: e.day, setAt: at(e.minute) });
        const oldEvents = events.map(ev);
        const newEvents = laterEvents.map(ev);
        const whole = { touches: [...old, ...added], buyerDateEvents: [...oldEvents, ...newEvents] };
        const kept = fold({ touches: old, buyerDateEvents: oldEvents });
        const sorted = [...added].sort(byTime);
        expect(foldOn(kept, [...sorted, ...newEvents])).toEqual(fold(whole));
        expect(wordsOn(wordsOf({ touches: old, buyerDateEvents: [] }), sorted)).toEqual(wordsOf(whole));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a touch that would not come last: the log must then be folded again', () => {
    const [a, b] = touchesOf([
      { minute: 600, channel: 'email', direction: 'out', outcome: 'sent', kind: 'none', text: null, note: null, buyerDay: null },
      { minute: 60, channel: 'call', direction: 'in', outcome: 'replied', kind: 'none', text: null, note: null, buyerDay: null },
    ]) as [Touch, Touch];
    expect(foldOn(fold({ touches: [a], buyerDateEvents: [] }), [b])).toBeNull();
    // One already folded is not folded twice.
    expect(foldOn(fold({ touches: [a], buyerDateEvents: [] }), [a])).toBeNull();
    // The same moment as the last touch, logged after it: it comes last.
    expect(foldOn(fold({ touches: [a], buyerDateEvents: [] }), [{ ...b, at: a.at }])).toEqual(fold({ touches: [a, { ...b, at: a.at }], buyerDateEvents: [] }));
  });
});

describe('a cleared do-not-contact mark', () => {
  const no = (at: string): Touch => ({ id: 1, prospectId: 1, at, channel: 'call', direction: 'in', outcome: 'do-not-contact', value: { kind: 'none', text: null }, note: null, buyerDate: null });
  it('takes effect when cleared, and just after a "no" logged at or after that moment (it was logged before the clear)', () => {
    const T = '2026-03-02T10:00:00.000Z';
    expect(clearedAt([], T)).toBe(T);
    expect(clearedAt([no('2026-03-01T10:00:00.000Z')], T)).toBe(T);
    expect(clearedAt([no(T)], T)).toBe('2026-03-02T10:00:00.001Z');
    expect(clearedAt([no('2026-03-05T10:00:00.000Z'), no('2026-03-01T10:00:00.000Z')], T)).toBe('2026-03-05T10:00:00.001Z');
  });
});
