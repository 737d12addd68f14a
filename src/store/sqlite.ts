// The embedded engine of the store contract (app/store.ts): one SQLite file, opened on first
// use. Reads of a file that does not exist see an empty database and create nothing; the
// first write creates it.
import { existsSync } from 'node:fs';
import type { ImportCounts, ImportProgress, NewProspect, NewTouch, ProspectFacts, Store, StoreExport, StoreReader, StoreWriter } from '../app/store.js';
import type { BuyerDateEvent, Facts, ProspectLog, ProspectState, Words } from '../domain/fold.js';
import type { StageMove, SummaryTouch } from '../domain/summary.js';
import type { ImportSource } from '../domain/transfer/plan.js';
import type { Prospect, Stage, Touch, Value, ValueItem, ValueKind } from '../domain/types.js';
import { backupTo } from './backup.js';
import { createWhole } from './create-whole.js';
import { factsKey, keepAllFacts, keepFacts, logOf, type Change, type Keeping } from './facts.js';
import { asRuntime, openDb, type Db } from './open.js';
import { prep } from './prepare.js';
import * as prospects from './prospects.js';
import { stageMovesBetween, touchesForSummary } from './summary.js';
import * as touches from './touches.js';
import { exportData, importSource } from './transfer.js';
import { addValueItem, listValueItems } from './values.js';

export type { Keeping } from './facts.js';

/** Prospects handed over at a time by eachFacts: an await per prospect would cost more than their advice. */
const BATCH = 100;

interface FactsRow {
  id: number;
  name: string;
  stage: Stage;
  company: string | null;
  dnc_at: string | null;
  dnc_cleared_at: string | null;
  company_marked_at: string | null;
  tags: string | null;
  facts: string | null;
  words: string | null;
}

const FACTS_SQL = (where: string) => `
SELECT p.id, p.name, p.stage, p.company, p.dnc_at, p.dnc_cleared_at, cm.marked_at AS company_marked_at,
  (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM prospect_tags WHERE prospect_id = p.id ORDER BY tag)) AS tags,
  f.facts, f.words
FROM prospects p
LEFT JOIN company_marks cm ON cm.company_key = p.company_key
LEFT JOIN prospect_facts f ON f.prospect_id = p.id
${where}
ORDER BY p.id`;

function stateOf(r: FactsRow): ProspectState {
  return {
    prospect: { id: r.id, name: r.name, stage: r.stage, company: r.company, tags: r.tags ? r.tags.split('\u001f') : [] },
    dncAt: r.dnc_at,
    dncClearedAt: r.dnc_cleared_at,
    companyMarkedAt: r.company_marked_at,
  };
}

export class SqliteStore implements Store {
  private db: Db | undefined;
  /** The kept facts carry this build's key (checked once a process), or they are folded as they are read. */
  private factsFresh: boolean | undefined;
  /** What the open unit of work changed in each prospect's log. */
  private dirty: Map<number, Change> | null = null;

  constructor(
    readonly where: string,
    private readonly keeping: Keeping,
    /** For SQLite's temp folder (a big import sorts its indexes there). */
    private readonly env: Readonly<Record<string, string | undefined>> = {},
  ) {}

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw asRuntime(e, this.where);
    }
  }

  /** The database to read: a missing file reads as an empty one, which creates nothing. */
  private reader(): Db {
    return (this.db ??= openDb(this.where, { create: false }));
  }

  /** The database to write: created on the first write. */
  private writer(): Db {
    if (!this.db || this.db.memory) {
      this.db?.close();
      this.db = openDb(this.where, { create: true });
      this.factsFresh = undefined;
    }
    return this.db;
  }

  private read<T>(fn: (db: Db) => T): Promise<T> {
    return Promise.resolve(this.guard(() => fn(this.reader())));
  }

  // ---- reads

  prospectByName(name: string): Promise<Prospect | null> {
    return this.read((db) => prospects.findByName(db, name) ?? null);
  }

  prospectById(id: number): Promise<Prospect | null> {
    return this.read((db) => prospects.getProspect(db, id) ?? null);
  }

  prospectNames(): Promise<string[]> {
    return this.read((db) => prospects.allProspectNames(db));
  }

  listProspects(filter: { stage?: Stage; tag?: string } = {}): Promise<Prospect[]> {
    return this.read((db) => prospects.listProspects(db, filter));
  }

  factsOf(id: number): Promise<ProspectFacts | null> {
    return this.read((db) => {
      // Before the query: facts another build kept may be folded again, in a table of a new shape.
      const fresh = this.ensureFacts(db);
      const r = prep<[Record<string, unknown>], FactsRow>(db, FACTS_SQL('WHERE p.id = :id')).get({ id });
      return r ? this.factsFrom(db, r, fresh) : null;
    });
  }

  async *eachFacts(): AsyncIterable<ProspectFacts[]> {
    const db = this.guard(() => this.reader());
    const fresh = this.guard(() => this.ensureFacts(db));
    const stmt = prep<[Record<string, unknown>], FactsRow>(db, FACTS_SQL(''));
    if (!fresh || this.dirty) {
      // Some logs are folded as they are read, which takes queries of their own: not while a
      // statement is still reading.
      const rows = this.guard(() => stmt.all({}));
      for (let i = 0; i < rows.length; i += BATCH) yield this.guard(() => rows.slice(i, i + BATCH).map((r) => this.factsFrom(db, r, fresh)));
      return;
    }
    const rows = this.guard(() => stmt.iterate({}));
    let batch: ProspectFacts[] = [];
    for (;;) {
      const next = this.guard(() => rows.next());
      if (next.done) break;
      batch.push(this.factsFrom(db, next.value, fresh));
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  /**
   * The kept facts of a row; a unit of work folds what it changed only when it ends, so until
   * then those logs, and every log on a file whose facts another build kept, are folded here.
   */
  private factsFrom(db: Db, r: FactsRow, fresh: boolean): ProspectFacts {
    const kept = fresh && r.facts !== null && !this.dirty?.has(r.id);
    const log = kept ? null : logOf(db, r.id);
    let words: Words | undefined;
    return {
      state: stateOf(r),
      facts: log ? this.keeping.fold(log) : (JSON.parse(r.facts!) as Facts),
      words: () => (words ??= log ? this.keeping.words(log) : (JSON.parse(r.words!) as Words)),
    };
  }

  /**
   * Whether the kept facts were folded by this build. If not, they are folded again now (a new
   * build, or a file from an older release), when the file can be written; a file that cannot
   * (read-only, or another writer holds it) has its logs folded as they are read.
   */
  private ensureFacts(db: Db): boolean {
    if (this.factsFresh !== undefined) return this.factsFresh;
    if (factsKey(db) === this.keeping.key) return (this.factsFresh = true);
    if (db.memory || this.dirty) return (this.factsFresh = db.memory);
    try {
      db.transaction(() => keepAllFacts(db, this.keeping)).immediate();
      return (this.factsFresh = true);
    } catch (e) {
      const code = String((e as { code?: unknown }).code);
      if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_BUSY')) return (this.factsFresh = false);
      throw e;
    }
  }

  logOf(id: number): Promise<ProspectLog> {
    return this.read((db) => logOf(db, id));
  }

  sentValues(ids: readonly number[]): Promise<Map<number, Value[]>> {
    return this.read((db) => {
      const out = new Map<number, Value[]>(ids.map((id) => [id, []]));
      const stmt = prep<[string], { prospect_id: number; kind: ValueKind; text: string | null }>(
        db,
        `SELECT DISTINCT prospect_id, value_kind AS kind, value_text AS text FROM touches
         WHERE prospect_id IN (SELECT value FROM json_each(?)) AND value_kind <> 'none' AND direction = 'out'`,
      );
      for (const r of stmt.all(JSON.stringify(ids))) out.get(r.prospect_id)!.push({ kind: r.kind, text: r.text });
      return out;
    });
  }

  touch(id: number): Promise<Touch | null> {
    return this.read((db) => touches.getTouch(db, id) ?? null);
  }

  latestTouches(prospectId: number, limit: number): Promise<{ touches: Touch[]; total: number }> {
    return this.read((db) => touches.latestTouchesOf(db, prospectId, limit));
  }

  summaryTouches(lookback: string, from: string, until: string): Promise<SummaryTouch[]> {
    return this.read((db) => touchesForSummary(db, lookback, from, until));
  }

  stageMoves(from: string, until: string): Promise<StageMove[]> {
    return this.read((db) => stageMovesBetween(db, from, until));
  }

  valueItems(): Promise<ValueItem[]> {
    return this.read((db) => listValueItems(db));
  }

  exportData(touchOrder: 'id' | 'prospect' = 'id'): Promise<StoreExport> {
    return this.read((db) => {
      const data = exportData(db, touchOrder === 'prospect');
      return { ...data, touches: this.guarded(data.touches) };
    });
  }

  /** Rows read as they are iterated: a failure met on the way (a damaged page) is told as any other read's. */
  private *guarded<T>(rows: Iterable<T>): Generator<T> {
    const it = rows[Symbol.iterator]();
    try {
      for (;;) {
        const r = this.guard(() => it.next());
        if (r.done) return;
        yield r.value;
      }
    } finally {
      it.return?.();
    }
  }


  // ---- writes

  /** Units of work started while one is open wait for it: one connection runs one transaction. */
  private queue: Promise<unknown> = Promise.resolve();

  write<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.unitOfWork(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async unitOfWork<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    const db = this.guard(() => this.writer());
    this.guard(() => db.prepare('BEGIN IMMEDIATE').run());
    this.dirty = new Map();
    try {
      const result = await fn(this.writerApi(db));
      this.guard(() => {
        // Facts another build kept are all folded again, this unit's changes with the rest;
        // else only the prospects it changed are.
        if (factsKey(db) !== this.keeping.key) keepAllFacts(db, this.keeping);
        else keepFacts(db, this.keeping, this.dirty!);
        this.factsFresh = true;
        db.prepare('COMMIT').run();
      });
      return result;
    } catch (e) {
      if (db.inTransaction) db.prepare('ROLLBACK').run();
      throw e;
    } finally {
      this.dirty = null;
    }
  }

  private writerApi(db: Db): StoreWriter {
    const changes = this.dirty!;
    const change = (id: number) => {
      let c = changes.get(id);
      if (!c) changes.set(id, (c = { added: [], refold: false }));
      return c;
    };
    const refold = (id: number) => void (change(id).refold = true);
    const w = (fn: () => void | number | string | null) => Promise.resolve(this.guard(fn));
    const api: Omit<StoreWriter, keyof StoreReader> = {
      addProspect: (p: NewProspect) =>
        Promise.resolve(
          this.guard(() => {
            const id = prospects.insertProspect(db, p);
            refold(id);
            return id;
          }),
        ),
      updateContact: (id, fields) => w(() => prospects.updateContact(db, id, fields)) as Promise<void>,
      addTag: (id, tag) => w(() => prospects.addTag(db, id, tag)) as Promise<void>,
      removeTag: (id, tag) => w(() => prospects.removeTag(db, id, tag)) as Promise<void>,
      setStage: (id, stage, at) => w(() => prospects.setStage(db, id, stage, at)) as Promise<void>,
      setBuyerDate: (id, e: BuyerDateEvent) =>
        w(() => {
          prospects.setBuyerDate(db, id, e.day, e.setAt);
          change(id).added.push({ day: e.day, setAt: e.setAt });
        }) as Promise<void>,
      markDoNotContact: (id, at, companyWide) => w(() => prospects.markDoNotContact(db, id, at, companyWide)) as Promise<void>,
      clearDoNotContact: (id, at, companyWide) => w(() => prospects.clearDoNotContact(db, id, at, companyWide)) as Promise<string | null>,
      addTouch: (t: NewTouch, createdAt: string) =>
        Promise.resolve(
          this.guard(() => {
            const id = touches.insertTouch(db, t, createdAt);
            change(t.prospectId).added.push({ ...t, id });
            return id;
          }),
        ),
      updateTouch: (t: Touch) =>
        w(() => {
          const before = touches.getTouch(db, t.id);
          if (before) refold(before.prospectId);
          refold(t.prospectId);
          touches.updateTouch(db, t);
        }) as Promise<void>,
      deleteTouch: (id: number) =>
        w(() => {
          const before = touches.getTouch(db, id);
          if (before) refold(before.prospectId);
          touches.deleteTouch(db, id);
        }) as Promise<void>,
      addValueItem: (v) => Promise.resolve(this.guard(() => addValueItem(db, v))),
    };
    // The reads of a unit of work see its own writes: the same connection, inside its transaction.
    return Object.assign(Object.create(this) as StoreWriter, api);
  }

  async importAll(source: ImportSource, progress?: ImportProgress): Promise<ImportCounts> {
    // The import and the facts of everyone, in one transaction: a failure leaves neither.
    const load = (db: Db) => importSource(db, source, () => keepAllFacts(db, this.keeping), progress, this.env);
    return this.guard(() => {
      if (!this.db && !existsSync(this.where)) {
        const made = createWhole(this.where, load);
        if (made) return made.result;
      }
      return load(this.writer());
    });
  }

  async exists(): Promise<boolean> {
    return existsSync(this.where);
  }

  backup(dest: string): Promise<{ pages: number }> {
    return backupTo(this.guard(() => this.reader()), dest);
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
  }
}
