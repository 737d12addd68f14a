import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RuntimeError, UsageError } from '../../core/errors.js';
import { backupTo } from '../../store/backup.js';
import type { Context } from '../context.js';

/**
 * A consistent copy of the database via SQLite's online backup, safe while other cadence
 * processes write. An existing file is never replaced unless --force says so (a backup
 * command that silently overwrites yesterday's backup is how backups get lost).
 */
export async function run(ctx: Context, [file]: string[], opts: Record<string, unknown>): Promise<void> {
  const dest = resolve(file!);
  if (!existsSync(ctx.dbPath)) {
    throw new RuntimeError(`There is no database at ${ctx.dbPath} yet, so nothing to back up; check --db or $CADENCE_DB.`);
  }
  if (dest === resolve(ctx.dbPath)) throw new UsageError(`${file} is the database itself; back it up to another file.`);
  if (existsSync(dest) && !opts.force) {
    throw new UsageError(`${file} already exists; choose a new file name, or add --force to replace it.`);
  }
  const { pages } = await backupTo(ctx.db(), dest);
  if (ctx.json) return ctx.printJson({ file: dest, pages });
  ctx.out(`Backed up ${ctx.dbPath} to ${dest} (owner-only, ${pages} pages).`);
}
