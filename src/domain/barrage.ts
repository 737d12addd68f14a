// SPEC section 6's barrage, written once: `next` asks whether there is one at the planned
// time, `summary` whether each outbound touch of the week made one.
import type { Rules } from './rules.js';
import { DAY_MS, HOUR_MS } from './time.js';
import type { Channel } from './types.js';

/** An unanswered outbound touch (light ones are never part of a barrage), at `ms`. */
export interface Unanswered {
  ms: number;
  channel: Channel;
}

export interface BarragePart<T extends Unanswered> {
  /** The unanswered touches in the window, oldest first. */
  touches: T[];
  /** Their channels, in order of first use. */
  channels: Channel[];
  /** When enough of them have left the window that it is no longer a barrage, if nothing else is sent. */
  until: Date;
}

export interface Barrage<T extends Unanswered> {
  /** barrageTouches or more unanswered touches within barrageHours. */
  byCount: BarragePart<T> | null;
  /** Unanswered touches on barrageChannels or more channels within barrageDays. */
  byChannels: BarragePart<T> | null;
}

/**
 * The barrage at `t` (ms) among the unanswered touches, oldest first (those after `t` are left
 * out). Windows are half-open, (t − window, t], so a touch leaves the window exactly `window` after it.
 */
export function barrageAt<T extends Unanswered>(unanswered: readonly T[], t: number, rules: Rules): Barrage<T> {
  let end = unanswered.length;
  while (end > 0 && unanswered[end - 1]!.ms > t) end--;

  let byCount: BarragePart<T> | null = null;
  const countWindow = rules.barrageHours * HOUR_MS;
  const inCount = since(unanswered, end, t - countWindow);
  if (inCount.length >= rules.barrageTouches) {
    // Dropping the oldest (n − limit + 1) touches ends it: the (n − limit)th leaves last.
    const pivot = inCount[inCount.length - rules.barrageTouches]!;
    byCount = { touches: inCount, channels: [...new Set(inCount.map((x) => x.channel))], until: new Date(pivot.ms + countWindow) };
  }

  let byChannels: BarragePart<T> | null = null;
  const channelWindow = rules.barrageDays * DAY_MS;
  const inChannels = since(unanswered, end, t - channelWindow);
  // In order of first use; each channel's value is its latest touch.
  const lastOn = new Map<Channel, number>();
  for (const x of inChannels) lastOn.set(x.channel, x.ms);
  if (lastOn.size >= rules.barrageChannels) {
    // A channel leaves the window when its latest touch does; drop enough of them.
    const lasts = [...lastOn.values()].sort((a, b) => a - b);
    const pivot = lasts[lasts.length - rules.barrageChannels]!;
    byChannels = { touches: inChannels, channels: [...lastOn.keys()], until: new Date(pivot + channelWindow) };
  }
  return { byCount, byChannels };
}

/** The touches before index `end` that are after `after`: a suffix, as the list is oldest first. */
function since<T extends Unanswered>(list: readonly T[], end: number, after: number): T[] {
  let start = end;
  while (start > 0 && list[start - 1]!.ms > after) start--;
  return list.slice(start, end);
}
