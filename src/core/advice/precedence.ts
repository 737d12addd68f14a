// The verdict precedence of SPEC section 6, rules 1..16: first match wins.
// Each rule carries the coaching principle (SPEC section 1) that justifies it.
import type { Digest } from '../digest.js';
import { startOfLocalDay } from '../parse.js';
import type { Rules } from '../rules.js';
import type { Channel, Outcome, Value, Verdict } from '../types.js';
import { isResponse } from '../types.js';
import { sameText } from './format.js';
import type { Barrage, Gap } from './timing.js';
import { DAY_MS, barrageAt, gapOf, isWeekend, mondayAfter } from './timing.js';

export interface Planned {
  at: Date;
  channel: Channel;
  value: Value;
}

export type RuleNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16;

export interface Decision {
  rule: RuleNo;
  verdict: Verdict;
  waitUntil: Date | null;
  /** Set from rule 12 on: the gap and barrage as they stand at T. */
  gap?: Gap | null;
  barrage?: Barrage;
}

/** Buyer messages that say "not now / no": they are not a question waiting for an answer. */
const REFUSALS: readonly Outcome[] = ['not-now', 'not-interested', 'do-not-contact'];
/** Outbound outcomes that mean a live conversation just happened. */
const CONVERSATIONS: readonly Outcome[] = ['connected', 'replied', 'meeting-booked'];

export function decide(digest: Digest, planned: Planned, rules: Rules): Decision {
  const T = planned.at;
  const t = T.getTime();
  const done = (rule: RuleNo, verdict: Verdict, waitUntil: Date | null = null): Decision => ({ rule, verdict, waitUntil });

  // 1. No means no: a do-not-contact mark (prospect, company or touch) ends all outreach.
  if (digest.dnc) return done(1, 'stop');

  // 2. Answer the buyer fast: their message is the latest touch, so reply whatever the gap or date.
  const latest = digest.latestTouch;
  if (latest && latest.direction === 'in' && !REFUSALS.includes(latest.outcome)) return done(2, 'go');

  if (digest.buyerDate) {
    const day = startOfLocalDay(digest.buyerDate.date);
    // 3. The buyer's timeline wins: their date is a hard wait.
    if (day.getTime() > t) return done(3, 'wait', day);
    // 4. The date they named has come and nothing went out since they named it: they asked for this touch.
    if (!digest.outboundSinceBuyerDate) return done(4, 'go');
  }

  // 5. "Not now" without a date still means not now: leave them alone for a while.
  const response = digest.latestResponse;
  if (response?.outcome === 'not-now' && !digest.buyerDate) {
    const end = Date.parse(response.at) + rules.notNowDays * DAY_MS;
    if (t < end) return done(5, 'wait', new Date(end));
  }

  // 6. The buyer said no: close the loop once instead of chasing; after the note, stop.
  if (response?.outcome === 'not-interested') return done(6, digest.debriefSinceResponse ? 'stop' : 'close-loop');

  // 7. A lost deal gets no outreach unless the buyer comes back (rules 2-4 above let them).
  if (digest.prospect.stage === 'lost') return done(7, 'stop');

  // 8. The close-the-loop note was sent and the buyer has not answered: the loop is closed.
  //    Customers (won) are exempt: a debrief after a win is not a goodbye.
  if (digest.prospect.stage !== 'won' && digest.debriefSinceResponse) return done(8, 'stop');

  // 9. Business outreach on a weekend intrudes; wait for the working week.
  if (isWeekend(T)) return done(9, 'wait', mondayAfter(T));

  // 10. A like or comment is light attention, not a pitch; one a week is enough.
  if (planned.channel === 'social') {
    const light = digest.latestLightBeforeT;
    const end = light ? Date.parse(light.at) + rules.lightTouchDays * DAY_MS : -Infinity;
    return end > t ? done(10, 'wait', new Date(end)) : done(10, 'go');
  }

  // 11. Deliver what a live conversation called for while it is fresh (a plain check-in falls through).
  if (
    latest &&
    latest.direction === 'out' &&
    CONVERSATIONS.includes(latest.outcome) &&
    isResponse(latest) &&
    planned.value.kind !== 'none'
  ) {
    return done(11, 'go');
  }

  // 12. Silence widens the gap, and several touches in a short window are a barrage: wait them out.
  const gap = gapOf(digest, rules);
  const barrage = barrageAt(digest, rules, T);
  const ends = [
    gap && gap.until.getTime() > t ? gap.until.getTime() : null,
    barrage.byCount?.until.getTime() ?? null,
    barrage.byChannels?.until.getTime() ?? null,
  ].filter((x): x is number => x !== null);
  if (ends.length) return { rule: 12, verdict: 'wait', waitUntil: new Date(Math.max(...ends)), gap, barrage };
  const more = { gap, barrage };

  // 13. Too many unanswered touches: close the loop instead of chasing.
  if (digest.unanswered >= rules.closeAfter) return { ...done(13, 'close-loop'), ...more };

  // 14. Every touch must add value: a bare check-in becomes "send something useful".
  if (planned.value.kind === 'none') return { ...done(14, 'send-value'), ...more };

  // 15. Sending the same thing twice adds nothing either.
  if (alreadySent(digest, planned.value)) return { ...done(15, 'send-value'), ...more };

  // 16. Timely, welcome and carrying something new: go.
  return { ...done(16, 'go'), ...more };
}

/** The sent value with the same kind and text (ignoring case and spacing, as a rep retypes titles). */
export function alreadySent(digest: Digest, value: Value): Value | undefined {
  return digest.sentValues.find((v) => v.kind === value.kind && sameText(v.text, value.text));
}
