// The horizon of advice (core/advice/horizon.ts): on an unchanged log, advice at any moment
// before it reads exactly as at T. The agenda keeps rows on the strength of this.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviceHorizon, FOREVER, verdictHorizon } from '../../src/core/advice/horizon.js';
import { advise, decide, type Decision } from '../../src/core/advice/index.js';
import { digestFromTouches, type Digest } from '../../src/core/digest.js';
import { barrageWindowMs, DEFAULT_RULES } from '../../src/core/rules.js';
import type { Advice, Touch } from '../../src/core/types.js';
import { build, scenario, type Scenario } from './advice-arbitraries.js';

/** Advice apart from the moment it was planned for. */
const apartFromT = ({ planned, ...rest }: Advice) => ({ ...rest, planned: { ...planned, at: null } });
const AGENDA_ROW = { brief: 2, suggestFor: new Set(['go', 'send-value'] as const) };
const horizonOf = (s: Scenario, digest: Digest) => {
  const planned = { at: s.T, channel: s.channel, value: s.planned };
  return adviceHorizon(digest, planned, s.rules, decide(digest, planned, s.rules)).getTime();
};

describe('the horizon of advice', () => {
  it('is after T, and no later than the next Saturday, when the log has nothing after T', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { digest } = build(s);
        const h = horizonOf(s, digest);
        if (digest.latestTouch && digest.latestTouch.at > s.T.toISOString()) expect(h).toBe(s.T.getTime());
        else {
          expect(h).toBeGreaterThan(s.T.getTime());
          expect(h).toBeLessThanOrEqual(new Date(s.T.getFullYear(), s.T.getMonth(), s.T.getDate() + 6).getTime());
        }
      }),
      { numRuns: 2000 },
    );
  });

  /**
   * Often a history squeezed into days (so barrages happen), and T shortly before a moment the
   * rules turn at: a touch plus a window, a gap or a "not now".
   */
  const nearTurns = fc
    .tuple(scenario, fc.nat(), fc.constantFrom(1, 2, 3, 5, 7, 14, 30), fc.integer({ min: 1, max: 24 * 60 }), fc.boolean(), fc.constantFrom(1, 10, 40))
    .map(([s0, i, days, minutes, near, squeeze]) => {
      const first = Math.min(...s0.touches.map((t) => t.at.getTime()));
      const s = { ...s0, touches: s0.touches.map((t) => ({ ...t, at: new Date(first + (t.at.getTime() - first) / squeeze) })) };
      if (!near || !s.touches.length) return s;
      const from = s.touches[i % s.touches.length]!.at.getTime();
      const turns = [days * 86_400_000, s.rules.notNowDays * 86_400_000, s.rules.barrageHours * 3_600_000, s.rules.lightTouchDays * 86_400_000];
      return { ...s, T: new Date(from + turns[i % turns.length]! - minutes * 60_000) };
    });

  it('advice (in full, and as an agenda row) is the same at any moment before it, up to its last millisecond', () => {
    fc.assert(
      fc.property(nearTurns, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (s, share) => {
        const { digest, advice } = build(s);
        const h = horizonOf(s, digest);
        const t = s.T.getTime();
        if (h === t) return;
        // Somewhere before it, its last millisecond, and every midnight in between.
        const midnights: number[] = [];
        for (let d = new Date(s.T.getFullYear(), s.T.getMonth(), s.T.getDate() + 1); d.getTime() < h; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
          midnights.push(d.getTime());
        }
        for (const later of [t + Math.floor(share * (h - t)), h - 1, ...midnights]) {
          const T2 = new Date(later);
          expect(apartFromT(build(s, T2).advice), `T ${s.T.toISOString()}, later ${T2.toISOString()}`).toEqual(apartFromT(advice));
          expect(apartFromT(build(s, T2, AGENDA_ROW).advice)).toEqual(apartFromT(build(s, s.T, AGENDA_ROW).advice));
        }
      }),
      { numRuns: 6000 },
    );
  });

  /** A decision apart from what it read (the gap and barrage as they stood). */
  const verdictOf = ({ rule, verdict, waitUntil }: Decision) => ({ rule, verdict, waitUntil: waitUntil?.getTime() ?? null });
  const weekday = (d: Date) => d.getDay() !== 0 && d.getDay() !== 6;

  it('of a verdict is no sooner than the advice\'s, and the verdict holds at any weekday moment before it', () => {
    fc.assert(
      fc.property(nearTurns, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (s0, share) => {
        // The summary asks on Mondays 09:00; any weekday will do here.
        const s = weekday(s0.T) ? s0 : { ...s0, T: new Date(s0.T.getFullYear(), s0.T.getMonth(), s0.T.getDate() + 2, 9) };
        const { digest } = build(s);
        const planned = { at: s.T, channel: s.channel, value: s.planned };
        const decision = decide(digest, planned, s.rules);
        const h = verdictHorizon(digest, planned, s.rules, decision).getTime();
        const t = s.T.getTime();
        expect(h).toBeGreaterThanOrEqual(horizonOf(s, digest));
        expect(h).toBeLessThanOrEqual(FOREVER);
        if (h === t) return;
        // Somewhere before it, its last millisecond, and the same time a week on, for a year.
        const end = Math.min(h, t + 400 * 86_400_000);
        const weeks: number[] = [];
        for (let d = new Date(s.T.getFullYear(), s.T.getMonth(), s.T.getDate() + 7, s.T.getHours(), s.T.getMinutes()); d.getTime() < end; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 7, d.getHours(), d.getMinutes())) {
          weeks.push(d.getTime());
        }
        for (const later of [t + Math.floor(share * (end - t)), end - 1, ...weeks]) {
          const T2 = new Date(later);
          if (!weekday(T2)) continue;
          const again = decide(build(s, T2).digest, { ...planned, at: T2 }, s.rules);
          expect(verdictOf(again), `T ${s.T.toISOString()}, later ${T2.toISOString()}`).toEqual(verdictOf(decision));
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('of a verdict is T on a weekend, and far off when nothing on the log is ahead', () => {
    const digest = build({ ...fc.sample(scenario, { numRuns: 1, seed: 1 })[0]!, touches: [], buyerDate: null, flagDnc: null }).digest;
    const at = (iso: string) => ({ at: new Date(iso), channel: 'email' as const, value: { kind: 'none' as const, text: null } });
    const saturday = at('2026-03-07T09:00');
    expect(verdictHorizon(digest, saturday, DEFAULT_RULES, decide(digest, saturday, DEFAULT_RULES))).toEqual(saturday.at);
    const monday = at('2026-03-09T09:00');
    expect(verdictHorizon(digest, monday, DEFAULT_RULES, decide(digest, monday, DEFAULT_RULES)).getTime()).toBe(FOREVER);
  });

  it('ends where the advice turns: the gap passing, a barrage easing, the calendar', () => {
    const touch = (id: number, at: string, channel: Touch['channel']): Touch => ({
      id, prospectId: 1, at: new Date(at).toISOString(), channel, direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null,
    });
    const advise_ = (touches: Touch[], at: string) => {
      const T = new Date(at);
      const digest = digestFromTouches(
        { prospect: { id: 1, name: 'Dana', stage: 'lead', company: null, tags: [] }, flagDnc: null, dncClearedAt: null, buyerDate: null, touches },
        T,
        barrageWindowMs(DEFAULT_RULES),
      );
      const planned = { at: T, channel: 'email' as const, value: { kind: 'none' as const, text: null } };
      return { advice: advise({ digest, planned, library: [], rules: DEFAULT_RULES }), horizon: adviceHorizon(digest, planned, DEFAULT_RULES, decide(digest, planned, DEFAULT_RULES)) };
    };
    // Emailed on Friday 10:00: three business days, so the gap ends on Wednesday 10:00.
    const friday = [touch(1, '2026-03-06T10:00', 'email')];
    const early = advise_(friday, '2026-03-11T08:00');
    expect(early.advice.verdict).toBe('wait');
    expect(early.horizon).toEqual(new Date('2026-03-11T10:00'));
    expect(advise_(friday, '2026-03-11T10:00').advice.verdict).toBe('send-value');
    // After it, nothing on the log is ahead: the weekend.
    expect(advise_(friday, '2026-03-11T10:00').horizon).toEqual(new Date('2026-03-14T00:00'));
    // On a Saturday, Sunday; near a quarter's end (its term names the day), the next midnight.
    expect(advise_(friday, '2026-03-14T10:00').horizon).toEqual(new Date('2026-03-15T00:00'));
    expect(advise_(friday, '2026-03-24T10:00').horizon).toEqual(new Date('2026-03-25T00:00'));
    // Before a quarter's last days begin, the first of them.
    expect(advise_(friday, '2026-03-16T10:00').horizon).toEqual(new Date('2026-03-18T00:00'));
    // Three channels in a week: the barrage's first touch leaves the window a week after it.
    const spread = [touch(1, '2026-03-02T09:00', 'email'), touch(2, '2026-03-03T09:00', 'call'), touch(3, '2026-03-04T09:00', 'linkedin')];
    const barrage = advise_(spread, '2026-03-09T08:00');
    expect(barrage.advice.reasons.map((r) => r.term)).toContain('barrage');
    expect(barrage.horizon).toEqual(new Date('2026-03-09T09:00'));
  });
});
