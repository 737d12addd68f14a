// The clock arithmetic of the rules: gap, barrage, weekend, quarter end.
// Only addBusinessDays comes from date-fns, imported on its own to keep startup cheap.
import { addBusinessDays } from 'date-fns/addBusinessDays';
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import type { Channel, Stage, TouchFact } from '../types.js';
import { isLight } from '../types.js';

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;

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

export interface BarrageByCount {
  touches: TouchFact[];
  /** When enough touches have left the window that the count drops below the limit. */
  until: Date;
}

export interface BarrageByChannels {
  channels: Channel[];
  since: Date;
  until: Date;
}

export interface Barrage {
  byCount: BarrageByCount | null;
  byChannels: BarrageByChannels | null;
}

/**
 * The barrage at T, and when each part of it ends if nothing else is sent.
 * Windows are half-open, (T − window, T], so a touch leaves the window exactly `window` after it.
 */
export function barrageAt(digest: Digest, rules: Rules, T: Date): Barrage {
  const t = T.getTime();
  const unanswered = digest.recentUnanswered
    .filter((f) => f.direction === 'out' && !isLight(f))
    .map((f) => ({ f, ms: Date.parse(f.at) }))
    .filter((x) => x.ms <= t)
    .sort((a, b) => a.ms - b.ms);

  let byCount: BarrageByCount | null = null;
  const countWindow = rules.barrageHours * HOUR_MS;
  const inCount = unanswered.filter((x) => x.ms > t - countWindow);
  if (inCount.length >= rules.barrageTouches) {
    // Dropping the oldest (n − limit + 1) touches ends it: the (n − limit)th leaves last.
    const pivot = inCount[inCount.length - rules.barrageTouches]!;
    byCount = { touches: inCount.map((x) => x.f), until: new Date(pivot.ms + countWindow) };
  }

  let byChannels: BarrageByChannels | null = null;
  const channelWindow = rules.barrageDays * DAY_MS;
  const inChannels = unanswered.filter((x) => x.ms > t - channelWindow);
  const lastOn = new Map<Channel, number>();
  for (const x of inChannels) lastOn.set(x.f.channel, x.ms);
  if (lastOn.size >= rules.barrageChannels) {
    // A channel leaves the window when its latest touch does; drop enough of them.
    const lasts = [...lastOn.values()].sort((a, b) => a - b);
    const pivot = lasts[lasts.length - rules.barrageChannels]!;
    byChannels = {
      channels: [...new Set(inChannels.map((x) => x.f.channel))],
      since: new Date(inChannels[0]!.ms),
      until: new Date(pivot + channelWindow),
    };
  }
  return { byCount, byChannels };
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
