import { run as next } from '../../app/next.js';
import { parseDateTime, parseEnum, parseValue } from '../../domain/parse.js';
import { CHANNELS } from '../../domain/types.js';
import type { Context } from '../context.js';
import { renderAdvice } from '../render/advice.js';

export async function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): Promise<void> {
  const advice = await next(
    {
      prospect: ref!,
      at: typeof opts.at === 'string' ? parseDateTime(opts.at, '--at') : undefined,
      channel: typeof opts.channel === 'string' ? parseEnum(opts.channel, CHANNELS, 'channel', '--channel') : undefined,
      value: typeof opts.value === 'string' ? parseValue(opts.value) : undefined,
    },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson(advice);
  ctx.out(renderAdvice(advice, ctx.paint, Boolean(opts.explain)));
}
