import { run as add } from '../../app/value-add.js';
import { UsageError } from '../../domain/errors.js';
import { cleanText } from '../../domain/parse.js';
import type { Context } from '../context.js';
import { tagsOption } from '../options.js';

export interface ValueAddFlags {
  url?: string;
  tag?: string[];
}

export async function run(ctx: Context, [rawTitle]: string[], flags: ValueAddFlags): Promise<void> {
  const title = cleanText(rawTitle ?? '', 'title');
  if (!title) throw new UsageError(`The title is empty; for example: cadence value add "Churn benchmark 2026" --tag saas.`);
  const url = flags.url !== undefined ? cleanText(flags.url, 'url') : null;
  if (url && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(url)) {
    throw new UsageError(`--url "${url}" is not a URL; write it in full, such as https://example.com/report.`);
  }
  const tags = tagsOption(flags.tag);
  const item = await add({ title, url: url || null, tags }, await ctx.deps());
  if (ctx.json) return ctx.printJson(item);
  const tagText = tags.length ? ` for ${tags.map((t) => `#${t}`).join(' ')}` : ' (no tags: suggested to anyone)';
  ctx.out(`Added "${item.title}" to the value library${tagText}.`);
}
