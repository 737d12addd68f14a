import { UsageError } from '../../domain/errors.js';
import { parseDateTime } from '../../domain/parse.js';
import { run as summary } from '../../app/summary.js';
import { weekAround } from '../../domain/summary.js';
import type { Context } from '../context.js';
import { MAX_ROWS, renderMarkdown, renderText } from '../render/summary.js';

export type SummaryFormat = 'md' | 'text' | 'json';

export interface SummaryFlags {
  week?: boolean;
  since?: string;
  until?: string;
  format?: SummaryFormat;
}

export async function run(ctx: Context, _args: string[], flags: SummaryFlags): Promise<void> {
  const { from, until } = windowOf(ctx, flags);
  const format = formatOf(ctx, flags);
  const result = await summary({ from, until, rows: format === 'json' ? Infinity : MAX_ROWS }, await ctx.deps());
  if (format === 'json') return ctx.printJson(result);
  ctx.write(format === 'md' ? renderMarkdown(result) : renderText(result, ctx.paint));
}

/** `--format` wins; else --json; else Markdown when piped (standup notes), text on a terminal. */
function formatOf(ctx: Context, flags: SummaryFlags): SummaryFormat {
  if (flags.format !== undefined) return flags.format;
  if (ctx.json) return 'json';
  return ctx.stdoutIsTTY ? 'text' : 'md';
}

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/** The week around now by default; `--until` a date means through the end of that day. */
function windowOf(ctx: Context, flags: SummaryFlags): { from: Date; until: Date } {
  const { since, until: untilText } = flags;
  if (since === undefined && untilText === undefined) return weekAround(ctx.now);
  if (flags.week) throw new UsageError('--week is the week around now; use it or --since/--until, not both.');
  let until = ctx.now;
  if (untilText !== undefined) {
    const d = parseDateTime(untilText, '--until');
    until = DATE_ONLY.test(untilText) ? new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1) : d;
  }
  const from = since !== undefined ? parseDateTime(since, '--since') : weekAround(new Date(until.getTime() - 1)).from;
  if (from.getTime() >= until.getTime()) {
    throw new UsageError(`--since must come before --until (or before now); for example --since 2026-03-02 --until 2026-03-08.`);
  }
  return { from, until };
}
