import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { RuntimeError } from '../domain/errors.js';
import { asRuntime, type Db } from './open.js';

/**
 * Copies the database with SQLite's online backup into a temporary file beside `dest`,
 * then renames it into place, so `dest` is either the old file or a complete backup.
 * All pages are copied in one step: one read transaction, one consistent snapshot, and in
 * WAL mode writers carry on meanwhile (copied in small steps, a write by another process
 * would restart the copy, and steady writers could starve it).
 */
export async function backupTo(db: Db, dest: string): Promise<{ pages: number }> {
  const dir = dirname(dest);
  if (!existsSync(dir)) throw new RuntimeError(`The folder ${dir} does not exist; create it first or choose another place.`);
  const tmp = join(dir, `.${basename(dest)}.${process.pid}.tmp`);
  try {
    // Owner-only before the first byte of data lands in it.
    closeSync(openSync(tmp, 'w', 0o600));
    chmodSync(tmp, 0o600);
    const { totalPages } = await db.backup(tmp, { progress: () => 0x7fffffff });
    renameSync(tmp, dest);
    return { pages: totalPages };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw asRuntime(e, dest);
  }
}
