import type { Channel, Prospect, TouchFact, Value, Touch } from './types.js';
import { isLight, isResponse } from './types.js';

/**
 * Everything the coaching rules read about one prospect, as of the planned time T.
 * The store builds it from a per-prospect state it keeps current on every write (so
 * 10,000 touches cost what 10 do); `digestFromTouches` builds the same thing from a
 * plain list, as the reference the store is tested against.
 */
export interface Digest {
  prospect: Pick<Prospect, 'id' | 'name' | 'stage' | 'company' | 'tags'>;
  /** The do-not-contact mark in force, if any: when and where it came from. */
  dnc: DncMark | null;
  /** The latest buyer message after the do-not-contact mark, if any. */
  buyerMessageAfterDnc: string | null;
  latestTouch: TouchFact | null;
  latestResponse: TouchFact | null;
  /** Latest outbound touch that is not light (the gap runs from it). */
  latestOutbound: TouchFact | null;
  /** Latest light (social) touch at or before T. */
  latestLightBeforeT: TouchFact | null;
  /** Outbound touches, light ones aside, after the latest response (all if none). */
  unanswered: number;
  /** Unanswered (non-light, outbound) touches in (T - the barrage window, T], oldest first (see barrageWindowMs). */
  recentUnanswered: TouchFact[];
  /** Latest debrief after the latest response (any debrief if there was no response). */
  debriefSinceResponse: TouchFact | null;
  buyerDate: BuyerDate | null;
  /** An outbound touch other than a debrief with `at` strictly after buyerDate.setAt. */
  outboundSinceBuyerDate: boolean;
  /**
   * Distinct values (kind other than none) sent to the prospect in outbound touches.
   * Digests of everyone at once (the agenda) hold only those whose text is a library
   * title: all that advice on a bare check-in compares.
   */
  sentValues: Value[];
  history: HistoryHints;
}

export interface DncMark {
  at: string;
  scope: 'prospect' | 'company';
}

export interface BuyerDate {
  /** YYYY-MM-DD; means 00:00 local time on that date. */
  date: string;
  /** ISO datetime (UTC) it was set. */
  setAt: string;
}

export interface HistoryHints {
  /** Text of the latest debrief, if any. */
  lastDebrief: { at: string; text: string | null } | null;
  /** The latest buyer message (its note or value text says what they care about). */
  lastBuyerMessage: { at: string; channel: Channel; note: string | null; valueText: string | null } | null;
  /** Channels of the unanswered streak, in order of first use. */
  unansweredChannels: Channel[];
  /** First touch ever, for the draft's "since ..." */
  firstTouchAt: string | null;
}

/** Inputs of the reference builder: the prospect, marks and buyer date as the store keeps them. */
export interface DigestSource {
  prospect: Digest['prospect'];
  /** The explicit marks (prospect flag / company flag), if any. */
  flagDnc: DncMark | null;
  /** Touches with outcome do-not-contact at or after this time count as marks (a cleared mark sets it). */
  dncClearedAt: string | null;
  buyerDate: BuyerDate | null;
  touches: Touch[];
}

const DAY_MS = 24 * 3600 * 1000;

function fact(t: Touch): TouchFact {
  return { at: t.at, channel: t.channel, direction: t.direction, outcome: t.outcome, kind: t.value.kind };
}

/** Order of the log: by time, then by entry order. */
export function byTime(a: Pick<Touch, 'at' | 'id'>, b: Pick<Touch, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id;
}

export function digestFromTouches(src: DigestSource, T: Date, windowMs = 7 * DAY_MS): Digest {
  const touches = [...src.touches].sort(byTime);
  const tIso = T.toISOString();
  const weekAgo = new Date(T.getTime() - windowMs).toISOString();

  let dnc = src.flagDnc;
  for (const t of touches) {
    if (t.outcome !== 'do-not-contact') continue;
    if (src.dncClearedAt && t.at < src.dncClearedAt) continue;
    if (!dnc || t.at < dnc.at) dnc = { at: t.at, scope: 'prospect' };
    break;
  }
  const buyerMessageAfterDnc = dnc
    ? (touches.filter((t) => t.direction === 'in' && t.at > dnc!.at).at(-1)?.at ?? null)
    : null;

  const responses = touches.filter((t) => isResponse(fact(t)));
  const latestResponse = responses.at(-1) ?? null;
  const afterResponse = latestResponse ? touches.filter((t) => byTime(t, latestResponse) > 0) : touches;
  const unansweredTouches = afterResponse.filter((t) => t.direction === 'out' && !isLight(t));
  const outbound = touches.filter((t) => t.direction === 'out' && !isLight(t));
  const lights = touches.filter((t) => isLight(t) && t.at <= tIso);
  const debriefs = afterResponse.filter((t) => t.value.kind === 'debrief');
  const allDebriefs = touches.filter((t) => t.value.kind === 'debrief');
  const inbound = touches.filter((t) => t.direction === 'in');

  const sent = new Map<string, { kind: Touch['value']['kind']; text: string | null }>();
  for (const t of touches) {
    if (t.direction !== 'out' || t.value.kind === 'none') continue;
    sent.set(`${t.value.kind}\u0000${t.value.text ?? ''}`, { kind: t.value.kind, text: t.value.text });
  }

  const channels: Channel[] = [];
  for (const t of unansweredTouches) if (!channels.includes(t.channel)) channels.push(t.channel);

  const lastDebrief = allDebriefs.at(-1);
  const lastIn = inbound.at(-1);
  return {
    prospect: src.prospect,
    dnc,
    buyerMessageAfterDnc,
    latestTouch: touches.length ? fact(touches.at(-1)!) : null,
    latestResponse: latestResponse ? fact(latestResponse) : null,
    latestOutbound: outbound.length ? fact(outbound.at(-1)!) : null,
    latestLightBeforeT: lights.length ? fact(lights.at(-1)!) : null,
    unanswered: unansweredTouches.length,
    recentUnanswered: unansweredTouches.filter((t) => t.at > weekAgo && t.at <= tIso).map(fact),
    debriefSinceResponse: debriefs.length ? fact(debriefs.at(-1)!) : null,
    buyerDate: src.buyerDate,
    outboundSinceBuyerDate: src.buyerDate
      ? touches.some((t) => t.direction === 'out' && t.value.kind !== 'debrief' && t.at > src.buyerDate!.setAt)
      : false,
    sentValues: [...sent.values()],
    history: {
      lastDebrief: lastDebrief ? { at: lastDebrief.at, text: lastDebrief.value.text } : null,
      lastBuyerMessage: lastIn
        ? { at: lastIn.at, channel: lastIn.channel, note: lastIn.note, valueText: lastIn.value.text }
        : null,
      unansweredChannels: channels,
      firstTouchAt: touches[0]?.at ?? null,
    },
  };
}
