import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/core/advice/index.js';
import { digestFromTouches, type BuyerDate, type Digest, type DncMark } from '../../src/core/digest.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { CHANNELS, OUTCOMES, VALUE_KINDS, type Touch } from '../../src/core/types.js';
import { digestAt, digestsOfAllAt, digestsOfSomeAt } from '../../src/store/digest.js';
import { openDb } from '../../src/store/open.js';
import { write } from '../../src/store/write.js';
import { clearDoNotContact, insertProspect, markDoNotContact, setBuyerDate } from '../../src/store/prospects.js';
import { insertTouch } from '../../src/store/touches.js';

const db = openDb(join(mkdtempSync(join(tmpdir(), 'cadence-digest-')), 'd.db'), { create: true });
afterAll(() => db.close());

const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const iso = (h: number) => new Date(START + h * HOUR).toISOString();

const touchArb = fc.record({
  hour: fc.integer({ min: 0, max: 24 * 60 }),
  channel: fc.constantFrom(...CHANNELS),
  direction: fc.constantFrom('out' as const, 'out' as const, 'in' as const),
  outcome: fc.constantFrom(...OUTCOMES),
  kind: fc.constantFrom(...VALUE_KINDS),
  text: fc.constantFrom(null, 'Churn report', 'Intro to Sam'),
  buyerDay: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 6 }),
});

const caseArb = fc.record({
  touches: fc.array(touchArb, { maxLength: 25 }),
  flagHour: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { freq: 3 }),
  companyHour: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { freq: 4 }),
  clearHour: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { freq: 3 }),
  eventDay: fc.option(fc.record({ hour: fc.integer({ min: 0, max: 24 * 60 }), day: fc.option(fc.integer({ min: 0, max: 90 })) }), { freq: 3 }),
  tHour: fc.integer({ min: 0, max: 24 * 62 }),
});

let n = 0;
const day = (d: number) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10);

/** The buyer date in force: the most recent of those named at touches and those set directly (these win ties). */
function expectedBuyerDate(touches: Touch[], event: { day: string | null; setAt: string } | null): BuyerDate | null {
  let best: { day: string | null; setAt: string; src: number } | null = event ? { ...event, src: 0 } : null;
  for (const t of touches) {
    if (!t.buyerDate) continue;
    if (!best || t.at > best.setAt || (t.at === best.setAt && best.src === 1)) best = { day: t.buyerDate, setAt: t.at, src: 1 };
  }
  return best?.day ? { date: best.day, setAt: best.setAt } : null;
}

describe('the SQL digest', () => {
  it('equals the reference digest built from the plain list of touches', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        n++;
        const company = `Company ${n}`;
        const T = new Date(START + c.tHour * HOUR);
        const touches: Touch[] = [];
        let pid = 0;
        write(db, () => {
          pid = insertProspect(db, { name: `P${n}`, company, email: null, stage: 'discovery', tags: ['b', 'a'], createdAt: iso(0) });
          for (const t of c.touches) {
            const touch = {
              prospectId: pid,
              at: iso(t.hour),
              channel: t.channel,
              direction: t.direction,
              outcome: t.outcome,
              value: { kind: t.kind, text: t.kind === 'none' ? null : t.text },
              note: null,
              buyerDate: t.buyerDay === null ? null : day(t.buyerDay),
            };
            touches.push({ ...touch, id: insertTouch(db, touch, iso(0)) });
          }
          if (c.flagHour !== null) markDoNotContact(db, pid, iso(c.flagHour), false);
          if (c.clearHour !== null) clearDoNotContact(db, pid, iso(c.clearHour), false);
          if (c.companyHour !== null) {
            db.prepare('INSERT INTO company_marks (company_key, company, marked_at) VALUES (?, ?, ?)').run(
              company.toLowerCase(),
              company,
              iso(c.companyHour),
            );
          }
          if (c.eventDay) setBuyerDate(db, pid, c.eventDay.day === null ? null : day(c.eventDay.day), iso(c.eventDay.hour));
        });
        const flag = c.flagHour !== null && c.clearHour === null ? iso(c.flagHour) : null;
        const marks: DncMark[] = [];
        if (flag) marks.push({ at: flag, scope: 'prospect' });
        if (c.companyHour !== null) marks.push({ at: iso(c.companyHour), scope: 'company' });
        marks.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.scope === 'company' ? -1 : 1));
        const event = c.eventDay ? { day: c.eventDay.day === null ? null : day(c.eventDay.day), setAt: iso(c.eventDay.hour) } : null;
        const expected = digestFromTouches(
          {
            prospect: { id: pid, name: `P${n}`, stage: 'discovery', company, tags: ['a', 'b'] },
            flagDnc: marks[0] ?? null,
            dncClearedAt: c.clearHour === null ? null : clearedMoment(touches, iso(c.clearHour)),
            buyerDate: expectedBuyerDate(touches, event),
            touches,
          },
          T,
        );
        // The state write() stored, and the same computed afresh (as inside a write, before the refresh).
        expect(normalise(digestAt(db, T, pid)!)).toEqual(normalise(expected));
        db.prepare('INSERT INTO prospect_stale VALUES (?)').run(pid);
        expect(normalise(digestAt(db, T, pid)!)).toEqual(normalise(expected));
        db.prepare('DELETE FROM prospect_stale').run();
      }),
      { numRuns: 300 },
    );
  });

  it('gives every prospect its own digest in one query', () => {
    const all = [...digestsOfAllAt(db, new Date(START + 24 * 30 * HOUR))];
    expect(all.length).toBe(n);
    expect(new Set(all.map((d) => d.prospect.id)).size).toBe(n);
  });

  it('of some prospects, are theirs as read for everyone, by id, in full or for verdicts only', () => {
    const T = new Date(START + 24 * 30 * HOUR);
    const full = [...digestsOfAllAt(db, T)];
    const lean = [...digestsOfAllAt(db, T, undefined, true)];
    // What sentences read is left out of these, and reading it throws.
    const strip = (d: Digest) => Object.fromEntries(Object.keys(d).filter((k) => k !== 'sentValues' && k !== 'history').map((k) => [k, d[k as keyof Digest]]));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: n + 3 })), (ids) => {
        const wanted = (d: Digest) => ids.includes(d.prospect.id);
        const some = [...digestsOfSomeAt(db, T, ids)];
        expect(some.map(normalise)).toEqual(full.filter(wanted).map(normalise));
        expect([...digestsOfSomeAt(db, T, ids, undefined, true)].map(strip)).toEqual(lean.filter(wanted).map(strip));
      }),
      { numRuns: 50 },
    );
  });

  it('read for verdicts only, holds everything a verdict reads, and refuses to give what it left out', () => {
    const T = new Date(START + 24 * 30 * HOUR);
    const full = [...digestsOfAllAt(db, T)];
    const lean = [...digestsOfAllAt(db, T, undefined, true)];
    expect(lean.length).toBe(full.length);
    const planned = { at: T, channel: 'email' as const, value: { kind: 'none' as const, text: null } };
    lean.forEach((d, i) => {
      for (const key of Object.keys(full[i]!) as (keyof Digest)[]) {
        if (key !== 'sentValues' && key !== 'history') expect(d[key], key).toEqual(full[i]![key]);
      }
      expect(decide(d, planned, DEFAULT_RULES)).toEqual(decide(full[i]!, planned, DEFAULT_RULES));
      expect(() => d.sentValues).toThrow(/verdicts only/);
      expect(() => d.history.lastBuyerMessage).toThrow(/verdicts only/);
    });
    expect(lean.some((d) => d.dnc && d.buyerMessageAfterDnc)).toBe(true);
  });

  it('maps the file only while it reads everyone (the connection is busy then), also when the reader stops early', () => {
    const T = new Date(START + 24 * 30 * HOUR);
    const mmap = () => db.pragma('mmap_size', { simple: true });
    const calls: string[] = [];
    const pragma = db.pragma;
    db.pragma = ((source: string, options?: { simple?: boolean }) => {
      calls.push(source);
      return pragma.call(db, source, options);
    }) as typeof db.pragma;
    try {
      const it = digestsOfAllAt(db, T)[Symbol.iterator]();
      it.next();
      it.return?.();
    } finally {
      db.pragma = pragma;
    }
    expect(calls).toEqual([`mmap_size = ${2 ** 30}`, 'mmap_size = 0']);
    expect(mmap()).toBe(0);
    expect([...digestsOfAllAt(db, T)].length).toBe(n);
    expect(mmap()).toBe(0);
    digestAt(db, T, 1);
    expect(mmap()).toBe(0);
  });
});

/** A clear lifts every "no" logged before it, even one dated at or after the clear itself. */
function clearedMoment(touches: Touch[], at: string): string {
  const lastNo = touches.filter((t) => t.outcome === 'do-not-contact').map((t) => t.at).sort().at(-1);
  return lastNo && lastNo >= at ? new Date(Date.parse(lastNo) + 1).toISOString() : at;
}

function normalise(d: Digest) {
  const key = (v: { kind: string; text: string | null }) => `${v.kind}:${v.text}`;
  return { ...d, sentValues: d.sentValues.map(key).sort() };
}
