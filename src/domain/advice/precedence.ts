// The verdict precedence of SPEC section 6: the rules in order, first match wins.
// Each rule carries the coaching principle (SPEC section 1) that justifies it.
import type { Barrage } from '../barrage.js';
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import { DAY_MS, startOfLocalDay } from '../time.js';
import type { Channel, Outcome, Value, Verdict } from '../types.js';
import { isResponse } from '../types.js';
import { sameText } from './format.js';
import type { Gap, UnansweredFact } from './timing.js';
import { barrageOf, gapOf, isWeekend, mondayAfter } from './timing.js';

export interface Planned {
  at: Date;
  channel: Channel;
  value: Value;
}

/** The rules of the precedence, in their order. */
export const PRECEDENCE = [
  'do-not-contact',
  'buyer-replied',
  'buyer-date-ahead',
  'buyer-date-arrived',
  'not-now',
  'not-interested',
  'lost',
  'loop-closed',
  'weekend',
  'light-touch',
  'fresh-conversation',
  'gap-or-barrage',
  'close-after-silence',
  'no-value',
  'repeat',
  'new-value',
] as const;
export type RuleName = (typeof PRECEDENCE)[number];

export interface Decision {
  /** The rule that decided. */
  rule: RuleName;
  verdict: Verdict;
  waitUntil: Date | null;
  /** Set once the gap-or-barrage rule is reached: the gap and barrage as they stand at T. */
  gap?: Gap | null;
  barrage?: Barrage<UnansweredFact>;
}

/** The buyer's side makes the touch welcome even without value: they wrote, the day they named came, or it is a like. */
export function welcomeWithoutValue(rule: RuleName): boolean {
  return rule === 'buyer-replied' || rule === 'buyer-date-arrived' || rule === 'light-touch';
}

/** The rule came after the gap-or-barrage rule let the touch through: any gap has passed. */
export function pastTheWait(rule: RuleName): boolean {
  return rule === 'close-after-silence' || rule === 'no-value' || rule === 'repeat' || rule === 'new-value';
}

/** Buyer messages that say "not now / no": they are not a question waiting for an answer. */
const REFUSALS: readonly Outcome[] = ['not-now', 'not-interested', 'do-not-contact'];
/** Outbound outcomes that mean a live conversation just happened. */
const CONVERSATIONS: readonly Outcome[] = ['connected', 'replied', 'meeting-booked'];

export function decide(digest: Digest, planned: Planned, rules: Rules): Decision {
  const T = planned.at;
  const t = T.getTime();
  const done = (rule: RuleName, verdict: Verdict, waitUntil: Date | null = null): Decision => ({ rule, verdict, waitUntil });

  // No means no: a do-not-contact mark (prospect, company or touch) ends all outreach.
  if (digest.dnc) return done('do-not-contact', 'stop');

  // Answer the buyer fast: their message is the latest touch, so reply whatever the gap or date.
  const latest = digest.latestTouch;
  if (latest && latest.direction === 'in' && !REFUSALS.includes(latest.outcome)) return done('buyer-replied', 'go');

  if (digest.buyerDate) {
    const day = startOfLocalDay(digest.buyerDate.date);
    // The buyer's timeline wins: their date is a hard wait.
    if (day.getTime() > t) return done('buyer-date-ahead', 'wait', day);
    // The date they named has come and nothing went out since they named it: they asked for this touch.
    if (!digest.outboundSinceBuyerDate) return done('buyer-date-arrived', 'go');
  }

  // "Not now" without a date still means not now: leave them alone for a while.
  const response = digest.latestResponse;
  if (response?.outcome === 'not-now' && !digest.buyerDate) {
    const end = Date.parse(response.at) + rules.notNowDays * DAY_MS;
    if (t < end) return done('not-now', 'wait', new Date(end));
  }

  // The buyer said no: close the loop once instead of chasing; after the note, stop.
  if (response?.outcome === 'not-interested') return done('not-interested', digest.debriefSinceResponse ? 'stop' : 'close-loop');

  // A lost deal gets no outreach unless the buyer comes back (the buyer's rules above let them).
  if (digest.prospect.stage === 'lost') return done('lost', 'stop');

  // The close-the-loop note was sent and the buyer has not answered: the loop is closed.
  // Customers (won) are exempt: a debrief after a win is not a goodbye.
  if (digest.prospect.stage !== 'won' && digest.debriefSinceResponse) return done('loop-closed', 'stop');

  // Business outreach on a weekend intrudes; wait for the working week.
  if (isWeekend(T)) return done('weekend', 'wait', mondayAfter(T));

  // A like or comment is light attention, not a pitch; one a week is enough.
  if (planned.channel === 'social') {
    const light = digest.latestLightBeforeT;
    const end = light ? Date.parse(light.at) + rules.lightTouchDays * DAY_MS : -Infinity;
    return end > t ? done('light-touch', 'wait', new Date(end)) : done('light-touch', 'go');
  }

  // Deliver what a live conversation called for while it is fresh (a plain check-in falls through).
  if (
    latest &&
    latest.direction === 'out' &&
    CONVERSATIONS.includes(latest.outcome) &&
    isResponse(latest) &&
    planned.value.kind !== 'none'
  ) {
    return done('fresh-conversation', 'go');
  }

  // Silence widens the gap, and several touches in a short window are a barrage: wait them out.
  const gap = gapOf(digest, rules);
  const barrage = barrageOf(digest, rules, T);
  const ends = [
    gap && gap.until.getTime() > t ? gap.until.getTime() : null,
    barrage.byCount?.until.getTime() ?? null,
    barrage.byChannels?.until.getTime() ?? null,
  ].filter((x): x is number => x !== null);
  if (ends.length) return { rule: 'gap-or-barrage', verdict: 'wait', waitUntil: new Date(Math.max(...ends)), gap, barrage };
  const more = { gap, barrage };

  // Too many unanswered touches: close the loop instead of chasing.
  if (digest.unanswered >= rules.closeAfter) return { ...done('close-after-silence', 'close-loop'), ...more };

  // Every touch must add value: a bare check-in becomes "send something useful".
  if (planned.value.kind === 'none') return { ...done('no-value', 'send-value'), ...more };

  // Sending the same thing twice adds nothing either.
  if (alreadySent(digest, planned.value)) return { ...done('repeat', 'send-value'), ...more };

  // Timely, welcome and carrying something new: go.
  return { ...done('new-value', 'go'), ...more };
}

/** The sent value with the same kind and text (ignoring case and spacing, as a rep retypes titles). */
export function alreadySent(digest: Digest, value: Value): Value | undefined {
  return digest.sentValues.find((v) => v.kind === value.kind && sameText(v.text, value.text));
}
