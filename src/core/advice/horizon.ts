// How long advice stays what it is: the first moment after T at which advice on the same log
// could read differently. Lets a list of everyone's advice be kept (store/agenda-memo.ts)
// instead of being worked out again each time the rep looks.
import type { Digest } from '../digest.js';
import { startOfLocalDay } from '../parse.js';
import type { Rules } from '../rules.js';
import type { Decision, Planned } from './precedence.js';
import { DAY_MS, HOUR_MS, barrageAt, gapOf, isWeekend, quarterEndNear } from './timing.js';

/**
 * Advice on `planned`, with a log that does not change, is the same at every moment in
 * [planned.at, horizon). The rules and sentences read the clock in two ways only, and the
 * horizon is the first moment either could tell a later one from T:
 * - against instants that come from the log: the buyer date, the end of a "not now", of a
 *   light touch's week, of the minimum gap, and, during a barrage, the moments its touches
 *   leave its windows (counts and channels are quoted);
 * - by T's calendar day: the weekend (rule 9), the last days of a quarter (whose term names
 *   the day), and the year (dates of another year are written with it). See calendarTurn.
 * A log with touches after T has none (T itself): those enter the windows as time passes.
 * `decision` is the one advice at T was given on (see decide).
 */
export function adviceHorizon(digest: Digest, planned: Pick<Planned, 'at' | 'channel'>, rules: Rules, decision: Decision): Date {
  return new Date(Math.min(calendarTurn(planned.at, rules), logHorizon(digest, planned, rules, decision)));
}

/**
 * The decision on `planned` (a weekday moment T), with a log that does not change, is the same
 * (rule, verdict, wait) at every weekday moment in [T, horizon): the moments from the log of
 * adviceHorizon, without its calendar, which only the sentences and the weekend (rule 9) read.
 * Lets the summary keep verdicts for next Monday from one week to the next (store/verdict-memo.ts).
 * Far in the future (FOREVER) when nothing on the log is ahead; T itself on a weekend.
 */
export function verdictHorizon(digest: Digest, planned: Pick<Planned, 'at' | 'channel'>, rules: Rules, decision: Decision): Date {
  if (isWeekend(planned.at)) return planned.at;
  return new Date(Math.min(FOREVER, logHorizon(digest, planned, rules, decision)));
}

/** A horizon with nothing ahead of it: the last moment an ISO text of four-digit years can name. */
export const FOREVER = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The first moment after T at which something on the log could change the decision (Infinity: none). */
function logHorizon(digest: Digest, planned: Pick<Planned, 'at' | 'channel'>, rules: Rules, decision: Decision): number {
  const t = planned.at.getTime();
  if (digest.latestTouch && Date.parse(digest.latestTouch.at) > t) return t;
  let horizon = Infinity;
  const until = (ms: number) => {
    if (ms > t && ms < horizon) horizon = ms;
  };
  // Rules 3-5.
  if (digest.buyerDate) until(startOfLocalDay(digest.buyerDate.date).getTime());
  const response = digest.latestResponse;
  if (response?.outcome === 'not-now' && !digest.buyerDate) until(Date.parse(response.at) + rules.notNowDays * DAY_MS);
  // Rule 10.
  const light = digest.latestLightBeforeT;
  if (planned.channel === 'social' && light) until(Date.parse(light.at) + rules.lightTouchDays * DAY_MS);
  // Rule 12, and the gap's term after it: read only by a decision that got that far (an
  // earlier rule holds until one of the moments above).
  if (decision.rule < 12) return horizon;
  const gap = decision.gap ?? gapOf(digest, rules);
  if (gap) until(gap.until.getTime());
  const barrage = decision.barrage ?? barrageAt(digest, rules, planned.at);
  const windows = [barrage.byCount ? rules.barrageHours * HOUR_MS : 0, barrage.byChannels ? rules.barrageDays * DAY_MS : 0];
  for (const f of digest.recentUnanswered) for (const w of windows) if (w) until(Date.parse(f.at) + w);
  return horizon;
}

/**
 * The first local midnight after T from which the calendar could change advice: the next day
 * that is a weekend day or one of a quarter's last days; the next midnight when T's own day
 * is one (their terms name T's day). A new year is always such a turn: the year's last day is
 * its last quarter's. A weekday is never more than five days from a Saturday.
 */
export function calendarTurn(T: Date, rules: Rules): number {
  const day = (n: number) => new Date(T.getFullYear(), T.getMonth(), T.getDate() + n);
  const turns = (d: Date) => isWeekend(d) || quarterEndNear(d, rules.quarterEndDays) !== null;
  if (turns(T)) return day(1).getTime();
  let n = 1;
  while (!turns(day(n))) n++;
  return day(n).getTime();
}
