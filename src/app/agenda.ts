import type { Advice, Verdict } from '../domain/types.js';
import { adviceForAll } from './coach.js';
import type { Deps } from './deps.js';

export interface AgendaOptions {
  /** Also list the stopped prospects. */
  all: boolean;
  /** Each prospect's first reason and this many suggestions (a list's rows); null: the whole advice. */
  brief: number | null;
}

/** What the sections are ordered by. */
export type Placed = Pick<Advice, 'verdict' | 'score' | 'waitUntil'>;

export interface Agenda<R extends Placed = Advice> {
  /** Who to reach out to today (go, send-value), best score first. */
  reach: R[];
  close: R[];
  /** Waiting, soonest first. */
  waiting: R[];
  /** Only with `all`. */
  stopped: R[];
  /** How many prospects there are, and how many are stopped. */
  total: number;
  stoppedCount: number;
}

/** The rows the text shows suggestions for: those to reach out to today. */
const REACH: ReadonlySet<Verdict> = new Set(['go', 'send-value']);

/**
 * `cadence agenda`: everyone's advice now, in sections; `pick` keeps what the caller shows of
 * each (10,000 whole pieces of advice weigh more than the rows a text shows).
 */
export async function run<R extends Placed = Advice>(o: AgendaOptions, deps: Deps, pick: (a: Advice) => R = (a) => a as unknown as R): Promise<Agenda<R>> {
  const options = o.brief === null ? {} : { brief: o.brief, suggestFor: REACH };
  let stoppedCount = 0;
  const all = await adviceForAll(deps.store, deps.rules(), deps.now, options, (advice) => {
    if (advice.verdict === 'stop') stoppedCount++;
    return advice.verdict === 'stop' && !o.all ? null : pick(advice);
  });
  const shown = all.filter((x): x is R => x !== null);
  return {
    reach: shown.filter((a) => REACH.has(a.verdict)).sort((a, b) => b.score - a.score),
    close: shown.filter((a) => a.verdict === 'close-loop'),
    waiting: shown
      .filter((a) => a.verdict === 'wait')
      .sort((a, b) => (a.waitUntil! < b.waitUntil! ? -1 : a.waitUntil! > b.waitUntil! ? 1 : 0)),
    stopped: shown.filter((a) => a.verdict === 'stop'),
    total: all.length,
    stoppedCount,
  };
}
