import { parseEnum, parseName } from '../../core/parse.js';
import { STAGES, type Stage } from '../../core/types.js';
import { getProspect, insertProspect } from '../../store/prospects.js';
import { write } from '../../store/write.js';
import type { Context } from '../context.js';
import { emailOption, optionalText, tagsOption } from '../options.js';
import { prospectJson } from '../render/records.js';

export function run(ctx: Context, [rawName]: string[], opts: Record<string, unknown>): void {
  const name = parseName(rawName ?? '');
  const stage: Stage = typeof opts.stage === 'string' ? parseEnum(opts.stage, STAGES, 'stage', '--stage') : 'lead';
  const fields = {
    name,
    company: optionalText(opts.company, 'company') ?? null,
    email: emailOption(opts.email) ?? null,
    stage,
    tags: tagsOption(opts.tag),
    createdAt: ctx.now.toISOString(),
  };
  const db = ctx.db(true);
  const id = write(db, () => insertProspect(db, fields));
  const p = getProspect(db, id)!;
  if (ctx.json) return ctx.printJson(prospectJson(p));
  const company = p.company ? ` (${p.company})` : '';
  const tags = p.tags.length ? `, tags ${p.tags.join(', ')}` : '';
  ctx.out(`Added ${ctx.paint.bold(p.name)}${company} as #${p.id}, stage ${p.stage}${tags}.`);
}
