// The facts the application keeps beside each prospect's log: the domain's fold of it, written
// in the same unit of work as every change to the log and stamped with the key of the build that
// folded them. Any engine of the store contract only stores them; when and how they are folded
// is decided here, once.
import { fold, foldOn, wordsOf, wordsOn, type BuyerDateEvent, type Facts, type ProspectState, type Words } from '../domain/fold.js';
import type { Touch } from '../domain/types.js';
import { WriteRefused, type ImportCounts, type ImportProgress, type NewTouch, type Store, type StoredFacts, type StoreWriter } from './store.js';
import type { ImportSource } from '../domain/transfer/plan.js';

/** A prospect as advice reads it: what and who it is, its marks, and the fold of its log. */
export interface ProspectFacts {
  state: ProspectState;
  facts: Facts;
  /** What its log says in words (read only by suggestions and drafts, so only when asked). */
  words(): Words;
}

/** The store as the use cases see it: the engine's reads, and facts kept and read fresh. */
export type AppStore = Omit<Store, 'storedFacts' | 'eachStoredFacts' | 'factsKey' | 'write' | 'importAll'> &
  Pick<KeptStore, 'write' | 'importAll' | 'factsOf' | 'eachFacts'>;

/** What advice reads of the store. */
export type FactsReader = Pick<AppStore, 'factsOf' | 'eachFacts' | 'logOf' | 'sentValues' | 'valueItems'>;

/** The engine with the application's facts kept (see KeptStore); `key` names the build whose fold they are. */
export function keptStore(engine: Store, key: string): AppStore {
  const kept = new KeptStore(engine, key);
  const own = new Set<PropertyKey>(['write', 'importAll', 'factsOf', 'eachFacts']);
  return new Proxy(engine, {
    get(target, prop) {
      const from: object = own.has(prop) ? kept : target;
      const value = Reflect.get(from, prop, from);
      return typeof value === 'function' ? value.bind(from) : value;
    },
  }) as unknown as AppStore;
}

/** What a unit of work changed in one prospect's log: entries added at its end, or more (then it is folded again). */
interface Change {
  added: (Touch | BuyerDateEvent)[];
  refold: boolean;
}

/**
 * The store as the use cases see it: the engine's, with every prospect's facts kept current by
 * every unit of work and read fresh. `key` names the build whose fold they are.
 */
export class KeptStore {
  /** Whether the stored facts are this build's (asked once a process). */
  private fresh: boolean | undefined;

  constructor(
    readonly engine: Store,
    private readonly key: string,
  ) {}

  get where(): string {
    return this.engine.where;
  }

  /**
   * Runs `fn` as one unit of work (see Store.write) and keeps the facts of every prospect it
   * changed: for a log that only grew at its end (a touch logged after the last one, a buyer date
   * set), the kept fold taken up where it stopped; for any other change, the log folded again;
   * and when the stored facts are another build's, every log folded again.
   */
  async write<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    const result = await this.engine.write(async (w) => {
      const changes = new Map<number, Change>();
      const result = await fn(tracked(w, changes));
      if ((await w.factsKey()) !== this.key) await this.foldAll(w);
      else await keep(w, changes);
      return result;
    });
    // Committed: the stored facts are this build's now.
    this.fresh = true;
    return result;
  }

  async importAll(source: ImportSource, progress?: ImportProgress): Promise<ImportCounts> {
    const counts = await this.engine.importAll(source, progress, (w) => this.foldAll(w));
    this.fresh = true;
    return counts;
  }

  /** The prospect, its marks, and the fold of its whole log. */
  async factsOf(id: number): Promise<ProspectFacts | null> {
    const fresh = await this.ensureFresh();
    const stored = await this.engine.storedFacts(id);
    return stored && (await this.complete(stored, fresh));
  }

  /**
   * Everyone's, in id order, a batch at a time (see Store.eachStoredFacts); where the stored
   * facts cannot be used (another build's, on a file that cannot be written now), the logs folded.
   */
  async *eachFacts(): AsyncIterable<ProspectFacts[]> {
    const fresh = await this.ensureFresh();
    for await (const batch of this.engine.eachStoredFacts()) {
      if (fresh && batch.every((s) => s.facts !== null)) yield batch as ProspectFacts[];
      else yield await Promise.all(batch.map((s) => this.complete(s, fresh)));
    }
  }

  /** Stored facts as read, or the log folded when they are missing or not this build's. */
  private async complete(stored: StoredFacts, fresh: boolean): Promise<ProspectFacts> {
    if (fresh && stored.facts) return stored as ProspectFacts;
    const log = await this.engine.logOf(stored.state.prospect.id);
    return { state: stored.state, facts: fold(log), words: () => wordsOf(log) };
  }

  /**
   * Whether the stored facts are this build's. When they are not (a new build, a file from an
   * older release), every log is folded again now; a file that cannot be written now has its
   * logs folded as they are read.
   */
  private async ensureFresh(): Promise<boolean> {
    if (this.fresh !== undefined) return this.fresh;
    if ((await this.engine.factsKey()) === this.key || !(await this.engine.exists())) return (this.fresh = true);
    try {
      await this.engine.write(async (w) => {
        if ((await w.factsKey()) !== this.key) await this.foldAll(w);
      });
      return (this.fresh = true);
    } catch (e) {
      if (e instanceof WriteRefused) return (this.fresh = false);
      throw e;
    }
  }

  private async foldAll(w: StoreWriter): Promise<void> {
    await w.forgetFacts();
    for await (const batch of w.eachLog()) for (const { id, log } of batch) await w.putFacts(id, fold(log), wordsOf(log));
    await w.setFactsKey(this.key);
  }
}

/** The unit of work's writer, noting what each change does to a log. */
function tracked(w: StoreWriter, changes: Map<number, Change>): StoreWriter {
  const change = (id: number) => {
    let c = changes.get(id);
    if (!c) changes.set(id, (c = { added: [], refold: false }));
    return c;
  };
  const refold = (id: number) => void (change(id).refold = true);
  const overrides: Partial<StoreWriter> = {
    addProspect: async (p) => {
      const id = await w.addProspect(p);
      refold(id);
      return id;
    },
    addTouch: async (t: NewTouch, createdAt: string) => {
      const id = await w.addTouch(t, createdAt);
      change(t.prospectId).added.push({ ...t, id });
      return id;
    },
    updateTouch: async (t: Touch) => {
      const before = await w.touch(t.id);
      if (before) refold(before.prospectId);
      refold(t.prospectId);
      await w.updateTouch(t);
    },
    deleteTouch: async (id: number) => {
      const before = await w.touch(id);
      if (before) refold(before.prospectId);
      await w.deleteTouch(id);
    },
    setBuyerDate: async (id: number, e: BuyerDateEvent) => {
      await w.setBuyerDate(id, e);
      change(id).added.push({ day: e.day, setAt: e.setAt });
    },
  };
  return new Proxy(w, {
    get(target, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof StoreWriter];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Keeps the facts of the prospects a unit of work changed (see KeptStore.write). */
async function keep(w: StoreWriter, changes: ReadonlyMap<number, Change>): Promise<void> {
  for (const [id, change] of changes) {
    const stored = change.refold ? null : await w.storedFacts(id);
    if (!stored && !(await w.prospectById(id))) continue;
    const facts = stored?.facts && foldOn(stored.facts, change.added);
    const words = stored?.words();
    if (facts && words) {
      const touches = change.added.filter((e): e is Touch => 'id' in e);
      await w.putFacts(id, facts, touches.length ? wordsOn(words, touches) : words);
      continue;
    }
    const log = await w.logOf(id);
    await w.putFacts(id, fold(log), wordsOf(log));
  }
}
