// The store contract: what the use cases need of a database, in domain terms. Every method is
// asynchronous and takes and gives domain values, so an engine over a server (PostgreSQL, for
// teams) can implement it as the embedded SQLite engine does. No SQL and no engine type cross it.
import type { BuyerDateEvent, Facts, ProspectLog, ProspectState, Words } from '../domain/fold.js';
import type { StageMove, SummaryTouch } from '../domain/summary.js';
import type { ExportData, ImportSource, PlanProspect, PlanTouch } from '../domain/transfer/plan.js';
import { RuntimeError } from '../domain/errors.js';
import type { Prospect, Stage, Touch, Value, ValueItem } from '../domain/types.js';

export type NewProspect = Omit<Prospect, 'id'>;

export type NewTouch = Omit<Touch, 'id'>;

export interface ImportCounts {
  prospects: number;
  touches: number;
  values: number;
}

/** A prospect as an export gives it, with its company's do-not-contact mark (the CSV repeats it on the prospect's rows). */
export type ExportProspect = Omit<PlanProspect, 'where' | 'id'> & { id: number; companyMarkedAt: string | null };

/** Everything, the touches read a batch at a time as they are iterated (a million of them never sit in memory). */
export interface StoreExport extends Omit<ExportData, 'touches'> {
  prospects: ExportProspect[];
  touches: AsyncIterable<readonly PlanTouch[]>;
}

/**
 * A prospect as the store keeps it for advice: what and who it is, its marks, and the fold of
 * its log the application last stored (null when none is, as for a prospect added by hand).
 */
export interface StoredFacts {
  state: ProspectState;
  facts: Facts | null;
  /** What its log says in words, as stored with the facts (read only when asked). */
  words(): Words | null;
}

/** A log to fold, for folding every log again. */
export interface IdLog {
  id: number;
  log: ProspectLog;
}

/** Reads: each sees one consistent state of the data. */
export interface StoreReader {
  /** By name as the rep types it: any case, spaces loose. */
  prospectByName(name: string): Promise<Prospect | null>;
  prospectById(id: number): Promise<Prospect | null>;
  /** Every prospect's name, in the store's name order. */
  prospectNames(): Promise<string[]>;
  listProspects(filter?: { stage?: Stage; tag?: string }): Promise<Prospect[]>;
  /** The prospect, its marks, and the facts stored for it. */
  storedFacts(id: number): Promise<StoredFacts | null>;
  /** Everyone's, in id order, a batch at a time: a list of everyone need not hold them all. */
  eachStoredFacts(): AsyncIterable<StoredFacts[]>;
  /** The key the stored facts were folded under (see putFacts), or null. */
  factsKey(): Promise<string | null>;
  /** The whole log of one prospect, for the rare planned time that kept facts cannot serve (see needsLog). */
  logOf(id: number): Promise<ProspectLog>;
  /** The values delivered to each prospect named (outbound, kind other than none), each once. */
  sentValues(ids: readonly number[]): Promise<Map<number, Value[]>>;
  touch(id: number): Promise<Touch | null>;
  /** The latest `limit` touches of a prospect, oldest first, and how many it has in all. */
  latestTouches(prospectId: number, limit: number): Promise<{ touches: Touch[]; total: number }>;
  /** The touches in [from, until), oldest first: what each was, not what it said. */
  touchesBetween(from: string, until: string): Promise<SummaryTouch[]>;
  stageMoves(from: string, until: string): Promise<StageMove[]>;
  /** The library, newest first. */
  valueItems(): Promise<ValueItem[]>;
  /**
   * Everything, as one snapshot for as long as `fn` runs; the touches by id, or with 'prospect'
   * by prospect, then time (the CSV's row order).
   */
  withExport<T>(touchOrder: 'id' | 'prospect', fn: (data: StoreExport) => Promise<T>): Promise<T>;
}

/** Writes, inside one all-or-nothing unit of work (see Store.write). */
export interface StoreWriter extends StoreReader {
  addProspect(p: NewProspect): Promise<number>;
  updateContact(id: number, fields: { company?: string | null; email?: string | null; name?: string }): Promise<void>;
  addTag(id: number, tag: string): Promise<void>;
  removeTag(id: number, tag: string): Promise<void>;
  /** Moves the stage and records the move (no move when it is the stage already). */
  setStage(id: number, stage: Stage, at: string): Promise<void>;
  /** Sets, or with day null clears, the buyer date as of `setAt`. */
  setBuyerDate(id: number, event: BuyerDateEvent): Promise<void>;
  markDoNotContact(id: number, at: string, companyWide: boolean): Promise<void>;
  /** Lifts the prospect's mark as of `clearedAt` (and with companyWide its company's); gives the company still marked, if any. */
  clearDoNotContact(id: number, clearedAt: string, companyWide: boolean): Promise<string | null>;
  addTouch(t: NewTouch, createdAt: string): Promise<number>;
  updateTouch(t: Touch): Promise<void>;
  deleteTouch(id: number): Promise<void>;
  addValueItem(v: Omit<ValueItem, 'id'>): Promise<number>;
  /** Stores a prospect's facts and words, as the application folded them. */
  putFacts(id: number, facts: Facts, words: Words): Promise<void>;
  /** Forgets every prospect's stored facts (before they are all folded again). */
  forgetFacts(): Promise<void>;
  setFactsKey(key: string): Promise<void>;
  /** Every prospect's log, in id order, a batch at a time; writes may come between batches. */
  eachLog(): AsyncIterable<IdLog[]>;
}

/** The store would not write now (a read-only file, or another writer holding it): a read may do without. */
export class WriteRefused extends RuntimeError {}

export interface ImportProgress {
  (touchesDone: number): void;
}

export interface Store extends StoreReader {
  /** Where the data lives, for messages. */
  readonly where: string;
  /**
   * Runs `fn` as one unit of work: all of it is written, or none (an error inside undoes it).
   * Writers wait for each other; the facts of every prospect it touched are kept current in it.
   */
  write<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T>;
  /**
   * Loads an export or a CRM file, all or nothing (ids kept only where the store has none yet);
   * `after` runs last in the same unit of work.
   */
  importAll(source: ImportSource, progress?: ImportProgress, after?: (w: StoreWriter) => Promise<void>): Promise<ImportCounts>;
  /** Whether the data exists yet (nothing is created until the first write). */
  exists(): Promise<boolean>;
  /** A consistent copy of everything at `dest` (a file path), safe while others write. */
  backup(dest: string): Promise<{ pages: number }>;
  close(): Promise<void>;
}
