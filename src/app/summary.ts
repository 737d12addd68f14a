import { lookbackMs, nameOrder, nextWeekStart, NextWeekLists, summarize, type Summary } from '../domain/summary.js';
import { adviceFor, planEach } from './coach.js';
import type { Deps } from './deps.js';

export interface SummaryOptions {
  /** The window, [from, until). */
  from: Date;
  until: Date;
  /** How many rows each list of next week's shows (Infinity: all). */
  rows: number;
}

/** `cadence summary`: the window's activity, and who is due the week after. */
export async function run(o: SummaryOptions, deps: Deps): Promise<Summary> {
  const { store } = deps;
  const rules = deps.rules();
  const nextWeek = nextWeekStart(o.until);
  // Everyone's verdict next Monday; what to bring and why only for the rows the lists show.
  const compareNames = nameOrder(collationLocale(deps.env));
  const lists = new NextWeekLists(nextWeek, o.rows, compareNames);
  const names = new Map<number, string>();
  for await (const batch of planEach(store, rules, nextWeek)) {
    for (const { digest, decision, planned } of batch) {
      const { id, name, stage } = digest.prospect;
      names.set(id, name);
      lists.add({ prospectId: id, name, stage, verdict: decision.verdict, waitUntil: decision.waitUntil?.toISOString() ?? null, channel: planned.channel });
    }
  }
  const ahead = lists.result();
  for (const x of ahead.dueNextWeek) x.what = (await adviceFor(store, rules, x.prospectId, nextWeek)).suggestions[0] ?? null;
  for (const x of ahead.closeTheLoop) x.detail = (await adviceFor(store, rules, x.prospectId, nextWeek)).reasons[0]?.detail ?? null;
  return summarize({
    from: o.from,
    until: o.until,
    touches: await store.summaryTouches(new Date(o.from.getTime() - lookbackMs(rules)).toISOString(), o.from.toISOString(), o.until.toISOString()),
    stageMoves: await store.stageMoves(o.from.toISOString(), o.until.toISOString()),
    nameOf: (id) => names.get(id)!,
    compareNames,
    ahead,
    rules,
  });
}

/**
 * The locale names are ordered in, as POSIX picks it (LC_ALL, LC_COLLATE, LANG), as a BCP 47
 * tag ("sv_SE.UTF-8" is sv-SE); undefined (ICU's default) for C, POSIX or one ICU does not know.
 */
export function collationLocale(env: Deps['env']): string | undefined {
  const raw = env.LC_ALL || env.LC_COLLATE || env.LANG;
  const tag = raw?.split(/[.@]/)[0]?.replace(/_/g, '-');
  if (!tag || tag === 'C' || tag === 'POSIX') return undefined;
  try {
    return Intl.Collator.supportedLocalesOf([tag]).length ? tag : undefined;
  } catch {
    return undefined;
  }
}
