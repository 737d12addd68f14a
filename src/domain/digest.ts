import type { Channel, Prospect, TouchFact, Value } from './types.js';

/** Everything the coaching rules read about one prospect, as of the planned time T (see fold.ts). */
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
  /** Distinct values (kind other than none) sent to the prospect in outbound touches. */
  sentValues: Value[];
  /** Their texts, normalised (norm): what suggestions compare library titles with. */
  sentTexts: ReadonlySet<string>;
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

