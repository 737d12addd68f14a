// Properties of the advice over random touch histories and planned touches (TZ Europe/Berlin).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../src/domain/parse.js';
import type { Advice, Touch } from '../../src/domain/types.js';
import { VERDICTS } from '../../src/domain/types.js';
import { advise, decide, PRECEDENCE, type RuleName } from '../../src/domain/advice/index.js';
import { build, scenario } from './advice-arbitraries.js';

const sorted = (ts: Touch[]) => [...ts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
const RUNS = { numRuns: 3000 };

describe('advice properties', () => {
  it('the generator reaches every rule of the precedence', () => {
    const seen = new Set<RuleName>();
    for (const s of fc.sample(scenario, { numRuns: 6000, seed: 7 })) {
      const { digest } = build(s);
      seen.add(decide(digest, { at: s.T, channel: s.channel, value: s.planned }, s.rules).rule);
    }
    expect(PRECEDENCE.filter((r) => !seen.has(r))).toEqual([]);
  });

  it('a do-not-contact prospect is always stop with score 0', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { touches, advice } = build(s);
        const marked =
          s.flagDnc !== null ||
          touches.some((t) => t.outcome === 'do-not-contact' && (s.dncClearedAt === null || t.at >= s.dncClearedAt));
        if (marked) {
          expect(advice.verdict).toBe('stop');
          expect(advice.score).toBe(0);
          expect(advice.reasons[0]!.term).toBe('do-not-contact');
          expect(advice.suggestions).toEqual([]);
        } else {
          expect(advice.reasons.map((r) => r.term)).not.toContain('do-not-contact');
        }
      }),
      RUNS,
    );
  });

  it('a planned none is go only when the buyer wrote last, asked for it by date, or it is a light touch', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { touches, buyerDate, advice } = build(s);
        if (s.planned.kind !== 'none' || advice.verdict !== 'go') return;
        const latest = sorted(touches).at(-1);
        const buyerReplied = latest?.direction === 'in' && !['not-now', 'not-interested', 'do-not-contact'].includes(latest.outcome);
        const buyerDateArrived =
          buyerDate !== null &&
          startOfLocalDay(buyerDate.date).getTime() <= s.T.getTime() &&
          !touches.some((t) => t.direction === 'out' && t.value.kind !== 'debrief' && t.at > buyerDate.setAt);
        const lightTouch = s.channel === 'social';
        expect(buyerReplied || buyerDateArrived || lightTouch).toBe(true);
        expect(['buyer-replied', 'buyer-date', 'light-touch']).toContain(advice.reasons[0]!.term);
      }),
      RUNS,
    );
  });

  it('every graded term takes its points from the coefficients: doubling them all doubles each', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { advice } = build(s);
        const coefficients = Object.fromEntries(Object.entries(s.rules.coefficients).map(([k, v]) => [k, 2 * v]));
        const doubled = build({ ...s, rules: { ...s.rules, coefficients: coefficients as typeof s.rules.coefficients } }).advice;
        const times = advice.verdict === 'stop' ? 1 : 2;
        expect(doubled.reasons).toEqual(advice.reasons.map((r) => ({ ...r, points: r.points * times })));
        expect(doubled.verdict).toBe(advice.verdict);
        expect(doubled.waitUntil).toBe(advice.waitUntil);
      }),
      RUNS,
    );
  });

  it('waitUntil is set exactly for wait, and always after T', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { advice } = build(s);
        expect(advice.waitUntil !== null).toBe(advice.verdict === 'wait');
        if (advice.waitUntil) expect(Date.parse(advice.waitUntil)).toBeGreaterThan(s.T.getTime());
      }),
      RUNS,
    );
  });

  it('scores 0 for stop, else clamp(base + sum of points), with explained reasons', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { advice } = build(s);
        expect(advice.base).toBe(s.rules.base);
        expect(advice.reasons.length).toBeGreaterThan(0);
        for (const r of advice.reasons) {
          expect(r.term).toMatch(/^[a-z]+(-[a-z]+)*$/);
          expect(Number.isInteger(r.points)).toBe(true);
          expect(r.detail.length).toBeGreaterThan(10);
        }
        const sum = advice.reasons.reduce((acc, r) => acc + r.points, advice.base);
        expect(advice.score).toBe(advice.verdict === 'stop' ? 0 : Math.min(100, Math.max(0, sum)));
        expect(advice.score).toBeGreaterThanOrEqual(0);
        expect(advice.score).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('suggests nothing already sent, drafts only for close-loop, and is deterministic', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { touches, advice } = build(s);
        const sent = touches
          .filter((t) => t.direction === 'out' && t.value.text)
          .map((t) => t.value.text!.toLowerCase());
        for (const line of advice.suggestions) {
          const title = /^Send '([^']+)'/.exec(line)?.[1];
          if (title) expect(sent).not.toContain(title.toLowerCase());
        }
        expect(advice.draft !== null).toBe(advice.verdict === 'close-loop');
        if (advice.draft) expect(advice.draft.split(/\s+/).filter(Boolean).length).toBeLessThan(120);
        const again: Advice = build(s).advice;
        expect(again).toEqual(advice);
      }),
      RUNS,
    );
  });

  it('brief advice (a list row) is the full advice cut to its first reason and first suggestions, with the same score', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 6 }), (s, n) => {
        const { advice, input } = build(s);
        expect(advise(input, { brief: n })).toEqual({
          ...advice,
          reasons: advice.reasons.slice(0, 1),
          suggestions: advice.suggestions.slice(0, n),
          draft: null,
        });
      }),
      RUNS,
    );
  });

  it('with suggestFor, only those verdicts get suggestions; the rest of the advice is the same', () => {
    fc.assert(
      fc.property(scenario, fc.subarray([...VERDICTS]), (s, verdicts) => {
        const { advice, input } = build(s);
        const brief = advise(input, { brief: 2 });
        expect(advise(input, { brief: 2, suggestFor: new Set(verdicts) })).toEqual({
          ...brief,
          suggestions: verdicts.includes(advice.verdict) ? brief.suggestions : [],
        });
      }),
      RUNS,
    );
  });
});
