// Where the application's facts are kept (app/kept.ts decides what they are and when they are
// folded): one row per prospect, JSON, and the key of the build that folded them.
import type { IdLog } from '../app/store.js';
import type { BuyerDateEvent, Facts, ProspectLog, Words } from '../domain/fold.js';
import type { Touch } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { FACTS_TABLE } from './schema.js';
import { toTouch, TOUCH_COLUMNS, type TouchRow } from './touches.js';

/** One prospect's whole log, oldest first. */
export function logOf(db: Db, prospectId: number): ProspectLog {
  const touches = prep<[number], TouchRow>(db, `SELECT ${TOUCH_COLUMNS} FROM touches WHERE prospect_id = ? ORDER BY at, id`)
    .all(prospectId)
    .map(toTouch);
  const buyerDateEvents = prep<[number], BuyerDateEvent>(db, 'SELECT day, set_at AS setAt FROM buyer_date_events WHERE prospect_id = ? ORDER BY id').all(
    prospectId,
  );
  return { touches, buyerDateEvents };
}

/** The logs of these prospects (ids ascending): one query for their touches and one for their buyer dates. */
export function logsBetween(db: Db, ids: readonly number[]): IdLog[] {
  if (!ids.length) return [];
  const logs = new Map<number, { touches: Touch[]; buyerDateEvents: BuyerDateEvent[] }>(ids.map((id) => [id, { touches: [], buyerDateEvents: [] }]));
  const [first, last] = [ids[0]!, ids.at(-1)!];
  for (const r of prep<[number, number], TouchRow>(db, `SELECT ${TOUCH_COLUMNS} FROM touches WHERE prospect_id BETWEEN ? AND ? ORDER BY prospect_id, at, id`).all(first, last)) {
    logs.get(r.prospect_id)?.touches.push(toTouch(r));
  }
  for (const e of prep<[number, number], BuyerDateEvent & { prospectId: number }>(
    db,
    'SELECT prospect_id AS prospectId, day, set_at AS setAt FROM buyer_date_events WHERE prospect_id BETWEEN ? AND ? ORDER BY id',
  ).all(first, last)) {
    logs.get(e.prospectId)?.buyerDateEvents.push({ day: e.day, setAt: e.setAt });
  }
  return [...logs].map(([id, log]) => ({ id, log }));
}

export function putFacts(db: Db, id: number, facts: Facts, words: Words): void {
  prep(db, 'INSERT OR REPLACE INTO prospect_facts (prospect_id, facts, words) VALUES (?, ?, ?)').run(id, JSON.stringify(facts), JSON.stringify(words));
}

/** Every prospect's facts forgotten, the table made anew: another build may have kept them in another shape. */
export function forgetFacts(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS prospect_facts; ${FACTS_TABLE}`);
}

export function factsKey(db: Db): string | null {
  return prep<[], { value: string }>(db, "SELECT value FROM meta WHERE key = 'facts_key'").get()?.value ?? null;
}

export function setFactsKey(db: Db, key: string): void {
  prep(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('facts_key', ?)").run(key);
}
