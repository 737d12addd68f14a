import type { Advice } from '../../core/types.js';
import { adviceForAll } from '../coach.js';
import type { Context } from '../context.js';
import { untilText, verdictColor } from '../render/advice.js';
import { day } from '../render/when.js';

export function run(ctx: Context, _args: string[], opts: Record<string, unknown>): void {
  // The text shows each prospect's first reason and two suggestions; JSON all of it.
  const all = adviceForAll(ctx, ctx.now, (a) => a, ctx.json ? {} : { brief: 2 });
  const shown = opts.all ? all : all.filter((a) => a.verdict !== 'stop');
  const reach = shown.filter((a) => a.verdict === 'go' || a.verdict === 'send-value').sort((a, b) => b.score - a.score);
  const close = shown.filter((a) => a.verdict === 'close-loop');
  const waiting = shown.filter((a) => a.verdict === 'wait').sort((a, b) => (a.waitUntil! < b.waitUntil! ? -1 : a.waitUntil! > b.waitUntil! ? 1 : 0));
  const stopped = shown.filter((a) => a.verdict === 'stop');
  if (ctx.json) return ctx.printJson([...reach, ...close, ...waiting, ...stopped]);

  const { bold, dim } = ctx.paint;
  const out: string[] = [bold(`Agenda for ${day(ctx.now)}`)];
  const section = (title: string, items: Advice[], line: (a: Advice) => string[]) => {
    if (!items.length) return;
    out.push('', bold(`${title} (${items.length})`));
    for (const a of items) out.push(...line(a));
  };
  const name = (a: Advice) => verdictColor(a.verdict, ctx.paint)(a.prospect.name);
  section('Reach out today', reach, (a) => {
    const what = a.verdict === 'go' ? a.reasons[0]?.detail ?? 'go ahead' : 'send something useful, not a check-in';
    return [`  ${name(a)} - ${what}`, ...a.suggestions.slice(0, 2).map((s) => dim(`      ${s}`))];
  });
  section('Close the loop', close, (a) => [`  ${name(a)} - ${a.reasons[0]?.detail ?? ''}`, dim(`      cadence next "${a.prospect.name}" shows a draft note`)]);
  section('Waiting', waiting, (a) => [`  ${name(a)} until ${untilText(a.waitUntil!)} - ${dim(a.reasons[0]?.detail ?? '')}`]);
  section('Stopped', stopped, (a) => [`  ${name(a)} - ${dim(a.reasons[0]?.detail ?? '')}`]);
  if (shown.length === 0) out.push('', all.length ? 'Nothing active; --all shows stopped prospects.' : 'No prospects yet. Add one: cadence prospect add "Dana Reyes"');
  else if (!opts.all && all.length > shown.length) out.push('', dim(`${all.length - shown.length} stopped (do-not-contact, lost, loop closed): --all shows them.`));
  ctx.out(out.join('\n'));
}
