import { addBusinessDays } from 'date-fns/addBusinessDays';
import { DEMO_PROSPECTS, DEMO_VALUES } from '../domain/demo.js';
import { DAY_MS, localDay } from '../domain/time.js';
import type { Deps } from './deps.js';

export interface DemoOptions {
  /** The demo's today: a weekday morning (see demoMorning). */
  today: Date;
}

/** A weekday morning: today at 09:30, or the coming Monday at the weekend. */
export function demoMorning(now: Date): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 9, 30);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

/** `cadence demo`: fills the store it is given (a fresh temporary one, never the rep's own) with a realistic pipeline. */
export async function run(o: DemoOptions, deps: Deps): Promise<{ prospects: number }> {
  const { today } = o;
  const at = (daysAgo: number, hour: number) => {
    const d = addBusinessDays(today, -daysAgo);
    d.setHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  await deps.store.write(async (w) => {
    const created = new Date(today.getTime() - 90 * DAY_MS).toISOString();
    for (const item of DEMO_VALUES) await w.addValueItem({ ...item, createdAt: created });
    for (const p of DEMO_PROSPECTS) {
      const id = await w.addProspect({ name: p.name, company: p.company, email: p.email, stage: p.stage, tags: p.tags, createdAt: created });
      for (const t of p.touches) {
        await w.addTouch(
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
      if (p.doNotContact) await w.markDoNotContact(id, at(20, 10), false);
    }
  });
  return { prospects: DEMO_PROSPECTS.length };
}
