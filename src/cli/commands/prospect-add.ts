import { run as add } from '../../app/prospect-add.js';
import { parseName } from '../../domain/parse.js';
import type { Stage } from '../../domain/types.js';
import type { Context } from '../context.js';
import { emailOption, optionalText, tagsOption } from '../options.js';
import { prospectJson } from '../render/records.js';

export interface ProspectAddFlags {
  company?: string;
  email?: string;
  stage?: Stage;
  tag?: string[];
}

export async function run(ctx: Context, [rawName]: string[], flags: ProspectAddFlags): Promise<void> {
  const name = parseName(rawName ?? '');
  const stage: Stage = flags.stage ?? 'lead';
  const p = await add(
    {
      name,
      company: optionalText(flags.company, 'company') ?? null,
      email: emailOption(flags.email) ?? null,
      stage,
      tags: tagsOption(flags.tag),
    },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson(prospectJson(p));
  const company = p.company ? ` (${p.company})` : '';
  const tags = p.tags.length ? `, tags ${p.tags.join(', ')}` : '';
  ctx.out(`Added ${ctx.paint.bold(p.name)}${company} as #${p.id}, stage ${p.stage}${tags}.`);
}
