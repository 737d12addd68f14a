import type { Prospect, Stage, TouchFact, Verdict } from '../domain/types.js';
import { adviceForAll } from './coach.js';
import type { Deps } from './deps.js';

export interface ProspectListOptions {
  stage?: Stage;
  tag?: string;
}

/** A prospect as the list shows it: its latest touch, its marks and the advice now. */
export interface ProspectRow {
  prospect: Prospect;
  lastTouch: TouchFact | null;
  buyerDate: string | null;
  doNotContact: boolean;
  verdict: Verdict;
  waitUntil: string | null;
  score: number;
}

/** `cadence prospect list`: the prospects that match, in the store's list order, each with the advice now. */
export async function run(o: ProspectListOptions, deps: Deps): Promise<ProspectRow[]> {
  const prospects = await deps.store.listProspects({ stage: o.stage, tag: o.tag });
  // Everyone's advice, cut to what a list shows (no suggestions, no sentences).
  const advised = new Map(
    await adviceForAll(deps.store, deps.rules(), deps.now, { brief: 0 }, (a, d) => [
      d.prospect.id,
      {
        lastTouch: d.latestTouch,
        buyerDate: d.buyerDate?.date ?? null,
        doNotContact: d.dnc !== null,
        verdict: a.verdict,
        waitUntil: a.waitUntil,
        score: a.score,
      },
    ] as const),
  );
  return prospects.map((prospect) => ({ prospect, ...advised.get(prospect.id)! }));
}
