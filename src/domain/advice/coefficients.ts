// The score's coefficients, in one table (as taskwarrior's urgency coefficients are): a term's
// points are its coefficient times its factor. They grade the advice rather than decide it, so
// they are tuned to make a "go" land well above the base and a "wait" or "send-value" well
// below it. config.json may override each one by name (see rulesFromConfig).
//
// A stop is not graded: its single term (do-not-contact, not-interested, lost, loop-closed)
// takes the whole base away, so its points are −base and the score is 0 whatever the config.

/** What a coefficient is multiplied by: 1, or the unanswered count up to `cap`. */
export type Factor = 1 | { unanswered: { cap: number } };

export interface Coefficient {
  /** The `term` of the reason it scores (several coefficients may grade one term). */
  term: string;
  /** Its points by default, for a factor of 1. */
  points: number;
  factor: Factor;
  /** Why the term moves the score this way. */
  why: string;
}

export const COEFFICIENTS = {
  'buyer-replied': { term: 'buyer-replied', points: 40, factor: 1, why: 'the strongest reason to reach out: they are waiting for us' },
  'buyer-date-arrived': { term: 'buyer-date', points: 30, factor: 1, why: 'the date the buyer named has come: they asked for this touch' },
  'buyer-date-ahead': { term: 'buyer-date', points: -40, factor: 1, why: "the buyer's date is a hard wait" },
  'not-now': { term: 'not-now', points: -35, factor: 1, why: 'the buyer said not now: reaching out anyway ignores them' },
  'not-interested': { term: 'not-interested', points: -30, factor: 1, why: 'the buyer said no: one close-the-loop note, not a chase' },
  weekend: { term: 'weekend', points: -30, factor: 1, why: 'business outreach on a weekend intrudes' },
  'light-touch-go': { term: 'light-touch', points: 10, factor: 1, why: 'a like or comment is welcome attention, not a pitch' },
  'light-touch-wait': { term: 'light-touch', points: -30, factor: 1, why: 'more than one light touch a week is noise' },
  'fresh-conversation': { term: 'fresh-conversation', points: 25, factor: 1, why: 'what a live conversation called for is welcome while it is fresh' },
  gap: { term: 'gap', points: -30, factor: 1, why: 'the minimum gap has not passed: silence asks for room' },
  'gap-passed': { term: 'gap', points: 10, factor: 1, why: 'the minimum gap has passed: the buyer had room' },
  barrage: { term: 'barrage', points: -30, factor: 1, why: 'several unanswered touches in a short window are pestering' },
  unanswered: { term: 'unanswered', points: -5, factor: { unanswered: { cap: 5 } }, why: 'each unanswered touch makes another one less welcome' },
  value: { term: 'value', points: -25, factor: 1, why: 'a check-in with nothing for the buyer adds no value' },
  'value-repeated': { term: 'value', points: -20, factor: 1, why: 'sending the same thing twice adds nothing' },
  'value-new': { term: 'value', points: 15, factor: 1, why: 'something the buyer has not had yet gives them a reason to answer' },
  'quarter-end': { term: 'quarter-end', points: -10, factor: 1, why: "the quarter end is the rep's deadline, not the buyer's: a check-in timed to it reads as pressure" },
} as const satisfies Record<string, Coefficient>;

export type CoefficientName = keyof typeof COEFFICIENTS;

export const COEFFICIENT_NAMES = Object.keys(COEFFICIENTS) as CoefficientName[];

/** A config override may move a term at most this far either way: the score itself spans 0..100. */
export const COEFFICIENT_LIMIT = 100;

/** The default points of every coefficient, by name. */
export function defaultCoefficients(): Record<CoefficientName, number> {
  return Object.fromEntries(COEFFICIENT_NAMES.map((n) => [n, COEFFICIENTS[n].points])) as Record<CoefficientName, number>;
}

/** A term's points: the coefficient in force times its factor. */
export function pointsOf(coefficients: Readonly<Record<CoefficientName, number>>, name: CoefficientName, unanswered = 0): number {
  const factor: Factor = COEFFICIENTS[name].factor;
  return coefficients[name] * (factor === 1 ? 1 : Math.min(unanswered, factor.unanswered.cap));
}
