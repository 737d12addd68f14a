import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanTouch } from '../../src/core/transfer/plan.js';
import { CHANNELS, OUTCOMES, VALUE_KINDS } from '../../src/core/types.js';
import { openDb, type Db } from '../../src/store/open.js';
import { clearDoNotContact, insertProspect, markDoNotContact, setBuyerDate } from '../../src/store/prospects.js';
import { computeStates } from '../../src/store/state.js';
import { deleteTouch, getTouch, insertTouch, updateTouch, type NewTouch } from '../../src/store/touches.js';
import { importPlan } from '../../src/store/transfer.js';
import { addValueItem } from '../../src/store/values.js';
import { write } from '../../src/store/write.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-state-'));
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.close()));

function fresh(name: string): Db {
  const db = openDb(join(dir, name), { create: true });
  opened.push(db);
  return db;
}

const START = Date.UTC(2026, 0, 5, 9);
const iso = (h: number) => new Date(START + h * 3_600_000).toISOString();

/** After every committed write, the stored state of every prospect is what its log gives now. */
function expectCurrent(db: Db): void {
  expect(db.prepare('SELECT count(*) FROM prospect_stale').pluck().get()).toBe(0);
  const ids = db.prepare('SELECT id FROM prospects ORDER BY id').pluck().all() as number[];
  const stored = db.prepare('SELECT * FROM prospect_state ORDER BY prospect_id').all();
  const computed = computeStates(db, ids).sort((a, b) => a.prospect_id - b.prospect_id);
  expect(stored).toEqual(computed);
}

const opArb = fc.oneof(
  fc.record({
    op: fc.constant('touch' as const),
    p: fc.integer({ min: 0, max: 2 }),
    hour: fc.integer({ min: 0, max: 24 * 40 }),
    channel: fc.constantFrom(...CHANNELS),
    direction: fc.constantFrom('out' as const, 'in' as const),
    outcome: fc.constantFrom(...OUTCOMES),
    kind: fc.constantFrom(...VALUE_KINDS),
    text: fc.constantFrom(null, 'Churn report', 'churn  REPORT', 'Intro to Sam'),
    buyerDay: fc.option(fc.constantFrom('2026-02-02', '2026-03-02'), { freq: 4 }),
  }),
  fc.record({ op: fc.constant('edit' as const), n: fc.nat(), hour: fc.integer({ min: 0, max: 24 * 40 }), p: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('rm' as const), n: fc.nat() }),
  fc.record({ op: fc.constant('buyerDate' as const), p: fc.integer({ min: 0, max: 2 }), day: fc.option(fc.constant('2026-02-16')), hour: fc.nat(24 * 40) }),
  fc.record({ op: fc.constant('mark' as const), p: fc.integer({ min: 0, max: 2 }), hour: fc.nat(24 * 40) }),
  fc.record({ op: fc.constant('clear' as const), p: fc.integer({ min: 0, max: 2 }), hour: fc.nat(24 * 40) }),
  fc.record({ op: fc.constant('library' as const), title: fc.constantFrom('Churn Report', 'Intro to Sam', 'Pricing guide') }),
);

describe('the stored prospect state', () => {
  it('equals the state computed from the log after any sequence of writes (touches, edits, removals, dates, marks, library)', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
        const db = fresh(`ops-${run++}.db`);
        const pids = write(db, () =>
          ['Ana', 'Ben', 'Cy'].map((name) =>
            insertProspect(db, { name, company: 'Acme', email: null, stage: 'discovery', tags: [], createdAt: iso(0) }),
          ),
        );
        const touchIds: number[] = [];
        const titles = new Set<string>();
        for (const o of ops) {
          write(db, () => {
            if (o.op === 'touch') {
              const t: NewTouch = {
                prospectId: pids[o.p]!,
                at: iso(o.hour),
                channel: o.channel,
                direction: o.direction,
                outcome: o.outcome,
                value: { kind: o.kind, text: o.kind === 'none' ? null : o.text },
                note: null,
                buyerDate: o.buyerDay,
              };
              touchIds.push(insertTouch(db, t, iso(0)));
            } else if (o.op === 'edit' && touchIds.length) {
              const t = getTouch(db, touchIds[o.n % touchIds.length]!);
              if (t) updateTouch(db, { ...t, at: iso(o.hour), prospectId: pids[o.p]! });
            } else if (o.op === 'rm' && touchIds.length) {
              const id = touchIds.splice(o.n % touchIds.length, 1)[0]!;
              deleteTouch(db, id);
            } else if (o.op === 'buyerDate') setBuyerDate(db, pids[o.p]!, o.day, iso(o.hour));
            else if (o.op === 'mark') markDoNotContact(db, pids[o.p]!, iso(o.hour), false);
            else if (o.op === 'clear') clearDoNotContact(db, pids[o.p]!, iso(o.hour), false);
            else if (o.op === 'library' && !titles.has(o.title)) {
              titles.add(o.title);
              addValueItem(db, { title: o.title, url: null, tags: [], createdAt: iso(0) });
            }
          });
          expectCurrent(db);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is current after a bulk import (indexes and triggers dropped and rebuilt) and after a small one', () => {
    const db = fresh('bulk.db');
    const touches = (from: number, n: number, prospects: number): PlanTouch[] =>
      Array.from({ length: n }, (_, i) => ({
        id: from + i,
        prospectId: 1 + (i % prospects),
        at: iso(i / 10),
        channel: CHANNELS[i % CHANNELS.length]!,
        direction: i % 7 === 0 ? 'in' : 'out',
        outcome: i % 7 === 0 ? 'replied' : 'sent',
        kind: i % 3 === 0 ? 'insight' : 'none',
        text: i % 3 === 0 ? `Idea ${i % 5}` : null,
        note: null,
        buyerDate: null,
        createdAt: iso(0),
      }));
    const prospects = (n: number, first: number) =>
      Array.from({ length: n }, (_, i) => ({
        where: `prospects[${i}]`,
        id: first + i,
        name: `P${first + i}`,
        company: null,
        email: null,
        stage: 'lead' as const,
        tags: [],
        createdAt: iso(0),
        doNotContactAt: null,
        doNotContactClearedAt: null,
        buyerDates: [],
        stageHistory: [],
      }));
    const values = [{ where: 'values[0]', id: 1, title: 'Idea 3', url: null, tags: [], createdAt: iso(0) }];
    const settings = () => ({
      cache: db.pragma('cache_size', { simple: true }),
      threads: db.pragma('threads', { simple: true }),
      temp: db.pragma('temp_store', { simple: true }),
    });
    const before = settings();
    const valueTriggers = db.prepare("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'value_items' ORDER BY name)").pluck().get();
    expect(String(valueTriggers).split(',')).toHaveLength(9);
    importPlan(db, { prospects: prospects(50, 1), touches: touches(1, 25_000, 50), values, companyMarks: [], warnings: [] });
    expectCurrent(db);
    // The sorter settings used to rebuild the indexes are put back.
    expect(settings()).toEqual(before);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'touches'").pluck().get()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM prospect_state WHERE sent_lib IS NOT NULL').pluck().get()).toBe(10); // i ≡ 3 (mod 15) reaches 10 of the 50
    importPlan(db, { prospects: prospects(5, 100), touches: touches(1, 30, 5).map((t) => ({ ...t, id: null, prospectId: 100 + (t.prospectId % 5) })), values: [], companyMarks: [], warnings: [] });
    expectCurrent(db);
    // A title sent before the library had it: an import that adds it updates who got it.
    const hadIt = db.prepare("SELECT count(*) FROM prospect_state WHERE sent_lib LIKE '%insight:2%'").pluck().get();
    importPlan(db, { prospects: [], touches: [], values: [{ ...values[0]!, id: 2, title: 'idea 1' }], companyMarks: [], warnings: [] });
    expectCurrent(db);
    expect(hadIt).toBe(0);
    expect(db.prepare("SELECT count(*) FROM prospect_state WHERE sent_lib LIKE '%insight:2%'").pluck().get()).toBeGreaterThan(0);
    // The library's triggers are put back, all of them.
    expect(db.prepare("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'value_items' ORDER BY name)").pluck().get()).toBe(valueTriggers);
  });
});
