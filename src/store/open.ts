import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { WriteRefused } from '../app/store.js';
import { CadenceError, RuntimeError } from '../domain/errors.js';
import { migrate, SCHEMA_VERSION } from './schema.js';

/** How long a command waits for another cadence's write to finish (the message below says so). */
const BUSY_TIMEOUT_MS = 10_000;

export type Db = BetterSqlite3.Database;


export interface OpenOptions {
  /** Create the file (and its folder) if missing; read-only commands pass false. */
  create: boolean;
}

/**
 * Opens (and if needed creates and migrates) the database.
 * A missing file opened without `create` is an empty in-memory database, so a
 * read-only command on a fresh machine answers "nothing yet" and writes nothing.
 */
export function openDb(path: string, { create }: OpenOptions): Db {
  let exists = true;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw corrupt(path, 'is a folder, not a database file');
    checkHeader(path, st.size);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw asRuntime(e, path);
    exists = false;
  }
  if (!exists && !create) return upgrade(new Database(':memory:'), ':memory:');
  if (!exists) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // Owner-only from the first byte; SQLite gives the -wal and -shm files the same mode.
      closeSync(openSync(path, 'a', 0o600));
    } catch (e) {
      throw new RuntimeError(`Cannot create the database at ${path}: ${(e as Error).message}. Choose another place with --db.`);
    }
  }
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw asRuntime(e, path);
  }
  try {
    // Read the header before anything that could write, so a foreign file is never touched.
    db.pragma('schema_version', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new RuntimeError(
        `The database ${path} was written by a newer cadence (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade cadence to use it.`,
      );
    }
    toWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return upgrade(db, path);
  } catch (e) {
    db.close();
    throw asRuntime(e, path);
  }
}

function upgrade(db: Db, path: string): Db {
  if (path === ':memory:') db.pragma('foreign_keys = ON');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current >= SCHEMA_VERSION) return db;
  // IMMEDIATE: two first runs racing each other must not both migrate. Foreign keys are off
  // while the touches table loses its old generated column (SQLite checks them on that change).
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v >= SCHEMA_VERSION) return;
      migrate(db, v);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return db;
}

/**
 * Switches a new database to WAL. On a new file that is a write in the old journal mode, from
 * a read lock up to a write lock: a step SQLite does not wait on (another cadence doing the
 * same could be waiting on us: a deadlock), so when several first runs race it answers BUSY at
 * once. Waited out here, as the busy timeout waits out every other lock.
 */
function toWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 20);
    }
  }
}

const MAGIC = 'SQLite format 3\u0000';

/**
 * Reads the 100-byte SQLite header so that garbage or a truncated file is refused
 * before SQLite gets a chance to write to it. An empty file is a new database.
 */
function checkHeader(path: string, size: number): void {
  if (size === 0) return;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || header.toString('latin1', 0, 16) !== MAGIC) throw corrupt(path, 'is not a SQLite database');
  // While a WAL holds pages, a checkpoint in another process may have written the new size
  // into the header before the file grew: the size is only telling without a WAL.
  if (statSize(`${path}-wal`) > 0) return;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const sizeIsValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (sizeIsValid && pages > 0 && statSize(path) < pages * pageSize) throw corrupt(path, 'is truncated');
}

function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function corrupt(path: string, what: string): RuntimeError {
  return new RuntimeError(
    `The database ${path} ${what}; restore it from a backup (made with 'cadence backup') or point --db elsewhere.`,
  );
}

/** Maps SQLite's failures to one sentence that names the file and the way out. */
export function asRuntime(e: unknown, path: string): Error {
  // cadence's own errors (a name taken, a bad row in a file) say what they mean, whatever words they quote.
  if (e instanceof CadenceError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? String(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg)) {
    return corrupt(path, 'is damaged or not a cadence database');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new RuntimeError(`The disk holding ${path} is full; nothing was written. Free some space and try again.`);
  }
  // A write the disk refused for a reason SQLite cannot tell from full: a quota, a file size
  // limit (EFBIG), a failing disk. The way out is the same first step.
  if (['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_SHMSIZE', 'EFBIG', 'EDQUOT'].includes(code)) {
    return new RuntimeError(
      `The disk would not take a write to ${path} (it may be full, over a quota or size limit, or failing); nothing was written. Free some space and try again.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new WriteRefused(`The database ${path} stayed locked by another cadence for ${BUSY_TIMEOUT_MS / 1000} seconds; nothing was written. Try again.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new WriteRefused(`Cannot write to the database ${path} (${msg}); check its permissions or use --db.`);
  }
  if (code === 'EACCES' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new RuntimeError(`Cannot open the database ${path} for writing (${msg}); check its permissions or use --db.`);
  }
  if (code.startsWith('SQLITE_')) return new RuntimeError(`Database error in ${path}: ${msg}.`);
  return e as Error;
}
