import { run as next } from '../../app/next.js';
import { parseDateTime, parseValue } from '../../domain/parse.js';
import type { Channel } from '../../domain/types.js';
import type { Context } from '../context.js';
import { renderAdvice } from '../render/advice.js';

export interface NextFlags {
  channel?: Channel;
  value?: string;
  at?: string;
  explain?: boolean;
}

export async function run(ctx: Context, [ref]: string[], flags: NextFlags): Promise<void> {
  const advice = await next(
    {
      prospect: ref!,
      at: flags.at !== undefined ? parseDateTime(flags.at, '--at') : undefined,
      channel: flags.channel,
      value: flags.value !== undefined ? parseValue(flags.value) : undefined,
    },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson(advice);
  ctx.out(renderAdvice(advice, ctx.paint, Boolean(flags.explain)));
}
