// What an import writes, whatever the file it came from: checked, normalised rows.
// JSON, cadence CSV and CRM CSV each turn their file into an ImportPlan; the store
// writes a plan in one transaction. The export writes the same shapes back out.
import { UsageError } from '../errors.js';
import { nameKey } from '../parse.js';
import type { Channel, Direction, Outcome, Stage, ValueKind } from '../types.js';

export interface PlanProspect {
  /** Where the row is in the file ("prospects[3]", "line 7"), for error messages. */
  where: string;
  /** The id in the file (kept when the database has no prospects yet); null: assign one. */
  id: number | null;
  name: string;
  company: string | null;
  email: string | null;
  stage: Stage;
  tags: string[];
  createdAt: string;
  doNotContactAt: string | null;
  doNotContactClearedAt: string | null;
  /** Buyer dates set by `prospect set` / `close --revisit`; day null: cleared. */
  buyerDates: { day: string | null; setAt: string }[];
  stageHistory: { from: Stage | null; to: Stage; at: string }[];
}

/** Flat, so a million of them stay cheap. */
export interface PlanTouch {
  id: number | null;
  /** The prospect's id in the file. */
  prospectId: number;
  at: string;
  channel: Channel;
  direction: Direction;
  outcome: Outcome;
  kind: ValueKind;
  text: string | null;
  note: string | null;
  buyerDate: string | null;
  createdAt: string;
}

export interface PlanValue {
  where: string;
  id: number | null;
  title: string;
  url: string | null;
  tags: string[];
  createdAt: string;
}

export interface CompanyMark {
  company: string;
  markedAt: string;
}

export interface ImportPlan {
  prospects: PlanProspect[];
  touches: PlanTouch[];
  values: PlanValue[];
  companyMarks: CompanyMark[];
  /** Things imported with a guess (an unknown CRM stage), one sentence each. */
  warnings: string[];
}

/** Everything an export holds: the plan's shapes without the row positions. */
export interface ExportData {
  prospects: Iterable<Omit<PlanProspect, 'where'>>;
  touches: Iterable<PlanTouch>;
  values: Iterable<Omit<PlanValue, 'where'>>;
  companyMarks: CompanyMark[];
}

/**
 * What the store writes, in this order: the prospects, the touches as they are read (a file of
 * a million touches need not be held whole), then what the file holds after them.
 */
export interface ImportSource {
  prospects: PlanProspect[];
  touches: Iterable<PlanTouch>;
  /** Called once the touches have been read. */
  rest(): { values: PlanValue[]; companyMarks: CompanyMark[] };
}

/** A plan read whole, as a source. */
export function sourceOf(plan: ImportPlan): ImportSource {
  return { prospects: plan.prospects, touches: plan.touches, rest: () => plan };
}

/**
 * Names must be unique (case-insensitively) within the file, and so must library titles:
 * checked before the database is even opened, so a bad file never creates one.
 */
export function checkUnique(plan: ImportPlan): void {
  checkNames(plan.prospects);
  checkTitles(plan.values);
}

export function checkNames(prospects: PlanProspect[]): void {
  const names = new Map<string, string>();
  for (const p of prospects) {
    const key = nameKey(p.name);
    const seen = names.get(key);
    if (seen) throw new UsageError(`${p.where}: the name "${p.name}" is also on ${seen}; every prospect needs its own name.`);
    names.set(key, p.where);
  }
}

export function checkTitles(values: PlanValue[]): void {
  const titles = new Map<string, string>();
  for (const v of values) {
    const key = nameKey(v.title);
    const seen = titles.get(key);
    if (seen) throw new UsageError(`${v.where}: the title "${v.title}" is also on ${seen}.`);
    titles.set(key, v.where);
  }
}
