import { run as agenda } from '../../app/agenda.js';
import type { Verdict } from '../../domain/types.js';
import type { Context } from '../context.js';
import { untilText, verdictColor } from '../render/advice.js';
import { day } from '../../domain/time.js';

export interface AgendaFlags {
  all?: boolean;
}

/** What the text shows of a prospect's advice. */
interface Row {
  name: string;
  verdict: Verdict;
  score: number;
  waitUntil: string | null;
  detail: string | null;
  suggestions: string[];
}

export async function run(ctx: Context, _args: string[], flags: AgendaFlags): Promise<void> {
  const withStopped = Boolean(flags.all);
  if (ctx.json) {
    const a = await agenda({ all: withStopped, brief: null }, await ctx.deps());
    return ctx.printJson([...a.reach, ...a.close, ...a.waiting, ...a.stopped]);
  }
  // The text shows each prospect's first reason, and two suggestions for those to reach out to today.
  const a = await agenda({ all: withStopped, brief: 2 }, await ctx.deps(), (x): Row => ({
    name: x.prospect.name,
    verdict: x.verdict,
    score: x.score,
    waitUntil: x.waitUntil,
    detail: x.reasons[0]?.detail ?? null,
    suggestions: x.suggestions,
  }));

  const { bold, dim } = ctx.paint;
  const out: string[] = [bold(`Agenda for ${day(ctx.now)}`)];
  const section = (title: string, items: Row[], line: (a: Row) => string[]) => {
    if (!items.length) return;
    out.push('', bold(`${title} (${items.length})`));
    for (const x of items) out.push(...line(x));
  };
  const detail = (x: Row) => x.detail;
  const name = (x: Row) => verdictColor(x.verdict, ctx.paint)(x.name);
  section('Reach out today', a.reach, (x) => {
    const what = x.verdict === 'go' ? detail(x) ?? 'go ahead' : 'send something useful, not a check-in';
    return [`  ${name(x)} - ${what}`, ...x.suggestions.map((s) => dim(`      ${s}`))];
  });
  section('Close the loop', a.close, (x) => [`  ${name(x)} - ${detail(x) ?? ''}`, dim(`      cadence next "${x.name}" shows a draft note`)]);
  section('Waiting', a.waiting, (x) => [`  ${name(x)} until ${untilText(x.waitUntil!)} - ${dim(detail(x) ?? '')}`]);
  section('Stopped', a.stopped, (x) => [`  ${name(x)} - ${dim(detail(x) ?? '')}`]);
  const shown = a.total - (withStopped ? 0 : a.stoppedCount);
  if (shown === 0) out.push('', a.total ? 'Nothing active; --all shows stopped prospects.' : 'No prospects yet. Add one: cadence prospect add "Dana Reyes"');
  else if (!withStopped && a.stoppedCount) out.push('', dim(`${a.stoppedCount} stopped (do-not-contact, lost, loop closed): --all shows them.`));
  ctx.outLines(out);
}
