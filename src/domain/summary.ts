// The arithmetic of `cadence summary`: pure, no I/O and no clock (the window comes in).
import { addWeeks } from 'date-fns/addWeeks';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Unanswered } from './barrage.js';
import { barrageAt } from './barrage.js';
import { byTime } from './fold.js';
import type { Rules } from './rules.js';
import { barrageWindowMs } from './rules.js';
import type { Channel, Stage, TouchFact, Verdict } from './types.js';
import { CHANNELS, isLight, isResponse } from './types.js';

/** A touch as the summary counts it: what it was, not what it said. */
export interface SummaryTouch extends TouchFact {
  id: number;
  prospectId: number;
}

export interface StageMove {
  prospectId: number;
  name: string;
  from: Stage | null;
  to: Stage;
  at: string;
}

export interface SummaryInput {
  /** The window, [from, until). */
  from: Date;
  until: Date;
  /**
   * Touches in [from, until), and in [from − lookback(rules), from) at least those of the
   * prospects with an outbound touch in it: the earlier ones only feed the barrage windows,
   * which only such a touch opens.
   */
  touches: SummaryTouch[];
  /** Stage moves in [from, until). */
  stageMoves: StageMove[];
  /** The name of a prospect (asked only for the few the lists name). */
  nameOf: (prospectId: number) => string;
  /** The order of names on the lists (default: ICU's default locale's). */
  compareNames?: NameOrder;
  /** Who is due in the week after and whose loop to close: see NextWeekLists. */
  ahead: NextWeek;
  rules: Rules;
}

export interface SummaryVerdict {
  prospectId: number;
  name: string;
  stage: Stage;
  verdict: Verdict;
  /** ISO, when the verdict is wait. */
  waitUntil: string | null;
  channel: Channel;
}

export interface DueEntry {
  prospectId: number;
  name: string;
  stage: Stage;
  /** When the touch is due (ISO): Monday 09:00, or the end of a wait that ends during the week. */
  due: string;
  verdict: Verdict;
  channel: Channel;
  /** What to bring: the engine's first suggestion, if any. */
  what: string | null;
}

export interface LoopEntry {
  prospectId: number;
  name: string;
  stage: Stage;
  detail: string | null;
}

export interface PesterEntry {
  prospectId: number;
  name: string;
  /** The touch that made it a barrage. */
  at: string;
  /** `touches`: too many in barrageHours; `channels`: too many channels in barrageDays. */
  kind: 'touches' | 'channels';
  touches: number;
  channels: Channel[];
  detail: string;
}

export interface Summary {
  from: string;
  /** Exclusive end of the window. */
  until: string;
  touches: number;
  outbound: number;
  inbound: number;
  byChannel: Record<Channel, number>;
  prospectsTouched: number;
  responses: number;
  /** Prospects the rep reached out to in the window, and how many of them responded in it. */
  prospectsReached: number;
  prospectsResponded: number;
  /** prospectsResponded / prospectsReached; null when nobody was reached. */
  responseRate: number | null;
  valueTouches: number;
  /** Share of outbound touches that carried value (kind other than none); 0 without outbound touches. */
  valueShare: number;
  meetingsBooked: number;
  stageMoves: StageMove[];
  dealsClosed: { prospectId: number; name: string; result: 'won' | 'lost'; at: string }[];
  dueNextWeek: DueEntry[];
  closeTheLoop: LoopEntry[];
  /** How many are due and have a loop to close: more than the lists hold when `rows` cut them. */
  totals: { dueNextWeek: number; closeTheLoop: number };
  pestering: PesterEntry[];
}

/** Monday 00:00 to the next Monday 00:00, local time, around `now`. */
export function weekAround(now: Date): { from: Date; until: Date } {
  const from = startOfWeek(now, { weekStartsOn: 1 });
  return { from, until: addWeeks(from, 1) };
}

/** The first Monday 09:00 local at or after `until`'s Monday: "next week" after the window. */
export function nextWeekStart(until: Date): Date {
  const monday = startOfWeek(new Date(until.getTime() - 1), { weekStartsOn: 1 });
  const next = addWeeks(monday, 1);
  return new Date(next.getFullYear(), next.getMonth(), next.getDate(), 9, 0, 0, 0);
}

/** How far before the window touches must be loaded for the barrage windows to be complete. */
export function lookbackMs(rules: Rules): number {
  return barrageWindowMs(rules);
}

export function summarize(input: SummaryInput): Summary {
  const fromIso = input.from.toISOString();
  const untilIso = input.until.toISOString();
  const week = input.touches.filter((t) => t.at >= fromIso && t.at < untilIso);

  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const t of week) byChannel[t.channel]++;
  const outbound = week.filter((t) => t.direction === 'out');
  const responses = week.filter((t) => isResponse(t));
  const reached = new Set(outbound.map((t) => t.prospectId));
  const responded = new Set(responses.filter((t) => reached.has(t.prospectId)).map((t) => t.prospectId));
  const valueTouches = outbound.filter((t) => t.kind !== 'none').length;

  return {
    from: fromIso,
    until: untilIso,
    touches: week.length,
    outbound: outbound.length,
    inbound: week.length - outbound.length,
    byChannel,
    prospectsTouched: new Set(week.map((t) => t.prospectId)).size,
    responses: responses.length,
    prospectsReached: reached.size,
    prospectsResponded: responded.size,
    responseRate: reached.size ? responded.size / reached.size : null,
    valueTouches,
    valueShare: outbound.length ? valueTouches / outbound.length : 0,
    meetingsBooked: week.filter((t) => t.outcome === 'meeting-booked').length,
    stageMoves: input.stageMoves,
    dealsClosed: input.stageMoves
      .filter((m) => m.to === 'won' || m.to === 'lost')
      .map((m) => ({ prospectId: m.prospectId, name: m.name, result: m.to as 'won' | 'lost', at: m.at })),
    ...input.ahead,
    pestering: pestering(input.touches, input.from, input.until, input.rules, input.nameOf, input.compareNames),
  };
}

/** How names are ordered on the lists. */
export type NameOrder = (a: string, b: string) => number;

/** The locale's order of names (BCP 47 tag; undefined: ICU's default): one collator, not a localeCompare per comparison. */
export function nameOrder(locale?: string): NameOrder {
  const collator = new Intl.Collator(locale);
  return (a, b) => collator.compare(a, b);
}

/** Names in ICU's default order. */
export const byName: NameOrder = (a, b) => (defaultOrder ??= nameOrder())(a, b);
let defaultOrder: NameOrder | undefined;

export type NextWeek = Pick<Summary, 'dueNextWeek' | 'closeTheLoop' | 'totals'>;

/**
 * Where a verdict goes on next week's lists, names apart: the list (null: on neither), and for
 * the due list its place: `dueAt`, the wait's end (milliseconds since 1970), or 0 for a touch
 * due at the planned moment itself (a wait decided then ends after it), then `late`, 0 for a
 * plain "go" (often a buyer waiting for an answer) and 1 for the rest. A wait is due next week
 * when it ends before the week does.
 */
interface Placement {
  list: 'due' | 'loop' | null;
  dueAt: number;
  late: 0 | 1;
}

function placement(verdict: Verdict, waitUntil: string | null): Placement {
  if (verdict === 'close-loop') return { list: 'loop', dueAt: 0, late: 1 };
  if (verdict === 'stop') return { list: null, dueAt: 0, late: 1 };
  if (verdict === 'wait') return waitUntil === null ? { list: null, dueAt: 0, late: 1 } : { list: 'due', dueAt: Date.parse(waitUntil), late: 1 };
  return { list: 'due', dueAt: 0, late: verdict === 'go' ? 0 : 1 };
}

interface Placed {
  dueAt: number;
  late: 0 | 1;
  entry: DueEntry;
}

/**
 * Who is due in the week after the window, and whose loop to close, from every prospect's
 * verdict at `nextWeek` (next Monday 09:00), planned as a bare check-in on its usual channel.
 * Verdicts come one at a time and each list keeps only its first `rows` (see TopK): a big book
 * has thousands due, and a summary shows a few. Due soonest first, at the same time a plain
 * "go" first, then by name (see Placement); loops by name. `what` and `detail` are left null:
 * the caller works out sentences for the rows it shows.
 */
export class NextWeekLists {
  private readonly plannedAt: string;
  /** The end of the week after (ISO). */
  readonly weekEnd: string;
  private readonly weekEndMs: number;
  private readonly due: TopK<Placed>;
  private readonly loops: TopK<LoopEntry>;

  constructor(nextWeek: Date, rows = Infinity, compare: NameOrder = byName) {
    this.plannedAt = nextWeek.toISOString();
    this.weekEndMs = addWeeks(nextWeek, 1).getTime();
    this.weekEnd = new Date(this.weekEndMs).toISOString();
    this.due = new TopK<Placed>(rows, (a, b) => a.dueAt - b.dueAt || a.late - b.late || compare(a.entry.name, b.entry.name));
    this.loops = new TopK<LoopEntry>(rows, (a, b) => compare(a.name, b.name));
  }

  /** Whether the verdict made a list's first rows (it may be pushed out by a later one). */
  add(v: SummaryVerdict): boolean {
    const { list, dueAt, late } = placement(v.verdict, v.waitUntil);
    if (list === 'loop') return this.loops.offer(this.loopEntry(v));
    if (list === 'due' && dueAt < this.weekEndMs) return this.due.offer({ dueAt, late, entry: this.dueEntry(v) });
    return false;
  }

  result(): NextWeek {
    return {
      dueNextWeek: this.due.first().map((p) => p.entry),
      closeTheLoop: this.loops.first(),
      totals: { dueNextWeek: this.due.offered, closeTheLoop: this.loops.offered },
    };
  }

  private dueEntry({ prospectId, name, stage, verdict, waitUntil, channel }: SummaryVerdict): DueEntry {
    return { prospectId, name, stage, due: verdict === 'wait' ? waitUntil! : this.plannedAt, verdict, channel, what: null };
  }

  private loopEntry({ prospectId, name, stage }: SummaryVerdict): LoopEntry {
    return { prospectId, name, stage, detail: null };
  }
}

/** NextWeekLists of a list of verdicts. */
export function nextWeekOf(verdicts: Iterable<SummaryVerdict>, nextWeek: Date, rows = Infinity): NextWeek {
  const lists = new NextWeekLists(nextWeek, rows);
  for (const v of verdicts) lists.add(v);
  return lists.result();
}

/**
 * The first `k` of what is offered, in `compare` order, as a stable sort of everything would
 * give them: one pass that keeps k (n log k, not n log n), counting what it saw.
 */
export class TopK<T> {
  private readonly kept: T[] = [];
  offered = 0;

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /** Whether it is among the first k now. */
  offer(x: T): boolean {
    this.offered++;
    const { kept, k, compare } = this;
    if (k <= 0 || (kept.length === k && compare(x, kept[k - 1]!) >= 0)) return false;
    // After the equal ones already kept, as a stable sort would place it.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(kept[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, x);
    if (kept.length > k) kept.pop();
    return true;
  }

  first(): T[] {
    return [...this.kept];
  }
}

/**
 * SPEC section 6's barrage (see barrage.ts), replayed at each outbound touch of the window: the
 * unanswered (after the latest response), non-light outbound touches in the windows ending at it.
 * A touch that follows a response starts a new count, so answering a buyer is never pestering.
 */
export function pestering(
  touches: SummaryTouch[],
  from: Date,
  until: Date,
  rules: Rules,
  nameOf: (prospectId: number) => string,
  compare: NameOrder = byName,
): PesterEntry[] {
  const byProspect = new Map<number, SummaryTouch[]>();
  for (const t of touches) {
    const list = byProspect.get(t.prospectId);
    if (list) list.push(t);
    else byProspect.set(t.prospectId, [t]);
  }
  const out: PesterEntry[] = [];
  const lo = from.getTime();
  const hi = until.getTime();
  for (const list of byProspect.values()) {
    list.sort(byTime);
    let unanswered: Unanswered[] = [];
    for (const t of list) {
      if (isResponse(t)) {
        unanswered = [];
        continue;
      }
      if (t.direction !== 'out' || isLight(t)) continue;
      const ms = Date.parse(t.at);
      unanswered.push({ ms, channel: t.channel });
      if (ms < lo || ms >= hi) continue;
      const hit = pesterAt(unanswered, ms, rules);
      if (hit) {
        out.push({ prospectId: t.prospectId, name: nameOf(t.prospectId), at: t.at, ...hit });
        break;
      }
    }
  }
  return out.sort((a, b) => compare(a.name, b.name));
}

/** The barrage the touch at `t` made, if any, as the summary words it: by count first. */
function pesterAt(unanswered: readonly Unanswered[], t: number, rules: Rules): Pick<PesterEntry, 'kind' | 'touches' | 'channels' | 'detail'> | null {
  const { byCount, byChannels } = barrageAt(unanswered, t, rules);
  const part = byCount ?? byChannels;
  if (!part) return null;
  const { touches, channels } = part;
  const what = byCount
    ? `${touches.length} unanswered touches within ${rules.barrageHours} hours`
    : `unanswered touches on ${channels.length} channels within ${rules.barrageDays} days`;
  return { kind: byCount ? 'touches' : 'channels', touches: touches.length, channels, detail: `${what} (${channels.join(', ')})` };
}
