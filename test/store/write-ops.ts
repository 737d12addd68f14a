// Random writes to a book of prospects, through the store as the commands make them: for the
// property tests of what is kept between commands (the summary's and the agenda's memos).
import fc from 'fast-check';
import { CHANNELS, OUTCOMES, STAGES, VALUE_KINDS, type Stage } from '../../src/core/types.js';
import type { Db } from '../../src/store/open.js';
import {
  addTag,
  clearDoNotContact,
  insertProspect,
  markDoNotContact,
  removeTag,
  setBuyerDate,
  setStage,
  updateContact,
} from '../../src/store/prospects.js';
import { deleteTouch, getTouch, insertTouch, updateTouch } from '../../src/store/touches.js';
import { addValueItem } from '../../src/store/values.js';
import { write } from '../../src/store/write.js';

export const NAMES = ['Ana', 'Ben', 'Cy', 'Dee'];
export const COMPANIES = ['Acme', 'acme', 'Globex', null] as const;
const p = fc.integer({ min: 0, max: NAMES.length - 1 });
export const opArb = (hour: fc.Arbitrary<number>) =>
  fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('touch' as const),
      p,
      hour,
      channel: fc.constantFrom(...CHANNELS),
      direction: fc.constantFrom('out' as const, 'out' as const, 'in' as const),
      outcome: fc.constantFrom(...OUTCOMES),
      kind: fc.constantFrom(...VALUE_KINDS),
      buyerDay: fc.option(fc.constantFrom('2026-03-06', '2026-03-11', '2026-03-20'), { freq: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('edit' as const), n: fc.nat(), hour, p }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rm' as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('buyerDate' as const), p, day: fc.option(fc.constantFrom('2026-03-10', '2026-03-30')), hour }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('mark' as const), p, hour, companyWide: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('clear' as const), p, hour, companyWide: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stage' as const), p, stage: fc.constantFrom(...STAGES), hour }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('company' as const), p, company: fc.constantFrom(...COMPANIES) }) },
  // With names the locale's order finds equal to another (a soft hyphen is ignored): their order is by id.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), p, name: fc.constantFrom('Zed', 'émile', 'Bo', 'B\u00ado', 'A\u00adna') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('tag' as const), p, tag: fc.constantFrom('saas', 'fintech'), add: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('library' as const), title: fc.constantFrom('Churn report', 'Pricing guide', 'SaaS survey'), tag: fc.constantFrom('saas', 'fintech', null) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), name: fc.constantFrom('Eve', 'Fay', 'E\u00adve', 'Ana\u00ad'), stage: fc.constantFrom(...STAGES) }) },
);
export type Op = ReturnType<typeof opArb> extends fc.Arbitrary<infer T> ? T : never;

/** Applies one write in its own transaction; `iso(h)` is the moment h hours from the test's origin. */
export function apply(db: Db, o: Op, pids: number[], touchIds: number[], iso: (h: number) => string): void {
  write(db, () => {
    const pid = 'p' in o ? pids[o.p]! : 0;
    if (o.op === 'touch') {
      const value = o.kind === 'none' ? { kind: o.kind, text: null } : { kind: o.kind, text: 'Churn report' };
      touchIds.push(insertTouch(db, { prospectId: pid, at: iso(o.hour), channel: o.channel, direction: o.direction, outcome: o.outcome, value, note: 'about pricing', buyerDate: o.buyerDay }, iso(0)));
    } else if (o.op === 'edit' && touchIds.length) {
      const t = getTouch(db, touchIds[o.n % touchIds.length]!);
      if (t) updateTouch(db, { ...t, at: iso(o.hour), prospectId: pid });
    } else if (o.op === 'rm' && touchIds.length) deleteTouch(db, touchIds.splice(o.n % touchIds.length, 1)[0]!);
    else if (o.op === 'buyerDate') setBuyerDate(db, pid, o.day, iso(o.hour));
    else if (o.op === 'mark') {
      try {
        markDoNotContact(db, pid, iso(o.hour), o.companyWide);
      } catch {
        // No company to mark: the write is rolled back, as the command's would be.
      }
    } else if (o.op === 'clear') clearDoNotContact(db, pid, iso(o.hour), o.companyWide);
    else if (o.op === 'stage') setStage(db, pid, o.stage as Stage, iso(o.hour));
    else if (o.op === 'company') updateContact(db, pid, { company: o.company });
    else if (o.op === 'rename') {
      if (!db.prepare('SELECT 1 FROM prospects WHERE name_key = lower(?)').get(o.name)) updateContact(db, pid, { name: o.name });
    } else if (o.op === 'tag') (o.add ? addTag : removeTag)(db, pid, o.tag);
    else if (o.op === 'library') {
      if (!db.prepare('SELECT 1 FROM value_items WHERE title_key = lower(?)').get(o.title)) {
        addValueItem(db, { title: o.title, url: null, tags: o.tag ? [o.tag] : [], createdAt: iso(0) });
      }
    } else if (o.op === 'add') {
      if (!db.prepare('SELECT 1 FROM prospects WHERE name_key = lower(?)').get(o.name)) {
        insertProspect(db, { name: o.name, company: 'Acme', email: null, stage: o.stage, tags: ['saas'], createdAt: iso(0) });
      }
    }
  });
}

/** The book the operations work on: four prospects over two companies' spellings, and two library items. */
export function seedBook(db: Db, iso: (h: number) => string): number[] {
  return write(db, () => {
    addValueItem(db, { title: 'SaaS survey', url: null, tags: ['saas'], createdAt: iso(-24 * 40) });
    addValueItem(db, { title: 'Fintech brief', url: null, tags: ['fintech'], createdAt: iso(-24 * 40) });
    return NAMES.map((name, i) =>
      insertProspect(db, { name, company: COMPANIES[i % COMPANIES.length]!, email: null, stage: STAGES[i]!, tags: i % 2 ? ['saas'] : [], createdAt: iso(-24 * 40) }),
    );
  });
}
