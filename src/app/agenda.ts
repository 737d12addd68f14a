import type { Advice, Verdict } from '../domain/types.js';
import { adviceForAll } from './coach.js';
import type { Deps } from './deps.js';

export interface AgendaOptions {
  /** Also list the stopped prospects. */
  all: boolean;
  /** Each prospect's first reason and this many suggestions (a list's rows); null: the whole advice. */
  brief: number | null;
}

export interface Agenda {
  /** Who to reach out to today (go, send-value), best score first. */
  reach: Advice[];
  close: Advice[];
  /** Waiting, soonest first. */
  waiting: Advice[];
  /** Only with `all`. */
  stopped: Advice[];
  /** How many prospects there are, and how many are stopped. */
  total: number;
  stoppedCount: number;
}

/** The rows the text shows suggestions for: those to reach out to today. */
const REACH: ReadonlySet<Verdict> = new Set(['go', 'send-value']);

/** `cadence agenda`: everyone's advice now, in sections. */
export async function run(o: AgendaOptions, deps: Deps): Promise<Agenda> {
  const options = o.brief === null ? {} : { brief: o.brief, suggestFor: REACH };
  const all = await adviceForAll(deps.store, deps.rules(), deps.now, options, (advice) => advice);
  const stopped = all.filter((a) => a.verdict === 'stop');
  return {
    reach: all.filter((a) => REACH.has(a.verdict)).sort((a, b) => b.score - a.score),
    close: all.filter((a) => a.verdict === 'close-loop'),
    waiting: all
      .filter((a) => a.verdict === 'wait')
      .sort((a, b) => (a.waitUntil! < b.waitUntil! ? -1 : a.waitUntil! > b.waitUntil! ? 1 : 0)),
    stopped: o.all ? stopped : [],
    total: all.length,
    stoppedCount: stopped.length,
  };
}
