// "No means no" (SPEC section 1.6, rule 1 of section 6): a prospect who asked not to be contacted -
// by the flag, by a touch with that outcome, or through a company-wide mark - is never recommended for
// outreach by any command, on any channel, with any value, at any time: its verdict is always `stop`.
//
// In-process over random histories (the real store, SQL digest, engine and command modules, with
// stdout captured), and a few cases through the built cli.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { adviceFor, adviceForAll } from '../../src/cli/coach.js';
import { Context } from '../../src/cli/context.js';
import { nameKey } from '../../src/core/parse.js';
import type { Channel, Outcome, Stage, Value } from '../../src/core/types.js';
import { CHANNELS, OUTCOMES, STAGES, VALUE_KINDS } from '../../src/core/types.js';
import { openDb } from '../../src/store/open.js';
import { write } from '../../src/store/write.js';
import {
  clearDoNotContact,
  insertProspect,
  markDoNotContact,
  setBuyerDate,
  setStage,
  updateContact,
} from '../../src/store/prospects.js';
import { insertTouch } from '../../src/store/touches.js';
import { cleanupScratch, cli, g, scratchDir } from './helpers.js';

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
function build(db: ReturnType<typeof openDb>, s: Scenario): { ids: number[]; model: Map<number, Model>; end: number; marked: Set<string> } {
  const ids: number[] = [];
  const model = new Map<number, Model>();
  const marked = new Set<string>();
  let t = START;
  let n = 0;
  const add = (company: string | null, stage: Stage, tags: string[]) => {
    const id = insertProspect(db, { name: `Prospect ${n++} Example`, company, email: null, stage, tags, createdAt: iso(t) });
    ids.push(id);
    model.set(id, { company, flag: false, clearedAt: null, dncTouch: false });
  };
  write(db, () => {
    for (const p of s.prospects) add(p.company, p.stage, p.tags);
    s.ops.forEach((op, i) => {
      t += s.steps[i]! * MIN;
      const now = iso(t);
      if (op.op === 'add') return add(op.company, op.stage, []);
      const id = ids[op.p % ids.length]!;
      const m = model.get(id)!;
      switch (op.op) {
        case 'touch': {
          // Logged a little after it happened, but after the last clear (a backdated "no" from before
          // the buyer lifted it is not what this property is about; the same-instant case has its own test).
          const at = Math.max(t - op.back * MIN, m.clearedAt === null ? -Infinity : m.clearedAt + MIN);
          insertTouch(
            db,
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
          return;
        }
        case 'mark':
          if (op.companyWide && !m.company) return;
          markDoNotContact(db, id, now, op.companyWide);
          m.flag = true;
          if (op.companyWide) marked.add(ckey(m.company)!);
          return;
        case 'clear':
          clearDoNotContact(db, id, now, op.companyWide);
          m.flag = false;
          m.dncTouch = false;
          m.clearedAt = t;
          if (op.companyWide && m.company) marked.delete(ckey(m.company)!);
          return;
        case 'stage':
          return setStage(db, id, op.stage, now);
        case 'buyerDate':
          return setBuyerDate(db, id, op.days === null ? null : dayOf(t + op.days * 24 * 60 * MIN), now);
        case 'company':
          updateContact(db, id, { company: op.company });
          m.company = op.company;
          return;
      }
    });
  });
  return { ids, model, end: t, marked };
}

const isDnc = (m: Model, marked: Set<string>) => m.flag || m.dncTouch || (m.company !== null && marked.has(ckey(m.company)!));

/** Runs a command module in-process with --json and returns what it printed, parsed. */
async function runJson<T>(module: string, ctx: Context, args: string[], opts: Record<string, unknown>): Promise<T> {
  return JSON.parse(await runText(module, ctx, args, opts)) as T;
}

/** Runs a command module in-process and returns what it printed on stdout. */
async function runText(module: string, ctx: Context, args: string[], opts: Record<string, unknown>): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const mod = (await import(`../../src/cli/commands/${module}.ts`)) as { run: (c: Context, a: string[], o: Record<string, unknown>) => unknown };
    await mod.run(ctx, args, opts);
  } finally {
    spy.mockRestore();
  }
  return out;
}

interface AdviceJson {
  prospect: { id: number; name: string };
  verdict: string;
  score: number;
}

const stats = { dncChecked: 0, otherChecked: 0, otherNotStop: 0, logged: 0 };

describe('do-not-contact is always stop (in-process, random histories)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cadence-dnc-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let run = 0;

  it('next (any channel, value, time), agenda, agenda --all, prospect list, prospect show, summary and log never advise outreach to a marked prospect', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const path = join(work, `dnc-${run++}.db`);
        const db = openDb(path, { create: true });
        const { ids, model, end, marked } = build(db, s);
        db.close();
        const env = { ...process.env, XDG_CONFIG_HOME: join(work, 'no-config'), TZ: 'Europe/Berlin' };
        try {
          for (const ask of s.asks) {
            const T = new Date(end + ask.offset * MIN);
            const ctx = new Context({ db: path, now: T.toISOString(), json: true }, env, { stdin: false, stdout: false });
            try {
              const dnc = new Set(ids.filter((id) => isDnc(model.get(id)!, marked)));
              const all = adviceForAll(ctx, T, (advice) => ({ advice }));
              const list = await runJson<{ id: number; verdict: string; doNotContact: boolean }[]>('prospect-list', ctx, [], {});
              const agenda = await runJson<AdviceJson[]>('agenda', ctx, [], {});
              const agendaAll = await runJson<AdviceJson[]>('agenda', ctx, [], { all: true });
              const summary = await runJson<{ dueNextWeek: { prospectId: number }[]; closeTheLoop: { prospectId: number }[] }>('summary', ctx, [], { format: 'json' });
              for (const id of ids) {
                const where = `prospect ${id} ${JSON.stringify(model.get(id))} marked companies ${[...marked]} at ${T.toISOString()}`;
                const listed = list.find((x) => x.id === id)!;
                // The store agrees with the model on who is marked (no false marks, clears work).
                expect(listed.doNotContact, `doNotContact of ${where}`).toBe(dnc.has(id));
                if (!dnc.has(id)) {
                  stats.otherChecked++;
                  if (listed.verdict !== 'stop') stats.otherNotStop++;
                  continue;
                }
                stats.dncChecked++;
                const next = adviceFor(ctx, id, { at: T, channel: ask.channel, value: ask.value });
                expect(next.verdict, `next --channel ${ask.channel} --value ${JSON.stringify(ask.value)} for ${where}`).toBe('stop');
                expect(next.score).toBe(0);
                expect(next.draft).toBeNull();
                const nextCmd = await runJson<AdviceJson>('next', ctx, [String(id)], { channel: ask.channel, value: ask.value.kind + (ask.value.text ? `:${ask.value.text}` : '') });
                expect(nextCmd.verdict, `next command for ${where}`).toBe('stop');
                expect(all.find((x) => x.advice.prospect.id === id)!.advice.verdict, `adviceForAll for ${where}`).toBe('stop');
                expect(listed.verdict, `prospect list for ${where}`).toBe('stop');
                expect(agenda.map((a) => a.prospect.id), `agenda (without --all) lists ${where}`).not.toContain(id);
                expect(agendaAll.find((a) => a.prospect.id === id)?.verdict, `agenda --all for ${where}`).toBe('stop');
                expect(summary.dueNextWeek.map((d) => d.prospectId), `summary due next week lists ${where}`).not.toContain(id);
                expect(summary.closeTheLoop.map((d) => d.prospectId), `summary close-the-loop lists ${where}`).not.toContain(id);
                const shown = await runJson<{ advice: AdviceJson }>('prospect-show', ctx, [String(id)], {});
                expect(shown.advice.verdict, `prospect show for ${where}`).toBe('stop');
              }
            } finally {
              ctx.close();
            }
          }
          // Last (it writes): an outbound touch logged anyway is recorded, and what log says next is stop.
          const T = new Date(end + 60 * MIN);
          const ctx = new Context({ db: path, now: T.toISOString() }, env, { stdin: false, stdout: false });
          const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
          try {
            for (const id of ids.filter((i) => isDnc(model.get(i)!, marked))) {
              const out = await runText('log', ctx, [String(id)], { channel: 'email', outcome: 'sent', value: 'insight:pricing' });
              expect(out, `log's next line for prospect ${id} ${JSON.stringify(model.get(id))}`).toMatch(/^Next: Stop: /m);
              stats.logged++;
            }
          } finally {
            warn.mockRestore();
            ctx.close();
          }
        } finally {
          rmSync(path, { force: true });
          rmSync(`${path}-wal`, { force: true });
          rmSync(`${path}-shm`, { force: true });
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
  it('the flag, a buyer message after it, a company-wide mark reaching a prospect added later (another case), and a do-not-contact touch', () => {
    const home = scratchDir('cadence-dnc-cli-');
    const db = join(home, 'cadence.db');
    const c = (args: string[], now = '2026-03-02T10:00') => {
      const r = cli([...args, ...g(db, now)], { home });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    const j = <T>(args: string[], now?: string) => JSON.parse(c([...args, '--json'], now).stdout) as T;

    c(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--stage', 'proposal', '--tag', 'saas']);
    c(['prospect', 'add', 'Sam Lee', '--company', 'Globex']);
    c(['prospect', 'add', 'Kim Park', '--company', 'Initech']);
    c(['value', 'add', 'Churn benchmark', '--tag', 'saas']);
    c(['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:pricing', '--at', '2026-02-16T09:00']);
    c(['log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-02-17T09:00']);
    c(['log', 'Kim Park', '--channel', 'call', '--outcome', 'connected', '--at', '2026-02-20T09:00']);
    // Dana: "don't contact me or anyone at Acme".
    c(['prospect', 'set', 'Dana Reyes', '--do-not-contact', '--company-wide'], '2026-02-23T10:00');
    // She writes again afterwards: still stop until the rep clears the mark.
    c(['log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-02-24T09:00']);
    // A colleague added later, company spelled differently.
    c(['prospect', 'add', 'Lee Chan', '--company', 'ACME'], '2026-02-25T10:00');
    // Sam says no on a call.
    c(['log', 'Sam Lee', '--channel', 'call', '--outcome', 'do-not-contact', '--at', '2026-02-25T11:00']);

    const marked = ['Dana Reyes', 'Lee Chan', 'Sam Lee'];
    const plans: [string, string, string][] = [
      ['email', 'none', '2026-03-02T10:00'],
      ['call', 'insight:benchmark', '2026-03-03T15:00'],
      ['social', 'none', '2026-04-01T09:00'],
      ['linkedin', 'resource:Churn benchmark', '2027-01-04T09:00'],
    ];
    plans.forEach(([channel, value, at], i) => {
      const who = marked[i % marked.length]!;
      const a = j<AdviceJson>(['next', who, '--channel', channel, '--value', value, '--at', at]);
      expect(a.verdict, `next ${who} --channel ${channel} --value ${value} --at ${at}`).toBe('stop');
      expect(a.score).toBe(0);
    });
    const agenda = j<AdviceJson[]>(['agenda']);
    for (const who of marked) expect(agenda.map((a) => a.prospect.name)).not.toContain(who);
    expect(agenda.map((a) => a.prospect.name)).toContain('Kim Park');
    const agendaAll = j<AdviceJson[]>(['agenda', '--all']);
    for (const who of marked) expect(agendaAll.find((a) => a.prospect.name === who)?.verdict, `agenda --all ${who}`).toBe('stop');
    const list = j<{ name: string; verdict: string; doNotContact: boolean }[]>(['prospect', 'list']);
    for (const who of marked) {
      const row = list.find((x) => x.name === who)!;
      expect(row.verdict, `prospect list ${who}`).toBe('stop');
      expect(row.doNotContact).toBe(true);
    }
    const summary = JSON.parse(c(['summary', '--format', 'json']).stdout) as { dueNextWeek: { name: string }[]; closeTheLoop: { name: string }[] };
    for (const who of marked) {
      expect(summary.dueNextWeek.map((d) => d.name), `summary due next week ${who}`).not.toContain(who);
      expect(summary.closeTheLoop.map((d) => d.name), `summary close the loop ${who}`).not.toContain(who);
    }
    // Lifting Dana's mark company-wide, on her request, frees Dana and Lee (not Sam).
    c(['prospect', 'set', 'Dana Reyes', '--clear-do-not-contact', '--company-wide'], '2026-03-02T11:00');
    const after = j<{ name: string; doNotContact: boolean }[]>(['prospect', 'list'], '2026-03-02T12:00');
    expect(Object.fromEntries(after.map((x) => [x.name, x.doNotContact]))).toMatchObject({ 'Dana Reyes': false, 'Lee Chan': false, 'Sam Lee': true });
  }, 60_000);

  it('a "do not contact" logged right after the rep cleared the mark, at the same --now, marks the prospect again', () => {
    // Scripts pin the clock (--now / CADENCE_NOW), so a clear and the next touch can share a timestamp:
    // the touch was logged after the clear, and the buyer's latest word is "no".
    const home = scratchDir('cadence-dnc-cli-');
    const db = join(home, 'cadence.db');
    const c = (args: string[], now: string) => {
      const r = cli([...args, ...g(db, now)], { home });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    c(['prospect', 'add', 'Dana Reyes', '--company', 'Acme'], '2026-03-02T09:00');
    c(['prospect', 'set', 'Dana Reyes', '--do-not-contact'], '2026-03-02T09:30');
    c(['prospect', 'set', 'Dana Reyes', '--clear-do-not-contact'], '2026-03-02T10:00');
    c(['log', 'Dana Reyes', '--channel', 'call', '--outcome', 'do-not-contact'], '2026-03-02T10:00');
    for (const [channel, at] of [['email', '2026-03-03T10:00'], ['call', '2026-04-01T10:00']]) {
      const a = JSON.parse(c(['next', 'Dana Reyes', '--channel', channel!, '--value', 'insight:x', '--at', at!, '--json'], '2026-03-03T10:00').stdout) as AdviceJson;
      expect(a.verdict, `next --channel ${channel} --at ${at}`).toBe('stop');
    }
    const list = JSON.parse(c(['prospect', 'list', '--json'], '2026-03-03T10:00').stdout) as { doNotContact: boolean; verdict: string }[];
    expect(list[0]).toMatchObject({ doNotContact: true, verdict: 'stop' });
  }, 60_000);
});
