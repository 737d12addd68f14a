// The one fold from a prospect's log to what the rules read of it. Pure: no I/O, no clock.
import type { BuyerDate, Digest, DncMark } from './digest.js';
import { barrageWindowMs, DEFAULT_RULES } from './rules.js';
import type { Channel, Touch, TouchFact, Value } from './types.js';
import { isLight, isResponse } from './types.js';
import { norm } from './advice/format.js';

/** A buyer date set or cleared (`day` null) by `prospect set` or `close --revisit`. */
export interface BuyerDateEvent {
  day: string | null;
  setAt: string;
}

/** What the rules may read of one prospect's log: its touches and the buyer dates set outside a touch. */
export interface ProspectLog {
  touches: readonly Touch[];
  buyerDateEvents: readonly BuyerDateEvent[];
}

/**
 * The fold of a whole log: everything the rules read that depends neither on the planned time
 * nor on the config, so it can be kept beside the log and read for any planned time (see
 * `needsLog` for the one exception). Plain JSON data.
 */
export interface Facts {
  /** The latest touch's time: where the log ends. */
  lastAt: string | null;
  latestTouch: TouchFact | null;
  latestResponse: TouchFact | null;
  /** Latest outbound touch that is not light (the gap runs from it). */
  latestOutbound: TouchFact | null;
  /** Latest light (social) touch of all. */
  latestLight: TouchFact | null;
  /** Outbound touches, light ones aside, after the latest response (all if none), oldest first. */
  streak: TouchFact[];
  /** Latest debrief after the latest response (any debrief if there was no response). */
  debriefSinceResponse: TouchFact | null;
  /** Times of the touches with outcome do-not-contact, oldest first (a cleared mark lifts the earlier ones). */
  noAts: string[];
  /** The latest buyer message's time, for "they wrote after the mark". */
  latestInboundAt: string | null;
  /** The latest date the buyer named at a touch. */
  touchBuyerDate: BuyerDate | null;
  /** The latest buyer date set or cleared outside a touch. */
  buyerDateEvent: BuyerDateEvent | null;
  /** The latest outbound touch other than a debrief (light ones too): "nothing went out since". */
  lastOutAt: string | null;
  firstTouchAt: string | null;
  /** The id of the latest touch: where a touch logged after it takes up the fold (see foldOn). */
  lastId: number | null;
}

/**
 * What a log says in words: read only by suggestions and drafts, so it is kept apart from the
 * facts and read only for the prospects a list suggests something to.
 */
export interface Words {
  lastDebrief: { at: string; text: string | null } | null;
  /** The latest buyer message (its note or value text says what they care about). */
  lastBuyerMessage: { at: string; channel: Channel; note: string | null; valueText: string | null } | null;
  /** The texts delivered, each once, normalised: what suggestions compare library titles with. */
  sent: string[];
}

/** What a prospect is and the marks on it, read with its facts. */
export interface ProspectState {
  prospect: Digest['prospect'];
  /** The prospect's own mark, if set. */
  dncAt: string | null;
  /** Do-not-contact touches before this moment were lifted by a clear. */
  dncClearedAt: string | null;
  /** The mark of the prospect's company, if any. */
  companyMarkedAt: string | null;
}

function fact(t: Touch): TouchFact {
  return { at: t.at, channel: t.channel, direction: t.direction, outcome: t.outcome, kind: t.value.kind };
}

/** Order of the log: by time, then by entry order. */
export function byTime(a: Pick<Touch, 'at' | 'id'>, b: Pick<Touch, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id;
}

/** The facts of a log with no touch yet, and these buyer dates. */
function start(events: readonly BuyerDateEvent[]): Facts {
  const facts: Facts = {
    lastAt: null,
    latestTouch: null,
    latestResponse: null,
    latestOutbound: null,
    latestLight: null,
    streak: [],
    debriefSinceResponse: null,
    noAts: [],
    latestInboundAt: null,
    touchBuyerDate: null,
    buyerDateEvent: null,
    lastOutAt: null,
    firstTouchAt: null,
    lastId: null,
  };
  for (const e of events) step(facts, e);
  return facts;
}

/** One more entry of the log, in log order: a touch, or a buyer date set outside one. Changes `facts`. */
function step(facts: Facts, entry: Touch | BuyerDateEvent, upToIso?: string): void {
  if (!('id' in entry)) {
    // The latest setting wins, the later one on a tie.
    if (!facts.buyerDateEvent || entry.setAt >= facts.buyerDateEvent.setAt) facts.buyerDateEvent = { day: entry.day, setAt: entry.setAt };
    return;
  }
  const t = entry;
  const f = fact(t);
  const light = isLight(t);
  const outbound = t.direction === 'out' && !light;
  facts.firstTouchAt ??= t.at;
  facts.lastAt = t.at;
  facts.lastId = t.id;
  facts.latestTouch = f;
  if (outbound) facts.latestOutbound = f;
  if (isResponse(f)) {
    facts.latestResponse = f;
    facts.streak = [];
    facts.debriefSinceResponse = null;
  } else if (outbound) facts.streak.push(f);
  if (light && (upToIso === undefined || t.at <= upToIso)) facts.latestLight = f;
  if (t.direction === 'in') facts.latestInboundAt = t.at;
  if (t.direction === 'out' && t.value.kind !== 'debrief') facts.lastOutAt = t.at;
  if (t.value.kind === 'debrief') facts.debriefSinceResponse = f;
  if (t.outcome === 'do-not-contact') facts.noAts.push(t.at);
  if (t.buyerDate) facts.touchBuyerDate = { date: t.buyerDate, setAt: t.at };
}

/**
 * Folds a log into its facts. With `upTo`, light touches after it are left out (a like
 * planned ahead must not hold back the likes before it); see `needsLog`.
 */
export function fold(log: ProspectLog, upTo?: Date): Facts {
  const facts = start(log.buyerDateEvents);
  const upToIso = upTo?.toISOString();
  for (const t of [...log.touches].sort(byTime)) step(facts, t, upToIso);
  return facts;
}

/**
 * The facts after entries added to the end of the log (touches logged after its last one, and
 * buyer dates set): the fold taken up where it stopped, the same as folding the whole log
 * again. Null when a touch would not come last in log order: then the log must be folded again.
 */
export function foldOn(facts: Facts, added: readonly (Touch | BuyerDateEvent)[]): Facts | null {
  const next: Facts = structuredClone(facts);
  for (const entry of added) {
    // A touch already folded, or one that comes before the last, cannot be taken up.
    if ('id' in entry && next.lastAt !== null && byTime(entry, { at: next.lastAt, id: next.lastId! }) <= 0) return null;
    step(next, entry);
  }
  return next;
}

/** The buyer date in force, and whether anything went out after it was set. */
export function buyerDateOf(facts: Facts): { buyerDate: BuyerDate | null; outboundSince: boolean } {
  const buyerDate = buyerDateInForce(facts.touchBuyerDate, facts.buyerDateEvent ? [facts.buyerDateEvent] : []);
  return { buyerDate, outboundSince: buyerDate !== null && facts.lastOutAt !== null && facts.lastOutAt > buyerDate.setAt };
}

/** The most recent setting wins; one set directly beats one named at a touch at the same instant; a cleared date is none. */
function buyerDateInForce(atTouch: BuyerDate | null, events: readonly BuyerDateEvent[]): BuyerDate | null {
  let event: BuyerDateEvent | null = null;
  for (const e of events) if (!event || e.setAt >= event.setAt) event = e;
  if (event && (!atTouch || event.setAt >= atTouch.setAt)) return event.day === null ? null : { date: event.day, setAt: event.setAt };
  return atTouch;
}

/** Kept facts hold the latest like of all: a planned time before it needs the log folded up to that time. */
export function needsLog(facts: Facts, T: Date): boolean {
  return facts.latestLight !== null && facts.latestLight.at > T.toISOString();
}

/** The words of a log (see Words). */
export function wordsOf(log: ProspectLog): Words {
  return wordsOn({ lastDebrief: null, lastBuyerMessage: null, sent: [] }, [...log.touches].sort(byTime));
}

/** The words after touches added to the end of the log, in log order (see foldOn). */
export function wordsOn(words: Words, added: readonly Touch[]): Words {
  const sent = new Set(words.sent);
  let { lastDebrief, lastBuyerMessage } = words;
  for (const t of added) {
    if (t.direction === 'out' && t.value.kind !== 'none' && t.value.text) sent.add(norm(t.value.text));
    if (t.value.kind === 'debrief') lastDebrief = { at: t.at, text: t.value.text };
    if (t.direction === 'in') lastBuyerMessage = { at: t.at, channel: t.channel, note: t.note, valueText: t.value.text };
  }
  return { lastDebrief, lastBuyerMessage, sent: [...sent] };
}

/** What a digest reads beyond the facts, only when asked: the values sent, and the words. */
export interface Beyond {
  /** Each kind and text once (see sentValues). */
  values(): Value[];
  words(): Words;
}

/** What lies beyond the facts, given. */
export function beyondOf(values: Value[], words: Words): Beyond {
  return { values: () => values, words: () => words };
}

/** The values delivered to a prospect (outbound, kind other than none), each kind and text once. */
export function sentValues(touches: readonly Touch[]): Value[] {
  const sent = new Map<string, Value>();
  for (const t of touches) {
    if (t.direction !== 'out' || t.value.kind === 'none') continue;
    sent.set(`${t.value.kind}\u0000${t.value.text ?? ''}`, { kind: t.value.kind, text: t.value.text });
  }
  return [...sent.values()];
}

/**
 * When a mark cleared at `at` takes effect: do-not-contact touches count from then on, and one
 * already logged at or after that moment was logged before the clear, so it moves just past it.
 */
export function clearedAt(touches: readonly Touch[], at: string): string {
  let lastNo: string | null = null;
  for (const t of touches) if (t.outcome === 'do-not-contact' && (lastNo === null || t.at > lastNo)) lastNo = t.at;
  return lastNo !== null && lastNo >= at ? new Date(Date.parse(lastNo) + 1).toISOString() : at;
}

/** The earliest mark in force: the prospect's own, its company's, or a "no" the buyer gave since the last clear. */
export function dncMark(state: ProspectState, facts: Facts): DncMark | null {
  const said = facts.noAts.find((at) => !state.dncClearedAt || at >= state.dncClearedAt) ?? null;
  let at: string | null = null;
  for (const x of [state.dncAt, state.companyMarkedAt, said]) if (x !== null && (at === null || x < at)) at = x;
  if (at === null) return null;
  return { at, scope: state.companyMarkedAt === at ? 'company' : 'prospect' };
}

/**
 * What the rules read at the planned time T: the facts, the prospect's marks, what lies beyond
 * the facts (read only by suggestions, drafts and a planned value), and the barrage window
 * (`windowMs`, see barrageWindowMs) of the unanswered streak.
 */
export function digestOf(state: ProspectState, facts: Facts, beyond: Beyond, T: Date, windowMs: number): Digest {
  const tIso = T.toISOString();
  const from = new Date(T.getTime() - windowMs).toISOString();
  const dnc = dncMark(state, facts);
  const bd = buyerDateOf(facts);
  const light = facts.latestLight && facts.latestLight.at <= tIso ? facts.latestLight : null;
  const channels: Channel[] = [];
  for (const t of facts.streak) if (!channels.includes(t.channel)) channels.push(t.channel);
  let sentTexts: ReadonlySet<string> | undefined;
  return {
    prospect: state.prospect,
    dnc,
    buyerMessageAfterDnc: dnc && facts.latestInboundAt && facts.latestInboundAt > dnc.at ? facts.latestInboundAt : null,
    latestTouch: facts.latestTouch,
    latestResponse: facts.latestResponse,
    latestOutbound: facts.latestOutbound,
    latestLightBeforeT: light,
    unanswered: facts.streak.length,
    recentUnanswered: facts.streak.filter((t) => t.at > from && t.at <= tIso),
    debriefSinceResponse: facts.debriefSinceResponse,
    buyerDate: bd.buyerDate,
    outboundSinceBuyerDate: bd.outboundSince,
    get sentValues() {
      return beyond.values();
    },
    get sentTexts() {
      return (sentTexts ??= new Set(beyond.words().sent));
    },
    history: {
      get lastDebrief() {
        return beyond.words().lastDebrief;
      },
      get lastBuyerMessage() {
        return beyond.words().lastBuyerMessage;
      },
      unansweredChannels: channels,
      firstTouchAt: facts.firstTouchAt,
    },
  };
}

/** A prospect and its whole log, as a test or a one-off reads it. */
export interface DigestSource {
  prospect: Digest['prospect'];
  /** The prospect's or its company's mark, if any. */
  flagDnc: DncMark | null;
  dncClearedAt: string | null;
  /** A buyer date set outside a touch, if any. */
  buyerDate: BuyerDate | null;
  touches: Touch[];
}

/** The digest straight from a log: fold, then read at T. */
export function digestFromTouches(src: DigestSource, T: Date, windowMs = barrageWindowMs(DEFAULT_RULES)): Digest {
  const events = src.buyerDate ? [{ day: src.buyerDate.date, setAt: src.buyerDate.setAt }] : [];
  const facts = fold({ touches: src.touches, buyerDateEvents: events }, T);
  const state: ProspectState = {
    prospect: src.prospect,
    dncAt: src.flagDnc?.scope === 'prospect' ? src.flagDnc.at : null,
    companyMarkedAt: src.flagDnc?.scope === 'company' ? src.flagDnc.at : null,
    dncClearedAt: src.dncClearedAt,
  };
  const log = { touches: src.touches, buyerDateEvents: events };
  return digestOf(state, facts, beyondOf(sentValues(src.touches), wordsOf(log)), T, windowMs);
}
