import { advise, decide, defaultChannel, type AdviseOptions, type Planned } from '../core/advice/index.js';
import type { Digest } from '../core/digest.js';
import type { SummaryAdvice } from '../core/summary.js';
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
 * Every prospect's digest with the touch that advice for everyone plans (a bare check-in at
 * `at` on its usual channel), read with a fixed number of queries. `fn` keeps what the caller
 * shows: with 10,000 prospects, keeping every digest and every sentence costs more (memory,
 * and the collector's time) than working them out.
 */
export function plannedForAll<T>(ctx: Context, at: Date, fn: (digest: Digest, planned: Planned) => T, verdictOnly = false): T[] {
  const none: Value = { kind: 'none', text: null };
  const out: T[] = [];
  for (const digest of digestsOfAllAt(ctx.db(), at, barrageWindowMs(ctx.rules()), verdictOnly)) {
    out.push(fn(digest, { at, channel: defaultChannel(digest), value: none }));
  }
  return out;
}

/** Advice for every prospect at `at` (brief ones for a list, see AdviseOptions); `pick` keeps what the caller shows (see plannedForAll). */
export function adviceForAll<T>(ctx: Context, at: Date, pick: (advice: Advice, digest: Digest) => T, options: AdviseOptions = {}): T[] {
  const rules = ctx.rules();
  const library = listValueItems(ctx.db());
  return plannedForAll(ctx, at, (digest, planned) => pick(advise({ digest, planned, library, rules }, options), digest));
}

/**
 * The verdict for everyone not stopped, without the sentences: for a list that is sorted
 * first and then shows a few (see adviceForSome). Its digests are read for verdicts only
 * (no values sent, no history): enough because it plans a bare check-in, and only a planned
 * value makes the rules look at what was sent (rule 15).
 */
export function verdictsForAll(ctx: Context, at: Date): SummaryAdvice[] {
  const rules = ctx.rules();
  const out: SummaryAdvice[] = [];
  const atIso = at.toISOString();
  plannedForAll(
    ctx,
    at,
    (digest, planned) => {
      const d = decide(digest, planned, rules);
      if (d.verdict === 'stop') return;
      const { id, name, stage } = digest.prospect;
      out.push({
        prospect: { id, name, stage },
        verdict: d.verdict,
        waitUntil: d.waitUntil?.toISOString() ?? null,
        planned: { at: atIso, channel: planned.channel, value: planned.value },
        reasons: [],
        suggestions: [],
      });
    },
    true,
  );
  return out;
}

/** Advice at `at` for some prospects, as adviceForAll gives it: one by one for a few, else in one more pass. */
export function adviceForSome(ctx: Context, at: Date, ids: ReadonlySet<number>): Map<number, Advice> {
  const out = new Map<number, Advice>();
  if (ids.size <= 20) {
    for (const id of ids) out.set(id, adviceFor(ctx, id, { at }));
    return out;
  }
  const rules = ctx.rules();
  const library = listValueItems(ctx.db());
  plannedForAll(ctx, at, (digest, planned) => {
    if (ids.has(digest.prospect.id)) out.set(digest.prospect.id, advise({ digest, planned, library, rules }));
  });
  return out;
}
