import type { Db } from './open.js';
import { prep } from './prepare.js';
import { prospectCount } from './prospects.js';
import { readKeeping, tryWrite } from './write.js';

/**
 * The agenda's rows, each kept from the moment it was worked out until the first moment it
 * could read differently (core/advice/horizon.ts), so that the agenda looked at again during
 * the day reads 10,000 rows instead of advising 10,000 prospects. Triggers (schema v4) drop a
 * prospect's row in the same transaction as any change to what its advice reads (its log,
 * stage, marks, tags; the library: everyone's); the key names the rest (rules, time zone,
 * cadence's version). So a row kept for T is the row advising again at T would give.
 */
export interface Worked<R> {
  row: R;
  /** ISO: the row holds for T in [the moment it was worked out for, until). */
  until: string;
}

const KEY = 'SELECT key FROM agenda_memo_key WHERE one = 1';
const VALID = 'SELECT prospect_id, row FROM agenda_memo WHERE valid_from <= :t AND valid_until > :t ORDER BY prospect_id';
const COUNT_VALID = 'SELECT count(*) FROM agenda_memo WHERE valid_from <= :t AND valid_until > :t';
const ALL_IDS = 'SELECT id FROM prospects ORDER BY id';
const MISSING = `SELECT id FROM prospects
  WHERE id NOT IN (SELECT prospect_id FROM agenda_memo WHERE valid_from <= :t AND valid_until > :t) ORDER BY id`;

/**
 * Every prospect's row at `at` (ISO), by id: the kept ones read, the others from `workOut`
 * (given their ids) and kept. Read and written in one transaction, so no change can slip in
 * between: if another cadence wrote meanwhile, SQLite refuses the write at once (no waiting
 * on its lock) and the rows, true as of the read, go unkept; so they do when the file cannot
 * be written (read-only, disk full). The memo is only ever a saving.
 */
export function memoRows<R>(db: Db, key: string, at: string, workOut: (ids: number[]) => Map<number, Worked<R>>): R[] {
  return readKeeping(db, () => {
    const same = prep<[], { key: string }>(db, KEY).get()?.key === key;
    const t = { t: at };
    const missing = !same
      ? prep<[], number>(db, ALL_IDS).pluck().all()
      : prep<[{ t: string }], number>(db, COUNT_VALID).pluck().get(t)! < prospectCount(db)
        ? prep<[{ t: string }], number>(db, MISSING).pluck().all(t)
        : [];
    const worked = workOut(missing);
    if (worked.size) tryWrite(db, () => keep(db, key, same, at, worked));
    if (!same) return missing.map((id) => worked.get(id)!.row);
    // Merged in id order with the kept ones.
    const out: R[] = [];
    let i = 0;
    for (const [id, row] of prep<[{ t: string }], [number, string]>(db, VALID).raw(true).iterate(t)) {
      while (i < missing.length && missing[i]! < id) out.push(worked.get(missing[i++]!)!.row);
      if (missing[i] === id) out.push(worked.get(missing[i++]!)!.row);
      else out.push(JSON.parse(row) as R);
    }
    while (i < missing.length) out.push(worked.get(missing[i++]!)!.row);
    return out;
  });
}

function keep<R>(db: Db, key: string, same: boolean, at: string, worked: Map<number, Worked<R>>): void {
  if (!same) {
    prep(db, 'DELETE FROM agenda_memo').run();
    prep(db, 'INSERT OR REPLACE INTO agenda_memo_key (one, key) VALUES (1, ?)').run(key);
  }
  // A row whose horizon is its own moment (the log has touches after it) holds for no other.
  const values: unknown[] = [];
  for (const [id, w] of worked) if (w.until > at) values.push(id, at, w.until, JSON.stringify(w.row));
  // A hundred rows a statement: 10,000 one-row inserts cost a first look ~0.1 s.
  for (let i = 0; i < values.length; i += BATCH * 4) {
    const part = values.slice(i, i + BATCH * 4);
    const n = part.length / 4;
    prep(db, `INSERT OR REPLACE INTO agenda_memo (prospect_id, valid_from, valid_until, row) VALUES ${Array(n).fill('(?, ?, ?, ?)').join(', ')}`).run(part);
  }
}

const BATCH = 100;
