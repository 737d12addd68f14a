import { parseEnum, parseTag } from '../../core/parse.js';
import { STAGES } from '../../core/types.js';
import { listProspects } from '../../store/prospects.js';
import { adviceForAll } from '../coach.js';
import type { Context } from '../context.js';
import { untilText, verdictColor } from '../render/advice.js';
import { prospectJson } from '../render/records.js';
import { day } from '../render/when.js';

export function run(ctx: Context, _args: string[], opts: Record<string, unknown>): void {
  const stage = typeof opts.stage === 'string' ? parseEnum(opts.stage, STAGES, 'stage', '--stage') : undefined;
  const tag = typeof opts.tag === 'string' ? parseTag(opts.tag) : undefined;
  const prospects = listProspects(ctx.db(), { stage, tag });
  const advice = new Map(
    adviceForAll(ctx, ctx.now, (a, d) => ({
      id: d.prospect.id,
      last: d.latestTouch,
      buyerDate: d.buyerDate?.date ?? null,
      doNotContact: d.dnc !== null,
      verdict: a.verdict,
      waitUntil: a.waitUntil,
      score: a.score,
    }), { brief: 0 }).map((x) => [x.id, x]),
  );
  const rows = prospects.map((p) => {
    const a = advice.get(p.id)!;
    return { p, a, last: a.last };
  });
  if (ctx.json) {
    return ctx.printJson(
      rows.map(({ p, a, last }) => ({
        ...prospectJson(p, { buyerDate: a.buyerDate, doNotContact: a.doNotContact }),
        lastTouch: last ? { at: last.at, channel: last.channel, direction: last.direction, outcome: last.outcome } : null,
        verdict: a.verdict,
        waitUntil: a.waitUntil,
        score: a.score,
      })),
    );
  }
  if (!rows.length) {
    ctx.out(stage || tag ? 'No prospects match.' : `No prospects yet. Add one: cadence prospect add "Dana Reyes" --company Acme`);
    return;
  }
  const nameW = Math.min(Math.max(...rows.map((r) => r.p.name.length), 4), 28);
  const { bold, dim } = ctx.paint;
  ctx.out(bold(`${'ID'.padStart(4)}  ${'NAME'.padEnd(nameW)}  ${'STAGE'.padEnd(11)}  ${'LAST TOUCH'.padEnd(24)}  ADVICE`));
  for (const { p, a, last } of rows) {
    const lastText = last ? `${day(last.at)} ${last.channel}${last.direction === 'in' ? ' (in)' : ''}` : '-';
    const v = a.verdict;
    const adv = verdictColor(v, ctx.paint)(v) + (a.waitUntil ? dim(` until ${untilText(a.waitUntil)}`) : '');
    ctx.out(`${String(p.id).padStart(4)}  ${trim(p.name, nameW).padEnd(nameW)}  ${p.stage.padEnd(11)}  ${lastText.padEnd(24)}  ${adv}`);
  }
}

function trim(s: string, w: number): string {
  return s.length > w ? `${s.slice(0, w - 1)}…` : s;
}
