// The decisions on a bare check-in planned on the Mondays ahead, worked out from one reading of
// the log, so that the summary can keep next Monday's verdict for the weeks after as well.
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import { verdictHorizon, FOREVER } from './horizon.js';
import { decide, type Decision, type Planned } from './precedence.js';

/** A decision and the moments it holds for: [from, until). */
export interface Stretch {
  from: Date;
  until: Date;
  decision: Decision;
}

/**
 * The decision on `planned` (at a weekday moment T), then, while the log stays as it is, at
 * `next(h)` for each horizon h (the first moment the caller will ask at, a weekday, at or
 * after h), up to `most` of them: stretches that, between them, hold for every such moment
 * from T on until the last one's end. The first holds for T. A stretch that ends where it
 * starts (the log has touches after T) holds for no other moment, and ends the list.
 * The digest read for T serves for the later moments: on a log with nothing after T, one read
 * later differs only by the barrage window's older touches, which the rules and the horizon
 * leave out by their own windows.
 */
export function decisionsAhead(
  digest: Digest,
  planned: Planned,
  rules: Rules,
  next: (h: Date) => Date,
  most: number,
): Stretch[] {
  const out: Stretch[] = [];
  let at = planned.at;
  for (;;) {
    const p = { ...planned, at };
    const decision = decide(digest, p, rules);
    const until = verdictHorizon(digest, p, rules, decision);
    out.push({ from: at, until, decision });
    if (until.getTime() <= at.getTime() || until.getTime() >= FOREVER || out.length >= most) return out;
    at = next(until);
  }
}
