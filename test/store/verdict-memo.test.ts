// The summary's kept verdicts and lists (store/verdict-memo.ts): whatever is written between two
// summaries, the next one says what working everything out afresh says.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { adviceFor, adviceForSome, keptNameOrder, nextWeekFor } from '../../src/cli/coach.js';
import { Context } from '../../src/cli/context.js';
import { CHANNELS, OUTCOMES, STAGES } from '../../src/core/types.js';
import { byName, nextWeekOf, type NextWeek } from '../../src/core/summary.js';
import { openDb, type Db } from '../../src/store/open.js';
import { clearDoNotContact, insertProspect, markDoNotContact, setStage } from '../../src/store/prospects.js';
import { insertTouch } from '../../src/store/touches.js';
import { memoDerived, type ListSource } from '../../src/store/verdict-memo.js';
import { write } from '../../src/store/write.js';
import { apply, opArb, seedBook } from './write-ops.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-memo-'));
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.open && db.close()));

const NO_CONFIG = { XDG_CONFIG_HOME: join(dir, 'no-config') };
// Next Monday 09:00 as the summary asks for it (TZ is Europe/Berlin in the tests).
const MONDAY = new Date('2026-03-09T09:00');
const HOUR = 3_600_000;
const iso = (h: number) => new Date(MONDAY.getTime() + h * HOUR).toISOString();

function contextOn(file: string): Context {
  return new Context({ db: file }, NO_CONFIG, { stdin: false, stdout: false });
}

/** The lists worked out from scratch, prospect by prospect, as `next` would advise each. */
function fromScratch(ctx: Context, rows: number, monday = MONDAY): NextWeek {
  const db = ctx.db();
  const ids = db.prepare('SELECT id FROM prospects ORDER BY id').pluck().all() as number[];
  const advice = new Map(ids.map((id) => [id, adviceFor(ctx, id, { at: monday })]));
  const ahead = nextWeekOf(
    ids.map((id) => {
      const a = advice.get(id)!;
      return { prospectId: id, name: a.prospect.name, stage: a.prospect.stage, verdict: a.verdict, waitUntil: a.waitUntil, channel: a.planned.channel };
    }),
    monday,
    rows,
  );
  for (const x of ahead.dueNextWeek) x.what = advice.get(x.prospectId)!.suggestions[0] ?? null;
  for (const x of ahead.closeTheLoop) x.detail = advice.get(x.prospectId)!.reasons[0]?.detail ?? null;
  return ahead;
}

// Mostly around the test's week; at times weeks ahead of the Mondays asked at (logged ahead).
const hour = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -24 * 30, max: 24 * 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 24 * 3, max: 24 * 7 * 22 }) });

describe('the kept verdicts and lists of the summary', () => {
  // Next Monday 09:00 local of the summaries a rep runs around the test's week: a week before, that
  // week, the next ones (across the change to summer time), and some weeks on.
  const mondays = [-7, 0, 7, 14, 35, 70, 140].map((d) => new Date(2026, 2, 9 + d, 9));
  const monday = fc.constantFrom(...mondays);

  it('give what working them out afresh gives, after any sequence of writes, from week to week', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb(hour), monday, monday, fc.boolean()), { minLength: 1, maxLength: 25 }), fc.constantFrom(0, 1, 2, Infinity), (steps, rows) => {
        const file = join(dir, `ops-${run++}.db`);
        const ctx = contextOn(file);
        const db = ctx.db(true);
        opened.push(db);
        const pids = seedBook(db, iso);
        const touchIds: number[] = [];
        for (const [o, before, after, readOnly] of steps) {
          // Kept before the write, for one week, so the write has to drop what it changes; then
          // asked for the same week or another, whose verdicts that week's may be kept for; at
          // times on a file it cannot write, where it merges the kept ones with what it decides.
          nextWeekFor(ctx, before, rows);
          apply(db, o, pids, touchIds, iso);
          if (readOnly) db.pragma('query_only = ON');
          try {
            expect(nextWeekFor(ctx, after, rows)).toEqual(fromScratch(ctx, rows, after));
          } finally {
            db.pragma('query_only = OFF');
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('are the same in a bigger book, whether a few, a part or most of it are decided again', () => {
    const ctx = contextOn(join(dir, 'big.db'));
    const db = ctx.db(true);
    opened.push(db);
    // 60 prospects: a few (up to 20) are read one by one, more as a set, most (30 and more) in a pass over everyone.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const touch = (pid: number, h: number) =>
      insertTouch(db, { prospectId: pid, at: iso(h), channel: CHANNELS[rand(CHANNELS.length)]!, direction: rand(4) ? 'out' : 'in', outcome: OUTCOMES[rand(OUTCOMES.length - 1)]!, value: { kind: 'none', text: null }, note: null, buyerDate: null }, iso(h));
    const pids = write(db, () =>
      Array.from({ length: 60 }, (_, i) => {
        const pid = insertProspect(db, { name: `Prospect ${String(i).padStart(2, '0')}`, company: null, email: null, stage: STAGES[i % STAGES.length]!, tags: [], createdAt: iso(-24 * 60) });
        for (let k = rand(6); k > 0; k--) touch(pid, -rand(24 * 40));
        return pid;
      }),
    );
    for (const changed of [60, 25, 3, 45, 0]) {
      for (const rows of [3, Infinity]) nextWeekFor(ctx, MONDAY, rows);
      write(db, () => pids.slice(0, changed).forEach((pid) => touch(pid, -rand(24 * 5))));
      for (const rows of [3, Infinity]) expect(nextWeekFor(ctx, MONDAY, rows), `${changed} changed`).toEqual(fromScratch(ctx, rows));
      const some = new Set(pids.slice(0, changed));
      const advice = adviceForSome(ctx, MONDAY, some);
      expect([...advice.keys()].sort((a, b) => a - b)).toEqual([...some].sort((a, b) => a - b));
      for (const pid of some) expect(advice.get(pid)).toEqual(adviceFor(ctx, pid, { at: MONDAY }));
    }
  });

  it('order names by the ranks kept only under the key they were made with (the locale\'s order)', () => {
    const ctx = contextOn(join(dir, 'ranks.db'));
    const db = ctx.db(true);
    opened.push(db);
    const pids = seedBook(db, iso);
    expect(keptNameOrder(ctx, MONDAY)(pids)).toBeUndefined();
    nextWeekFor(ctx, MONDAY, 8);
    const ranks = keptNameOrder(ctx, MONDAY)(pids)!;
    expect([...ranks.keys()].sort()).toEqual([...pids].sort());
    const sorted = (db.prepare('SELECT id, name FROM prospects').all() as { id: number; name: string }[]).sort((a, b) => byName(a.name, b.name));
    expect(sorted.map((p) => ranks.get(p.id))).toEqual(sorted.map((p) => ranks.get(p.id)).sort((a, b) => a! - b!));
    // Kept under other rules (or another locale): not this summary's.
    const other = new Context({ db: db.name }, NO_CONFIG, { stdin: false, stdout: false });
    (other as unknown as { rulesCache: unknown }).rulesCache = { ...other.rules(), closeAfter: 9 };
    expect(keptNameOrder(other, MONDAY)(pids)).toBeUndefined();
  });

  it('list names the locale finds equal in id order, as sorting every verdict does', () => {
    const ctx = contextOn(join(dir, 'equal-names.db'));
    const db = ctx.db(true);
    opened.push(db);
    // Two pairs of names only a soft hyphen tells apart: four unanswered emails each long ago
    // (loops to close), and none at all (due on Monday).
    const ids = write(db, () =>
      ['Ana\u00adLee', 'AnaLee', 'Bo\u00adKim', 'BoKim'].map((name, i) => {
        const id = insertProspect(db, { name, company: null, email: null, stage: 'lead', tags: [], createdAt: iso(-24 * 60) });
        if (i < 2) for (const d of [120, 110, 100, 90]) insertTouch(db, { prospectId: id, at: iso(-24 * d), channel: 'email', direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null }, iso(-24 * d));
        return id;
      }),
    );
    for (const rows of [1, 2, Infinity]) {
      const lists = nextWeekFor(ctx, MONDAY, rows);
      expect(lists).toEqual(fromScratch(ctx, rows));
      expect(lists.closeTheLoop.map((l) => l.prospectId)).toEqual([ids[0], ids[1]].slice(0, rows));
      expect(lists.dueNextWeek.map((l) => l.prospectId)).toEqual([ids[2], ids[3]].slice(0, rows));
    }
  });

  it('follow a company-wide mark onto everyone at the company, and off again', () => {
    const ctx = contextOn(join(dir, 'company.db'));
    const db = ctx.db(true);
    opened.push(db);
    const [ana, ben] = write(db, () =>
      ['Ana', 'Ben'].map((name) => insertProspect(db, { name, company: name === 'Ana' ? 'Acme' : 'ACME', email: null, stage: 'lead', tags: [], createdAt: iso(-100) })),
    );
    const due = () => nextWeekFor(ctx, MONDAY, 8).dueNextWeek.map((d) => d.name);
    expect(due()).toEqual(['Ana', 'Ben']);
    write(db, () => markDoNotContact(db, ana!, iso(-50), true));
    expect(due()).toEqual([]);
    write(db, () => clearDoNotContact(db, ben!, iso(-40), true));
    expect(due()).toEqual(['Ben']);
    expect(nextWeekFor(ctx, MONDAY, 8)).toEqual(fromScratch(ctx, 8));
  });

  it('are worked out again for another instant, other rules or another number of rows', () => {
    const file = join(dir, 'keys.db');
    const ctx = contextOn(file);
    const db = ctx.db(true);
    opened.push(db);
    write(db, () => {
      const id = insertProspect(db, { name: 'Ana', company: null, email: null, stage: 'lead', tags: [], createdAt: iso(-100) });
      insertTouch(db, { prospectId: id, at: iso(-72), channel: 'email', direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null }, iso(-72));
    });
    // The gap after Friday's email ends on Wednesday: wait on Monday, send value a week later.
    expect(nextWeekFor(ctx, MONDAY, 8).dueNextWeek[0]).toMatchObject({ verdict: 'wait' });
    const later = new Date(MONDAY.getTime() + 7 * 24 * HOUR);
    expect(nextWeekFor(ctx, later, 8).dueNextWeek[0]).toMatchObject({ verdict: 'send-value', due: later.toISOString() });
    expect(nextWeekFor(ctx, MONDAY, 8).dueNextWeek[0]).toMatchObject({ verdict: 'wait' });
    // Rules with a one-day gap for leads: due on Monday.
    const fast = new Context({ db: file }, { ...NO_CONFIG }, { stdin: false, stdout: false });
    (fast as unknown as { rulesCache: unknown }).rulesCache = { ...fast.rules(), gapBase: { ...fast.rules().gapBase, lead: 1 } };
    expect(nextWeekFor(fast, MONDAY, 8).dueNextWeek[0]).toMatchObject({ verdict: 'send-value' });
    expect(nextWeekFor(ctx, MONDAY, 0)).toEqual({ dueNextWeek: [], closeTheLoop: [], totals: { dueNextWeek: 1, closeTheLoop: 0 } });
  });
});

describe('keeping them', () => {
  function seeded(name: string): Db {
    const db = openDb(join(dir, name), { create: true });
    opened.push(db);
    write(db, () => {
      for (const n of ['Ana', 'Ben']) insertProspect(db, { name: n, company: null, email: null, stage: 'lead', tags: [], createdAt: iso(0) });
    });
    return db;
  }
  const ask = { key: 'k', at: iso(0), weekEnd: iso(7 * 24), rows: Infinity, variant: 'v', compareNames: byName };
  const decideAll = (ids: number[]) => new Map(ids.map((id) => [id, [{ verdict: 'go' as const, waitUntil: null, channel: 'email' as const, from: iso(0), until: iso(1) }]]));
  /** The names on the lists, as kept and ordered, or walked when nothing could be kept. */
  const names = (source: ListSource) => {
    if (source.kind === 'ordered') return [...source.due, ...source.loops].map((v) => v.name).join(',');
    const out: string[] = [];
    source.walk((v) => out.push(v.name));
    return out.join(',');
  };
  const kept = (db: Db) => db.prepare('SELECT count(*) FROM verdict_memo').pluck().get();

  it('is skipped, not an error, when another cadence wrote meanwhile (the answer is true as of the read)', () => {
    const db = seeded('race.db');
    const other = openDb(db.name, { create: false });
    opened.push(other);
    const text = memoDerived(db, ask, (ids) => {
      // Another cadence commits between this summary's read and its write.
      write(other, () => insertProspect(other, { name: 'Cy', company: null, email: null, stage: 'lead', tags: [], createdAt: iso(0) }));
      return decideAll(ids);
    }, names);
    expect(text).toBe('Ana,Ben');
    expect(kept(db)).toBe(0);
    // The next one sees the new prospect, and keeps everything.
    expect(memoDerived(db, ask, decideAll, names)).toBe('Ana,Ben,Cy');
    expect(kept(db)).toBe(3);
    expect(db.prepare('SELECT lists FROM verdict_memo_key').pluck().get()).toBe('Ana,Ben,Cy');
  });

  it('is skipped when the file cannot be written', () => {
    const db = seeded('readonly.db');
    db.pragma('query_only = ON');
    try {
      expect(memoDerived(db, ask, decideAll, names)).toBe('Ana,Ben');
      expect(memoDerived(db, ask, decideAll, names)).toBe('Ana,Ben');
    } finally {
      db.pragma('query_only = OFF');
    }
    expect(kept(db)).toBe(0);
  });

  it('reads the lists back without deciding anything while nothing changed, and decides only what changed', () => {
    const db = seeded('reuse.db');
    const asked: number[][] = [];
    const decide = (ids: number[]) => (asked.push(ids), decideAll(ids));
    memoDerived(db, ask, decide, names);
    let derived = 0;
    const counted = (source: ListSource) => (derived++, names(source));
    expect(memoDerived(db, ask, decide, counted)).toBe('Ana,Ben');
    expect(derived).toBe(0);
    write(db, () => setStage(db, 2, 'discovery', iso(1)));
    expect(memoDerived(db, ask, decide, counted)).toBe('Ana,Ben');
    expect(derived).toBe(1);
    expect(asked).toEqual([[1, 2], [2]]);
  });
});
