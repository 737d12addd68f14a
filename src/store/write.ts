import type { Db } from './open.js';
import { refreshStates } from './state.js';

/**
 * Runs fn in one IMMEDIATE transaction: all of it is written, or none. The prospect
 * states that fn's changes made stale are recomputed in the same transaction.
 */
export function write<T>(db: Db, fn: () => T): T {
  return db
    .transaction(() => {
      const result = fn();
      refreshStates(db);
      return result;
    })
    .immediate();
}

/**
 * SQLite refusing to write, which a memo (a write that is only a saving) takes as "not now":
 * another process wrote since this transaction read, or holds the lock; a read-only file; a
 * full disk or a failing one. Anything else (a damaged file, a bug) is an error as usual.
 */
function refused(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code);
  return ['SQLITE_BUSY', 'SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR'].some((c) => code === c || code.startsWith(`${c}_`));
}

/**
 * Runs fn in a transaction of reads that may keep a memo (see tryWrite): all of fn's reads
 * see one state of the database. fn's result stands even when committing what it kept fails
 * (a full disk found only at commit, say): what it read is true all the same.
 */
export function readKeeping<T>(db: Db, fn: () => T): T {
  let done = false;
  let result: T;
  try {
    return db.transaction(() => {
      result = fn();
      done = true;
      return result;
    })();
  } catch (e) {
    // A failed savepoint can take the whole transaction with it, and then there is none to commit.
    if (done && (refused(e) || /no transaction is active/.test((e as Error).message))) return result!;
    throw e;
  }
}

/**
 * Runs fn all or nothing, inside the open transaction (a savepoint), for a write that is only
 * a saving (a memo): false, and nothing written, when SQLite refuses to write (see refused).
 */
export function tryWrite(db: Db, fn: () => unknown): boolean {
  try {
    db.transaction(fn)();
    return true;
  } catch (e) {
    if (refused(e)) return false;
    throw e;
  }
}
