import type { SummaryVerdict } from '../core/summary.js';
import type { Channel, Stage, Verdict } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { readKeeping, tryWrite } from './write.js';

/**
 * Verdicts decided for one instant (the summary's next Monday 09:00), kept so that the next
 * summary of the week does not decide 10,000 verdicts again, and what the summary made of
 * them (its lists), so that it need not read them either. Triggers (schema v3) drop a
 * prospect's row, and the lists, in the same transaction as any change to what its verdict
 * reads; the key names the instant and all else a verdict depends on. So a row that is there
 * is the verdict deciding again would give, and a missing one is decided again.
 */
export interface MemoVerdict {
  verdict: Verdict;
  waitUntil: string | null;
  channel: Channel;
}

type Who = [number, string, Stage];
type Kept = [number, string, Stage, Verdict, string | null, Channel];

const KEY = 'SELECT key, lists_for, lists FROM verdict_memo_key WHERE one = 1';
const KEPT = 'SELECT prospect_id, name, stage, verdict, wait_until, channel FROM verdict_memo ORDER BY prospect_id';
const ALL = 'SELECT id, name, stage FROM prospects ORDER BY id';
// Rows are only ever for prospects there are (a removed prospect takes its row along): equal counts, nothing missing.
const ANY_MISSING = 'SELECT (SELECT count(*) FROM prospects) > (SELECT count(*) FROM verdict_memo)';
const MISSING = 'SELECT id, name, stage FROM prospects WHERE id NOT IN (SELECT prospect_id FROM verdict_memo) ORDER BY id';

/**
 * What `derive` makes of every prospect's verdict for `key` (`variant` tells its kinds
 * apart, such as how many rows a list keeps). `derive` is handed a walk over the verdicts in
 * id order: the kept ones, and the others from `decideSome` (given their ids), which are kept.
 * All in one transaction, so no change can slip in between: if another cadence wrote
 * meanwhile, SQLite refuses the write at once (no waiting on its lock) and the result, true
 * as of the read, goes unkept. So does it when the file cannot be written (read-only, disk
 * full): the memo is only ever a saving.
 */
export function memoDerived(
  db: Db,
  key: string,
  variant: string,
  decideSome: (ids: number[]) => Map<number, MemoVerdict>,
  derive: (walk: (each: (v: SummaryVerdict) => void) => void) => string,
): string {
  return readKeeping(db, () => {
    const head = prep<[], { key: string; lists_for: string | null; lists: string | null }>(db, KEY).get();
    const same = head?.key === key;
    if (same && head.lists !== null && head.lists_for === variant) return head.lists;
    const missing = !same
      ? prep<[], Who>(db, ALL).raw(true).all()
      : prep(db, ANY_MISSING).pluck().get()
        ? prep<[], Who>(db, MISSING).raw(true).all()
        : [];
    const decided = decideSome(missing.map((w) => w[0]));
    const fresh: SummaryVerdict[] = missing.map(([prospectId, name, stage]) => ({ prospectId, name, stage, ...decided.get(prospectId)! }));
    const kept = fresh.length === 0 || tryWrite(db, () => keepVerdicts(db, key, same, fresh));
    const text = derive((each) => {
      if (!same) return fresh.forEach((v) => each(v));
      // Merged in id order with the kept ones, row by row: 10,000 rows held at once cost the
      // garbage collector more than the query.
      let i = 0;
      for (const [prospectId, name, stage, verdict, waitUntil, channel] of prep<[], Kept>(db, KEPT).raw(true).iterate()) {
        while (i < fresh.length && fresh[i]!.prospectId < prospectId) each(fresh[i++]!);
        if (fresh[i]?.prospectId === prospectId) each(fresh[i++]!);
        else each({ prospectId, name, stage, verdict, waitUntil, channel });
      }
      while (i < fresh.length) each(fresh[i++]!);
    });
    // Only over a full set of rows: a change to a prospect without one would drop no row, and so not the text.
    if (kept) {
      tryWrite(db, () =>
        prep(db, 'UPDATE verdict_memo_key SET lists_for = ?, lists = ? WHERE one = 1 AND key = ?').run(variant, text, key),
      );
    }
    return text;
  });
}

function keepVerdicts(db: Db, key: string, same: boolean, verdicts: readonly SummaryVerdict[]): void {
  if (!same) {
    prep(db, 'DELETE FROM verdict_memo').run();
    prep(db, 'INSERT OR REPLACE INTO verdict_memo_key (one, key, lists_for, lists) VALUES (1, ?, NULL, NULL)').run(key);
  }
  const insert = prep(
    db,
    'INSERT OR REPLACE INTO verdict_memo (prospect_id, name, stage, verdict, wait_until, channel) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const v of verdicts) insert.run(v.prospectId, v.name, v.stage, v.verdict, v.waitUntil, v.channel);
}
