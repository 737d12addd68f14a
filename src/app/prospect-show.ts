import type { Digest } from '../domain/digest.js';
import type { Advice, Prospect, Touch } from '../domain/types.js';
import { adviceFor, digestFor } from './coach.js';
import type { Deps } from './deps.js';
import { resolveProspect } from './resolve.js';

export interface ProspectShowOptions {
  prospect: string;
  /** Every touch, or the latest `limit` of them. */
  limit: number | null;
}

export interface ProspectShow {
  prospect: Prospect;
  digest: Digest;
  touches: Touch[];
  /** How many touches there are in all. */
  total: number;
  advice: Advice;
}

/** `cadence prospect show`: the prospect, its timeline and the advice now. */
export async function run(o: ProspectShowOptions, deps: Deps): Promise<ProspectShow> {
  const rules = deps.rules();
  const prospect = await resolveProspect(deps.store, o.prospect);
  const { touches, total } =
    o.limit === null ? await deps.store.logOf(prospect.id).then((l) => ({ touches: [...l.touches], total: l.touches.length })) : await deps.store.latestTouches(prospect.id, o.limit);
  return {
    prospect,
    digest: await digestFor(deps.store, rules, prospect.id, deps.now),
    touches,
    total,
    advice: await adviceFor(deps.store, rules, prospect.id, deps.now),
  };
}
