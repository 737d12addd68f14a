// The domain vocabulary, spelled exactly as in SPEC.md section 2.

export const STAGES = ['lead', 'discovery', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

export const CHANNELS = ['call', 'voicemail', 'email', 'text', 'linkedin', 'meeting', 'social', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['out', 'in'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const OUTCOMES = [
  'no-answer',
  'left-message',
  'sent',
  'connected',
  'replied',
  'meeting-booked',
  'not-now',
  'not-interested',
  'do-not-contact',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that mean the buyer responded (SPEC section 2 and 6). */
export const RESPONSE_OUTCOMES: readonly Outcome[] = [
  'replied',
  'connected',
  'meeting-booked',
  'not-now',
  'not-interested',
  'do-not-contact',
];

export const VALUE_KINDS = ['none', 'insight', 'resource', 'intro', 'answer', 'proposal', 'event', 'debrief'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const VERDICTS = ['go', 'wait', 'send-value', 'close-loop', 'stop'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CLOSE_RESULTS = ['won', 'lost', 'no-decision'] as const;
export type CloseResult = (typeof CLOSE_RESULTS)[number];

export interface Value {
  kind: ValueKind;
  text: string | null;
}

export interface Prospect {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  stage: Stage;
  tags: string[];
  /** ISO datetime (UTC) the prospect was added. */
  createdAt: string;
}

export interface Touch {
  id: number;
  prospectId: number;
  /** ISO datetime, UTC, e.g. 2026-03-02T10:00:00.000Z */
  at: string;
  channel: Channel;
  direction: Direction;
  outcome: Outcome;
  value: Value;
  note: string | null;
  /** The date (YYYY-MM-DD) the buyer named at this touch, if any. */
  buyerDate: string | null;
}

export interface ValueItem {
  id: number;
  title: string;
  url: string | null;
  tags: string[];
  createdAt: string;
}

/** A touch as the rules see it: light, with only what the rules read. */
export interface TouchFact {
  at: string;
  channel: Channel;
  direction: Direction;
  outcome: Outcome;
  kind: ValueKind;
}

export interface Reason {
  term: string;
  points: number;
  detail: string;
}

/** The `next` JSON of SPEC section 4. */
export interface Advice {
  prospect: { id: number; name: string; stage: Stage };
  planned: { at: string; channel: Channel; value: Value };
  verdict: Verdict;
  score: number;
  waitUntil: string | null;
  base: number;
  reasons: Reason[];
  suggestions: string[];
  draft: string | null;
}

export function isResponse(t: Pick<TouchFact, 'direction' | 'outcome' | 'kind'>): boolean {
  if (t.kind === 'debrief') return false;
  return t.direction === 'in' || RESPONSE_OUTCOMES.includes(t.outcome);
}

export function isLight(t: Pick<TouchFact, 'channel'>): boolean {
  return t.channel === 'social';
}
