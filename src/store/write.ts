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
