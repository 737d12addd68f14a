import { CHANNELS, OUTCOMES, RESPONSE_OUTCOMES, STAGES, VALUE_KINDS } from '../core/types.js';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * Migrations, in order. Migration i takes the schema from user_version i to i + 1.
 * Times are ISO 8601 text in UTC with milliseconds and a Z, so text order is time order.
 */
export const MIGRATIONS: readonly string[] = [
  `
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
    created_at TEXT NOT NULL,
    -- SPEC section 6: a response; a debrief never is one. (An OR chain: SQLite evaluates
    -- it about twice as fast as IN (...) here, which shows when a big import builds the index.)
    is_response INTEGER GENERATED ALWAYS AS (
      value_kind <> 'debrief' AND (direction = 'in' OR ${RESPONSE_OUTCOMES.map((o) => `outcome = '${o}'`).join(' OR ')})
    ) VIRTUAL
  );
  -- Covering for the digest: the rules read these columns of a prospect's recent touches.
  CREATE INDEX touches_prospect_at ON touches(prospect_id, at, id, direction, channel, outcome, value_kind);
  CREATE INDEX touches_prospect_response ON touches(prospect_id, is_response, at, id);
  CREATE INDEX touches_at ON touches(at);
  CREATE INDEX touches_buyer_date ON touches(prospect_id, at) WHERE buyer_date IS NOT NULL;
  CREATE INDEX touches_dnc ON touches(prospect_id, at) WHERE outcome = 'do-not-contact';
  CREATE INDEX touches_light ON touches(prospect_id, at) WHERE channel = 'social';
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
  `,
  // v2: what the rules read of each prospect's log, kept up to date (see state.ts).
  `
  CREATE TABLE prospect_state (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    lr TEXT, lt TEXT, lo TEXT, ll TEXT,
    unanswered INTEGER NOT NULL,
    debrief TEXT, streak TEXT, bd TEXT, dnc_touch_at TEXT,
    out_since_bd INTEGER NOT NULL,
    sent_lib TEXT,
    last_debrief TEXT, last_in TEXT, first_at TEXT
  );
  CREATE TABLE prospect_stale (prospect_id INTEGER PRIMARY KEY);
  -- Only a state refresh looks for the latest response now, walking back from the latest
  -- touch; the index cost every insert, and a fifth of a big import's time to rebuild.
  DROP INDEX touches_prospect_response;
  CREATE TRIGGER touches_stale_insert AFTER INSERT ON touches
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (NEW.prospect_id); END;
  CREATE TRIGGER touches_stale_update AFTER UPDATE ON touches
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (OLD.prospect_id), (NEW.prospect_id); END;
  CREATE TRIGGER touches_stale_delete AFTER DELETE ON touches
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (OLD.prospect_id); END;
  CREATE TRIGGER prospects_stale_insert AFTER INSERT ON prospects
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (NEW.id); END;
  CREATE TRIGGER prospects_stale_clear AFTER UPDATE OF dnc_cleared_at ON prospects
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (NEW.id); END;
  CREATE TRIGGER buyer_dates_stale_insert AFTER INSERT ON buyer_date_events
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (NEW.prospect_id); END;
  CREATE TRIGGER buyer_dates_stale_delete AFTER DELETE ON buyer_date_events
    BEGIN INSERT OR IGNORE INTO prospect_stale VALUES (OLD.prospect_id); END;
  -- Who was sent a title the library gains or loses (cadence_norm: see open.ts).
  CREATE TRIGGER values_stale_insert AFTER INSERT ON value_items BEGIN
    INSERT OR IGNORE INTO prospect_stale SELECT DISTINCT prospect_id FROM touches
    WHERE value_kind <> 'none' AND direction = 'out' AND cadence_norm(value_text) = cadence_norm(NEW.title); END;
  CREATE TRIGGER values_stale_delete AFTER DELETE ON value_items BEGIN
    INSERT OR IGNORE INTO prospect_stale SELECT DISTINCT prospect_id FROM touches
    WHERE value_kind <> 'none' AND direction = 'out' AND cadence_norm(value_text) = cadence_norm(OLD.title); END;
  CREATE TRIGGER values_stale_update AFTER UPDATE OF title ON value_items BEGIN
    INSERT OR IGNORE INTO prospect_stale SELECT DISTINCT prospect_id FROM touches
    WHERE value_kind <> 'none' AND direction = 'out'
      AND cadence_norm(value_text) IN (cadence_norm(OLD.title), cadence_norm(NEW.title)); END;
  INSERT INTO prospect_stale SELECT id FROM prospects;
  `,
  // v3: verdicts decided for one instant, kept until what they read changes (see verdict-memo.ts).
  `
  -- With the prospect's name and stage (a change to either drops the row): a summary reads this table alone.
  CREATE TABLE verdict_memo (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    stage TEXT NOT NULL,
    verdict TEXT NOT NULL,
    wait_until TEXT,
    channel TEXT NOT NULL
  );
  -- What the rows were decided for (the instant, the rules, the time zone, cadence's version),
  -- and what a summary made of them (its lists, for a number of rows), until a row changes.
  CREATE TABLE verdict_memo_key (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    key TEXT NOT NULL,
    lists_for TEXT,
    lists TEXT
  );
  CREATE TRIGGER verdict_memo_lists AFTER DELETE ON verdict_memo
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  -- Everything a prospect's state is made of marks it stale (touches, buyer dates, a cleared
  -- mark, a new prospect, library titles); the rest a verdict reads is the prospect's row and
  -- its company's mark.
  CREATE TRIGGER verdict_memo_stale AFTER INSERT ON prospect_stale BEGIN
    DELETE FROM verdict_memo WHERE prospect_id = NEW.prospect_id;
    -- A new prospect has no row to drop, and is on the lists all the same.
    UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL;
  END;
  CREATE TRIGGER verdict_memo_prospect AFTER UPDATE ON prospects
    BEGIN DELETE FROM verdict_memo WHERE prospect_id IN (OLD.id, NEW.id); END;
  CREATE TRIGGER verdict_memo_company_insert AFTER INSERT ON company_marks BEGIN
    DELETE FROM verdict_memo WHERE prospect_id IN (SELECT id FROM prospects WHERE company_key = NEW.company_key); END;
  CREATE TRIGGER verdict_memo_company_update AFTER UPDATE ON company_marks BEGIN
    DELETE FROM verdict_memo WHERE prospect_id IN
      (SELECT id FROM prospects WHERE company_key IN (OLD.company_key, NEW.company_key)); END;
  -- The lists name what to bring: library items that fit a prospect's tags.
  CREATE TRIGGER verdict_memo_lists_values_insert AFTER INSERT ON value_items
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_values_update AFTER UPDATE ON value_items
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_values_delete AFTER DELETE ON value_items
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_value_tags_insert AFTER INSERT ON value_tags
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_value_tags_delete AFTER DELETE ON value_tags
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_tags_insert AFTER INSERT ON prospect_tags
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_lists_tags_delete AFTER DELETE ON prospect_tags
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  CREATE TRIGGER verdict_memo_company_delete AFTER DELETE ON company_marks BEGIN
    DELETE FROM verdict_memo WHERE prospect_id IN (SELECT id FROM prospects WHERE company_key = OLD.company_key); END;
  `,
  // v4: the agenda's rows, each kept until the moment it could read differently (see agenda-memo.ts).
  `
  CREATE TABLE agenda_memo (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    -- JSON: what the agenda shows of the prospect's advice.
    row TEXT NOT NULL
  );
  -- What the rows were worked out with: the rules, the time zone, cadence's version.
  CREATE TABLE agenda_memo_key (one INTEGER PRIMARY KEY CHECK (one = 1), key TEXT NOT NULL);
  -- As for the summary's verdicts (v3): a change to what a prospect's advice reads drops its row...
  CREATE TRIGGER agenda_memo_stale AFTER INSERT ON prospect_stale
    BEGIN DELETE FROM agenda_memo WHERE prospect_id = NEW.prospect_id; END;
  CREATE TRIGGER agenda_memo_prospect AFTER UPDATE ON prospects
    BEGIN DELETE FROM agenda_memo WHERE prospect_id IN (OLD.id, NEW.id); END;
  CREATE TRIGGER agenda_memo_company_insert AFTER INSERT ON company_marks BEGIN
    DELETE FROM agenda_memo WHERE prospect_id IN (SELECT id FROM prospects WHERE company_key = NEW.company_key); END;
  CREATE TRIGGER agenda_memo_company_update AFTER UPDATE ON company_marks BEGIN
    DELETE FROM agenda_memo WHERE prospect_id IN
      (SELECT id FROM prospects WHERE company_key IN (OLD.company_key, NEW.company_key)); END;
  CREATE TRIGGER agenda_memo_company_delete AFTER DELETE ON company_marks BEGIN
    DELETE FROM agenda_memo WHERE prospect_id IN (SELECT id FROM prospects WHERE company_key = OLD.company_key); END;
  -- ...and so do its tags, and any change to the library, which the suggestions come from.
  CREATE TRIGGER agenda_memo_tags_insert AFTER INSERT ON prospect_tags
    BEGIN DELETE FROM agenda_memo WHERE prospect_id = NEW.prospect_id; END;
  CREATE TRIGGER agenda_memo_tags_delete AFTER DELETE ON prospect_tags
    BEGIN DELETE FROM agenda_memo WHERE prospect_id = OLD.prospect_id; END;
  CREATE TRIGGER agenda_memo_values_insert AFTER INSERT ON value_items BEGIN DELETE FROM agenda_memo; END;
  CREATE TRIGGER agenda_memo_values_update AFTER UPDATE ON value_items BEGIN DELETE FROM agenda_memo; END;
  CREATE TRIGGER agenda_memo_values_delete AFTER DELETE ON value_items BEGIN DELETE FROM agenda_memo; END;
  CREATE TRIGGER agenda_memo_value_tags_insert AFTER INSERT ON value_tags BEGIN DELETE FROM agenda_memo; END;
  CREATE TRIGGER agenda_memo_value_tags_delete AFTER DELETE ON value_tags BEGIN DELETE FROM agenda_memo; END;
  `,
  // v5: the summary's verdicts kept for as long as each holds, from one week to the next, with
  // where each goes on its lists (see verdict-memo.ts). What v3 kept is dropped with the table.
  `
  DROP TABLE verdict_memo;
  DELETE FROM verdict_memo_key;
  -- A prospect's verdicts for the instants ahead, one row for each stretch of them (its name
  -- and stage are the prospect's: a change to either drops its rows).
  CREATE TABLE verdict_memo (
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    verdict TEXT NOT NULL,
    -- Moments in milliseconds since 1970 UTC (see verdict-memo.ts): the wait's end, if any;
    wait_until INTEGER,
    channel TEXT NOT NULL,
    -- the instants it holds for, [valid_from, valid_until);
    valid_from INTEGER NOT NULL,
    valid_until INTEGER NOT NULL,
    -- its placement (core/summary.ts): 'due', 'loop' or NULL, and the due list's order, names
    -- apart (0: due at the instant itself).
    list TEXT,
    due_at INTEGER NOT NULL,
    late INTEGER NOT NULL,
    PRIMARY KEY (prospect_id, valid_from)
  ) WITHOUT ROWID;
  CREATE TRIGGER verdict_memo_lists AFTER DELETE ON verdict_memo
    BEGIN UPDATE verdict_memo_key SET lists = NULL WHERE lists IS NOT NULL; END;
  -- Every prospect's place in name order, as the locale orders names (see name-order.ts).
  CREATE TABLE name_order (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    rank REAL NOT NULL
  );
  CREATE TRIGGER name_order_rename AFTER UPDATE OF name ON prospects
    BEGIN DELETE FROM name_order WHERE prospect_id IN (OLD.id, NEW.id); END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
