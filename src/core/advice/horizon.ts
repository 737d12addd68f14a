// How long advice stays what it is: the first moment after T at which advice on the same log
// could read differently. Lets a list of everyone's advice be kept (store/agenda-memo.ts)
// instead of being worked out again each time the rep looks.
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import type { Planned } from './precedence.js';
import { DAY_MS, HOUR_MS, barrageAt, gapOf } from './timing.js';

/**
 * Advice on `planned`, with a log that does not change, is the same at every moment in
 * [planned.at, horizon). The rules and sentences read the clock in two ways only, and the
 * horizon is the first moment either could tell a later one from T:
 * - against instants that come from the log: the end of a "not now", of a light touch's
 *   week, of the minimum gap, and, during a barrage, the moments its touches leave its
 *   windows (counts and channels are quoted);
 * - by T's calendar day: the buyer date (a local midnight), the weekend, the quarter's end,
 *   dates written without their year. So no later than the next local midnight.
 * A log with touches after T has none (T itself): those enter the windows as time passes.
 */
export function adviceHorizon(digest: Digest, planned: Pick<Planned, 'at' | 'channel'>, rules: Rules): Date {
  const T = planned.at;
  const t = T.getTime();
  if (digest.latestTouch && Date.parse(digest.latestTouch.at) > t) return T;
  let horizon = new Date(T.getFullYear(), T.getMonth(), T.getDate() + 1).getTime();
  const until = (ms: number) => {
    if (ms > t && ms < horizon) horizon = ms;
  };
  // Rule 5.
  const response = digest.latestResponse;
  if (response?.outcome === 'not-now' && !digest.buyerDate) until(Date.parse(response.at) + rules.notNowDays * DAY_MS);
  // Rule 10.
  const light = digest.latestLightBeforeT;
  if (planned.channel === 'social' && light) until(Date.parse(light.at) + rules.lightTouchDays * DAY_MS);
  // Rule 12, and the gap's term after it.
  const gap = gapOf(digest, rules);
  if (gap) until(gap.until.getTime());
  const barrage = barrageAt(digest, rules, T);
  const windows = [barrage.byCount ? rules.barrageHours * HOUR_MS : 0, barrage.byChannels ? rules.barrageDays * DAY_MS : 0];
  for (const f of digest.recentUnanswered) for (const w of windows) if (w) until(Date.parse(f.at) + w);
  return new Date(horizon);
}
