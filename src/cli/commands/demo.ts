import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMorning, run as fill } from '../../app/demo.js';
import { Context } from '../context.js';
import { run as agenda } from './agenda.js';
import { run as next } from './next.js';

/** Fills a fresh temporary database (never the user's own) and shows the day's plan. */
export async function run(ctx: Context): Promise<void> {
  const today = demoMorning(ctx.now);
  const path = join(mkdtempSync(join(tmpdir(), 'cadence-demo-')), 'demo.db');
  // The demo's own context: the same streams, none of the rep's environment (their CADENCE_DB,
  // CADENCE_NOW or config location), no prompts.
  const demo = new Context({ db: path, now: today.toISOString(), json: ctx.json, color: ctx.color, input: false }, { ...ctx.io, env: {} });
  try {
    const { prospects } = await fill({ today }, await demo.deps());
    if (ctx.json) return await agenda(demo, [], { all: true });
    const { bold, dim } = ctx.paint;
    ctx.out(dim(`A demo pipeline of ${prospects} prospects, in a temporary database (your own data is untouched).`));
    ctx.out('');
    await agenda(demo, [], { all: true });
    ctx.out('');
    ctx.out(bold('$ cadence next "Sofia Alvarez"'));
    await next(demo, ['Sofia Alvarez'], {});
    ctx.out('');
    ctx.out(bold('$ cadence next "Priya Nair" --explain'));
    await next(demo, ['Priya Nair'], { explain: true });
    ctx.out('');
    ctx.out(dim(`Explore the demo yourself: cadence --db ${path} --now ${today.toISOString()} prospect list`));
    ctx.out(dim(`Start for real: cadence prospect add "Your Prospect" --company "Their Company"`));
  } finally {
    await demo.close();
  }
}
