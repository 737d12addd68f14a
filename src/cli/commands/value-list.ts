import { run as list } from '../../app/value-list.js';
import type { Context } from '../context.js';
import { day } from '../../domain/time.js';

export async function run(ctx: Context): Promise<void> {
  const items = await list({}, await ctx.deps());
  if (ctx.json) return ctx.printJson(items);
  if (!items.length) {
    ctx.out(`The value library is empty. Add what you could send: cadence value add "Churn benchmark 2026" --url https://... --tag saas`);
    return;
  }
  for (const v of items) {
    const tags = v.tags.length ? ` ${ctx.paint.dim(v.tags.map((t) => `#${t}`).join(' '))}` : '';
    ctx.out(`${String(v.id).padStart(4)}  ${ctx.paint.bold(v.title)}${tags}${v.url ? `\n      ${v.url}` : ''}  ${ctx.paint.dim(`added ${day(v.createdAt)}`)}`);
  }
}
