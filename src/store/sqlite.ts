// The embedded engine of the store contract (app/store.ts): one SQLite file, opened on first
// use. Reads of a file that does not exist see an empty database and create nothing; the
// first write creates it.
import { existsSync } from 'node:fs';
import type { IdLog, ImportCounts, ImportProgress, NewProspect, NewTouch, Store, StoredFacts, StoreExport, StoreReader, StoreWriter } from '../app/store.js';
import type { BuyerDateEvent, Facts, ProspectLog, ProspectState, Words } from '../domain/fold.js';
import type { StageMove, SummaryTouch } from '../domain/summary.js';
import type { ImportSource } from '../domain/transfer/plan.js';
import type { Prospect, Stage, Touch, Value, ValueItem, ValueKind } from '../domain/types.js';
import { backupTo } from './backup.js';
import { createWhole } from './create-whole.js';
import { factsKey, forgetFacts, logOf, logsBetween, putFacts, setFactsKey } from './facts.js';
import { asRuntime, openDb, type Db } from './open.js';
import { prep } from './prepare.js';
import { inTransaction } from './transaction.js';
import * as prospects from './prospects.js';
import { stageMovesBetween, touchesBetween } from './summary.js';
import * as touches from './touches.js';
import { exportData, importSource } from './transfer.js';
import { addValueItem, listValueItems } from './values.js';

/** Touches an export hands over at a time. */
const EXPORT_BATCH = 1_000;

/** Prospects handed over at a time by eachStoredFacts and eachLog: an await per prospect would cost more than their advice. */
const BATCH = 100;

interface FactsRow {
  id: number;
  name: string;
  stage: Stage;
  company: string | null;
  dnc_at: string | null;
  dnc_cleared_at: string | null;
  company_marked_at: string | null;
  facts: string | null;
  words: string | null;
}

const FACTS_SQL = (where: string) => `
SELECT p.id, p.name, p.stage, p.company, p.dnc_at, p.dnc_cleared_at, cm.marked_at AS company_marked_at,
  f.facts, f.words
FROM prospects p
LEFT JOIN company_marks cm ON cm.company_key = p.company_key
LEFT JOIN prospect_facts f ON f.prospect_id = p.id
${where}
ORDER BY p.id`;

function stateOf(r: FactsRow, tags: string[]): ProspectState {
  return {
    prospect: { id: r.id, name: r.name, stage: r.stage, company: r.company, tags },
    dncAt: r.dnc_at,
    dncClearedAt: r.dnc_cleared_at,
    companyMarkedAt: r.company_marked_at,
  };
}

/** The tags of the prospects with ids in [first, last], each prospect's in order. */
function tagsBetween(db: Db, first: number, last: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const rows = prep<[number, number], [number, string]>(db, 'SELECT prospect_id, tag FROM prospect_tags WHERE prospect_id BETWEEN ? AND ? ORDER BY prospect_id, tag')
    .raw(true)
    .all(first, last);
  for (const [id, tag] of rows) {
    const list = out.get(id);
    if (list) list.push(tag);
    else out.set(id, [tag]);
  }
  return out;
}

/** A row's stored facts, the words parsed only when asked for. */
function storedFrom(r: FactsRow, tags: string[]): StoredFacts {
  let words: Words | null | undefined;
  return {
    state: stateOf(r, tags),
    facts: r.facts === null ? null : (JSON.parse(r.facts) as Facts),
    words: () => (words ??= r.words === null ? null : (JSON.parse(r.words) as Words)),
  };
}

export class SqliteStore implements Store {
  private db: Db | undefined;

  constructor(
    readonly where: string,
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

  storedFacts(id: number): Promise<StoredFacts | null> {
    return this.read((db) => {
      const r = prep<[Record<string, unknown>], FactsRow>(db, FACTS_SQL('WHERE p.id = :id')).get({ id });
      return r ? storedFrom(r, tagsBetween(db, id, id).get(id) ?? []) : null;
    });
  }

  /** A batch of ids a query: no statement stays open between batches, so other reads may come between. */
  async *eachStoredFacts(): AsyncIterable<StoredFacts[]> {
    const db = this.guard(() => this.reader());
    const ids = this.guard(() => prep<[], number>(db, 'SELECT id FROM prospects ORDER BY id').pluck().all());
    const stmt = prep<[Record<string, unknown>], FactsRow>(db, FACTS_SQL('WHERE p.id BETWEEN :first AND :last'));
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      yield this.guard(() => {
        const [first, last] = [batch[0]!, batch.at(-1)!];
        const tags = tagsBetween(db, first, last);
        return stmt.all({ first, last }).map((r) => storedFrom(r, tags.get(r.id) ?? []));
      });
    }
  }

  factsKey(): Promise<string | null> {
    return this.read((db) => factsKey(db));
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

  touchesBetween(from: string, until: string): Promise<SummaryTouch[]> {
    return this.read((db) => touchesBetween(db, from, until));
  }

  stageMoves(from: string, until: string): Promise<StageMove[]> {
    return this.read((db) => stageMovesBetween(db, from, until));
  }

  valueItems(): Promise<ValueItem[]> {
    return this.read((db) => listValueItems(db));
  }

  /**
   * One read transaction from the first row to the last touch, for as long as `fn` runs: no
   * write lands in the middle of it (writes of this store wait for it, as for a unit of work).
   */
  withExport<T>(touchOrder: 'id' | 'prospect', fn: (data: StoreExport) => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.guardAsync(() => {
        const db = this.reader();
        return inTransaction(db, 'DEFERRED', () => {
          const data = exportData(db, touchOrder === 'prospect');
          return fn({ ...data, touches: this.batched(data.touches) });
        });
      }),
    );
  }

  /** Rows a batch at a time as they are read: a failure met on the way (a damaged page) is told as any other read's. */
  private async *batched<T>(rows: Iterable<T>): AsyncGenerator<T[]> {
    const it = rows[Symbol.iterator]();
    try {
      let batch: T[] = [];
      for (;;) {
        const r = this.guard(() => it.next());
        if (r.done) break;
        batch.push(r.value);
        if (batch.length === EXPORT_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      this.guard(() => it.return?.());
    }
  }


  // ---- writes

  /** Units of work, imports and exports started while one is open wait for it: one connection runs one transaction. */
  private queue: Promise<unknown> = Promise.resolve();

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  write<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    return this.enqueue(() => this.unitOfWork(fn));
  }

  private unitOfWork<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    return this.guardAsync(() => {
      const db = this.writer();
      return inTransaction(db, 'IMMEDIATE', () => fn(this.writerApi(db)));
    });
  }

  private writerApi(db: Db): StoreWriter {
    const w = <T>(fn: () => T) => Promise.resolve(this.guard(fn));
    const api: Omit<StoreWriter, keyof StoreReader> = {
      addProspect: (p: NewProspect) => w(() => prospects.insertProspect(db, p)),
      updateContact: (id, fields) => w(() => prospects.updateContact(db, id, fields)),
      addTag: (id, tag) => w(() => prospects.addTag(db, id, tag)),
      removeTag: (id, tag) => w(() => prospects.removeTag(db, id, tag)),
      setStage: (id, stage, at) => w(() => prospects.setStage(db, id, stage, at)),
      setBuyerDate: (id, e: BuyerDateEvent) => w(() => prospects.setBuyerDate(db, id, e.day, e.setAt)),
      markDoNotContact: (id, at, companyWide) => w(() => prospects.markDoNotContact(db, id, at, companyWide)),
      clearDoNotContact: (id, at, companyWide) => w(() => prospects.clearDoNotContact(db, id, at, companyWide)),
      addTouch: (t: NewTouch, createdAt: string) => w(() => touches.insertTouch(db, t, createdAt)),
      updateTouch: (t: Touch) => w(() => touches.updateTouch(db, t)),
      deleteTouch: (id: number) => w(() => touches.deleteTouch(db, id)),
      addValueItem: (v) => w(() => addValueItem(db, v)),
      putFacts: (id, facts, words) => w(() => putFacts(db, id, facts, words)),
      forgetFacts: () => w(() => forgetFacts(db)),
      setFactsKey: (key) => w(() => setFactsKey(db, key)),
      eachLog: () => this.eachLog(db),
    };
    // The reads of a unit of work see its own writes: the same connection (a new file's too, while
    // an import builds it), inside its transaction.
    return Object.assign(Object.create(this) as StoreWriter, api, { reader: () => db });
  }

  /** Every log, a batch of prospects a query, none left open between batches (writes come between). */
  private async *eachLog(db: Db): AsyncIterable<IdLog[]> {
    const ids = this.guard(() => prep<[], number>(db, 'SELECT id FROM prospects ORDER BY id').pluck().all());
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      yield this.guard(() => logsBetween(db, batch));
    }
  }

  importAll(source: ImportSource, progress?: ImportProgress, after?: (w: StoreWriter) => Promise<void>): Promise<ImportCounts> {
    const load = (db: Db) => importSource(db, source, progress, this.env, async () => await after?.(this.writerApi(db)));
    return this.enqueue(() => this.guardAsync(async () => {
      if (!this.db && !existsSync(this.where)) {
        const made = await createWhole(this.where, load);
        if (made) return made.result;
      }
      return load(this.writer());
    }));
  }

  private async guardAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw asRuntime(e, this.where);
    }
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
