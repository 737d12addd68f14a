import { run as edit } from '../../app/touch-edit.js';
import type { Context } from '../context.js';
import { idArgument, touchFlags, type TouchFlags } from '../options.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../../domain/time.js';

export type TouchEditFlags = TouchFlags;

export async function run(ctx: Context, [rawId]: string[], flags: TouchEditFlags): Promise<void> {
  const id = idArgument(rawId, 'Touch id');
  const touch = await edit({ id, fields: touchFlags(flags) }, await ctx.deps());
  if (ctx.json) return ctx.printJson(touchJson(touch));
  ctx.out(`Touch #${id} is now: ${touchLine(touch)}, ${dayTime(touch.at)}.`);
}
