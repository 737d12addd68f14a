import { parseDateTime, parseEnum, parseValue } from '../../core/parse.js';
import { CHANNELS } from '../../core/types.js';
import { resolveProspect } from '../../store/prospects.js';
import { adviceFor } from '../coach.js';
import type { Context } from '../context.js';
import { renderAdvice } from '../render/advice.js';

export function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): void {
  const planned = {
    at: typeof opts.at === 'string' ? parseDateTime(opts.at, '--at') : undefined,
    channel: typeof opts.channel === 'string' ? parseEnum(opts.channel, CHANNELS, 'channel', '--channel') : undefined,
    value: typeof opts.value === 'string' ? parseValue(opts.value) : undefined,
  };
  const prospect = resolveProspect(ctx.db(), ref!);
  const advice = adviceFor(ctx, prospect.id, planned);
  if (ctx.json) return ctx.printJson(advice);
  ctx.out(renderAdvice(advice, ctx.paint, Boolean(opts.explain)));
}
