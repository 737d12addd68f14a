import { placement, type SummaryVerdict } from '../core/summary.js';
import type { Channel, Stage, Verdict } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { readKeeping, tryWrite } from './write.js';

/**
 * The summary's verdicts (a planned check-in at next Monday 09:00), each kept for the instants
 * it holds for (core/advice/ahead.ts: from one reading of a prospect's log, its verdicts on
 * the Mondays ahead, as long as the log stays as it is), beside where it goes on the lists
 * (core/summary.ts, placement); and what the summary made of them (its lists), so that run
 * again it reads nothing more. So a week later, most verdicts are kept already, and only
 * those whose log changed are decided again. Triggers (schema v3) drop a prospect's rows,
 * and the lists, in the same transaction as any change to what its verdicts read; the key
 * names all else a verdict depends on. So a row kept for an instant is the verdict deciding
 * again would give, and a prospect with none for it is decided.
 */
export interface MemoVerdict {
  verdict: Verdict;
  waitUntil: string | null;
  channel: Channel;
}

/** A verdict and the instants it holds for: [from, until), ISO. */
export interface MemoStretch extends MemoVerdict {
  from: string;
  until: string;
}

/** What a summary's lists are made from (see memoDerived). */
export interface ListSource {
  /** The verdicts that can make the lists' first rows, in id order. */
  walk: (each: (v: SummaryVerdict) => void) => void;
  /** How many more verdicts are on each list, after its first rows (not walked). */
  unshown: { due: number; loops: number };
}

export interface ListsAsked {
  /** Everything but the log that the verdicts depend on. */
  key: string;
  /** The instant the verdicts are for, and the end of the week after it (ISO). */
  at: string;
  weekEnd: string;
  /** How many rows each list shows (Infinity: all). */
  rows: number;
  /** What the lists' text is made of, besides the instant and the rows (see memoDerived). */
  variant: string;
}

type Who = [number, string, Stage];
type Kept = [number, string, Stage, Verdict, string | null, Channel];

const VALID = 'valid_from <= :t AND valid_until > :t';
const KEY = 'SELECT key, lists_for, lists FROM verdict_memo_key WHERE one = 1';
const ALL = 'SELECT id, name, stage FROM prospects ORDER BY id';
const MISSING = `SELECT p.id, p.name, p.stage FROM prospects p
  LEFT JOIN verdict_memo v ON v.prospect_id = p.id AND v.valid_from <= :t AND v.valid_until > :t
  WHERE v.prospect_id IS NULL ORDER BY p.id`;
// The due list's first rows are among those placed no later than its rows-th (names order the ties).
const DUE = `${VALID} AND list = 'due' AND due_key < :weekEnd`;
const BOUNDARY = `SELECT due_key, late FROM verdict_memo WHERE ${DUE} ORDER BY due_key, late LIMIT 1 OFFSET :nth`;
const UNSHOWN = `SELECT count(*) FROM verdict_memo WHERE ${DUE} AND (due_key, late) > (:dueKey, :late)`;
const CANDIDATES = `SELECT v.prospect_id, p.name, p.stage, verdict, wait_until, channel
  FROM verdict_memo v JOIN prospects p ON p.id = v.prospect_id
  WHERE ${VALID} AND (list = 'loop' OR (list = 'due' AND due_key < :weekEnd AND (due_key, late) <= (:dueKey, :late)))
  ORDER BY v.prospect_id`;
/** Bounds of the due list's shown rows: after every placement (the whole list shows), before all (none does). */
const ALL_SHOWN = { dueKey: '\u{10FFFF}', late: 1 };
const NONE_SHOWN = { dueKey: '', late: -1 };

/**
 * What `derive` makes of every prospect's verdict at `asked.at` (its lists), kept under
 * `variant` and the instant. `derive` is handed the verdicts that can make the lists' first
 * rows: the kept ones that can (picked by their placement), and all the others, decided by
 * `decideSome` (given their ids: their verdicts at the instant first, and at those after) and kept. All in one transaction, so no change can slip in
 * between: if another cadence wrote meanwhile, SQLite refuses the write at once (no waiting
 * on its lock) and the result, true as of the read, goes unkept. So does it when the file
 * cannot be written (read-only, disk full): the memo is only ever a saving.
 */
export function memoDerived(
  db: Db,
  asked: ListsAsked,
  decideSome: (ids: number[]) => Map<number, MemoStretch[]>,
  derive: (source: ListSource) => string,
): string {
  const { key, at, weekEnd, rows } = asked;
  const listsFor = `${asked.variant} ${rows} ${at}`;
  return readKeeping(db, () => {
    const head = prep<[], { key: string; lists_for: string | null; lists: string | null }>(db, KEY).get();
    const same = head?.key === key;
    if (same && head.lists !== null && head.lists_for === listsFor) return head.lists;
    const t = { t: at };
    const missing = !same ? prep<[], Who>(db, ALL).raw(true).all() : prep<[typeof t], Who>(db, MISSING).raw(true).all(t);
    // Read before the decided ones are kept beside them: those are walked, all of them.
    const kept = same ? keptCandidates(db, at, weekEnd, rows) : { rows: [], unshown: 0 };
    const decided = decideSome(missing.map((w) => w[0]));
    const fresh: SummaryVerdict[] = [];
    const values: unknown[] = [];
    let lasting = 0;
    for (const [prospectId, name, stage] of missing) {
      const stretches = decided.get(prospectId)!;
      const { verdict, waitUntil, channel } = stretches[0]!;
      fresh.push({ prospectId, name, stage, verdict, waitUntil, channel });
      // One that holds for no other instant than its own (the log has touches after it) is not kept.
      if (stretches[0]!.until > at) lasting++;
      for (const v of stretches) {
        if (v.until <= v.from) continue;
        const { list, dueKey, late } = placement(v.verdict, v.waitUntil);
        values.push(prospectId, v.verdict, v.waitUntil, v.channel, v.from, v.until, list, dueKey, late);
      }
    }
    const ids = fresh.map((v) => v.prospectId);
    const keptAll = (fresh.length === 0 || tryWrite(db, () => keepVerdicts(db, key, same, ids, values))) && lasting === fresh.length;
    const text = derive({
      walk: (each) => {
        // Merged in id order, as a stable sort in the lists wants.
        let i = 0;
        for (const [prospectId, name, stage, verdict, waitUntil, channel] of kept.rows) {
          while (i < fresh.length && fresh[i]!.prospectId < prospectId) each(fresh[i++]!);
          each({ prospectId, name, stage, verdict, waitUntil, channel });
        }
        while (i < fresh.length) each(fresh[i++]!);
      },
      unshown: { due: kept.unshown, loops: 0 },
    });
    // Only over a full set of rows: a change to a prospect without one would drop no row, and so not the text.
    if (keptAll) {
      tryWrite(db, () =>
        prep(db, 'UPDATE verdict_memo_key SET lists_for = ?, lists = ? WHERE one = 1 AND key = ?').run(listsFor, text, key),
      );
    }
    return text;
  });
}

/**
 * The kept verdicts valid at `at` that can make the lists' first `rows`: every loop to close
 * (names order that list), and the due ones placed no later than the rows-th due; and how
 * many due ones come after those.
 */
function keptCandidates(db: Db, at: string, weekEnd: string, rows: number): { rows: Kept[]; unshown: number } {
  const where = { t: at, weekEnd };
  let bound = ALL_SHOWN;
  if (rows === 0) bound = NONE_SHOWN;
  else if (rows !== Infinity) {
    const nth = prep<[object], { due_key: string; late: number }>(db, BOUNDARY).get({ ...where, nth: rows - 1 });
    if (nth) bound = { dueKey: nth.due_key, late: nth.late };
  }
  return {
    rows: prep<[object], Kept>(db, CANDIDATES).raw(true).all({ ...where, ...bound }),
    unshown: bound === ALL_SHOWN ? 0 : prep<[object], number>(db, UNSHOWN).pluck().get({ ...where, ...bound })!,
  };
}

/** A hundred rows a statement: a thousand one-row inserts cost the week's first summary ~10 ms. */
const BATCH = 100;
/** The columns of a row, in `rows`' order. */
const WIDTH = 9;
const INSERT = `INSERT INTO verdict_memo
  (prospect_id, verdict, wait_until, channel, valid_from, valid_until, list, due_key, late) VALUES `;

/** The rows of these prospects, instead of those they had (all rows, for another key). */
function keepVerdicts(db: Db, key: string, same: boolean, ids: number[], rows: unknown[]): void {
  if (!same) {
    prep(db, 'DELETE FROM verdict_memo').run();
    prep(db, 'INSERT OR REPLACE INTO verdict_memo_key (one, key, lists_for, lists) VALUES (1, ?, NULL, NULL)').run(key);
  } else {
    prep(db, 'DELETE FROM verdict_memo WHERE prospect_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }
  for (let i = 0; i < rows.length; i += BATCH * WIDTH) {
    const part = rows.slice(i, i + BATCH * WIDTH);
    const n = part.length / WIDTH;
    prep(db, INSERT + Array(n).fill(`(${Array(WIDTH).fill('?').join(', ')})`).join(', ')).run(part);
  }
}
