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
  buyerDate: BuyerDate | null;
  /** An outbound touch other than a debrief came after the buyer date was set. */
  outboundSinceBuyerDate: boolean;
  firstTouchAt: string | null;
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

/**
 * Folds a log into its facts. With `upTo`, light touches after it are left out (a like
 * planned ahead must not hold back the likes before it); see `needsLog`.
 */
export function fold(log: ProspectLog, upTo?: Date): Facts {
  const touches = [...log.touches].sort(byTime);
  const upToIso = upTo?.toISOString();
  let latestResponse: Touch | null = null;
  let latestOutbound: Touch | null = null;
  let latestLight: Touch | null = null;
  let latestInbound: Touch | null = null;
  let debriefSinceResponse: Touch | null = null;
  let streak: TouchFact[] = [];
  let touchBuyerDate: BuyerDate | null = null;
  const noAts: string[] = [];
  for (const t of touches) {
    const f = fact(t);
    const light = isLight(t);
    const outbound = t.direction === 'out' && !light;
    if (outbound) latestOutbound = t;
    if (isResponse(f)) {
      latestResponse = t;
      streak = [];
      debriefSinceResponse = null;
    } else if (outbound) streak.push(f);
    if (light && (upToIso === undefined || t.at <= upToIso)) latestLight = t;
    if (t.direction === 'in') latestInbound = t;
    if (t.value.kind === 'debrief') debriefSinceResponse = t;
    if (t.outcome === 'do-not-contact') noAts.push(t.at);
    if (t.buyerDate) touchBuyerDate = { date: t.buyerDate, setAt: t.at };
  }
  const buyerDate = buyerDateInForce(touchBuyerDate, log.buyerDateEvents);
  const last = touches.at(-1);
  return {
    lastAt: last?.at ?? null,
    latestTouch: last ? fact(last) : null,
    latestResponse: latestResponse && fact(latestResponse),
    latestOutbound: latestOutbound && fact(latestOutbound),
    latestLight: latestLight && fact(latestLight),
    streak,
    debriefSinceResponse: debriefSinceResponse && fact(debriefSinceResponse),
    noAts,
    latestInboundAt: latestInbound?.at ?? null,
    buyerDate,
    outboundSinceBuyerDate: buyerDate
      ? touches.some((t) => t.direction === 'out' && t.value.kind !== 'debrief' && t.at > buyerDate.setAt)
      : false,
    firstTouchAt: touches[0]?.at ?? null,
  };
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
  const touches = [...log.touches].sort(byTime);
  const sent = new Set<string>();
  let lastDebrief: Touch | null = null;
  let lastIn: Touch | null = null;
  for (const t of touches) {
    if (t.direction === 'out' && t.value.kind !== 'none' && t.value.text) sent.add(norm(t.value.text));
    if (t.value.kind === 'debrief') lastDebrief = t;
    if (t.direction === 'in') lastIn = t;
  }
  return {
    lastDebrief: lastDebrief && { at: lastDebrief.at, text: lastDebrief.value.text },
    lastBuyerMessage: lastIn && { at: lastIn.at, channel: lastIn.channel, note: lastIn.note, valueText: lastIn.value.text },
    sent: [...sent],
  };
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
    buyerDate: facts.buyerDate,
    outboundSinceBuyerDate: facts.outboundSinceBuyerDate,
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
