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
  const advice = new Map(adviceForAll(ctx).map((x) => [x.digest.prospect.id, x]));
  const rows = prospects.map((p) => {
    const a = advice.get(p.id)!;
    const last = a.digest.latestTouch;
    return { p, a, last };
  });
  if (ctx.json) {
    return ctx.printJson(
      rows.map(({ p, a, last }) => ({
        ...prospectJson(p, { buyerDate: a.digest.buyerDate?.date ?? null, doNotContact: a.digest.dnc !== null }),
        lastTouch: last ? { at: last.at, channel: last.channel, direction: last.direction, outcome: last.outcome } : null,
        verdict: a.advice.verdict,
        waitUntil: a.advice.waitUntil,
        score: a.advice.score,
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
    const v = a.advice.verdict;
    const adv = verdictColor(v, ctx.paint)(v) + (a.advice.waitUntil ? dim(` until ${untilText(a.advice.waitUntil)}`) : '');
    ctx.out(`${String(p.id).padStart(4)}  ${trim(p.name, nameW).padEnd(nameW)}  ${p.stage.padEnd(11)}  ${lastText.padEnd(24)}  ${adv}`);
  }
}

function trim(s: string, w: number): string {
  return s.length > w ? `${s.slice(0, w - 1)}…` : s;
}
