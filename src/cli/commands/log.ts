import { run as log } from '../../app/log.js';
import type { Context } from '../context.js';
import { touchFlags, type TouchFlags } from '../options.js';
import { adviceHeadline } from '../render/advice.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../../domain/time.js';

export interface LogFlags extends TouchFlags {
  create?: boolean;
}

export async function run(ctx: Context, [ref]: string[], flags: LogFlags): Promise<void> {
  const r = await log({ ...touchFlags(flags), prospect: ref, create: Boolean(flags.create) }, await ctx.deps());
  const { touch, prospect } = r;
  if (r.crossedMark) {
    const who = r.crossedMark.scope === 'company' ? `${prospect.company} asked not to be contacted (company-wide)` : `${prospect.name} asked not to be contacted`;
    ctx.warn(`warning: ${who} on ${dayTime(r.crossedMark.at)}. The touch is recorded, but cadence will not recommend outreach.`);
  }
  if (ctx.json) return ctx.printJson({ ...touchJson(touch), prospect: { id: prospect.id, name: prospect.name, stage: prospect.stage } });
  const created = r.created ? ` (new prospect #${prospect.id})` : '';
  ctx.out(`Logged #${touch.id} for ${ctx.paint.bold(prospect.name)}${created}: ${touchLine(touch)}, ${dayTime(touch.at)}.`);
  if (touch.buyerDate) ctx.out(`Buyer date ${touch.buyerDate}: cadence will hold off until then.`);
  ctx.out(`Next: ${adviceHeadline(r.next, ctx.paint)}`);
}
