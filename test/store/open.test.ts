import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { digestAt } from '../../src/store/digest.js';
import { RuntimeError } from '../../src/core/errors.js';
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

  it('upgrades a schema-1 database with touches: every prospect gets its stored state, the digest is unchanged', () => {
    const path = join(tmp(), 'v1.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
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
    expect(db.prepare('SELECT prospect_id, unanswered, streak FROM prospect_state ORDER BY 1').all()).toEqual([
      { prospect_id: 1, unanswered: 2, streak: 'email,call' },
      { prospect_id: 2, unanswered: 0, streak: null },
    ]);
    const dana = digestAt(db, T, 1);
    expect(dana!.sentValues).toEqual([{ kind: 'insight', text: 'Churn' }]);
    expect(dana!.recentUnanswered.map((f) => f.channel)).toEqual(['email', 'call']);
    db.close();
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
