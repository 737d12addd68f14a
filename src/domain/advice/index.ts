// The advice engine: pure, no I/O and no clock (the planned time T comes in).
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import type { Advice, Channel, ValueItem, Verdict } from '../types.js';
import { closeLoopDraft } from './draft.js';
import { shellName } from './format.js';
import type { Decision, Planned } from './precedence.js';
import { decide } from './precedence.js';
import { suggestValue } from './suggest.js';
import { termParts, written } from './terms.js';

export type { Planned, Decision, RuleName } from './precedence.js';
export { decide, PRECEDENCE } from './precedence.js';
export { closeLoopDraft } from './draft.js';
export { formatDay, formatMoment } from './format.js';

export interface AdviceInput {
  digest: Digest;
  planned: Planned;
  library: ValueItem[];
  rules: Rules;
}

/** `next --channel` defaults to the channel of the latest outbound touch, else email. */
export function defaultChannel(digest: Digest): Channel {
  return digest.latestOutbound?.channel ?? 'email';
}

export interface AdviseOptions {
  /**
   * A list row: the first reason, at most this many suggestions and no draft, exactly what
   * cutting the full advice down would give, without writing the sentences nobody reads.
   */
  brief?: number;
  /** Only these verdicts get suggestions (the others get none): a list that shows them for some rows only. */
  suggestFor?: ReadonlySet<Verdict>;
}

/** `decision`, when the caller has it already, is decide's for the same input. */
export function advise(input: AdviceInput, options: AdviseOptions = {}, decision = decide(input.digest, input.planned, input.rules)): Advice {
  const { digest, planned, rules } = input;
  const { main, rest } = termParts(decision, digest, planned, rules);
  const brief = options.brief !== undefined;
  const reasons = !brief ? [...main, ...rest.map(written)] : main.length ? main.slice(0, 1) : rest.slice(0, 1).map(written);
  const suggest = !options.suggestFor || options.suggestFor.has(decision.verdict);
  return {
    prospect: { id: digest.prospect.id, name: digest.prospect.name, stage: digest.prospect.stage },
    planned: { at: planned.at.toISOString(), channel: planned.channel, value: { ...planned.value } },
    verdict: decision.verdict,
    score: scoreOf(decision, [...main, ...rest], rules.base),
    waitUntil: decision.waitUntil ? decision.waitUntil.toISOString() : null,
    base: rules.base,
    reasons,
    suggestions: suggest ? suggestionsFor(decision, input, options.brief ?? Infinity) : [],
    draft: decision.verdict === 'close-loop' && !brief ? closeLoopDraft(digest, planned.at) : null,
  };
}

/** SPEC section 4: stop scores 0; otherwise base + the terms, clamped to 0..100. */
export function scoreOf(decision: Decision, terms: readonly { points: number }[], base: number): number {
  if (decision.verdict === 'stop') return 0;
  const sum = terms.reduce((s, r) => s + r.points, base);
  return Math.min(100, Math.max(0, sum));
}

const WRITTEN: readonly Channel[] = ['email', 'linkedin', 'text', 'other'];

/** At most `max` suggestions. */
function suggestionsFor(decision: Decision, input: AdviceInput, max: number): string[] {
  const { digest, planned, library } = input;
  const none = planned.value.kind === 'none';
  switch (decision.verdict) {
    case 'stop':
      return [];
    case 'close-loop': {
      // The note is written text: a call or a like is the wrong vehicle for it.
      const channel = WRITTEN.includes(planned.channel) ? planned.channel : 'email';
      return [
        `Send the note below, then log it: cadence log ${shellName(digest.prospect.name)} --channel ${channel} --outcome sent --value debrief`,
      ].slice(0, max);
    }
    case 'send-value':
      return suggestValue(digest, library, planned.at, max);
    case 'wait':
      // Something useful to prepare for when the wait ends; a like needs nothing.
      return none && planned.channel !== 'social' ? suggestValue(digest, library, planned.at, max) : [];
    case 'go':
      return none && planned.channel !== 'social' ? suggestValue(digest, library, planned.at, max) : [];
  }
}
