import { run as add } from '../../app/prospect-add.js';
import { parseEnum, parseName } from '../../domain/parse.js';
import { STAGES, type Stage } from '../../domain/types.js';
import type { Context } from '../context.js';
import { emailOption, optionalText, tagsOption } from '../options.js';
import { prospectJson } from '../render/records.js';

export async function run(ctx: Context, [rawName]: string[], opts: Record<string, unknown>): Promise<void> {
  const name = parseName(rawName ?? '');
  const stage: Stage = typeof opts.stage === 'string' ? parseEnum(opts.stage, STAGES, 'stage', '--stage') : 'lead';
  const p = await add(
    {
      name,
      company: optionalText(opts.company, 'company') ?? null,
      email: emailOption(opts.email) ?? null,
      stage,
      tags: tagsOption(opts.tag),
    },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson(prospectJson(p));
  const company = p.company ? ` (${p.company})` : '';
  const tags = p.tags.length ? `, tags ${p.tags.join(', ')}` : '';
  ctx.out(`Added ${ctx.paint.bold(p.name)}${company} as #${p.id}, stage ${p.stage}${tags}.`);
}
