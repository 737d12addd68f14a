import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { run as backup } from '../../app/backup.js';
import type { Context } from '../context.js';

export interface BackupFlags {
  force?: boolean;
}

/** A consistent copy of the database (see app/backup.ts); the file system is looked at here. */
export async function run(ctx: Context, [file]: string[], flags: BackupFlags): Promise<void> {
  const dest = resolve(file!);
  const r = await backup(
    { file: file!, dest, isStore: dest === resolve(ctx.dbPath), exists: existsSync(dest), force: Boolean(flags.force) },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson({ file: r.dest, pages: r.pages });
  ctx.out(`Backed up ${r.from} to ${r.dest} (owner-only, ${r.pages} pages).`);
}
