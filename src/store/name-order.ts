import type { Db } from './open.js';
import { prep } from './prepare.js';

/**
 * Every prospect's place in name order, as the locale orders names, kept so that SQL can order
 * the summary's lists (store/verdict-memo.ts) without the locale's collator, which costs a
 * summary ~5 ms to load and thousands of comparisons. Ranks grow with names; names the
 * collator finds equal share one (a stable sort then keeps them in id order, as SQL does by
 * ORDER BY rank, prospect_id). A new prospect has none until the next rankNames; a renamed
 * one loses its own (a trigger, schema v5); the others keep theirs.
 */

/** Room between two neighbours' ranks: about ten new names can land between any two before all are ranked again. */
const GAP = 1024;
/** More new names than this share of those ranked, and ranking them all again is the cheaper way. */
const MANY = 1 / 8;

const UNRANKED = 'SELECT (SELECT count(*) FROM prospects) - (SELECT count(*) FROM name_order)';
const NEW = `SELECT p.id, p.name FROM prospects p
  WHERE NOT EXISTS (SELECT 1 FROM name_order n WHERE n.prospect_id = p.id) ORDER BY p.id`;
const RANKED = 'SELECT n.rank, p.name FROM name_order n JOIN prospects p ON p.id = n.prospect_id ORDER BY n.rank, p.id';
const INSERT = 'INSERT OR REPLACE INTO name_order (prospect_id, rank) VALUES (?, ?)';

/** Gives every prospect without a rank its place among the others, by `compare` (the locale's order). Writes: call inside a transaction. */
export function rankNames(db: Db, compare: (a: string, b: string) => number): void {
  if (!prep<[], number>(db, UNRANKED).pluck().get()) return;
  const fresh = prep<[], [number, string]>(db, NEW).raw(true).all();
  const ranked = prep<[], [number, string]>(db, RANKED).raw(true).all();
  const placed = ranked.length && fresh.length <= ranked.length * MANY ? placeAmong(ranked, fresh, compare) : null;
  if (placed) {
    const insert = prep(db, INSERT);
    for (const [id, rank] of placed) insert.run(id, rank);
  } else rankAll(db, compare);
}

/** The ranks of `fresh` among `ranked` (in rank order), or null when two neighbours leave no room between them. */
function placeAmong(ranked: [number, string][], fresh: [number, string][], compare: (a: string, b: string) => number): [number, number][] | null {
  const out: [number, number][] = [];
  for (const [id, name] of fresh) {
    // The first ranked name that comes after this one.
    let lo = 0;
    let hi = ranked.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(ranked[mid]![1], name) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const before = ranked[lo - 1];
    const after = ranked[lo];
    let rank: number;
    if (before && compare(before[1], name) === 0) rank = before[0];
    else {
      const low = before ? before[0] : after![0] - GAP;
      const high = after ? after[0] : before![0] + GAP;
      rank = (low + high) / 2;
      if (!(rank > low && rank < high)) return null;
    }
    ranked.splice(lo, 0, [rank, name]);
    out.push([id, rank]);
  }
  return out;
}

/** Ranks every prospect afresh: a stable sort of all names (in id order), GAP apart. */
function rankAll(db: Db, compare: (a: string, b: string) => number): void {
  const all = prep<[], [number, string]>(db, 'SELECT id, name FROM prospects ORDER BY id').raw(true).all();
  all.sort((a, b) => compare(a[1], b[1]));
  prep(db, 'DELETE FROM name_order').run();
  const insert = prep(db, INSERT);
  let rank = 0;
  all.forEach(([id, name], i) => {
    if (i > 0 && compare(all[i - 1]![1], name) !== 0) rank += GAP;
    insert.run(id, rank);
  });
}

/** Forgets every rank (the locale's order may have changed): the next rankNames ranks all. */
export function forgetNameOrder(db: Db): void {
  prep(db, 'DELETE FROM name_order').run();
}

/**
 * The kept ranks of these prospects (those that have one), if they were made under `key` (the
 * verdict memo's, which names the locale): read in one statement, so all from one state of the
 * file, even while another cadence ranks names afresh.
 */
export function ranksUnder(db: Db, key: string, ids: number[]): Map<number, number> | undefined {
  const row = prep<[object], { same: number; ranks: string }>(
    db,
    `SELECT (SELECT key FROM verdict_memo_key WHERE one = 1) IS :key AS same,
       (SELECT json_group_array(json_array(prospect_id, rank)) FROM name_order
        WHERE prospect_id IN (SELECT value FROM json_each(:ids))) AS ranks`,
  ).get({ key, ids: JSON.stringify(ids) })!;
  return row.same ? new Map(JSON.parse(row.ranks) as [number, number][]) : undefined;
}
