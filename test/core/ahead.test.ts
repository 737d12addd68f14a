// The verdicts on the Mondays ahead (core/advice/ahead.ts), from one reading of the log: what
// the summary keeps from one week to the next. Each must be the verdict that reading the log
// again on that Monday would give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionsAhead } from '../../src/core/advice/ahead.js';
import { decide, type Decision } from '../../src/core/advice/index.js';
import { mondayNineFrom } from '../../src/core/summary.js';
import { build, scenario } from './advice-arbitraries.js';

const WEEK = 7 * 86_400_000;
const verdictOf = ({ rule, verdict, waitUntil }: Decision) => ({ rule, verdict, waitUntil: waitUntil?.getTime() ?? null });

describe('mondayNineFrom', () => {
  // TZ is Europe/Berlin in the tests: summer time starts on Sunday 29 March 2026.
  it('is the first Monday 09:00 local at or after a moment', () => {
    expect(mondayNineFrom(new Date('2026-03-09T08:59'))).toEqual(new Date('2026-03-09T09:00'));
    expect(mondayNineFrom(new Date('2026-03-09T09:00'))).toEqual(new Date('2026-03-09T09:00'));
    expect(mondayNineFrom(new Date('2026-03-09T09:00:00.001'))).toEqual(new Date('2026-03-16T09:00'));
    expect(mondayNineFrom(new Date('2026-03-15T23:59'))).toEqual(new Date('2026-03-16T09:00'));
    expect(mondayNineFrom(new Date('2026-03-27T12:00'))).toEqual(new Date('2026-03-30T09:00'));
    expect(mondayNineFrom(new Date('2026-03-30T09:00')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
});

describe('the decisions on the Mondays ahead', () => {
  it('are, at every Monday 09:00 they cover, what the log read that Monday decides; they cover every Monday up to the last one\'s end', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 10 }), (s0, most) => {
        const s = { ...s0, T: mondayNineFrom(s0.T) };
        const { digest } = build(s);
        const planned = { at: s.T, channel: s.channel, value: s.planned };
        const stretches = decisionsAhead(digest, planned, s.rules, mondayNineFrom, most);
        expect(stretches.length).toBeGreaterThanOrEqual(1);
        expect(stretches.length).toBeLessThanOrEqual(most);
        expect(stretches[0]!.from).toEqual(s.T);
        expect(verdictOf(stretches[0]!.decision)).toEqual(verdictOf(decide(digest, planned, s.rules)));
        const last = stretches.at(-1)!;
        // Every Monday from T until the last stretch ends (for forty weeks at most).
        const end = Math.min(last.until.getTime(), s.T.getTime() + 40 * WEEK);
        for (let m = s.T; m.getTime() < end; m = mondayNineFrom(new Date(m.getTime() + 1))) {
          const covering = stretches.filter((x) => x.from.getTime() <= m.getTime() && m.getTime() < x.until.getTime());
          expect(covering, `Monday ${m.toISOString()}`).toHaveLength(1);
          const again = decide(build(s, m).digest, { ...planned, at: m }, s.rules);
          expect(verdictOf(covering[0]!.decision), `T ${s.T.toISOString()}, Monday ${m.toISOString()}`).toEqual(verdictOf(again));
        }
        // Each one starts on a Monday 09:00, the first one at or after the end of the one before.
        stretches.forEach((x, i) => {
          expect(mondayNineFrom(x.from)).toEqual(x.from);
          if (i > 0) expect(x.from).toEqual(mondayNineFrom(stretches[i - 1]!.until));
        });
      }),
      { numRuns: 2000 },
    );
  });
});
