import { advise, defaultChannel } from '../core/advice/index.js';
import type { Digest } from '../core/digest.js';
import type { Advice, Channel, Value } from '../core/types.js';
import { barrageWindowMs } from '../core/rules.js';
import { digestAt, digestsOfAllAt } from '../store/digest.js';
import { listValueItems } from '../store/values.js';
import type { Context } from './context.js';

export interface PlannedFlags {
  at?: Date;
  channel?: Channel;
  value?: Value;
}

/** The advice for one prospect's planned touch (SPEC section 4). */
export function adviceFor(ctx: Context, prospectId: number, planned: PlannedFlags = {}): Advice {
  const db = ctx.db();
  const at = planned.at ?? ctx.now;
  const digest = digestAt(db, at, prospectId, barrageWindowMs(ctx.rules()))!;
  return advise({
    digest,
    planned: { at, channel: planned.channel ?? defaultChannel(digest), value: planned.value ?? { kind: 'none', text: null } },
    library: listValueItems(db),
    rules: ctx.rules(),
  });
}

/**
 * Advice for every prospect at `at`, from digests read with a fixed number of queries.
 * `pick` keeps what the caller shows: with 10,000 prospects, keeping every digest and
 * every sentence costs more (memory, and the collector's time) than working them out.
 */
export function adviceForAll<T>(ctx: Context, at: Date, pick: (advice: Advice, digest: Digest) => T): T[] {
  const db = ctx.db();
  const rules = ctx.rules();
  const library = listValueItems(db);
  const none: Value = { kind: 'none', text: null };
  const out: T[] = [];
  for (const digest of digestsOfAllAt(db, at, barrageWindowMs(rules))) {
    out.push(pick(advise({ digest, planned: { at, channel: defaultChannel(digest), value: none }, library, rules }), digest));
  }
  return out;
}

/** The advice with only its first sentences: what a list shows of each prospect. */
export function brief(advice: Advice, suggestions: number): Advice {
  return { ...advice, reasons: advice.reasons.slice(0, 1), suggestions: advice.suggestions.slice(0, suggestions), draft: null };
}
