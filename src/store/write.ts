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
 * Runs fn all or nothing, inside the open transaction (a savepoint), for a write that is only
 * a saving (a memo): false, and nothing written, when SQLite refuses to write (another
 * process wrote since this transaction read, a read-only file, a full disk).
 */
export function tryWrite(db: Db, fn: () => unknown): boolean {
  try {
    db.transaction(fn)();
    return true;
  } catch (e) {
    if (String((e as { code?: unknown }).code).startsWith('SQLITE_')) return false;
    throw e;
  }
}
