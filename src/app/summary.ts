import { lookbackMs, nameOrder, nextWeekStart, NextWeekLists, summarize, type Summary } from '../domain/summary.js';
import { advise } from '../domain/advice/index.js';
import { planEach, type Planning } from './coach.js';
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
  // The plannings of those on a list, to write what to bring and why for the rows it keeps.
  const listed = new Map<number, Planning>();
  for await (const batch of planEach(store, rules, nextWeek)) {
    for (const p of batch) {
      const { id, name, stage } = p.digest.prospect;
      names.set(id, name);
      const verdict = { prospectId: id, name, stage, verdict: p.decision.verdict, waitUntil: p.decision.waitUntil?.toISOString() ?? null, channel: p.planned.channel };
      if (lists.add(verdict)) listed.set(id, p);
    }
  }
  const ahead = lists.result();
  const library = await store.valueItems();
  const advice = (id: number) => {
    const { digest, planned, decision } = listed.get(id)!;
    return advise({ digest, planned, library, rules }, {}, decision);
  };
  for (const x of ahead.dueNextWeek) x.what = advice(x.prospectId).suggestions[0] ?? null;
  for (const x of ahead.closeTheLoop) x.detail = advice(x.prospectId).reasons[0]?.detail ?? null;
  return summarize({
    from: o.from,
    until: o.until,
    // From as far before the window as a barrage window reaches.
    touches: await store.touchesBetween(new Date(o.from.getTime() - lookbackMs(rules)).toISOString(), o.until.toISOString()),
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
