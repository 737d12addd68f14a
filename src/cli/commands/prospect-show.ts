import { formatDebrief } from '../../domain/debrief.js';
import { run as show } from '../../app/prospect-show.js';
import type { Context } from '../context.js';
import { renderAdvice } from '../render/advice.js';
import { prospectJson, touchJson, touchLine } from '../render/records.js';
import { calendarDay, dayTime } from '../../domain/time.js';

/** A timeline longer than this shows its latest touches; --all (and --json) show every one. */
const RECENT = 25;

export interface ProspectShowFlags {
  all?: boolean;
}

export async function run(ctx: Context, [ref]: string[], flags: ProspectShowFlags = {}): Promise<void> {
  const { prospect: p, digest, touches, total: count, advice } = await show(
    { prospect: ref!, limit: ctx.json || flags.all ? null : RECENT },
    await ctx.deps(),
  );
  const extra = { buyerDate: digest.buyerDate?.date ?? null, doNotContact: digest.dnc !== null };
  if (ctx.json) return ctx.printJson({ prospect: prospectJson(p, extra), touches: touches.map(touchJson), advice });

  const { bold, dim, red } = ctx.paint;
  const lines = [`${bold(p.name)}  #${p.id}  ${p.stage}${p.company ? `  ${p.company}` : ''}${p.email ? `  <${p.email}>` : ''}`];
  if (p.tags.length) lines.push(`tags: ${p.tags.join(', ')}`);
  if (digest.buyerDate) lines.push(`buyer date: ${calendarDay(digest.buyerDate.date)} (set ${dayTime(digest.buyerDate.setAt)})`);
  if (digest.dnc) {
    const scope = digest.dnc.scope === 'company' ? ` (the whole company, ${p.company})` : '';
    lines.push(red(`do not contact${scope}, since ${dayTime(digest.dnc.at)}`));
  }
  lines.push('', bold(`Timeline (${count} touch${count === 1 ? '' : 'es'})`));
  if (count > touches.length) lines.push(dim(`  ... ${count - touches.length} earlier touches; --all shows them`));
  if (!touches.length) lines.push(dim(`  nothing yet; record one with: cadence log "${p.name}" --channel email --outcome sent`));
  for (const t of touches) {
    const arrow = t.direction === 'in' ? '<-' : '->';
    lines.push(`  ${dim(`#${String(t.id).padEnd(5)}`)} ${dayTime(t.at)}  ${arrow} ${touchLine(t)}`);
    if (t.value.kind === 'debrief') for (const point of formatDebrief(t.value.text)) lines.push(`           ${dim('|')} ${point}`);
    if (t.note) lines.push(`           ${dim(`note: ${t.note}`)}`);
    if (t.buyerDate) lines.push(`           ${dim(`buyer date named: ${calendarDay(t.buyerDate)}`)}`);
  }
  lines.push('', renderAdvice(advice, ctx.paint, false));
  ctx.out(lines.join('\n'));
}
