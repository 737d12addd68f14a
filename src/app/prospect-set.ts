import { clearedAt } from '../domain/fold.js';
import { UsageError } from '../domain/errors.js';
import { DEFAULT_RULES } from '../domain/rules.js';
import type { Prospect, Stage } from '../domain/types.js';
import { digestFor } from './coach.js';
import type { Deps } from './deps.js';
import { resolveProspect } from './resolve.js';

export interface ProspectSetOptions {
  prospect: string;
  name?: string;
  /** null: clear it. */
  email?: string | null;
  company?: string | null;
  stage?: Stage;
  /** A day (YYYY-MM-DD), or null to clear the buyer date. */
  buyerDate?: string | null;
  tags: string[];
  untags: string[];
  /** Mark the buyer do-not-contact, or lift the mark; `companyWide`: for their whole company. */
  doNotContact?: 'mark' | 'clear';
  companyWide: boolean;
}

export interface ProspectSet {
  prospect: Prospect;
  buyerDate: string | null;
  doNotContact: boolean;
}

/** `cadence prospect set`: changes a prospect, all at once. */
export async function run(o: ProspectSetOptions, deps: Deps): Promise<ProspectSet> {
  const changes =
    [o.stage, o.buyerDate, o.email, o.company, o.name, o.doNotContact].some((v) => v !== undefined) || o.tags.length || o.untags.length;
  if (!changes) {
    throw new UsageError(`Nothing to change; give a flag such as --stage, --buyer-date or --tag (see 'cadence prospect set --help').`);
  }
  const p = await resolveProspect(deps.store, o.prospect);
  const now = deps.now.toISOString();
  const stillMarked = await deps.store.write(async (w) => {
    await w.updateContact(p.id, { email: o.email, company: o.company, name: o.name });
    if (o.stage) await w.setStage(p.id, o.stage, now);
    if (o.buyerDate !== undefined) await w.setBuyerDate(p.id, { day: o.buyerDate, setAt: now });
    for (const t of o.tags) await w.addTag(p.id, t);
    for (const t of o.untags) await w.removeTag(p.id, t);
    if (o.doNotContact === 'mark') await w.markDoNotContact(p.id, now, o.companyWide);
    if (o.doNotContact !== 'clear') return null;
    return w.clearDoNotContact(p.id, clearedAt((await w.logOf(p.id)).touches, now), o.companyWide);
  });
  if (stillMarked) {
    deps.warn(`warning: ${stillMarked} is still marked do-not-contact company-wide; add --company-wide to lift that too.`);
  }
  // The buyer date and the mark are read whatever the rules say: a broken config does not stop a change.
  const digest = await digestFor(deps.store, DEFAULT_RULES, p.id, deps.now);
  return { prospect: (await deps.store.prospectById(p.id))!, buyerDate: digest.buyerDate?.date ?? null, doNotContact: digest.dnc !== null };
}
