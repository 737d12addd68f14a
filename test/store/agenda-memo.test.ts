// The agenda's kept rows (store/agenda-memo.ts): whatever is written between two looks at the
// agenda, and whenever the next look is, it shows what advising everyone afresh shows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { adviceForAll, rowsForAll } from '../../src/cli/coach.js';
import { Context } from '../../src/cli/context.js';
import type { Advice, Verdict } from '../../src/core/types.js';
import { memoRows } from '../../src/store/agenda-memo.js';
import { openDb, type Db } from '../../src/store/open.js';
import { clearDoNotContact, insertProspect, markDoNotContact, setStage } from '../../src/store/prospects.js';
import { insertTouch } from '../../src/store/touches.js';
import { write } from '../../src/store/write.js';
import { apply, opArb, seedBook } from './write-ops.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-agenda-memo-'));
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.open && db.close()));

// A Monday morning (TZ is Europe/Berlin in the tests).
const ORIGIN = new Date('2026-03-09T09:00');
const HOUR = 3_600_000;
const iso = (h: number) => new Date(ORIGIN.getTime() + h * HOUR).toISOString();

const OPTIONS = { brief: 2, suggestFor: new Set<Verdict>(['go', 'send-value']) };
const row = (a: Advice) => ({
  id: a.prospect.id,
  name: a.prospect.name,
  verdict: a.verdict,
  score: a.score,
  waitUntil: a.waitUntil,
  detail: a.reasons[0]?.detail ?? null,
  suggestions: a.suggestions,
});

function contextOn(file: string): Context {
  return new Context({ db: file }, { XDG_CONFIG_HOME: join(dir, 'no-config') }, { stdin: false, stdout: false });
}

const step = fc.oneof(
  // Writes of the last days, now and then one ahead of the look (a touch logged in advance).
  { weight: 3, arbitrary: opArb(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -24 * 8, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 48 }) })).map((op) => ({ op })) },
  // The rep looks again minutes, hours or days later (now and then, at an earlier moment).
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 * 60 }).map((minutes) => ({ minutes })) },
  { weight: 1, arbitrary: fc.integer({ min: -12 * 60, max: 4 * 24 * 60 }).map((minutes) => ({ minutes })) },
);

describe('the kept rows of the agenda', () => {
  it('are what advising everyone afresh gives, after any writes and at any later (or earlier) look', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const ctx = contextOn(join(dir, `ops-${run++}.db`));
        const db = ctx.db(true);
        opened.push(db);
        const pids = seedBook(db, iso);
        const touchIds: number[] = [];
        let T = ORIGIN;
        for (const s of steps) {
          // Kept before the write or the wait, so either has to be noticed.
          rowsForAll(ctx, T, 'test', row, OPTIONS);
          if ('op' in s) apply(db, s.op, pids, touchIds, (h) => new Date(T.getTime() + h * HOUR).toISOString());
          else T = new Date(T.getTime() + s.minutes * 60_000);
          expect(rowsForAll(ctx, T, 'test', row, OPTIONS), T.toISOString()).toEqual(adviceForAll(ctx, T, row, OPTIONS));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('follow a company-wide mark onto everyone at the company, and off again', () => {
    const ctx = contextOn(join(dir, 'company.db'));
    const db = ctx.db(true);
    opened.push(db);
    const [ana, ben] = write(db, () =>
      ['Ana', 'Ben'].map((name) => insertProspect(db, { name, company: name === 'Ana' ? 'Acme' : 'ACME', email: null, stage: 'lead', tags: [], createdAt: iso(-100) })),
    );
    const verdicts = () => rowsForAll(ctx, ORIGIN, 'test', row, OPTIONS).map((r) => r.verdict);
    expect(verdicts()).toEqual(['send-value', 'send-value']);
    write(db, () => markDoNotContact(db, ana!, iso(-50), true));
    expect(verdicts()).toEqual(['stop', 'stop']);
    write(db, () => clearDoNotContact(db, ben!, iso(-40), true));
    expect(verdicts()).toEqual(['stop', 'send-value']);
    expect(rowsForAll(ctx, ORIGIN, 'test', row, OPTIONS)).toEqual(adviceForAll(ctx, ORIGIN, row, OPTIONS));
  });

  it('turn when the gap passes, and at midnight', () => {
    const ctx = contextOn(join(dir, 'turns.db'));
    const db = ctx.db(true);
    opened.push(db);
    const out = (id: number, at: string, channel: 'email' | 'call' | 'linkedin') =>
      insertTouch(db, { prospectId: id, at: new Date(at).toISOString(), channel, direction: 'out', outcome: 'sent', value: { kind: 'none', text: null }, note: null, buyerDate: null }, new Date(at).toISOString());
    write(db, () => {
      const [gap, barrage] = ['Gap Lead', 'Barrage Lead'].map((name) => insertProspect(db, { name, company: null, email: null, stage: 'lead', tags: [], createdAt: iso(-500) }));
      // Friday 10:00: the gap ends on Wednesday 10:00.
      out(gap!, '2026-03-06T10:00', 'email');
      // Three channels in a week: the first leaves the window on Monday 16 March 09:00 (with the
      // default rules the gap outlasts any barrage, so the row only shows it in its score).
      out(barrage!, '2026-03-09T09:00', 'email');
      out(barrage!, '2026-03-10T09:00', 'call');
      out(barrage!, '2026-03-11T09:00', 'linkedin');
    });
    const look = (at: string) => {
      const T = new Date(at);
      const rows = rowsForAll(ctx, T, 'test', row, OPTIONS);
      expect(rows, at).toEqual(adviceForAll(ctx, T, row, OPTIONS));
      return rows.map((r) => r.verdict);
    };
    expect(look('2026-03-11T08:00')[0]).toBe('wait');
    expect(look('2026-03-11T10:00')[0]).toBe('send-value');
    look('2026-03-16T08:00');
    look('2026-03-16T09:30');
    look('2026-03-16T23:59');
    look('2026-03-17T00:00');
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
  const AT = iso(0);
  const work = (until: string, asked: number[][] = []) => (ids: number[]) => {
    asked.push(ids);
    return new Map(ids.map((id) => [id, { row: `row ${id}`, until }]));
  };
  const kept = (db: Db) => db.prepare('SELECT count(*) FROM agenda_memo').pluck().get();

  it('reads rows back until their moment, then works them out again; a write drops its prospect\'s row', () => {
    const db = seeded('reuse.db');
    const asked: number[][] = [];
    const w = work(iso(2), asked);
    expect(memoRows(db, 'k', AT, w)).toEqual(['row 1', 'row 2']);
    expect(memoRows(db, 'k', iso(1), w)).toEqual(['row 1', 'row 2']);
    write(db, () => setStage(db, 2, 'discovery', iso(1)));
    memoRows(db, 'k', iso(1), w);
    // At their horizon, and before the moment they were worked out for, they do not hold.
    memoRows(db, 'k', iso(2), w);
    memoRows(db, 'k', iso(-1), w);
    // Another key (rules, zone, version): everything again.
    memoRows(db, 'other', iso(-1), w);
    expect(asked).toEqual([[1, 2], [], [2], [1, 2], [1, 2], [1, 2]]);
  });

  it('does not keep a row whose horizon is its own moment (touches logged ahead of it)', () => {
    const db = seeded('ahead.db');
    expect(memoRows(db, 'k', AT, work(AT))).toEqual(['row 1', 'row 2']);
    expect(kept(db)).toBe(0);
  });

  it('is skipped, not an error, when another cadence wrote meanwhile, or the file cannot be written', () => {
    const db = seeded('race.db');
    const other = openDb(db.name, { create: false });
    opened.push(other);
    const racing = (ids: number[]) => {
      write(other, () => insertProspect(other, { name: 'Cy', company: null, email: null, stage: 'lead', tags: [], createdAt: iso(0) }));
      return work(iso(5))(ids);
    };
    expect(memoRows(db, 'k', AT, racing)).toEqual(['row 1', 'row 2']);
    expect(kept(db)).toBe(0);
    expect(memoRows(db, 'k', AT, work(iso(5)))).toEqual(['row 1', 'row 2', 'row 3']);
    expect(kept(db)).toBe(3);
    db.prepare('DELETE FROM agenda_memo').run();
    db.pragma('query_only = ON');
    try {
      expect(memoRows(db, 'k', AT, work(iso(5)))).toEqual(['row 1', 'row 2', 'row 3']);
    } finally {
      db.pragma('query_only = OFF');
    }
    expect(kept(db)).toBe(0);
  });
});
