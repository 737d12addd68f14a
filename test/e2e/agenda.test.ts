import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI, cadence, cli, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';

describe('cadence agenda', () => {
  let db: string;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    ({ db } = tempDb());
    run = cli(db, NOW);
    const ok = async (...args: string[]) => {
      const r = await run(...args);
      if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    };
    // go: the buyer wrote last.
    await ok('prospect', 'add', 'Ann Go');
    await ok('log', 'Ann Go', '--channel', 'email', '--outcome', 'sent', '--at', '2026-02-26T10:00');
    await ok('log', 'Ann Go', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-03-02T08:15');
    // send-value: nothing logged yet.
    await ok('prospect', 'add', 'Ben Fresh', '--tag', 'saas');
    // close-loop: four unanswered, the gap long passed.
    await ok('prospect', 'add', 'Cat Close');
    for (const d of ['05', '12', '19', '26']) await ok('log', 'Cat Close', '--channel', 'email', '--outcome', 'sent', '--at', `2026-01-${d}T10:00`);
    // wait: the gap after this morning's email, and a buyer date.
    await ok('prospect', 'add', 'Dan Wait');
    await ok('log', 'Dan Wait', '--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T09:00');
    await ok('prospect', 'add', 'Eve Later');
    await ok('log', 'Eve Later', '--channel', 'call', '--outcome', 'connected', '--buyer-date', '2026-03-20', '--at', '2026-02-27T15:00');
    // stop: do-not-contact, lost, and a closed loop.
    await ok('prospect', 'add', 'Fay Stop');
    await ok('prospect', 'set', 'Fay Stop', '--do-not-contact');
    await ok('prospect', 'add', 'Gus Lost', '--stage', 'lost');
    await ok('prospect', 'add', 'Ida Closed');
    await ok('log', 'Ida Closed', '--channel', 'call', '--outcome', 'no-answer', '--at', '2026-02-10T10:00');
    await ok('log', 'Ida Closed', '--channel', 'email', '--outcome', 'sent', '--value', 'debrief:No decision', '--at', '2026-02-20T10:00');
    // A won customer is active, even after a debrief.
    await ok('prospect', 'add', 'Hal Won', '--stage', 'won');
    await ok('log', 'Hal Won', '--channel', 'other', '--outcome', 'sent', '--value', 'debrief:Signed', '--at', '2026-01-15T10:00');
    await ok('value', 'add', 'SaaS churn benchmark', '--tag', 'saas');
  });

  it('--json is an array of next-shaped entries: reach out, close the loop, waiting; no stopped ones', async () => {
    const a = json(await run('agenda', '--json'));
    expect(Array.isArray(a)).toBe(true);
    expect(a.map((x: any) => [x.prospect.name, x.verdict])).toEqual([
      ['Ann Go', 'go'],
      ['Hal Won', 'send-value'],
      ['Ben Fresh', 'send-value'],
      ['Cat Close', 'close-loop'],
      ['Dan Wait', 'wait'],
      ['Eve Later', 'wait'],
    ]);
    // Reach out today is ordered by score, best first.
    expect(a.slice(0, 3).map((x: any) => x.score)).toEqual([...a.slice(0, 3).map((x: any) => x.score)].sort((p: number, q: number) => q - p));
    expect(a.find((x: any) => x.prospect.name === 'Dan Wait').waitUntil).toBe('2026-03-05T08:00:00.000Z');
    expect(a.find((x: any) => x.prospect.name === 'Eve Later').waitUntil).toBe('2026-03-19T23:00:00.000Z');
    expect(a.find((x: any) => x.prospect.name === 'Hal Won').prospect.stage).toBe('won');
  });

  it('--all adds the stopped ones last, and every entry is exactly what next says', async () => {
    const all = json(await run('agenda', '--all', '--json'));
    expect(all.map((x: any) => x.prospect.name)).toEqual([
      'Ann Go', 'Hal Won', 'Ben Fresh', 'Cat Close', 'Dan Wait', 'Eve Later', 'Fay Stop', 'Gus Lost', 'Ida Closed',
    ]);
    expect(all.slice(6).map((x: any) => [x.verdict, x.score, x.reasons[0].term])).toEqual([
      ['stop', 0, 'do-not-contact'],
      ['stop', 0, 'lost'],
      ['stop', 0, 'loop-closed'],
    ]);
    for (const entry of all) {
      expect(Object.keys(entry).sort()).toEqual(['base', 'draft', 'planned', 'prospect', 'reasons', 'score', 'suggestions', 'verdict', 'waitUntil']);
      expect(entry, entry.prospect.name).toEqual(json(await run('next', entry.prospect.name, '--json')));
    }
  });

  it('in text groups Reach out today, Close the loop and Waiting, and hides the stopped ones', async () => {
    const r = await run('agenda');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ANSI);
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe('Agenda for Mon 2 Mar 2026');
    const reach = out.indexOf('Reach out today (3)');
    const close = out.indexOf('Close the loop (1)');
    const waiting = out.indexOf('Waiting (2)');
    expect(reach).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(reach);
    expect(waiting).toBeGreaterThan(close);
    const section = (from: number, to: number) => out.slice(from, to);
    expect(section(reach, close)).toMatch(/Ann Go - Ann Go wrote on Mon 2 Mar 08:15/);
    expect(section(reach, close)).toMatch(/Ben Fresh - send something useful/);
    expect(section(reach, close)).toContain("Send 'SaaS churn benchmark' (tag: saas) - not sent to Ben Fresh yet.");
    expect(section(reach, close)).toContain('Hal Won');
    expect(section(close, waiting)).toContain('Cat Close - 4 touches (email)');
    expect(section(close, waiting)).toContain('cadence next "Cat Close" shows a draft note');
    expect(section(waiting, out.length)).toMatch(/Dan Wait until Thu 5 Mar 2026 09:00 - /);
    expect(section(waiting, out.length)).toMatch(/Eve Later until Fri 20 Mar 2026 - /);
    expect(out.indexOf('Dan Wait')).toBeLessThan(out.indexOf('Eve Later'));
    for (const stopped of ['Fay Stop', 'Gus Lost', 'Ida Closed']) expect(out).not.toContain(stopped);
    expect(out).not.toContain('Stopped');
    expect(out).toContain('3 stopped (do-not-contact, lost, loop closed): --all shows them.');
  });

  it('--all shows a Stopped group with the reason for each', async () => {
    const out = (await run('agenda', '--all')).stdout;
    const stopped = out.indexOf('Stopped (3)');
    expect(stopped).toBeGreaterThan(out.indexOf('Waiting (2)'));
    expect(out.slice(stopped)).toMatch(/Fay Stop - Fay Stop asked not to be contacted/);
    expect(out.slice(stopped)).toMatch(/Gus Lost - The deal with Gus Lost is marked lost/);
    expect(out.slice(stopped)).toMatch(/Ida Closed - You closed the loop on Friday 20 February/);
    expect(out).not.toContain('--all shows them');
  });

  it('follows --now: on a Saturday only the buyer who wrote is to be answered, the rest wait for Monday', async () => {
    const sat = json(await cli(db, '2026-03-07T10:00')('agenda', '--json'));
    expect(sat.filter((x: any) => x.verdict === 'go').map((x: any) => x.prospect.name)).toEqual(['Ann Go']);
    expect(sat.map((x: any) => x.verdict)).not.toContain('send-value');
    const weekend = sat.filter((x: any) => x.reasons[0].term === 'weekend');
    expect(weekend.map((x: any) => x.prospect.name).sort()).toEqual(['Ben Fresh', 'Cat Close', 'Dan Wait', 'Hal Won']);
    expect(new Set(weekend.map((x: any) => x.waitUntil))).toEqual(new Set(['2026-03-08T23:00:00.000Z']));
    const text = (await cli(db, '2026-03-07T10:00')('agenda')).stdout;
    expect(text).toContain('Reach out today (1)');
    expect(text).toContain('Ben Fresh until Mon 9 Mar 2026 - ');
  });
});

describe('cadence agenda looked at again', () => {
  it('says the same, follows what was logged and added since, and turns when a wait ends', async () => {
    const { db } = tempDb();
    const at = (now: string) => cli(db, now);
    const run = at(NOW);
    for (const args of [
      ['prospect', 'add', 'Ann Go', '--tag', 'saas'],
      ['prospect', 'add', 'Dan Wait'],
      ['log', 'Dan Wait', '--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T09:00'],
    ]) expect((await run(...args)).code).toBe(0);
    const first = (await run('agenda')).stdout;
    expect((await run('agenda')).stdout).toBe(first);
    expect(first).toContain('Dan Wait until Thu 5 Mar 2026 09:00');
    // Logged since: Ann's buyer wrote.
    expect((await run('log', 'Ann Go', '--channel', 'email', '--direction', 'in', '--outcome', 'replied')).code).toBe(0);
    expect((await run('agenda')).stdout).toMatch(/Ann Go - Ann Go wrote on Mon 2 Mar 10:00/);
    // A library item for Ann's tag (she is to be answered: what to send comes with it).
    expect((await run('value', 'add', 'SaaS churn benchmark', '--tag', 'saas')).code).toBe(0);
    expect((await run('agenda')).stdout).toContain("Send 'SaaS churn benchmark' (tag: saas) - not sent to Ann Go yet.");
    // An import that brings a newer one (and a new prospect).
    const file = join(dirname(db), 'more.json');
    const more = {
      version: 1,
      prospects: [{ id: 1, name: 'Zoe Imported', stage: 'lead' }],
      touches: [],
      values: [{ id: 1, title: 'SaaS pricing teardown', tags: ['saas'], createdAt: '2026-03-02T09:30:00Z' }],
    };
    writeFileSync(file, JSON.stringify(more));
    expect((await run('import', file)).code).toBe(0);
    const imported = (await run('agenda')).stdout;
    expect(imported).toMatch(/Ann Go - .*\n.*Send 'SaaS pricing teardown' \(tag: saas\)/);
    expect(imported).toContain('Zoe Imported - send something useful');
    // Later that day nothing turns; once Dan's gap is over, he is to be reached.
    expect((await at('2026-03-02T18:00')('agenda')).stdout).toContain('Dan Wait until Thu 5 Mar 2026 09:00');
    expect((await at('2026-03-05T08:59')('agenda')).stdout).toContain('Dan Wait until Thu 5 Mar 2026 09:00');
    expect((await at('2026-03-05T09:00')('agenda')).stdout).toMatch(/Reach out today \(3\)(.|\n)*Dan Wait - send something useful/);
  });
});

describe('cadence agenda in another time zone', () => {
  it('is worked out for that zone, one agenda after another', async () => {
    const { db } = tempDb();
    // The New York runs are spawned by cadence(): local time is the process's, so another TZ needs a process.
    const run = (tz: string, ...args: string[]) => cadence(['--db', db, '--now', '2026-03-06T23:30:00Z', ...args], { env: { TZ: tz } });
    expect((await run('Europe/Berlin', 'prospect', 'add', 'Ann Zone')).code).toBe(0);
    // Saturday 00:30 in Berlin (wait for Monday), still Friday evening in New York (reach out).
    expect((await run('Europe/Berlin', 'agenda')).stdout).toContain('Waiting (1)');
    const ny = (await run('America/New_York', 'agenda')).stdout;
    expect(ny).toContain('Reach out today (1)');
    expect((await run('Europe/Berlin', 'agenda')).stdout).toContain('Waiting (1)');
  });
});

describe('cadence agenda with nothing to show', () => {
  it('says so, and points at --all when everyone is stopped', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    expect((await run('agenda')).stdout).toContain('No prospects yet. Add one: cadence prospect add "Dana Reyes"');
    await run('prospect', 'add', 'Gus Lost', '--stage', 'lost');
    expect(json(await run('agenda', '--json'))).toEqual([]);
    expect((await run('agenda')).stdout).toContain('Nothing active; --all shows stopped prospects.');
    expect(json(await run('agenda', '--all', '--json')).map((x: any) => x.verdict)).toEqual(['stop']);
  });
});

describe('cadence agenda on a long book', () => {
  it('lists every active prospect once, in the order of --json, however long the text (it is written in parts)', async () => {
    const tmp = tempDb();
    // 700 prospects: more lines than one write holds.
    const book = {
      version: 1,
      prospects: Array.from({ length: 700 }, (_, i) => ({ id: i + 1, name: `Lee ${i + 1}`, stage: 'discovery', tags: ['saas'] })),
      touches: Array.from({ length: 700 }, (_, i) => ({
        id: i + 1,
        prospectId: i + 1,
        at: `2026-02-${String(2 + (i % 27)).padStart(2, '0')}T09:00:00.000Z`,
        channel: 'email',
        direction: i % 5 ? 'out' : 'in',
        outcome: i % 5 ? 'sent' : 'replied',
      })),
      values: [{ id: 1, title: 'Churn report', tags: ['saas'] }],
    };
    const file = join(tmp.dir, 'book.json');
    writeFileSync(file, JSON.stringify(book));
    const long = cli(tmp.db, NOW);
    expect((await long('import', file)).code).toBe(0);
    const entries = json(await long('agenda', '--json')) as { prospect: { name: string }; verdict: string }[];
    const text = (await long('agenda')).stdout;
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/\n\n\n/);
    const listed = [...text.matchAll(/^ {2}(Lee \d+)\b/gm)].map((m) => m[1]);
    expect(listed).toEqual(entries.map((e) => e.prospect.name));
    const reach = entries.filter((e) => e.verdict === 'go' || e.verdict === 'send-value').length;
    expect(text).toContain(`Reach out today (${reach})`);
    // Suggestions are shown for those to reach out to, never for those waiting.
    expect(entries.filter((e) => e.verdict === 'wait').length).toBeGreaterThan(0);
    const waiting = text.split(/^Waiting/m)[1]!;
    expect(waiting).not.toContain('Churn report');
    expect(text.split(/^Waiting/m)[0]).toContain("Send 'Churn report'");
  });
});
