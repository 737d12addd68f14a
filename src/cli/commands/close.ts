import { buildDebrief, type DebriefFields } from '../../core/debrief.js';
import { UsageError } from '../../core/errors.js';
import { cleanText, localDay, parseDay, parseEnum } from '../../core/parse.js';
import { CLOSE_RESULTS, type Stage } from '../../core/types.js';
import { write } from '../../store/write.js';
import { resolveProspect, setBuyerDate, setStage } from '../../store/prospects.js';
import { getTouch, insertTouch } from '../../store/touches.js';
import type { Context } from '../context.js';
import { touchJson } from '../render/records.js';
import { calendarDay } from '../render/when.js';

const text = (v: unknown, what: string) => (typeof v === 'string' ? cleanText(v, what) || null : null);

export async function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): Promise<void> {
  const today = localDay(ctx.now);
  let fields: DebriefFields = {
    result: typeof opts.result === 'string' ? parseEnum(opts.result, CLOSE_RESULTS, 'result', '--result') : null,
    decision: text(opts.decision, 'decision'),
    liked: text(opts.liked, 'liked'),
    gaps: text(opts.gaps, 'gaps'),
    nextSteps: text(opts.nextSteps, 'next steps'),
    revisit: typeof opts.revisit === 'string' ? parseDay(opts.revisit, '--revisit') : null,
  };
  if (fields.revisit && fields.revisit <= today) {
    // A past date would read as "the buyer asked for contact now" (SPEC section 6, rule 4).
    throw new UsageError(`--revisit ${fields.revisit} is not after today (${today}); give the day to follow up, such as ${Number(today.slice(0, 4)) + 1}-01-15.`);
  }
  // Resolve first, so a typo in the name fails before any question is asked.
  const prospect = resolveProspect(ctx.db(), ref!);
  if (!fields.result) {
    if (!ctx.interactive) {
      throw new UsageError(`--result is required without a terminal: cadence close "${prospect.name}" --result won|lost|no-decision.`);
    }
    const { askDebrief } = await import('../prompts/close.js');
    fields = await askDebrief(prospect.name, fields, today);
  }
  const result = fields.result!;
  const stage: Stage = result === 'won' ? 'won' : 'lost';
  const db = ctx.db(true);
  const nowIso = ctx.now.toISOString();
  const touchId = write(db, () => {
    const id = insertTouch(
      db,
      {
        prospectId: prospect.id,
        at: nowIso,
        channel: 'other',
        direction: 'out',
        outcome: 'sent',
        value: { kind: 'debrief', text: buildDebrief(fields) },
        note: null,
        buyerDate: null,
      },
      nowIso,
    );
    setStage(db, prospect.id, stage, nowIso);
    if (fields.revisit) setBuyerDate(db, prospect.id, fields.revisit, nowIso);
    return id;
  });
  const touch = getTouch(db, touchId)!;
  if (ctx.json) return ctx.printJson({ ...touchJson(touch), prospectId: touch.prospectId });
  const p = ctx.paint;
  ctx.out(`Closed the loop with ${p.bold(prospect.name)}: ${result}, stage ${stage}. Debrief recorded as touch #${touch.id}.`);
  if (fields.revisit) ctx.out(`cadence will hold off until ${calendarDay(fields.revisit)}, then suggest a follow-up.`);
  else if (stage === 'won') ctx.out('They are a customer now: cadence keeps them on the agenda at a customer\'s pace.');
  else ctx.out('No revisit date: cadence will not suggest outreach unless the buyer gets back in touch.');
}
