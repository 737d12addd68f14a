// "No means no" (SPEC section 1.6, rule 1 of section 6): a prospect who asked not to be contacted -
// by the flag, by a touch with that outcome, or through a company-wide mark - is never recommended for
// outreach by any command, on any channel, with any value, at any time: its verdict is always `stop`.
//
// In-process: random histories written through the store contract into a real database file, then
// every command that gives advice run through main() with its own streams; and a few cases made
// entirely through the cli.
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreWriter } from '../../src/app/store.js';
import { nameKey } from '../../src/domain/parse.js';
import type { Channel, Outcome, Stage, Value } from '../../src/domain/types.js';
import { CHANNELS, OUTCOMES, STAGES, VALUE_KINDS } from '../../src/domain/types.js';
import { cleanupScratch, cliInProcess as cli, g, scratchDir, storeAt, type Run } from './helpers.js';

afterAll(cleanupScratch);

const START = Date.UTC(2026, 0, 5, 8); // Monday 5 January 2026
const MIN = 60_000;
const COMPANIES = ['Acme', 'ACME', 'acme', 'Globex', null] as const;

type Op =
  | { op: 'touch'; p: number; channel: Channel; direction: 'out' | 'in'; outcome: Outcome; value: Value; back: number; buyerDays: number | null }
  | { op: 'mark'; p: number; companyWide: boolean }
  | { op: 'clear'; p: number; companyWide: boolean }
  | { op: 'stage'; p: number; stage: Stage }
  | { op: 'buyerDate'; p: number; days: number | null }
  | { op: 'company'; p: number; company: string | null }
  | { op: 'add'; company: string | null; stage: Stage };

const valueArb: fc.Arbitrary<Value> = fc
  .record({ kind: fc.constantFrom(...VALUE_KINDS), text: fc.constantFrom('Churn benchmark', 'Pricing teardown', null) })
  .map((v) => (v.kind === 'none' ? { kind: 'none' as const, text: null } : v));

const opArb = (maxP: number): fc.Arbitrary<Op> => {
  const p = fc.integer({ min: 0, max: maxP });
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({
        op: fc.constant('touch' as const),
        p,
        channel: fc.constantFrom(...CHANNELS),
        direction: fc.constantFrom('out' as const, 'out' as const, 'in' as const),
        outcome: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...OUTCOMES) }, { weight: 2, arbitrary: fc.constant('do-not-contact' as const) }),
        value: valueArb,
        back: fc.integer({ min: 0, max: 3 * 24 * 60 }), // logged up to three days after the fact
        buyerDays: fc.option(fc.integer({ min: -5, max: 40 }), { freq: 6 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('mark' as const), p, companyWide: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('clear' as const), p, companyWide: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('stage' as const), p, stage: fc.constantFrom(...STAGES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('buyerDate' as const), p, days: fc.option(fc.integer({ min: -5, max: 40 })) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('company' as const), p, company: fc.constantFrom(...COMPANIES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), company: fc.constantFrom(...COMPANIES), stage: fc.constantFrom(...STAGES) }) },
  );
};

const scenarioArb = fc.record({
  prospects: fc.array(fc.record({ company: fc.constantFrom(...COMPANIES), stage: fc.constantFrom(...STAGES), tags: fc.subarray(['saas', 'fintech']) }), {
    minLength: 1,
    maxLength: 4,
  }),
  ops: fc.array(opArb(5), { minLength: 1, maxLength: 25 }),
  /** Minutes between operations. */
  steps: fc.array(fc.integer({ min: 1, max: 3 * 24 * 60 }), { minLength: 25, maxLength: 25 }),
  /** When the questions are asked, relative to the end of the history (minutes; negative: in the past). */
  asks: fc.array(
    fc.record({ offset: fc.integer({ min: -20 * 24 * 60, max: 60 * 24 * 60 }), channel: fc.constantFrom(...CHANNELS), value: valueArb }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

interface Model {
  company: string | null;
  flag: boolean;
  clearedAt: number | null;
  dncTouch: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => iso(ms).slice(0, 10);
const ckey = (c: string | null) => (c ? nameKey(c) : null);

/**
 * Writes the scenario through the store, the way the commands do, and keeps an independent model
 * of who is marked: the prospect's own flag (mark .. clear), a do-not-contact touch since the last
 * clear, or a company-wide mark on the prospect's current company that was not lifted company-wide.
 */
async function build(path: string, s: Scenario): Promise<{ ids: number[]; model: Map<number, Model>; end: number; marked: Set<string> }> {
  const ids: number[] = [];
  const model = new Map<number, Model>();
  const marked = new Set<string>();
  let t = START;
  let n = 0;
  const add = async (w: StoreWriter, company: string | null, stage: Stage, tags: string[]) => {
    const id = await w.addProspect({ name: `Prospect ${n++} Example`, company, email: null, stage, tags, createdAt: iso(t) });
    ids.push(id);
    model.set(id, { company, flag: false, clearedAt: null, dncTouch: false });
  };
  const store = storeAt(path);
  try {
    await store.write(async (w) => {
      for (const p of s.prospects) await add(w, p.company, p.stage, p.tags);
      for (const [i, op] of s.ops.entries()) {
        t += s.steps[i]! * MIN;
        const now = iso(t);
        if (op.op === 'add') {
          await add(w, op.company, op.stage, []);
          continue;
        }
        const id = ids[op.p % ids.length]!;
        const m = model.get(id)!;
        switch (op.op) {
          case 'touch': {
            // Logged a little after it happened, but after the last clear (a backdated "no" from before
            // the buyer lifted it is not what this property is about; the same-instant case has its own test).
            const at = Math.max(t - op.back * MIN, m.clearedAt === null ? -Infinity : m.clearedAt + MIN);
            await w.addTouch(
              {
                prospectId: id,
                at: iso(at),
                channel: op.channel,
                direction: op.direction,
                outcome: op.outcome,
                value: op.value,
                note: null,
                buyerDate: op.buyerDays === null ? null : dayOf(at + op.buyerDays * 24 * 60 * MIN),
              },
              now,
            );
            if (op.outcome === 'do-not-contact') m.dncTouch = true;
            break;
          }
          case 'mark':
            if (op.companyWide && !m.company) break;
            await w.markDoNotContact(id, now, op.companyWide);
            m.flag = true;
            if (op.companyWide) marked.add(ckey(m.company)!);
            break;
          case 'clear':
            await w.clearDoNotContact(id, now, op.companyWide);
            m.flag = false;
            m.dncTouch = false;
            m.clearedAt = t;
            if (op.companyWide && m.company) marked.delete(ckey(m.company)!);
            break;
          case 'stage':
            await w.setStage(id, op.stage, now);
            break;
          case 'buyerDate':
            await w.setBuyerDate(id, { day: op.days === null ? null : dayOf(t + op.days * 24 * 60 * MIN), setAt: now });
            break;
          case 'company':
            await w.updateContact(id, { company: op.company });
            m.company = op.company;
            break;
        }
      }
    });
  } finally {
    await store.close();
  }
  return { ids, model, end: t, marked };
}

const isDnc = (m: Model, marked: Set<string>) => m.flag || m.dncTouch || (m.company !== null && marked.has(ckey(m.company)!));

/** Runs a command in this process at `now`; it must succeed. */
async function ok(db: string, now: string, args: string[]): Promise<Run> {
  const r = await cli([...args, ...g(db, now)], { home: dirname(db) });
  expect(r.code, `${args.join(' ')} --now ${now}: ${r.stderr}`).toBe(0);
  return r;
}

/** The same with --json, parsed. */
async function okJson<T>(db: string, now: string, args: string[]): Promise<T> {
  return JSON.parse((await ok(db, now, [...args, '--json'])).stdout) as T;
}

interface AdviceJson {
  prospect: { id: number; name: string };
  verdict: string;
  score: number;
  draft: string | null;
}

const stats = { dncChecked: 0, otherChecked: 0, otherNotStop: 0, logged: 0 };

describe('do-not-contact is always stop (in-process, random histories)', () => {
  const work = scratchDir('cadence-dnc-');
  let run = 0;

  it('next (any channel, value, time), agenda, agenda --all, prospect list, prospect show, summary and log never advise outreach to a marked prospect', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const path = join(work, `dnc-${run++}.db`);
        const { ids, model, end, marked } = await build(path, s);
        try {
          for (const ask of s.asks) {
            const T = new Date(end + ask.offset * MIN).toISOString();
            const dnc = new Set(ids.filter((id) => isDnc(model.get(id)!, marked)));
            const list = await okJson<{ id: number; verdict: string; doNotContact: boolean }[]>(path, T, ['prospect', 'list']);
            const agenda = await okJson<AdviceJson[]>(path, T, ['agenda']);
            const agendaAll = await okJson<AdviceJson[]>(path, T, ['agenda', '--all']);
            const summary = await okJson<{ dueNextWeek: { prospectId: number }[]; closeTheLoop: { prospectId: number }[] }>(path, T, ['summary', '--format', 'json']);
            for (const id of ids) {
              const where = `prospect ${id} ${JSON.stringify(model.get(id))} marked companies ${[...marked]} at ${T}`;
              const listed = list.find((x) => x.id === id)!;
              // The store agrees with the model on who is marked (no false marks, clears work).
              expect(listed.doNotContact, `doNotContact of ${where}`).toBe(dnc.has(id));
              if (!dnc.has(id)) {
                stats.otherChecked++;
                if (listed.verdict !== 'stop') stats.otherNotStop++;
                continue;
              }
              stats.dncChecked++;
              const value = ask.value.kind + (ask.value.text ? `:${ask.value.text}` : '');
              const next = await okJson<AdviceJson>(path, T, ['next', String(id), '--channel', ask.channel, '--value', value]);
              expect(next.verdict, `next --channel ${ask.channel} --value ${value} for ${where}`).toBe('stop');
              expect(next.score).toBe(0);
              expect(next.draft).toBeNull();
              expect(listed.verdict, `prospect list for ${where}`).toBe('stop');
              expect(agenda.map((a) => a.prospect.id), `agenda (without --all) lists ${where}`).not.toContain(id);
              expect(agendaAll.find((a) => a.prospect.id === id)?.verdict, `agenda --all for ${where}`).toBe('stop');
              expect(summary.dueNextWeek.map((d) => d.prospectId), `summary due next week lists ${where}`).not.toContain(id);
              expect(summary.closeTheLoop.map((d) => d.prospectId), `summary close-the-loop lists ${where}`).not.toContain(id);
              const shown = await okJson<{ advice: AdviceJson }>(path, T, ['prospect', 'show', String(id)]);
              expect(shown.advice.verdict, `prospect show for ${where}`).toBe('stop');
            }
          }
          // Last (it writes): an outbound touch logged anyway is recorded, and what log says next is stop.
          const T = new Date(end + 60 * MIN).toISOString();
          for (const id of ids.filter((i) => isDnc(model.get(i)!, marked))) {
            const out = (await ok(path, T, ['log', String(id), '--channel', 'email', '--outcome', 'sent', '--value', 'insight:pricing'])).stdout;
            expect(out, `log's next line for prospect ${id} ${JSON.stringify(model.get(id))}`).toMatch(/^Next: Stop: /m);
            stats.logged++;
          }
        } finally {
          for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
        }
      }),
      { numRuns: 150, seed: 42, endOnFailure: true },
    );
    // Not vacuous: marked prospects were checked, and the others were not all stopped.
    expect(stats.dncChecked).toBeGreaterThan(20);
    expect(stats.otherNotStop).toBeGreaterThan(10);
    expect(stats.logged).toBeGreaterThan(20);
  }, 120_000);
});

describe('do-not-contact is always stop (through the cli)', () => {
  it('the flag, a buyer message after it, a company-wide mark reaching a prospect added later (another case), and a do-not-contact touch', async () => {
    const home = scratchDir('cadence-dnc-cli-');
    const db = join(home, 'cadence.db');
    const c = (args: string[], now = '2026-03-02T10:00') => ok(db, now, args);
    const j = <T>(args: string[], now = '2026-03-02T10:00') => okJson<T>(db, now, args);

    await c(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--stage', 'proposal', '--tag', 'saas']);
    await c(['prospect', 'add', 'Sam Lee', '--company', 'Globex']);
    await c(['prospect', 'add', 'Kim Park', '--company', 'Initech']);
    await c(['value', 'add', 'Churn benchmark', '--tag', 'saas']);
    await c(['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:pricing', '--at', '2026-02-16T09:00']);
    await c(['log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-02-17T09:00']);
    await c(['log', 'Kim Park', '--channel', 'call', '--outcome', 'connected', '--at', '2026-02-20T09:00']);
    // Dana: "don't contact me or anyone at Acme".
    await c(['prospect', 'set', 'Dana Reyes', '--do-not-contact', '--company-wide'], '2026-02-23T10:00');
    // She writes again afterwards: still stop until the rep clears the mark.
    await c(['log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-02-24T09:00']);
    // A colleague added later, company spelled differently.
    await c(['prospect', 'add', 'Lee Chan', '--company', 'ACME'], '2026-02-25T10:00');
    // Sam says no on a call.
    await c(['log', 'Sam Lee', '--channel', 'call', '--outcome', 'do-not-contact', '--at', '2026-02-25T11:00']);

    const marked = ['Dana Reyes', 'Lee Chan', 'Sam Lee'];
    const plans: [string, string, string][] = [
      ['email', 'none', '2026-03-02T10:00'],
      ['call', 'insight:benchmark', '2026-03-03T15:00'],
      ['social', 'none', '2026-04-01T09:00'],
      ['linkedin', 'resource:Churn benchmark', '2027-01-04T09:00'],
    ];
    for (const [i, [channel, value, at]] of plans.entries()) {
      const who = marked[i % marked.length]!;
      const a = await j<AdviceJson>(['next', who, '--channel', channel, '--value', value, '--at', at]);
      expect(a.verdict, `next ${who} --channel ${channel} --value ${value} --at ${at}`).toBe('stop');
      expect(a.score).toBe(0);
    }
    const agenda = await j<AdviceJson[]>(['agenda']);
    for (const who of marked) expect(agenda.map((a) => a.prospect.name)).not.toContain(who);
    expect(agenda.map((a) => a.prospect.name)).toContain('Kim Park');
    const agendaAll = await j<AdviceJson[]>(['agenda', '--all']);
    for (const who of marked) expect(agendaAll.find((a) => a.prospect.name === who)?.verdict, `agenda --all ${who}`).toBe('stop');
    const list = await j<{ name: string; verdict: string; doNotContact: boolean }[]>(['prospect', 'list']);
    for (const who of marked) {
      const row = list.find((x) => x.name === who)!;
      expect(row.verdict, `prospect list ${who}`).toBe('stop');
      expect(row.doNotContact).toBe(true);
    }
    const summary = JSON.parse((await c(['summary', '--format', 'json'])).stdout) as { dueNextWeek: { name: string }[]; closeTheLoop: { name: string }[] };
    for (const who of marked) {
      expect(summary.dueNextWeek.map((d) => d.name), `summary due next week ${who}`).not.toContain(who);
      expect(summary.closeTheLoop.map((d) => d.name), `summary close the loop ${who}`).not.toContain(who);
    }
    // Lifting Dana's mark company-wide, on her request, frees Dana and Lee (not Sam).
    await c(['prospect', 'set', 'Dana Reyes', '--clear-do-not-contact', '--company-wide'], '2026-03-02T11:00');
    const after = await j<{ name: string; doNotContact: boolean }[]>(['prospect', 'list'], '2026-03-02T12:00');
    expect(Object.fromEntries(after.map((x) => [x.name, x.doNotContact]))).toMatchObject({ 'Dana Reyes': false, 'Lee Chan': false, 'Sam Lee': true });
  }, 60_000);

  it('a "do not contact" logged right after the rep cleared the mark, at the same --now, marks the prospect again', async () => {
    // Scripts pin the clock (--now / CADENCE_NOW), so a clear and the next touch can share a timestamp:
    // the touch was logged after the clear, and the buyer's latest word is "no".
    const home = scratchDir('cadence-dnc-cli-');
    const db = join(home, 'cadence.db');
    const c = (args: string[], now: string) => ok(db, now, args);
    await c(['prospect', 'add', 'Dana Reyes', '--company', 'Acme'], '2026-03-02T09:00');
    await c(['prospect', 'set', 'Dana Reyes', '--do-not-contact'], '2026-03-02T09:30');
    await c(['prospect', 'set', 'Dana Reyes', '--clear-do-not-contact'], '2026-03-02T10:00');
    await c(['log', 'Dana Reyes', '--channel', 'call', '--outcome', 'do-not-contact'], '2026-03-02T10:00');
    for (const [channel, at] of [['email', '2026-03-03T10:00'], ['call', '2026-04-01T10:00']]) {
      const a = JSON.parse((await c(['next', 'Dana Reyes', '--channel', channel!, '--value', 'insight:x', '--at', at!, '--json'], '2026-03-03T10:00')).stdout) as AdviceJson;
      expect(a.verdict, `next --channel ${channel} --at ${at}`).toBe('stop');
    }
    const list = JSON.parse((await c(['prospect', 'list', '--json'], '2026-03-03T10:00')).stdout) as { doNotContact: boolean; verdict: string }[];
    expect(list[0]).toMatchObject({ doNotContact: true, verdict: 'stop' });
  }, 60_000);
});
