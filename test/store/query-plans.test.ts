import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestAt, digestsOfAllAt } from '../../src/store/digest.js';
import { openDb } from '../../src/store/open.js';
import { computeStates } from '../../src/store/state.js';
import { write } from '../../src/store/write.js';
import { insertProspect, resolveProspect, setStage } from '../../src/store/prospects.js';
import { stageMovesBetween, touchesForSummary } from '../../src/store/summary.js';
import { insertTouch, latestTouchesOf } from '../../src/store/touches.js';
import { listValueItems } from '../../src/store/values.js';
import { memoDerived, type ListSource } from '../../src/store/verdict-memo.js';
import { memoRows } from '../../src/store/agenda-memo.js';

/**
 * The everyday queries must reach touches through an index (SEARCH), never by reading
 * the whole table or a whole index (SCAN): that is what keeps `next`, `agenda` and
 * `summary` fast with a million touches. Every statement they prepare is checked.
 */
describe('query plans', () => {
  it('never scan the touches table or its indexes', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'cadence-plan-')), 'p.db'), { create: true });
    // Watched from the first write on: statements are prepared once per connection (store/prepare.ts),
    // so the per-write ones (a touch's insert, the state's refresh) are prepared while seeding.
    const seen = new Set<string>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      seen.add(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    write(db, () => {
      for (let p = 1; p <= 20; p++) {
        const id = insertProspect(db, { name: `P ${p}`, company: `C${p % 3}`, email: null, stage: 'lead', tags: ['saas'], createdAt: '2026-01-01T00:00:00.000Z' });
        for (let i = 0; i < 30; i++) {
          const at = new Date(Date.UTC(2026, 0, 2 + i, 10)).toISOString();
          insertTouch(db, { prospectId: id, at, channel: i % 2 ? 'call' : 'email', direction: i % 5 ? 'out' : 'in', outcome: i % 5 ? 'sent' : 'replied', value: { kind: i % 3 ? 'none' : 'insight', text: i % 3 ? null : `Idea ${i}` }, note: null, buyerDate: null }, at);
        }
      }
    });
    db.exec('ANALYZE');

    const T = new Date(Date.UTC(2026, 1, 15, 10));
    // A write refreshes the state of the prospect it touched; a reader inside a write computes it.
    write(db, () => {
      insertTouch(db, { prospectId: 3, at: T.toISOString(), channel: 'email', direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null }, T.toISOString());
      computeStates(db, [3]);
    });
    const all = [...digestsOfAllAt(db, T)];
    digestAt(db, T, 3);
    resolveProspect(db, 'P 3');
    latestTouchesOf(db, 3, 25);
    listValueItems(db);
    touchesForSummary(db, '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z');
    stageMovesBetween(db, '2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z');
    // The summary's kept verdicts: decided and kept, then read back after a write dropped one.
    const go = (ids: number[]) => new Map(ids.map((id) => [id, [{ verdict: 'go' as const, waitUntil: null, channel: 'email' as const, from: '2026-02-16T09:00:00.000Z', until: '2026-02-23T09:00:00.000Z' }]]));
    const walk = (source: ListSource) => (source.kind === 'walk' && source.walk(() => {}), 'x');
    const asked = { key: 'k', at: '2026-02-16T09:00:00.000Z', weekEnd: '2026-02-23T09:00:00.000Z', rows: 8, variant: 'v', compareNames: (a: string, b: string) => a.localeCompare(b) };
    memoDerived(db, asked, go, walk);
    // The agenda's kept rows: worked out and kept, then read back after a write dropped one.
    const rows = (ids: number[]) => new Map(ids.map((id) => [id, { row: id, until: '2026-02-16T00:00:00.000Z' }]));
    memoRows(db, 'k', T.toISOString(), rows);
    write(db, () => setStage(db, 4, 'discovery', T.toISOString()));
    memoRows(db, 'k', T.toISOString(), rows);
    write(db, () => setStage(db, 3, 'discovery', T.toISOString()));
    memoDerived(db, asked, go, walk);

    expect([...seen].some((sql) => /^\s*INSERT INTO touches/.test(sql)), 'the insert of a touch is among them').toBe(true);
    expect([...seen].some((sql) => /INSERT (OR REPLACE )?INTO prospect_state/.test(sql)), "the state's refresh is among them").toBe(true);
    // Every write also runs the triggers' statements, which no prepare shows: taken from the schema,
    // with the trigger's NEW and OLD values as parameters.
    const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    expect(triggers.length).toBeGreaterThan(30);
    // One exception: a change to the value library finds who was sent that title by reading the
    // outbound touches that carried value (their partial covering index, not the table): the
    // title is compared normalised, which no index holds. A library edit is rare; ~0.3 s on a
    // million touches.
    const library = new Set<string>();
    for (const t of triggers) {
      const body = t.slice(t.search(/\bBEGIN\b/) + 5, t.lastIndexOf('END'));
      for (const stmt of body.split(';').map((x) => x.trim()).filter(Boolean)) {
        const sql = stmt.replace(/\b(NEW|OLD)\.\w+/g, '?');
        seen.add(sql);
        if (/ ON value_items\b/.test(t) && sql.includes('cadence_norm(value_text)')) library.add(sql);
      }
    }
    expect(library.size).toBe(2); // insert and delete read alike; update reads two titles
    for (const sql of seen) {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(bindings(sql))
        .map((r) => (r as { detail: string }).detail);
      const scans = plan.filter((d) => /^SCAN (touches|t)\b/.test(d) && !(library.has(sql) && d === 'SCAN touches USING COVERING INDEX touches_value'));
      expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([]);
      // The digest's per-prospect work reads the touches through an index.
      if (sql.includes('FROM touches') && !library.has(sql)) expect(plan.some((d) => /SEARCH (touches|t) USING/.test(d)), sql).toBe(true);
    }
  });
});

/** NULL for every parameter: the plan does not depend on the values. */
function bindings(sql: string): unknown[] | Record<string, unknown> {
  const named = [...sql.matchAll(/[:@$]([A-Za-z_]\w*)/g)].map((m) => m[1]!);
  if (named.length) return Object.fromEntries(named.map((n) => [n, null]));
  return new Array((sql.match(/\?/g) ?? []).length).fill(null);
}
