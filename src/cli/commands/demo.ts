import { mkdtempSync } from 'node:fs';
import { addBusinessDays } from 'date-fns/addBusinessDays';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PROSPECTS, DEMO_VALUES } from '../../core/demo.js';
import { localDay } from '../../core/parse.js';
import { write } from '../../store/write.js';
import { insertProspect, markDoNotContact } from '../../store/prospects.js';
import { insertTouch } from '../../store/touches.js';
import { addValueItem } from '../../store/values.js';
import { Context } from '../context.js';
import { run as agenda } from './agenda.js';
import { run as next } from './next.js';

const DAY_MS = 86_400_000;

/** A weekday morning: today at 09:30, or the coming Monday at the weekend. */
function demoMorning(now: Date): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 9, 30);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

/** Fills a fresh temporary database (never the user's own) and shows the day's plan. */
export function run(ctx: Context): void {
  const today = demoMorning(ctx.now);
  const path = join(mkdtempSync(join(tmpdir(), 'cadence-demo-')), 'demo.db');
  const demo = new Context({ db: path, now: today.toISOString(), json: ctx.json, color: ctx.color, input: false }, {});
  const db = demo.db(true);
  const at = (daysAgo: number, hour: number) => {
    const d = addBusinessDays(today, -daysAgo);
    d.setHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  write(db, () => {
    const created = new Date(today.getTime() - 90 * DAY_MS).toISOString();
    for (const item of DEMO_VALUES) addValueItem(db, { ...item, createdAt: created });
    for (const p of DEMO_PROSPECTS) {
      const id = insertProspect(db, { ...p, createdAt: created });
      for (const t of p.touches) {
        insertTouch(
          db,
          {
            prospectId: id,
            at: at(t.daysAgo, t.hour),
            channel: t.channel,
            direction: t.direction ?? 'out',
            outcome: t.outcome,
            value: t.value ?? { kind: 'none', text: null },
            note: t.note ?? null,
            buyerDate: t.buyerDateInDays === undefined ? null : localDay(new Date(today.getTime() + t.buyerDateInDays * DAY_MS)),
          },
          created,
        );
      }
      if (p.doNotContact) markDoNotContact(db, id, at(20, 10), false);
    }
  });
  if (ctx.json) {
    agenda(demo, [], { all: true });
    demo.close();
    return;
  }
  const { bold, dim } = ctx.paint;
  ctx.out(dim(`A demo pipeline of ${DEMO_PROSPECTS.length} prospects, in a temporary database (your own data is untouched).`));
  ctx.out('');
  agenda(demo, [], { all: true });
  ctx.out('');
  ctx.out(bold('$ cadence next "Sofia Alvarez"'));
  next(demo, ['Sofia Alvarez'], {});
  ctx.out('');
  ctx.out(bold('$ cadence next "Priya Nair" --explain'));
  next(demo, ['Priya Nair'], { explain: true });
  ctx.out('');
  ctx.out(dim(`Explore the demo yourself: cadence --db ${path} --now ${today.toISOString()} prospect list`));
  ctx.out(dim(`Start for real: cadence prospect add "Your Prospect" --company "Their Company"`));
  demo.close();
}
