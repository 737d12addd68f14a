import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, cadence, cli, json, tempDb } from './helpers.js';

const DOWN = '\u001b[B';
const ENTER = '\r';

/** Drives the CLI through a real pseudo-terminal (python3's pty), answering each prompt. */
function inTerminal(args: string[], steps: [string, string][]) {
  const spec = {
    cmd: [process.execPath, BIN, ...args],
    env: { TZ: 'Europe/Berlin', TERM: 'xterm', NO_COLOR: '1', XDG_CONFIG_HOME: join(ROOT, 'test', 'fixtures', 'no-config') },
    steps,
  };
  const r = spawnSync('python3', [join(ROOT, 'test', 'e2e', 'pty-driver.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as { code: number; transcript: string; waiting_for?: string };
}

describe('cadence log on a terminal', () => {
  it('asks for every missing field, records the touch, and shows the advice', async () => {
    const { db } = tempDb();
    const run = cli(db);
    expect((await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme')).code).toBe(0);
    const r = inTerminal(['--db', db, '--now', '2026-03-02T10:00', 'log'], [
      ['Prospect', 'Dana'],
      ['Dana Reyes', ENTER],
      ['Channel', `${DOWN}${DOWN}${ENTER}`],
      ['Direction', ENTER],
      ['Outcome', `${DOWN}${DOWN}${ENTER}`],
      ['What did it carry', `${DOWN}${ENTER}`],
      ['insight', `Churn vs peers${ENTER}`],
      ['Note', `Sent the churn insight${ENTER}`],
      ['name a date', `2026-03-20${ENTER}`],
    ]);
    expect(r.waiting_for).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.transcript).toContain('Logged #1 for Dana Reyes');
    expect(r.transcript).toMatch(/Next: Wait until/);
    const show = json(await run('prospect', 'show', 'Dana Reyes', '--json'));
    expect(show.touches).toHaveLength(1);
    expect(show.touches[0]).toMatchObject({
      channel: 'email',
      direction: 'out',
      outcome: 'sent',
      value: { kind: 'insight', text: 'Churn vs peers' },
      note: 'Sent the churn insight',
    });
    expect(show.advice.verdict).toBe('wait');
    expect(show.advice.waitUntil).toBe(new Date(2026, 2, 20).toISOString());
  });

  it('offers to add a prospect that does not exist yet', async () => {
    const { db } = tempDb();
    const r = inTerminal(['--db', db, '--now', '2026-03-02T10:00', 'log', '--channel', 'call', '--outcome', 'connected'], [
      ['Prospect', 'Ravi Shah'],
      ['add new prospect', ENTER],
      ['Direction', ENTER],
      ['What did it carry', ENTER],
      ['Note', ENTER],
      ['name a date', ENTER],
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).toContain('Ravi Shah (new prospect #1)');
    expect(json(await cli(db)('prospect', 'list', '--json'))[0].name).toBe('Ravi Shah');
  });

  it('never prompts without a terminal: missing fields are an error and nothing is written', async () => {
    const { db } = tempDb();
    await cli(db)('prospect', 'add', 'Dana Reyes');
    const r = await cadence(['--db', db, 'log', 'Dana Reyes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--channel and --outcome are required/);
    expect(json(await cli(db)('prospect', 'show', 'Dana Reyes', '--json')).touches).toHaveLength(0);
  });

  it('never prompts with --no-input, even on a terminal', async () => {
    const { db } = tempDb();
    await cli(db)('prospect', 'add', 'Dana Reyes');
    const r = inTerminal(['--db', db, '--no-input', 'log', 'Dana Reyes'], []);
    expect(r.code).toBe(2);
    expect(r.transcript).toMatch(/required without a terminal/);
  });
});
