import { run as remove } from '../../app/touch-rm.js';
import type { Prospect, Touch } from '../../domain/types.js';
import type { Context } from '../context.js';
import { idArgument } from '../options.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../../domain/time.js';

export interface TouchRmFlags {
  yes?: boolean;
}

export async function run(ctx: Context, [rawId]: string[], flags: TouchRmFlags): Promise<void> {
  const id = idArgument(rawId, 'Touch id');
  const describe = (t: Touch, p: Prospect) => `#${t.id} for ${p.name}: ${touchLine(t)}, ${dayTime(t.at)}`;
  const removed = await remove({ id, yes: Boolean(flags.yes), describe }, await ctx.deps());
  if (!removed) {
    ctx.out('Kept it; nothing removed.');
    return;
  }
  if (ctx.json) return ctx.printJson({ removed: touchJson(removed.touch) });
  ctx.out(`Removed touch ${describe(removed.touch, removed.prospect)}.`);
}
