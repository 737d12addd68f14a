import { UsageError } from '../../core/errors.js';
import { cleanText } from '../../core/parse.js';
import { write } from '../../store/write.js';
import { addValueItem, listValueItems } from '../../store/values.js';
import type { Context } from '../context.js';
import { tagsOption } from '../options.js';

export function run(ctx: Context, [rawTitle]: string[], opts: Record<string, unknown>): void {
  const title = cleanText(rawTitle ?? '', 'title');
  if (!title) throw new UsageError(`The title is empty; for example: cadence value add "Churn benchmark 2026" --tag saas.`);
  const url = typeof opts.url === 'string' ? cleanText(opts.url, 'url') : null;
  if (url && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(url)) {
    throw new UsageError(`--url "${url}" is not a URL; write it in full, such as https://example.com/report.`);
  }
  const tags = tagsOption(opts.tag);
  const db = ctx.db(true);
  const id = write(db, () => addValueItem(db, { title, url: url || null, tags, createdAt: ctx.now.toISOString() }));
  const item = listValueItems(db).find((v) => v.id === id)!;
  if (ctx.json) return ctx.printJson(item);
  const tagText = tags.length ? ` for ${tags.map((t) => `#${t}`).join(' ')}` : ' (no tags: suggested to anyone)';
  ctx.out(`Added "${item.title}" to the value library${tagText}.`);
}
