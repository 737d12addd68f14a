import { run as set } from '../../app/prospect-set.js';
import { UsageError } from '../../domain/errors.js';
import { parseDay, parseName, parseTag } from '../../domain/parse.js';
import type { Stage } from '../../domain/types.js';
import type { Context } from '../context.js';
import { emailOption, optionalText, tagsOption } from '../options.js';
import { prospectJson } from '../render/records.js';

export interface ProspectSetFlags {
  stage?: Stage;
  buyerDate?: string;
  clearBuyerDate?: boolean;
  tag?: string[];
  untag?: string[];
  doNotContact?: boolean;
  companyWide?: boolean;
  clearDoNotContact?: boolean;
  email?: string;
  company?: string;
  name?: string;
}

export async function run(ctx: Context, [ref]: string[], flags: ProspectSetFlags): Promise<void> {
  const { stage } = flags;
  const buyerDate = flags.buyerDate !== undefined ? parseDay(flags.buyerDate, '--buyer-date') : undefined;
  const tags = tagsOption(flags.tag);
  const untags = flags.untag ? flags.untag.map((t) => parseTag(t)) : [];
  const email = emailOption(flags.email);
  const company = optionalText(flags.company, 'company');
  const name = flags.name !== undefined ? parseName(flags.name) : undefined;
  const dnc = Boolean(flags.doNotContact);
  const clearDnc = Boolean(flags.clearDoNotContact);
  const companyWide = Boolean(flags.companyWide);
  const clearBuyerDate = Boolean(flags.clearBuyerDate);
  if (buyerDate && clearBuyerDate) throw new UsageError('Give either --buyer-date or --clear-buyer-date, not both.');
  if (dnc && clearDnc) throw new UsageError('Give either --do-not-contact or --clear-do-not-contact, not both.');
  if (companyWide && !dnc && !clearDnc) {
    throw new UsageError('--company-wide goes with --do-not-contact or --clear-do-not-contact.');
  }
  const { prospect: updated, ...marks } = await set(
    {
      prospect: ref!,
      name,
      email,
      company,
      stage,
      buyerDate: clearBuyerDate ? null : buyerDate,
      tags,
      untags,
      doNotContact: dnc ? 'mark' : clearDnc ? 'clear' : undefined,
      companyWide,
    },
    await ctx.deps(),
  );
  if (ctx.json) return ctx.printJson(prospectJson(updated, marks));
  const what: string[] = [];
  if (name) what.push(`renamed to ${updated.name}`);
  if (stage) what.push(`stage ${stage}`);
  if (buyerDate) what.push(`buyer date ${buyerDate}`);
  if (clearBuyerDate) what.push('buyer date cleared');
  if (tags.length) what.push(`tagged ${tags.join(', ')}`);
  if (untags.length) what.push(`untagged ${untags.join(', ')}`);
  if (email !== undefined) what.push(`email ${email ?? 'cleared'}`);
  if (company !== undefined) what.push(`company ${company ?? 'cleared'}`);
  if (dnc) what.push(companyWide ? `do-not-contact for everyone at ${updated.company}` : 'do-not-contact');
  if (clearDnc) what.push(`do-not-contact lifted${companyWide ? ' company-wide' : ''}`);
  ctx.out(`Updated ${ctx.paint.bold(updated.name)}: ${what.join('; ')}.`);
}
