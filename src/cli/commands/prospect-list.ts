import { run as list } from '../../app/prospect-list.js';
import { parseTag } from '../../domain/parse.js';
import type { Stage } from '../../domain/types.js';
import type { Context } from '../context.js';
import { untilText, verdictColor } from '../render/advice.js';
import { prospectJson } from '../render/records.js';
import { day } from '../../domain/time.js';

export interface ProspectListFlags {
  stage?: Stage;
  /** One tag (not repeatable here). */
  tag?: string;
}

export async function run(ctx: Context, _args: string[], flags: ProspectListFlags): Promise<void> {
  const { stage } = flags;
  const tag = flags.tag !== undefined ? parseTag(flags.tag) : undefined;
  const rows = await list({ stage, tag }, await ctx.deps());
  if (ctx.json) {
    return ctx.printJson(
      rows.map((r) => ({
        ...prospectJson(r.prospect, { buyerDate: r.buyerDate, doNotContact: r.doNotContact }),
        lastTouch: r.lastTouch ? { at: r.lastTouch.at, channel: r.lastTouch.channel, direction: r.lastTouch.direction, outcome: r.lastTouch.outcome } : null,
        verdict: r.verdict,
        waitUntil: r.waitUntil,
        score: r.score,
      })),
    );
  }
  if (!rows.length) {
    ctx.out(stage || tag ? 'No prospects match.' : `No prospects yet. Add one: cadence prospect add "Dana Reyes" --company Acme`);
    return;
  }
  const nameW = Math.min(Math.max(...rows.map((r) => r.prospect.name.length), 4), 28);
  const { bold, dim } = ctx.paint;
  const lines = [bold(`${'ID'.padStart(4)}  ${'NAME'.padEnd(nameW)}  ${'STAGE'.padEnd(11)}  ${'LAST TOUCH'.padEnd(24)}  ADVICE`)];
  for (const { prospect: p, lastTouch: last, verdict: v, waitUntil } of rows) {
    const lastText = last ? `${day(last.at)} ${last.channel}${last.direction === 'in' ? ' (in)' : ''}` : '-';
    const adv = verdictColor(v, ctx.paint)(v) + (waitUntil ? dim(` until ${untilText(waitUntil)}`) : '');
    lines.push(`${String(p.id).padStart(4)}  ${trim(p.name, nameW).padEnd(nameW)}  ${p.stage.padEnd(11)}  ${lastText.padEnd(24)}  ${adv}`);
  }
  ctx.outLines(lines);
}

function trim(s: string, w: number): string {
  return s.length > w ? `${s.slice(0, w - 1)}…` : s;
}
