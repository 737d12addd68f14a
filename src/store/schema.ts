import { CHANNELS, OUTCOMES, STAGES, VALUE_KINDS } from '../domain/types.js';
import type { Db } from './open.js';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * The fold of each prospect's log (domain/fold.ts) as JSON, kept by the build whose key meta
 * holds (facts_key): derived data, so a build whose key differs drops the table and folds every
 * log again (store/facts.ts) before it reads any, whatever shape the table had.
 */
export const FACTS_TABLE = `
  CREATE TABLE prospect_facts (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    facts TEXT NOT NULL,
    -- What the log says in words (domain/fold.ts, Words): read only for suggestions and drafts.
    words TEXT NOT NULL
  );`;

/**
 * The schema of a new database. Times are ISO 8601 text in UTC with milliseconds and a Z, so
 * text order is time order. Nothing in it knows a coaching rule: the facts kept per prospect
 * (prospect_facts) are the domain's fold of its log, written by the application in the same
 * transaction as the log changes, and stamped with the key of the build that folded them.
 */
const CREATE = `
  CREATE TABLE prospects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    company TEXT,
    company_key TEXT,
    email TEXT,
    stage TEXT NOT NULL CHECK (stage IN (${list(STAGES)})),
    dnc_at TEXT,
    dnc_cleared_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX prospects_company ON prospects(company_key);

  CREATE TABLE prospect_tags (
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (prospect_id, tag)
  ) WITHOUT ROWID;
  CREATE INDEX prospect_tags_tag ON prospect_tags(tag);

  -- "Don't contact me or anyone in my company": marks a company, present and future prospects.
  CREATE TABLE company_marks (
    company_key TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    marked_at TEXT NOT NULL
  );

  -- AUTOINCREMENT: a removed touch's id is never given to a new one, so 'touch rm N' can't hit the wrong touch.
  CREATE TABLE touches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN (${list(CHANNELS)})),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    outcome TEXT NOT NULL CHECK (outcome IN (${list(OUTCOMES)})),
    value_kind TEXT NOT NULL DEFAULT 'none' CHECK (value_kind IN (${list(VALUE_KINDS)})),
    value_text TEXT,
    note TEXT,
    buyer_date TEXT,
    created_at TEXT NOT NULL
  );
  -- A prospect's log in order (the fold reads it whole); the summary's lookback reads what each touch was.
  CREATE INDEX touches_prospect_at ON touches(prospect_id, at, id, direction, channel, outcome, value_kind);
  -- The summary's week and the list of a day's touches.
  CREATE INDEX touches_at ON touches(at);
  -- The values delivered to a prospect, for suggestions (never one already sent).
  CREATE INDEX touches_value ON touches(prospect_id, value_kind, direction, value_text, at) WHERE value_kind <> 'none';

  -- Buyer dates set by 'prospect set' and 'close --revisit' (day NULL: cleared).
  -- Dates named at a touch live on the touch; the most recent of both is in force.
  CREATE TABLE buyer_date_events (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    day TEXT,
    set_at TEXT NOT NULL
  );
  CREATE INDEX buyer_date_events_prospect ON buyer_date_events(prospect_id, set_at, id);

  CREATE TABLE stage_changes (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX stage_changes_at ON stage_changes(at);
  CREATE INDEX stage_changes_prospect ON stage_changes(prospect_id, at);

  CREATE TABLE value_items (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL UNIQUE,
    url TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE value_tags (
    value_id INTEGER NOT NULL REFERENCES value_items(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (value_id, tag)
  ) WITHOUT ROWID;
  
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  ${FACTS_TABLE}
`;

export const SCHEMA_VERSION = 6;

/** Tables of releases 2 to 5 that held rules or memos in SQL; their rows were all derived. */
const DERIVED_TABLES = ['prospect_state', 'prospect_stale', 'verdict_memo', 'verdict_memo_key', 'agenda_memo', 'agenda_memo_key', 'name_order'];
/** Indexes only the dropped SQL state read. */
const DERIVED_INDEXES = ['touches_prospect_response', 'touches_buyer_date', 'touches_dnc', 'touches_light'];

/**
 * Takes a database from any earlier version to this one, inside the caller's transaction.
 * Version 1 to 5 databases keep every prospect, touch, mark, buyer date, stage change and
 * library item; what earlier releases derived in SQL (a state per prospect, memos of verdicts
 * and agenda rows, name ranks, the triggers that kept them, a generated "is response" column)
 * is dropped, and the facts are folded again by the application.
 */
export function migrate(db: Db, from: number): void {
  if (from === 0) {
    db.exec(CREATE);
    return;
  }
  const triggers = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").all();
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  for (const i of DERIVED_INDEXES) db.exec(`DROP INDEX IF EXISTS "${i}"`);
  for (const t of DERIVED_TABLES) db.exec(`DROP TABLE IF EXISTS "${t}"`);
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_xinfo('touches')").all();
  if (columns.some((c) => c.name === 'is_response')) db.exec('ALTER TABLE touches DROP COLUMN is_response');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID; ${FACTS_TABLE}`);
}
