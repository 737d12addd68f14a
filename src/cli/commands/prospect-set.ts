import { UsageError } from '../../core/errors.js';
import { parseDay, parseEnum, parseName, parseTag } from '../../core/parse.js';
import { STAGES } from '../../core/types.js';
import { write } from '../../store/write.js';
import {
  addTag,
  clearDoNotContact,
  getProspect,
  markDoNotContact,
  removeTag,
  resolveProspect,
  setBuyerDate,
  setStage,
  updateContact,
} from '../../store/prospects.js';
import { digestAt } from '../../store/digest.js';
import type { Context } from '../context.js';
import { emailOption, optionalText, tagsOption } from '../options.js';
import { prospectJson } from '../render/records.js';

export function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): void {
  const stage = typeof opts.stage === 'string' ? parseEnum(opts.stage, STAGES, 'stage', '--stage') : undefined;
  const buyerDate = typeof opts.buyerDate === 'string' ? parseDay(opts.buyerDate, '--buyer-date') : undefined;
  const tags = tagsOption(opts.tag);
  const untags = Array.isArray(opts.untag) ? opts.untag.map((t) => parseTag(String(t))) : [];
  const email = emailOption(opts.email);
  const company = optionalText(opts.company, 'company');
  const name = typeof opts.name === 'string' ? parseName(opts.name) : undefined;
  const dnc = Boolean(opts.doNotContact);
  const clearDnc = Boolean(opts.clearDoNotContact);
  const companyWide = Boolean(opts.companyWide);
  if (buyerDate && opts.clearBuyerDate) throw new UsageError('Give either --buyer-date or --clear-buyer-date, not both.');
  if (dnc && clearDnc) throw new UsageError('Give either --do-not-contact or --clear-do-not-contact, not both.');
  if (companyWide && !dnc && !clearDnc) {
    throw new UsageError('--company-wide goes with --do-not-contact or --clear-do-not-contact.');
  }
  const changes = [stage, buyerDate, email, company, name].some((v) => v !== undefined) ||
    tags.length || untags.length || dnc || clearDnc || opts.clearBuyerDate;
  if (!changes) {
    throw new UsageError(`Nothing to change; give a flag such as --stage, --buyer-date or --tag (see 'cadence prospect set --help').`);
  }

  const p = resolveProspect(ctx.db(), ref!);
  const db = ctx.db(true);
  const now = ctx.now.toISOString();
  let stillMarked: string | null = null;
  write(db, () => {
    updateContact(db, p.id, { email, company, name });
    if (stage) setStage(db, p.id, stage, now);
    if (buyerDate) setBuyerDate(db, p.id, buyerDate, now);
    if (opts.clearBuyerDate) setBuyerDate(db, p.id, null, now);
    for (const t of tags) addTag(db, p.id, t);
    for (const t of untags) removeTag(db, p.id, t);
    if (dnc) markDoNotContact(db, p.id, now, companyWide);
    if (clearDnc) stillMarked = clearDoNotContact(db, p.id, now, companyWide);
  });
  const updated = getProspect(db, p.id)!;
  const digest = digestAt(db, ctx.now, p.id)!;
  if (stillMarked) {
    ctx.warn(`warning: ${stillMarked} is still marked do-not-contact company-wide; add --company-wide to lift that too.`);
  }
  if (ctx.json) {
    return ctx.printJson(prospectJson(updated, { buyerDate: digest.buyerDate?.date ?? null, doNotContact: digest.dnc !== null }));
  }
  const what: string[] = [];
  if (name) what.push(`renamed to ${updated.name}`);
  if (stage) what.push(`stage ${stage}`);
  if (buyerDate) what.push(`buyer date ${buyerDate}`);
  if (opts.clearBuyerDate) what.push('buyer date cleared');
  if (tags.length) what.push(`tagged ${tags.join(', ')}`);
  if (untags.length) what.push(`untagged ${untags.join(', ')}`);
  if (email !== undefined) what.push(`email ${email ?? 'cleared'}`);
  if (company !== undefined) what.push(`company ${company ?? 'cleared'}`);
  if (dnc) what.push(companyWide ? `do-not-contact for everyone at ${updated.company}` : 'do-not-contact');
  if (clearDnc) what.push(`do-not-contact lifted${companyWide ? ' company-wide' : ''}`);
  ctx.out(`Updated ${ctx.paint.bold(updated.name)}: ${what.join('; ')}.`);
}
