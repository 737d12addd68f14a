import type { BuyerDateEvent, Facts, ProspectLog, Words } from '../domain/fold.js';
import type { Touch } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { FACTS_TABLE } from './schema.js';
import { toTouch, TOUCH_COLUMNS, type TouchRow } from './touches.js';

/** Prospects folded together when all are folded again. */
const FOLD_BATCH = 200;

/** How the application folds a log, and the key of that fold (its build): kept facts carry it. */
export interface Keeping {
  fold: (log: ProspectLog) => Facts;
  words: (log: ProspectLog) => Words;
  /** The fold taken up with entries added to the end of the log; null when it must start over. */
  foldOn: (facts: Facts, added: readonly (Touch | BuyerDateEvent)[]) => Facts | null;
  wordsOn: (words: Words, added: readonly Touch[]) => Words;
  key: string;
}

/** What a unit of work changed in one prospect's log: entries added at its end, or more (then it is folded again). */
export interface Change {
  added: (Touch | BuyerDateEvent)[];
  refold: boolean;
}

/** One prospect's whole log, oldest first. */
export function logOf(db: Db, prospectId: number): ProspectLog {
  const touches = prep<[number], TouchRow>(db, `SELECT ${TOUCH_COLUMNS} FROM touches WHERE prospect_id = ? ORDER BY at, id`)
    .all(prospectId)
    .map(toTouch);
  return { touches, buyerDateEvents: buyerDateEventsOf(db, prospectId) };
}

function buyerDateEventsOf(db: Db, prospectId: number): BuyerDateEvent[] {
  return prep<[number], BuyerDateEvent>(db, 'SELECT day, set_at AS setAt FROM buyer_date_events WHERE prospect_id = ? ORDER BY id').all(
    prospectId,
  );
}

/**
 * Keeps the facts of the prospects a unit of work changed (inside its transaction): for a log
 * that only grew at its end (a touch logged now, a buyer date set), the kept fold taken up
 * where it stopped; for any other change, the whole log folded again.
 */
export function keepFacts(db: Db, keeping: Keeping, changes: ReadonlyMap<number, Change>): void {
  const gone = prep(db, 'DELETE FROM prospect_facts WHERE prospect_id = ?');
  const exists = prep<[number], { x: number }>(db, 'SELECT EXISTS (SELECT 1 FROM prospects WHERE id = ?) AS x');
  const kept = prep<[number], { facts: string; words: string }>(db, 'SELECT facts, words FROM prospect_facts WHERE prospect_id = ?');
  for (const [id, change] of changes) {
    if (!exists.get(id)!.x) {
      gone.run(id);
      continue;
    }
    const row = change.refold ? undefined : kept.get(id);
    const facts = row && keeping.foldOn(JSON.parse(row.facts) as Facts, change.added);
    if (!row || !facts) {
      put(db, keeping, id, logOf(db, id));
      continue;
    }
    const touches = change.added.filter((e): e is Touch => 'id' in e);
    const words = touches.length ? keeping.wordsOn(JSON.parse(row.words) as Words, touches) : (JSON.parse(row.words) as Words);
    keep(db, id, facts, words);
  }
}

/**
 * Folds every log again and stamps the facts with the key (inside the caller's transaction):
 * the touches read in prospect order, a batch of prospects a query.
 */
export function keepAllFacts(db: Db, keeping: Keeping): void {
  db.exec(`DROP TABLE IF EXISTS prospect_facts; ${FACTS_TABLE}`);
  const events = new Map<number, BuyerDateEvent[]>();
  for (const e of prep<[], BuyerDateEvent & { prospectId: number }>(
    db,
    'SELECT prospect_id AS prospectId, day, set_at AS setAt FROM buyer_date_events ORDER BY id',
  ).iterate()) {
    const list = events.get(e.prospectId) ?? [];
    list.push({ day: e.day, setAt: e.setAt });
    events.set(e.prospectId, list);
  }
  const ids = prep<[], number>(db, 'SELECT id FROM prospects ORDER BY id').pluck().all();
  const read = prep<[number, number], TouchRow>(
    db,
    `SELECT ${TOUCH_COLUMNS} FROM touches WHERE prospect_id BETWEEN ? AND ? ORDER BY prospect_id, at, id`,
  );
  // A few hundred prospects' touches at a time: a statement still reading cannot share its
  // connection with the writes, and a million touches held at once would not fit the memory.
  for (let i = 0; i < ids.length; i += FOLD_BATCH) {
    const batch = ids.slice(i, i + FOLD_BATCH);
    const byProspect = new Map<number, Touch[]>(batch.map((id) => [id, []]));
    for (const r of read.all(batch[0]!, batch.at(-1)!)) byProspect.get(r.prospect_id)?.push(toTouch(r));
    for (const [id, touches] of byProspect) {
      put(db, keeping, id, { touches, buyerDateEvents: events.get(id) ?? [] });
    }
  }
  setFactsKey(db, keeping.key);
}

function put(db: Db, keeping: Keeping, id: number, log: ProspectLog): void {
  keep(db, id, keeping.fold(log), keeping.words(log));
}

function keep(db: Db, id: number, facts: Facts, words: Words): void {
  prep(db, 'INSERT OR REPLACE INTO prospect_facts (prospect_id, facts, words) VALUES (?, ?, ?)').run(id, JSON.stringify(facts), JSON.stringify(words));
}

export function factsKey(db: Db): string | null {
  return prep<[], { value: string }>(db, "SELECT value FROM meta WHERE key = 'facts_key'").get()?.value ?? null;
}

export function setFactsKey(db: Db, key: string): void {
  prep(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('facts_key', ?)").run(key);
}
