// The kept name order (store/name-order.ts): after any adds and renames, ordering by rank (then
// id) is the locale's order of the names, as a stable sort in id order gives it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { byName } from '../../src/core/summary.js';
import { rankNames } from '../../src/store/name-order.js';
import { openDb, type Db } from '../../src/store/open.js';
import { insertProspect, updateContact } from '../../src/store/prospects.js';
import { write } from '../../src/store/write.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-names-'));
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.open && db.close()));

function book(file: string): Db {
  const db = openDb(join(dir, file), { create: true });
  opened.push(db);
  return db;
}

const add = (db: Db, name: string) =>
  write(db, () => insertProspect(db, { name, company: null, email: null, stage: 'lead', tags: [], createdAt: '2026-03-01T09:00:00.000Z' }));

/** The names by rank, and the same names as the collator sorts them (stably, in id order). */
function orders(db: Db) {
  const byRank = db.prepare('SELECT p.id, p.name, n.rank FROM prospects p JOIN name_order n ON n.prospect_id = p.id ORDER BY n.rank, p.id').all() as { id: number; name: string; rank: number }[];
  const all = db.prepare('SELECT id, name FROM prospects ORDER BY id').all() as { id: number; name: string }[];
  return { byRank, sorted: [...all].sort((a, b) => byName(a.name, b.name)) };
}

function expectInOrder(db: Db): void {
  const { byRank, sorted } = orders(db);
  expect(byRank.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  // Names the collator finds equal share a rank; the others' ranks grow with them.
  byRank.forEach((r, i) => {
    if (i === 0) return;
    const prev = byRank[i - 1]!;
    if (byName(prev.name, r.name) === 0) expect(r.rank).toBe(prev.rank);
    else expect(r.rank).toBeGreaterThan(prev.rank);
  });
}

// Accents, case, other scripts, and pairs the collator finds equal (a soft hyphen is ignored).
const NAMES = ['Ana', 'Ána', 'ana lópez', 'A\u00adna', 'Émile', 'Emile', 'Zoë', 'zoe', 'Øyvind', 'Ørjan', 'Ömer', 'Bo', 'bob', 'Bob Ray', '李雷', 'Łukasz', 'Lukas', "O'Neil", 'Oneil', 'Z', 'Zz', 'a1', 'a10', 'a2'];

describe('the kept name order', () => {
  it('is the locale\'s order of the names after any adds and renames', () => {
    let run = 0;
    const op = fc.oneof(
      fc.record({ op: fc.constant('add' as const), name: fc.constantFrom(...NAMES), n: fc.nat(999) }),
      fc.record({ op: fc.constant('rename' as const), which: fc.nat(), name: fc.constantFrom(...NAMES), n: fc.nat(999) }),
      fc.record({ op: fc.constant('rank' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(op, { maxLength: 30 }), (start, ops) => {
        const db = book(`p-${run++}.db`);
        let made = 0;
        // A unique name (names are unique, case aside) that sorts with the one drawn.
        const unique = (name: string, n: number) => `${name} ${n} ${made++}`;
        for (let i = 0; i < start; i++) add(db, unique(NAMES[i % NAMES.length]!, i));
        write(db, () => rankNames(db, byName));
        expectInOrder(db);
        for (const o of ops) {
          const ids = db.prepare('SELECT id FROM prospects ORDER BY id').pluck().all() as number[];
          // One add in three copies a name with soft hyphens in it: a name the collator finds equal.
          if (o.op === 'add' && o.n % 3 === 0 && ids.length) {
            const like = db.prepare('SELECT name FROM prospects WHERE id = ?').pluck().get(ids[o.n % ids.length]!) as string;
            add(db, `${like.slice(0, 1)}${'\u00ad'.repeat(++made)}${like.slice(1)}`);
          } else if (o.op === 'add') add(db, unique(o.name, o.n));
          else if (o.op === 'rename' && ids.length) {
            const id = ids[o.which % ids.length]!;
            write(db, () => updateContact(db, id, { name: unique(o.name, o.n) }));
          } else {
            write(db, () => rankNames(db, byName));
            expectInOrder(db);
          }
        }
        write(db, () => rankNames(db, byName));
        expectInOrder(db);
      }),
      { numRuns: 60 },
    );
  });

  it('ranks all again when new names use up the room between two neighbours', () => {
    const db = book('crowded.db');
    for (const name of ['Bea', 'Cleo', 'Dana', 'Eli', 'Fred', 'Gus', 'Hal', 'Ida', 'Jo']) add(db, name);
    write(db, () => rankNames(db, byName));
    // Each new name lands just before "Cleo", halving the same gap, until no number fits in it.
    for (let i = 1; i <= 80; i++) {
      add(db, `B${'z'.repeat(i)}`);
      write(db, () => rankNames(db, byName));
      expectInOrder(db);
    }
    // "Jo", last of the first nine at 8 gaps, was ranked again among more names.
    const jo = db.prepare("SELECT rank FROM name_order n JOIN prospects p ON p.id = n.prospect_id WHERE p.name = 'Jo'").pluck().get() as number;
    expect(jo).toBeGreaterThan(8 * 1024);
    expect(new Set(db.prepare('SELECT rank FROM name_order').pluck().all()).size).toBe(89);
  });

  it('names that only a soft hyphen tells apart share a rank, and come in id order', () => {
    const db = book('equal.db');
    const second = add(db, 'Ana\u00adLee');
    const first = add(db, 'AnaLee');
    add(db, 'Zed');
    write(db, () => rankNames(db, byName));
    expect(byName('Ana\u00adLee', 'AnaLee')).toBe(0);
    const { byRank } = orders(db);
    expect(byRank.map((r) => r.id)).toEqual([second, first, 3]);
    expect(byRank[0]!.rank).toBe(byRank[1]!.rank);
  });
});
