import type { Advice, Verdict } from '../../core/types.js';
import { adviceForAll, rowsForAll } from '../coach.js';
import type { Context } from '../context.js';
import { untilText, verdictColor } from '../render/advice.js';
import { day } from '../render/when.js';

/** The rows the text shows suggestions for: those to reach out to today. */
const REACH: ReadonlySet<Verdict> = new Set(['go', 'send-value']);

/** What the text shows of one prospect's advice: 10,000 of these weigh far less than 10,000 Advice (and are kept as JSON). */
interface Row {
  name: string;
  verdict: Verdict;
  score: number;
  waitUntil: string | null;
  detail: string | null;
  suggestions: string[];
}

type Sortable = Pick<Advice, 'verdict' | 'score' | 'waitUntil'>;

/** The agenda's sections, in order: reach out (best score first), close the loop, waiting (soonest first), stopped. */
function sections<T extends Sortable>(all: T[], withStopped: boolean) {
  const shown = withStopped ? all : all.filter((a) => a.verdict !== 'stop');
  return {
    shown,
    reach: shown.filter((a) => REACH.has(a.verdict)).sort((a, b) => b.score - a.score),
    close: shown.filter((a) => a.verdict === 'close-loop'),
    waiting: shown
      .filter((a) => a.verdict === 'wait')
      .sort((a, b) => (a.waitUntil! < b.waitUntil! ? -1 : a.waitUntil! > b.waitUntil! ? 1 : 0)),
    stopped: shown.filter((a) => a.verdict === 'stop'),
  };
}

export function run(ctx: Context, _args: string[], opts: Record<string, unknown>): void {
  const withStopped = Boolean(opts.all);
  if (ctx.json) {
    const { reach, close, waiting, stopped } = sections(adviceForAll(ctx, ctx.now, (a) => a), withStopped);
    return ctx.printJson([...reach, ...close, ...waiting, ...stopped]);
  }
  // The text shows each prospect's first reason, and two suggestions for those to reach out to today.
  const all = rowsForAll(
    ctx,
    ctx.now,
    'agenda text 1',
    (a): Row => ({
      name: a.prospect.name,
      verdict: a.verdict,
      score: a.score,
      waitUntil: a.waitUntil,
      detail: a.reasons[0]?.detail ?? null,
      suggestions: a.suggestions,
    }),
    { brief: 2, suggestFor: REACH },
  );
  const { shown, reach, close, waiting, stopped } = sections(all, withStopped);

  const { bold, dim } = ctx.paint;
  const out: string[] = [bold(`Agenda for ${day(ctx.now)}`)];
  const section = (title: string, items: Row[], line: (a: Row) => string[]) => {
    if (!items.length) return;
    out.push('', bold(`${title} (${items.length})`));
    for (const a of items) out.push(...line(a));
  };
  const name = (a: Row) => verdictColor(a.verdict, ctx.paint)(a.name);
  section('Reach out today', reach, (a) => {
    const what = a.verdict === 'go' ? a.detail ?? 'go ahead' : 'send something useful, not a check-in';
    return [`  ${name(a)} - ${what}`, ...a.suggestions.map((s) => dim(`      ${s}`))];
  });
  section('Close the loop', close, (a) => [`  ${name(a)} - ${a.detail ?? ''}`, dim(`      cadence next "${a.name}" shows a draft note`)]);
  section('Waiting', waiting, (a) => [`  ${name(a)} until ${untilText(a.waitUntil!)} - ${dim(a.detail ?? '')}`]);
  section('Stopped', stopped, (a) => [`  ${name(a)} - ${dim(a.detail ?? '')}`]);
  if (shown.length === 0) out.push('', all.length ? 'Nothing active; --all shows stopped prospects.' : 'No prospects yet. Add one: cadence prospect add "Dana Reyes"');
  else if (!withStopped && all.length > shown.length) out.push('', dim(`${all.length - shown.length} stopped (do-not-contact, lost, loop closed): --all shows them.`));
  ctx.outLines(out);
}
