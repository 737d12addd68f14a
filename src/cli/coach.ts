import { advise, decide, defaultChannel } from '../core/advice/index.js';
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
 * then, for every prospect that may be contacted (its suggestions must never name an
 * item already sent), the history in one more. The cheap verdict comes first so the
 * full advice, with its sentences, is built once per prospect.
 */
export function adviceForAll(ctx: Context, at: Date = ctx.now): ProspectAdvice[] {
  const db = ctx.db();
  const rules = ctx.rules();
  const library = listValueItems(db);
  const none: Value = { kind: 'none', text: null };
  const planned = (digest: Digest) => ({ at, channel: defaultChannel(digest), value: none });
  const digests = digestsAt(db, at, null, barrageWindowMs(rules));
  fillExtras(db, digests.filter((d) => decide(d, planned(d), rules).verdict !== 'stop'));
  return digests.map((digest) => ({ digest, advice: advise({ digest, planned: planned(digest), library, rules }) }));
}
