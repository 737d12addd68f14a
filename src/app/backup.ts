import { RuntimeError, UsageError } from '../domain/errors.js';
import type { Deps } from './deps.js';

export interface BackupOptions {
  /** The file as the rep named it, for messages. */
  file: string;
  /** Its absolute path. */
  dest: string;
  /** It is the database itself. */
  isStore: boolean;
  /** Something is there already. */
  exists: boolean;
  /** Replace what is there. */
  force: boolean;
}

export interface BackedUp {
  /** Where the data was copied from, and to. */
  from: string;
  dest: string;
  pages: number;
}

/**
 * `cadence backup`: a consistent copy, safe while others write. An existing file is never
 * replaced unless `force` says so (a backup command that silently overwrites yesterday's
 * backup is how backups get lost).
 */
export async function run(o: BackupOptions, deps: Deps): Promise<BackedUp> {
  const { store } = deps;
  if (!(await store.exists())) {
    throw new RuntimeError(`There is no database at ${store.where} yet, so nothing to back up; check --db or $CADENCE_DB.`);
  }
  if (o.isStore) throw new UsageError(`${o.file} is the database itself; back it up to another file.`);
  if (o.exists && !o.force) {
    throw new UsageError(`${o.file} already exists; choose a new file name, or add --force to replace it.`);
  }
  const { pages } = await store.backup(o.dest);
  return { from: store.where, dest: o.dest, pages };
}
