import { advise, defaultChannel } from '../core/advice/index.js';
import type { Digest } from '../core/digest.js';
import type { Advice, Channel, Value } from '../core/types.js';
import { barrageWindowMs } from '../core/rules.js';
import { digestsAt, fillExtras } from '../store/digest.js';
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
  const digest = digestsAt(db, at, prospectId, barrageWindowMs(ctx.rules()))[0]!;
  fillExtras(db, [digest]);
  return advise({
    digest,
    planned: { at, channel: planned.channel ?? defaultChannel(digest), value: planned.value ?? { kind: 'none', text: null } },
    library: listValueItems(db),
    rules: ctx.rules(),
  });
}

export interface ProspectAdvice {
  digest: Digest;
  advice: Advice;
}

/**
 * Advice for every prospect at `at` with a fixed number of queries: the digests in one,
 * then the history that suggestions and drafts need, for every prospect not stopped
 * (a waiting one gets suggestions too, and they must never name an item already sent).
 */
export function adviceForAll(ctx: Context, at: Date = ctx.now): ProspectAdvice[] {
  const db = ctx.db();
  const rules = ctx.rules();
  const library = listValueItems(db);
  const none: Value = { kind: 'none', text: null };
  const run = (digest: Digest) =>
    advise({ digest, planned: { at, channel: defaultChannel(digest), value: none }, library, rules });
  const all = digestsAt(db, at, null, barrageWindowMs(rules)).map((digest) => ({ digest, advice: run(digest) }));
  const needy = all.filter((x) => x.advice.verdict !== 'stop');
  fillExtras(db, needy.map((x) => x.digest));
  for (const x of needy) x.advice = run(x.digest);
  return all;
}
