// The touches a summary reads (store/summary.ts): the window's, and those of the lookback before
// it (lookbackMs, as far as a barrage window reaches). The summary made of them is the one made
// of every touch ever logged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { lookbackMs, summarize, type SummaryTouch } from '../../src/domain/summary.js';
import { CHANNELS, OUTCOMES } from '../../src/domain/types.js';
import { openDb, type Db } from '../../src/store/open.js';
import { insertProspect } from '../../src/store/prospects.js';
import { touchesBetween } from '../../src/store/summary.js';
import { insertTouch } from '../../src/store/touches.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-summary-'));
const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.open && db.close()));

const FROM = new Date('2026-03-02T00:00:00Z');
const UNTIL = new Date('2026-03-09T00:00:00Z');
const HOUR = 3_600_000;

const touchArb = fc.record({
  p: fc.integer({ min: 0, max: 5 }),
  // From two weeks before the week to a day after it.
  hour: fc.integer({ min: -24 * 14, max: 24 * 8 }),
  channel: fc.constantFrom(...CHANNELS),
  direction: fc.constantFrom('out' as const, 'out' as const, 'in' as const),
  outcome: fc.constantFrom(...OUTCOMES),
});

describe('the touches a summary reads', () => {
  it('make the summary every touch of the window and the week before it makes', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(touchArb, { maxLength: 60 }), fc.constantFrom(DEFAULT_RULES, { ...DEFAULT_RULES, barrageHours: 100, barrageDays: 3 }), (touches, rules) => {
        const db = openDb(join(dir, `s-${run++}.db`), { create: true });
        opened.push(db);
        const ids = db.transaction(() => {
          const ids = Array.from({ length: 6 }, (_, i) => insertProspect(db, { name: `P${i}`, company: null, email: null, stage: 'lead', tags: [], createdAt: '2026-01-01T00:00:00.000Z' }));
          for (const t of touches) {
            const at = new Date(FROM.getTime() + t.hour * HOUR).toISOString();
            insertTouch(db, { prospectId: ids[t.p]!, at, channel: t.channel, direction: t.direction, outcome: t.outcome, value: { kind: 'none', text: null }, note: null, buyerDate: null }, at);
          }
          return ids;
        }).immediate();
        const lookback = new Date(FROM.getTime() - lookbackMs(rules)).toISOString();
        const read = touchesBetween(db, lookback, UNTIL.toISOString());
        const every = (db.prepare('SELECT id, prospect_id AS prospectId, at, channel, direction, outcome, value_kind AS kind FROM touches WHERE at < ? ORDER BY at, id').all(UNTIL.toISOString()) as SummaryTouch[]);
        // Oldest first, and no touch of the week left out.
        expect(read.map((t) => t.at)).toEqual([...read.map((t) => t.at)].sort());
        expect(read.filter((t) => t.at >= FROM.toISOString())).toEqual(every.filter((t) => t.at >= FROM.toISOString()));
        const summary = (ts: SummaryTouch[]) =>
          summarize({ from: FROM, until: UNTIL, touches: ts, stageMoves: [], nameOf: (id) => `P${ids.indexOf(id)}`, ahead: { dueNextWeek: [], closeTheLoop: [], totals: { dueNextWeek: 0, closeTheLoop: 0 } }, rules });
        expect(summary(read)).toEqual(summary(every));
      }),
      { numRuns: 150 },
    );
  });
});
