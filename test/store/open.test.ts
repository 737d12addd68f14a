import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { keptStore } from '../../src/app/kept.js';
import { RuntimeError } from '../../src/domain/errors.js';
import { resolveDbPath } from '../../src/store/path.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cadence-store-'));

describe('opening the database', () => {
  it('creates folder and file owner-only, in WAL mode with foreign keys, at the latest schema', () => {
    const path = join(tmp(), 'deep', 'er', 'cadence.db');
    const db = openDb(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('migrates a zero-length file, which is a valid empty database', () => {
    const path = join(tmp(), 'empty.db');
    writeFileSync(path, '');
    const db = openDb(path, { create: false });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['prospects', 'touches', 'value_items', 'company_marks', 'stage_changes']));
    db.close();
  });

  it('waits for another first run that holds the new file, instead of failing at once (a race of first runs)', async () => {
    // A new file is still in the old journal mode, and switching it to WAL is a write that SQLite
    // does not wait on while another connection holds the write lock: without waiting for it, this
    // failed with SQLITE_BUSY at once. Here another process holds that lock for a moment.
    const path = join(tmp(), 'race.db');
    writeFileSync(path, '');
    const holder = spawn(process.execPath, [
      '-e',
      `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const db = new D(${JSON.stringify(path)});
       db.exec('BEGIN IMMEDIATE');
       process.stdout.write('held\\n');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);`,
    ]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      holder.on('exit', (code) => reject(new Error(`the lock holder exited (${code}) before holding the lock`)));
    });
    const db = openDb(path, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    await new Promise((resolve) => holder.on('close', resolve));
  });

  it('does not create a missing file when opened for reading', () => {
    const path = join(tmp(), 'missing.db');
    const db = openDb(path, { create: false });
    expect(db.memory).toBe(true);
    expect(db.prepare('SELECT count(*) FROM prospects').pluck().get()).toBe(0);
    db.close();
    expect(() => statSync(path)).toThrow();
  });

  it('refuses a database written by a newer cadence, and leaves it alone', () => {
    const path = join(tmp(), 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = statSync(path).mtimeMs;
    expect(() => openDb(path, { create: true })).toThrow(RuntimeError);
    expect(() => openDb(path, { create: true })).toThrow(/newer cadence/);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('migrates inside one transaction: a second open finds the work done', () => {
    const path = join(tmp(), 'twice.db');
    openDb(path, { create: true }).close();
    const db = openDb(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('upgrades a schema-1 database with touches: its generated column goes, every prospect gets its facts', async () => {
    const path = join(tmp(), 'v1.db');
    const raw = new Database(path);
    raw.exec(SCHEMA_1);
    raw.pragma('user_version = 1');
    raw.exec(`INSERT INTO prospects (id, name, name_key, stage, created_at) VALUES
        (1, 'Dana', 'dana', 'discovery', '2026-03-01T09:00:00.000Z'), (2, 'Ravi', 'ravi', 'lead', '2026-03-01T09:00:00.000Z');
      INSERT INTO touches (prospect_id, at, channel, direction, outcome, value_kind, value_text, created_at) VALUES
        (1, '2026-03-02T09:00:00.000Z', 'email', 'out', 'sent', 'insight', 'Churn', '2026-03-02T09:00:00.000Z'),
        (1, '2026-03-03T09:00:00.000Z', 'call', 'out', 'no-answer', 'none', NULL, '2026-03-03T09:00:00.000Z');`);
    const T = new Date('2026-03-04T10:00:00.000Z');
    raw.close();
    const db = openDb(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM pragma_table_xinfo('touches') WHERE name = 'is_response'").all()).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'touches_prospect_response'").all()).toEqual([]);
    db.close();
    const store = keptStore(new SqliteStore(path), 'test');
    const dana = (await store.factsOf(1))!.facts;
    expect(dana.streak.map((f) => f.channel)).toEqual(['email', 'call']);
    expect((await store.factsOf(2))!.facts.latestTouch).toBeNull();
    expect(await store.sentValues([1])).toEqual(new Map([[1, [{ kind: 'insight', text: 'Churn' }]]]));
    expect(T.getTime()).toBeGreaterThan(Date.parse(dana.lastAt!));
    await store.close();
  });
});

describe('where the database lives', () => {
  it('follows --db, then CADENCE_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(resolveDbPath('/a.db', { CADENCE_DB: '/b.db' })).toBe('/a.db');
    expect(resolveDbPath(undefined, { CADENCE_DB: '/b.db', XDG_DATA_HOME: '/x' })).toBe('/b.db');
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '/x', HOME: '/h' })).toBe('/x/cadence/cadence.db');
    expect(resolveDbPath(undefined, { HOME: '/h' })).toBe('/h/.local/share/cadence/cadence.db');
  });
});

/** The schema release 0.1.0 created first (its migration 1), with the rules of its day in a generated column. */
const SCHEMA_1 = `
  CREATE TABLE prospects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    company TEXT,
    company_key TEXT,
    email TEXT,
    stage TEXT NOT NULL CHECK (stage IN ('lead', 'discovery', 'proposal', 'negotiation', 'won', 'lost')),
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
    channel TEXT NOT NULL CHECK (channel IN ('call', 'voicemail', 'email', 'text', 'linkedin', 'meeting', 'social', 'other')),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    outcome TEXT NOT NULL CHECK (outcome IN ('no-answer', 'left-message', 'sent', 'connected', 'replied', 'meeting-booked', 'not-now', 'not-interested', 'do-not-contact')),
    value_kind TEXT NOT NULL DEFAULT 'none' CHECK (value_kind IN ('none', 'insight', 'resource', 'intro', 'answer', 'proposal', 'event', 'debrief')),
    value_text TEXT,
    note TEXT,
    buyer_date TEXT,
    created_at TEXT NOT NULL,
    -- SPEC section 6: a response; a debrief never is one. (An OR chain: SQLite evaluates
    -- it about twice as fast as IN (...) here, which shows when a big import builds the index.)
    is_response INTEGER GENERATED ALWAYS AS (
      value_kind <> 'debrief' AND (direction = 'in' OR outcome = 'replied' OR outcome = 'connected' OR outcome = 'meeting-booked' OR outcome = 'not-now' OR outcome = 'not-interested' OR outcome = 'do-not-contact')
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
  `;
