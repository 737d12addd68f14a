// The use cases called as the CLI calls them, with their dependencies injected: a real SQLite
// file in a temporary folder, a fixed moment, the default rules, warnings collected, and a
// scripted prompter. No command line, no process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as agenda } from '../../src/app/agenda.js';
import { run as close } from '../../src/app/close.js';
import type { Deps } from '../../src/app/deps.js';
import { keptStore } from '../../src/app/kept.js';
import { run as log } from '../../src/app/log.js';
import { run as next } from '../../src/app/next.js';
import type { Prompter } from '../../src/app/prompter.js';
import { run as prospectAdd } from '../../src/app/prospect-add.js';
import { run as prospectSet } from '../../src/app/prospect-set.js';
import { run as summary } from '../../src/app/summary.js';
import { run as touchRm } from '../../src/app/touch-rm.js';
import { UsageError } from '../../src/domain/errors.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { weekAround } from '../../src/domain/summary.js';
import { SqliteStore } from '../../src/store/sqlite.js';

/** Monday 2 March 2026, 10:00 in Berlin. */
const NOW = new Date('2026-03-02T09:00:00.000Z');

function depsAt(now = NOW, prompter?: Prompter) {
  const warnings: string[] = [];
  const file = join(mkdtempSync(join(tmpdir(), 'cadence-app-')), 'cadence.db');
  const deps: Deps = {
    store: keptStore(new SqliteStore(file), 'test'),
    now,
    rules: () => DEFAULT_RULES,
    env: {},
    warn: (t) => warnings.push(t),
    prompter,
  };
  return { deps, warnings, file, at: (moment: Date) => ({ ...deps, now: moment }) };
}

const dana = { name: 'Dana Reyes', company: 'Acme', email: null, stage: 'lead' as const, tags: ['saas'] };

describe('the use cases, with injected dependencies', () => {
  it('log then next: a cold email leaves a gap to wait out, and log says so in its next advice', async () => {
    const { deps } = depsAt();
    await prospectAdd(dana, deps);
    const logged = await log({ prospect: 'dana reyes', create: false, channel: 'email', outcome: 'sent', value: { kind: 'insight', text: 'Churn is up' } }, deps);
    expect(logged).toMatchObject({ created: false, prospect: { name: 'Dana Reyes' }, crossedMark: null });
    expect(logged.next.verdict).toBe('wait');
    const advice = await next({ prospect: 'Dana Reyes' }, deps);
    expect(advice.verdict).toBe('wait');
    expect(advice.waitUntil).toBe(logged.next.waitUntil);
    expect(advice.reasons[0]!.term).toBe('gap');
  });

  it('log without a channel asks the prompter on a terminal, and refuses without one', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      askTouch: async (_names, name, given) => {
        asked.push(name ?? '');
        return { prospect: name!, create: false, fields: { ...given, channel: 'call', outcome: 'no-answer' } };
      },
      askDebrief: async () => {
        throw new Error('not asked');
      },
      confirm: async () => false,
    };
    const { deps } = depsAt(NOW, prompter);
    await prospectAdd(dana, deps);
    const logged = await log({ prospect: 'Dana Reyes', create: false }, deps);
    expect(asked).toEqual(['Dana Reyes']);
    expect(logged.touch).toMatchObject({ channel: 'call', outcome: 'no-answer' });
    await expect(log({ prospect: 'Dana Reyes', create: false }, { ...deps, prompter: undefined })).rejects.toThrow(UsageError);
  });

  it('an outbound touch past a "no" is kept, and the mark it crossed is given back', async () => {
    const { deps } = depsAt();
    await prospectAdd(dana, deps);
    await prospectSet({ prospect: 'Dana Reyes', doNotContact: 'mark', companyWide: false, tags: [], untags: [] }, deps);
    const logged = await log({ prospect: 'Dana Reyes', create: false, channel: 'email', outcome: 'sent' }, deps);
    expect(logged.crossedMark).toMatchObject({ scope: 'prospect' });
    expect(logged.next.verdict).toBe('stop');
  });

  it('agenda and summary agree with next, prospect by prospect', async () => {
    const { deps, at } = depsAt();
    await prospectAdd(dana, deps);
    await prospectAdd({ ...dana, name: 'Li Na', company: 'Globex' }, deps);
    await log({ prospect: 'Li Na', create: false, channel: 'email', outcome: 'replied', direction: 'in', at: new Date('2026-02-27T10:00:00.000Z') }, deps);
    const a = await agenda({ all: true, brief: null }, deps);
    for (const advice of [...a.reach, ...a.close, ...a.waiting, ...a.stopped]) {
      expect(advice).toEqual(await next({ prospect: advice.prospect.name }, deps));
    }
    expect(a.reach.map((x) => x.prospect.name)).toEqual(['Li Na', 'Dana Reyes']);
    const s = await summary({ ...weekAround(NOW), rows: Infinity }, at(NOW));
    expect(s.touches).toBe(0);
    expect(s.dueNextWeek.map((d) => d.name).sort()).toEqual(['Dana Reyes', 'Li Na']);
  });

  it('close records the debrief and moves the stage; touch rm asks the prompter and keeps the touch when told no', async () => {
    const prompter: Prompter = {
      askTouch: async () => {
        throw new Error('not asked');
      },
      askDebrief: async (_name, given) => ({ ...given, result: 'lost', gaps: 'Price' }),
      confirm: async () => false,
    };
    const { deps } = depsAt(NOW, prompter);
    await prospectAdd(dana, deps);
    const closed = await close({ prospect: 'Dana Reyes', debrief: { result: null, decision: null, liked: null, gaps: null, nextSteps: null, revisit: null } }, deps);
    expect(closed).toMatchObject({ result: 'lost', stage: 'lost', touch: { value: { kind: 'debrief' } } });
    expect(await touchRm({ id: closed.touch.id, yes: false, describe: () => 'the debrief' }, deps)).toBeNull();
    expect(await deps.store.touch(closed.touch.id)).not.toBeNull();
    expect((await next({ prospect: 'Dana Reyes' }, deps)).verdict).toBe('stop');
  });
});
