import { placement, type SummaryVerdict } from '../core/summary.js';
import type { Channel, Stage, Verdict } from '../core/types.js';
import type { Db } from './open.js';
import { forgetNameOrder, rankNames } from './name-order.js';
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

/**
 * What a summary's lists are made from (see memoDerived): the first rows of each, in order, as
 * SQL gives them when every verdict is kept; else, when nothing could be kept, every verdict,
 * in id order, to order by name as the lists do.
 */
export type ListSource =
  | { kind: 'ordered'; due: SummaryVerdict[]; loops: SummaryVerdict[]; totals: { due: number; loops: number } }
  | { kind: 'walk'; walk: (each: (v: SummaryVerdict) => void) => void };

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
  /** The order of names (the locale's): see name-order.ts. */
  compareNames: (a: string, b: string) => number;
}

type Who = [number, string, Stage];
type Kept = [number, string, Stage, Verdict, number | null, Channel];

const VALID = 'v.valid_from <= :t AND v.valid_until > :t';
const KEY = 'SELECT key, lists_for, lists FROM verdict_memo_key WHERE one = 1';
const ALL = 'SELECT id, name, stage FROM prospects ORDER BY id';
// Everyone but those a row holds for: a set difference (~1.5 ms for 10,000), not a probe per prospect (~3 ms).
const MISSING = `SELECT id, name, stage FROM prospects WHERE id IN
  (SELECT id FROM prospects EXCEPT SELECT prospect_id FROM verdict_memo v WHERE ${VALID}) ORDER BY id`;
/** The first `rows` of a list (LIMIT -1: all), ordered in a subquery so that only those read their prospect. */
const firstOf = (where: string, order: string) => `SELECT x.prospect_id, p.name, p.stage, x.verdict, x.wait_until, x.channel
  FROM (SELECT v.prospect_id, v.verdict, v.wait_until, v.channel, v.due_at, v.late, n.rank
        FROM verdict_memo v JOIN name_order n ON n.prospect_id = v.prospect_id
        WHERE ${VALID} AND ${where} ORDER BY ${order} LIMIT :rows) x
  JOIN prospects p ON p.id = x.prospect_id ORDER BY ${order.replaceAll('v.', 'x.').replaceAll('n.', 'x.')}`;
// The lists' order (core/summary.ts, NextWeekLists): due soonest, a plain go first, then by name; loops by name; ties by id.
const FIRST_DUE = firstOf("v.list = 'due' AND v.due_at < :weekEnd", 'v.due_at, v.late, n.rank, v.prospect_id');
const FIRST_LOOPS = firstOf("v.list = 'loop'", 'n.rank, v.prospect_id');
const COUNTS = `SELECT count(*) FILTER (WHERE v.list = 'due' AND v.due_at < :weekEnd), count(*) FILTER (WHERE v.list = 'loop')
  FROM verdict_memo v WHERE ${VALID}`;
const KEPT = `SELECT v.prospect_id, p.name, p.stage, v.verdict, v.wait_until, v.channel
  FROM verdict_memo v JOIN prospects p ON p.id = v.prospect_id WHERE ${VALID} ORDER BY v.prospect_id`;

/**
 * What `derive` makes of every prospect's verdict at `asked.at` (its lists), kept under
 * `variant`, the rows and the instant. The verdicts no row holds for the instant are decided
 * by `decideSome` (given their ids: their verdicts at the instant first, and at those after)
 * and kept, and the names ranked; then SQL hands `derive` each list's first rows. All in one
 * transaction, so no change can slip in between: if another cadence wrote meanwhile, SQLite
 * refuses the write at once (no waiting on its lock), and so it does when the file cannot be
 * written (read-only, disk full); then `derive` walks every verdict instead, and the result,
 * true as of the read, goes unkept. The memo is only ever a saving.
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
    const t = { t: Date.parse(at) };
    const missing = !same ? prep<[], Who>(db, ALL).raw(true).all() : prep<[typeof t], Who>(db, MISSING).raw(true).all(t);
    const decided = decideSome(missing.map((w) => w[0]));
    const fresh: SummaryVerdict[] = [];
    const values: unknown[] = [];
    for (const [prospectId, name, stage] of missing) {
      const stretches = decided.get(prospectId)!;
      const { verdict, waitUntil, channel } = stretches[0]!;
      fresh.push({ prospectId, name, stage, verdict, waitUntil, channel });
      for (const v of stretches) {
        const { list, dueAt, late } = placement(v.verdict, v.waitUntil);
        values.push(prospectId, v.verdict, msOf(v.waitUntil), v.channel, Date.parse(v.from), untilOf(v), list, dueAt, late);
      }
    }
    const kept = tryWrite(db, () => {
      if (fresh.length) keepVerdicts(db, key, same, fresh.map((v) => v.prospectId), values);
      rankNames(db, asked.compareNames);
    });
    const text = derive(kept ? ordered(db, at, weekEnd, rows) : walkAll(db, at, fresh, same));
    if (kept) {
      tryWrite(db, () =>
        prep(db, 'UPDATE verdict_memo_key SET lists_for = ?, lists = ? WHERE one = 1 AND key = ?').run(listsFor, text, key),
      );
    }
    return text;
  });
}

/**
 * The end of the instants a verdict is kept for (ms): a verdict that holds for its own instant
 * only (the log has touches after it) is kept for that one, the next millisecond excluded; no
 * other instant a summary asks at (a Monday 09:00) falls between them.
 */
function untilOf(v: MemoStretch): number {
  return Math.max(Date.parse(v.until), Date.parse(v.from) + 1);
}

/** Moments are kept as milliseconds since 1970 (UTC): in a third of the room of ISO texts, so a week's verdicts kept write fewer pages. */
function msOf(iso: string | null): number | null {
  return iso ? Date.parse(iso) : null;
}

/** A kept row as the lists take it (its wait's end as ISO again). */
function verdictOf([prospectId, name, stage, verdict, waitUntil, channel]: Kept): SummaryVerdict {
  return { prospectId, name, stage, verdict, waitUntil: waitUntil === null ? null : new Date(waitUntil).toISOString(), channel };
}

function ordered(db: Db, at: string, weekEnd: string, rows: number): ListSource {
  const when = { t: Date.parse(at), weekEnd: Date.parse(weekEnd) };
  const verdicts = (sql: string) => prep<[object], Kept>(db, sql).raw(true).all({ ...when, rows: rows === Infinity ? -1 : rows }).map(verdictOf);
  const [due, loops] = prep<[object], [number, number]>(db, COUNTS).raw(true).get(when)!;
  return { kind: 'ordered', due: verdicts(FIRST_DUE), loops: verdicts(FIRST_LOOPS), totals: { due, loops } };
}

/**
 * Every verdict at `at`, in id order: `fresh` (decided, unkept), merged with the kept ones when
 * they are under this key (`withKept`); under another, fresh is everyone.
 */
function walkAll(db: Db, at: string, fresh: SummaryVerdict[], withKept: boolean): ListSource {
  return {
    kind: 'walk',
    walk: (each) => {
      if (!withKept) return fresh.forEach((v) => each(v));
      let i = 0;
      for (const row of prep<[object], Kept>(db, KEPT).raw(true).iterate({ t: Date.parse(at) })) {
        while (i < fresh.length && fresh[i]!.prospectId < row[0]) each(fresh[i++]!);
        each(verdictOf(row));
      }
      while (i < fresh.length) each(fresh[i++]!);
    },
  };
}

/** A hundred rows a statement: a thousand one-row inserts cost the week's first summary ~10 ms. */
const BATCH = 100;
/** The columns of a row, in `rows`' order. */
const WIDTH = 9;
const INSERT = `INSERT INTO verdict_memo
  (prospect_id, verdict, wait_until, channel, valid_from, valid_until, list, due_at, late) VALUES `;

/** The rows of these prospects, instead of those they had (all rows, for another key). */
function keepVerdicts(db: Db, key: string, same: boolean, ids: number[], rows: unknown[]): void {
  if (!same) {
    prep(db, 'DELETE FROM verdict_memo').run();
    forgetNameOrder(db);
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
