// The store as the use cases see it (the SQLite engine with the application's facts kept): units
// of work are all or nothing, and the facts are always the domain's fold of the log as it is now.
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptStore } from '../../src/app/kept.js';
import type { NewTouch } from '../../src/app/store.js';
import { buyerDateOf, fold, wordsOf } from '../../src/domain/fold.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const path = () => join(mkdtempSync(join(tmpdir(), 'cadence-store-')), 'cadence.db');
/** The store of a build whose facts carry `key`. */
const storeOf = (file: string, key = 'k1') => keptStore(new SqliteStore(file), key);

/** Facts another build kept: here one that saw no touches, under its own key. */
async function keptByAnotherBuild(file: string, id: number) {
  const engine = new SqliteStore(file);
  await engine.write(async (w) => {
    await w.putFacts(id, fold({ touches: [], buyerDateEvents: [] }), wordsOf({ touches: [], buyerDateEvents: [] }));
    await w.setFactsKey('another build');
  });
  await engine.close();
}
const touch = (prospectId: number, at: string, extra: Partial<NewTouch> = {}): NewTouch => ({
  prospectId,
  at,
  channel: 'email',
  direction: 'out',
  outcome: 'sent',
  value: { kind: 'none', text: null },
  note: null,
  buyerDate: null,
  ...extra,
});
const prospect = (name: string) => ({ name, company: null, email: null, stage: 'lead' as const, tags: [], createdAt: '2026-03-01T09:00:00.000Z' });

async function storeWithDana(file = path()) {
  const store = storeOf(file);
  const id = await store.write(async (w) => {
    const id = await w.addProspect(prospect('Dana Reyes'));
    await w.addTouch(touch(id, '2026-03-02T09:00:00.000Z'), '2026-03-02T09:00:00.000Z');
    return id;
  });
  return { store, id, file };
}

describe('SqliteStore', () => {
  it('reads of a missing file see nothing and create nothing', async () => {
    const file = path();
    const store = storeOf(file);
    expect(await store.listProspects()).toEqual([]);
    const everyone = [];
    for await (const batch of store.eachFacts()) everyone.push(...batch);
    expect(everyone).toEqual([]);
    expect(await store.exists()).toBe(false);
    await store.close();
  });

  it('a unit of work that fails writes nothing', async () => {
    const { store, id } = await storeWithDana();
    await expect(
      store.write(async (w) => {
        await w.addTouch(touch(id, '2026-03-03T09:00:00.000Z'), '2026-03-03T09:00:00.000Z');
        await w.addProspect(prospect('Li Na'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await store.latestTouches(id, 10)).total).toBe(1);
    expect(await store.prospectByName('Li Na')).toBeNull();
    expect((await store.factsOf(id))!.facts.streak).toHaveLength(1);
    await store.close();
  });

  it('keeps each prospect\'s facts equal to the fold of its log after every kind of write', async () => {
    const { store, id } = await storeWithDana();
    const check = async () => expect((await store.factsOf(id))!.facts).toEqual(fold(await store.logOf(id)));
    const t2 = await store.write((w) => w.addTouch(touch(id, '2026-03-04T09:00:00.000Z', { direction: 'in', outcome: 'replied' }), 'x'));
    await check();
    await store.write(async (w) => w.updateTouch({ ...(await w.touch(t2))!, outcome: 'not-now', buyerDate: '2026-04-01' }));
    await check();
    await store.write((w) => w.setBuyerDate(id, { day: '2026-05-01', setAt: '2026-03-05T09:00:00.000Z' }));
    await check();
    expect(buyerDateOf((await store.factsOf(id))!.facts).buyerDate).toEqual({ date: '2026-05-01', setAt: '2026-03-05T09:00:00.000Z' });
    await store.write((w) => w.deleteTouch(t2));
    await check();
    // Logged late, dated before the last touch: not an append, so the log is folded again.
    await store.write((w) => w.addTouch(touch(id, '2026-03-01T09:00:00.000Z', { direction: 'in', outcome: 'not-now' }), 'x'));
    await check();
    await store.write((w) => w.addTouch(touch(id, '2026-03-09T09:00:00.000Z', { value: { kind: 'insight', text: 'Churn' } }), 'x'));
    await check();
    expect((await store.factsOf(id))!.words()).toEqual(wordsOf(await store.logOf(id)));
    await store.close();
  });

  it('facts folded by another build are folded again before they are read', async () => {
    const { store, id, file } = await storeWithDana();
    await store.close();
    await keptByAnotherBuild(file, id);
    const again = storeOf(file);
    expect((await again.factsOf(id))!.facts.latestTouch).not.toBeNull();
    expect((await again.factsOf(id))!.facts).toEqual(fold(await again.logOf(id)));
    await again.close();
  });

  it('the first write after a build change folds every log once, its own change included', async () => {
    const { store, id, file } = await storeWithDana();
    await store.close();
    await keptByAnotherBuild(file, id);
    const next = storeOf(file);
    await next.write((w) => w.addTouch(touch(id, '2026-03-03T09:00:00.000Z'), 'x'));
    expect((await next.factsOf(id))!.facts).toEqual(fold(await next.logOf(id)));
    expect((await next.factsOf(id))!.facts.streak).toHaveLength(2);
    await next.close();
  });

  it('units of work started together run one after the other, each all or nothing', async () => {
    const { store, id } = await storeWithDana();
    const slow = store.write(async (w) => {
      await new Promise((r) => setTimeout(r, 20));
      return w.addTouch(touch(id, '2026-03-04T09:00:00.000Z'), 'x');
    });
    const failing = store.write(async (w) => {
      await w.addTouch(touch(id, '2026-03-05T09:00:00.000Z'), 'x');
      throw new Error('no');
    });
    const fast = store.write((w) => w.addTouch(touch(id, '2026-03-06T09:00:00.000Z'), 'x'));
    await expect(failing).rejects.toThrow('no');
    expect(await Promise.all([slow, fast])).toHaveLength(2);
    expect((await store.latestTouches(id, 10)).total).toBe(3);
    expect((await store.factsOf(id))!.facts).toEqual(fold(await store.logOf(id)));
    await store.close();
  });

  it('facts kept by another build in a table of another shape are dropped and folded again', async () => {
    const { store, id, file } = await storeWithDana();
    await store.close();
    const raw = new Database(file);
    raw.exec("DROP TABLE prospect_facts; CREATE TABLE prospect_facts (prospect_id INTEGER PRIMARY KEY, facts TEXT NOT NULL, sent TEXT NOT NULL); UPDATE meta SET value = 'old' WHERE key = 'facts_key'");
    raw.close();
    const again = storeOf(file);
    expect((await again.factsOf(id))!.facts).toEqual(fold(await again.logOf(id)));
    expect((await again.factsOf(id))!.words()).toEqual(wordsOf(await again.logOf(id)));
    await again.close();
  });

  it('an export is one snapshot: what another writer commits while it is read is not in it', async () => {
    const { store, id, file } = await storeWithDana();
    const other = storeOf(file);
    const touches = [];
    await store.withExport('id', async (data) => {
      await other.write(async (w) => {
        const li = await w.addProspect(prospect('Li Na'));
        await w.addTouch(touch(li, '2026-03-03T09:00:00.000Z'), 'x');
        await w.addTouch(touch(id, '2026-03-04T09:00:00.000Z'), 'x');
      });
      for await (const batch of data.touches) touches.push(...batch);
      expect(data.prospects.map((p) => p.name)).toEqual(['Dana Reyes']);
    });
    expect(touches).toHaveLength(1);
    // The export done, the snapshot ends: the next read sees the other writer's work.
    expect((await store.listProspects()).map((p) => p.name).sort()).toEqual(['Dana Reyes', 'Li Na']);
    await other.close();
    await store.close();
  });

  it('an export stopped early ends its snapshot, and a write of the same store waits for it instead of failing', async () => {
    const { store, id } = await storeWithDana();
    let during: Promise<number> | undefined;
    await store.withExport('id', async () => {
      // Never reads the touches; starts a write that must wait for the export to end.
      during = store.write((w) => w.addTouch(touch(id, '2026-03-05T09:00:00.000Z'), 'x'));
    });
    await during;
    expect((await store.latestTouches(id, 10)).total).toBe(2);
    await store.close();
  });

  it('an import into a new file reads its own rows in the same unit of work', async () => {
    const engine = new SqliteStore(path());
    let seen: string[] = [];
    const prospects = [{ where: 'p', id: 1, name: 'Dana Reyes', company: null, email: null, stage: 'lead' as const, tags: [], createdAt: '2026-03-01T09:00:00.000Z', doNotContactAt: null, doNotContactClearedAt: null, buyerDates: [], stageHistory: [] }];
    await engine.importAll({ prospects, touches: [], rest: () => ({ values: [], companyMarks: [] }) }, undefined, async (w) => {
      seen = (await w.listProspects()).map((p) => p.name);
    });
    expect(seen).toEqual(['Dana Reyes']);
    await engine.close();
  });
});
