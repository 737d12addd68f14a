// The clock arithmetic of the rules: gap, barrage, weekend, quarter end.
// Only addBusinessDays comes from date-fns, imported on its own to keep startup cheap.
import { addBusinessDays } from 'date-fns/addBusinessDays';
import type { Barrage, Unanswered } from '../barrage.js';
import { barrageAt } from '../barrage.js';
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import { DAY_MS } from '../time.js';
import type { Stage, TouchFact } from '../types.js';

export interface Gap {
  stage: Stage;
  unanswered: number;
  /** Business days between the latest outbound touch and the next one. */
  days: number;
  from: Date;
  until: Date;
}

/** Base × 2^(unanswered − 1) business days, at least the base, at most the cap. */
export function gapDays(rules: Rules, stage: Stage, unanswered: number): number {
  const base = rules.gapBase[stage];
  const widened = base * 2 ** (unanswered - 1);
  return Math.min(rules.gapCap, Math.max(base, widened));
}

/** The minimum gap running from the latest (non-light) outbound touch, if there was one. */
export function gapOf(digest: Digest, rules: Rules): Gap | null {
  if (!digest.latestOutbound) return null;
  const { stage } = digest.prospect;
  const days = gapDays(rules, stage, digest.unanswered);
  const from = new Date(digest.latestOutbound.at);
  // addBusinessDays keeps the clock time, as the spec asks ("same clock time").
  return { stage, unanswered: digest.unanswered, days, from, until: addBusinessDays(from, days) };
}

/** An unanswered touch of the digest, with its time in milliseconds. */
export type UnansweredFact = TouchFact & Unanswered;

/** The barrage at T among the digest's recent unanswered touches. */
export function barrageOf(digest: Digest, rules: Rules, T: Date): Barrage<UnansweredFact> {
  const unanswered = digest.recentUnanswered.map((f) => ({ ...f, ms: Date.parse(f.at) }));
  return barrageAt(unanswered, T.getTime(), rules);
}

export function isWeekend(T: Date): boolean {
  const day = T.getDay();
  return day === 0 || day === 6;
}

/** Monday 00:00 local after a weekend day. */
export function mondayAfter(T: Date): Date {
  const ahead = T.getDay() === 6 ? 2 : 1;
  return new Date(T.getFullYear(), T.getMonth(), T.getDate() + ahead);
}

/** The last day of T's calendar quarter, if T falls in its last `days` days. */
export function quarterEndNear(T: Date, days: number): Date | null {
  const lastMonth = Math.floor(T.getMonth() / 3) * 3 + 2;
  const end = new Date(T.getFullYear(), lastMonth + 1, 0);
  const today = new Date(T.getFullYear(), T.getMonth(), T.getDate());
  // Round: a DST change inside the span makes it 23 or 25 hours short of whole days.
  const left = Math.round((end.getTime() - today.getTime()) / DAY_MS);
  return left < days ? end : null;
}
