import { run as close } from '../../app/close.js';
import { cleanText, parseDay, parseEnum } from '../../domain/parse.js';
import { CLOSE_RESULTS } from '../../domain/types.js';
import type { Context } from '../context.js';
import { touchJson } from '../render/records.js';
import { calendarDay } from '../render/when.js';

const text = (v: unknown, what: string) => (typeof v === 'string' ? cleanText(v, what) || null : null);

export async function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): Promise<void> {
  const debrief = {
    result: typeof opts.result === 'string' ? parseEnum(opts.result, CLOSE_RESULTS, 'result', '--result') : null,
    decision: text(opts.decision, 'decision'),
    liked: text(opts.liked, 'liked'),
    gaps: text(opts.gaps, 'gaps'),
    nextSteps: text(opts.nextSteps, 'next steps'),
    revisit: typeof opts.revisit === 'string' ? parseDay(opts.revisit, '--revisit') : null,
  };
  const { prospect, touch, result, stage, revisit } = await close({ prospect: ref!, debrief }, await ctx.deps());
  if (ctx.json) return ctx.printJson({ ...touchJson(touch), prospectId: touch.prospectId });
  const p = ctx.paint;
  ctx.out(`Closed the loop with ${p.bold(prospect.name)}: ${result}, stage ${stage}. Debrief recorded as touch #${touch.id}.`);
  if (revisit) ctx.out(`cadence will hold off until ${calendarDay(revisit)}, then suggest a follow-up.`);
  else if (stage === 'won') ctx.out('They are a customer now: cadence keeps them on the agenda at a customer\'s pace.');
  else ctx.out('No revisit date: cadence will not suggest outreach unless the buyer gets back in touch.');
}
