import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { RuntimeError } from '../domain/errors.js';
import { openDb, type Db } from './open.js';

/**
 * Creates the database at `path`, which does not exist yet, with what `fn` writes: built in a
 * file beside it and put in place (without replacing anything) only once `fn` has succeeded.
 * So a failed or killed import into a new database leaves no database behind, and while nobody
 * else can see the file it needs no write-ahead log (which writes every page twice: a million
 * touches import seconds faster without it).
 *
 * Returns undefined, having written nothing, when a database appeared at `path` meanwhile:
 * the caller then writes into that one as usual.
 */
export async function createWhole<T>(path: string, fn: (db: Db) => T | Promise<T>): Promise<{ result: T } | undefined> {
  const folder = dirname(path);
  // The folders this creates, deepest first: removed again if nothing is put in place.
  const made: string[] = [];
  for (let f = folder; !existsSync(f) && dirname(f) !== f; f = dirname(f)) made.push(f);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new RuntimeError(`Cannot create the database at ${path}: ${(e as Error).message}. Choose another place with --db.`);
  }
  // The process's id (for a later run to tell a killed import's leftovers), and a part of its own
  // (two imports of one process, into one new file, each build their own).
  const tmp = join(folder, `.${basename(path)}.import-${process.pid}-${randomBytes(4).toString('hex')}`);
  const removeTmp = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  };
  removeLeftovers(folder, basename(path));
  let placed = false;
  try {
    const db = openDb(tmp, { create: true });
    let result: T;
    try {
      db.pragma('journal_mode = DELETE');
      // No syncs while it is built (each spill of the page cache would wait for the disk):
      // a file nobody sees needs none. It is synced once, whole, before it is put in place.
      db.pragma('synchronous = OFF');
      result = await fn(db);
      // Left as every other open would leave it, so the first one after does not rewrite the header.
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    sync(tmp);
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw e;
    }
    placed = true;
    sync(folder);
    return { result };
  } finally {
    removeTmp();
    if (!placed) {
      try {
        for (const f of made) rmdirSync(f);
      } catch {
        // Not empty: something else is in it now; leave it.
      }
    }
  }
}

/** Temporary files of imports that were killed (their process is gone): never a database anyone opened. */
function removeLeftovers(folder: string, base: string): void {
  const prefix = `.${base}.import-`;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && alive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Flushes a file (or a folder's entries) to the disk. */
function sync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
