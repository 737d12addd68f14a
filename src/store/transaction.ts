import type { Db } from './open.js';

/**
 * Runs `fn` in one transaction that may span awaits (better-sqlite3's own transactions may not):
 * committed when it resolves, rolled back when it throws. `IMMEDIATE` takes the write lock at
 * once, so two writers wait for each other instead of failing at their first write.
 */
export async function inTransaction<T>(db: Db, mode: 'DEFERRED' | 'IMMEDIATE', fn: () => Promise<T>): Promise<T> {
  db.prepare(`BEGIN ${mode}`).run();
  try {
    const result = await fn();
    db.prepare('COMMIT').run();
    return result;
  } catch (e) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw e;
  }
}
