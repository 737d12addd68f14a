import { run as close } from '../../app/close.js';
import { cleanText, parseDay } from '../../domain/parse.js';
import type { CloseResult } from '../../domain/types.js';
import type { Context } from '../context.js';
import { touchJson } from '../render/records.js';
import { calendarDay } from '../../domain/time.js';

export interface CloseFlags {
  result?: CloseResult;
  decision?: string;
  liked?: string;
  gaps?: string;
  nextSteps?: string;
  revisit?: string;
}

const text = (v: string | undefined, what: string) => (v !== undefined ? cleanText(v, what) || null : null);

export async function run(ctx: Context, [ref]: string[], flags: CloseFlags): Promise<void> {
  const debrief = {
    result: flags.result ?? null,
    decision: text(flags.decision, 'decision'),
    liked: text(flags.liked, 'liked'),
    gaps: text(flags.gaps, 'gaps'),
    nextSteps: text(flags.nextSteps, 'next steps'),
    revisit: flags.revisit !== undefined ? parseDay(flags.revisit, '--revisit') : null,
  };
  const { prospect, touch, result, stage, revisit } = await close({ prospect: ref!, debrief }, await ctx.deps());
  if (ctx.json) return ctx.printJson({ ...touchJson(touch), prospectId: touch.prospectId });
  const p = ctx.paint;
  ctx.out(`Closed the loop with ${p.bold(prospect.name)}: ${result}, stage ${stage}. Debrief recorded as touch #${touch.id}.`);
  if (revisit) ctx.out(`cadence will hold off until ${calendarDay(revisit)}, then suggest a follow-up.`);
  else if (stage === 'won') ctx.out('They are a customer now: cadence keeps them on the agenda at a customer\'s pace.');
  else ctx.out('No revisit date: cadence will not suggest outreach unless the buyer gets back in touch.');
}
