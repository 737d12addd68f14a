import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, json, spawnCadence, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';
const NOW_ISO = '2026-03-02T09:00:00.000Z';

describe('cadence log', () => {
  it('records every flag as given', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const t = json(
      await run('log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--value', 'answer:Pricing tiers',
        '--note', 'Asked about pricing', '--at', '2026-02-27T16:45', '--json'),
    );
    expect(t).toMatchObject({
      id: 1,
      at: '2026-02-27T15:45:00.000Z',
      channel: 'email',
      direction: 'in',
      outcome: 'replied',
      value: { kind: 'answer', text: 'Pricing tiers' },
      note: 'Asked about pricing',
      prospect: { id: 1, name: 'Dana Reyes', stage: 'lead' },
    });
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches).toEqual([
      expect.objectContaining({ id: 1, at: '2026-02-27T15:45:00.000Z', direction: 'in', note: 'Asked about pricing' }),
    ]);
  });

  it('defaults to direction out, value none and now; prints the touch and the next advice', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const r = await run('log', 'dana reyes', '--channel', 'call', '--outcome', 'no-answer');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Logged #1 for Dana Reyes: call out, no-answer, Mon 2 Mar 2026 10:00.');
    expect(lines[1]).toMatch(/^Next: Wait until Thu 5 Mar 2026 10:00: /);
    const [t] = json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches;
    expect(t).toMatchObject({ at: NOW_ISO, direction: 'out', value: { kind: 'none', text: null }, note: null });
    // A prospect can be named by id too.
    expect(json(await run('log', '1', '--channel', 'email', '--outcome', 'sent', '--json')).prospect.name).toBe('Dana Reyes');
  });

  it('refuses an unknown prospect without --create (writing nothing), and adds it with --create', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const before = fingerprint(db);
    expectFailure(await run('log', 'Ravi Shah', '--channel', 'call', '--outcome', 'connected'), 2, /No prospect named "Ravi Shah"\..*Add --create/);
    expect(fingerprint(db)).toBe(before);

    const r = await run('log', 'Ravi Shah', '--create', '--channel', 'call', '--outcome', 'connected');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Logged #1 for Ravi Shah \(new prospect #2\): call out, connected/);
    // --create on a name that exists (any case) logs to it rather than adding a twin.
    const again = json(await run('log', 'RAVI SHAH', '--create', '--channel', 'email', '--outcome', 'sent', '--json'));
    expect(again.prospect).toEqual({ id: 2, name: 'Ravi Shah', stage: 'lead' });
    expect(json(await run('prospect', 'list', '--json')).map((p: any) => p.name)).toEqual(['Dana Reyes', 'Ravi Shah']);
  });

  it('--create on a missing database creates it with the prospect and the touch', async () => {
    const { db } = tempDb();
    expect(existsSync(db)).toBe(false);
    const r = await cli(db, NOW)('log', 'Ravi Shah', '--create', '--channel', 'meeting', '--outcome', 'meeting-booked', '--stage', 'discovery');
    expect(r.code).toBe(0);
    const show = json(await cli(db, NOW)('prospect', 'show', 'Ravi Shah', '--json'));
    expect(show.prospect.stage).toBe('discovery');
    expect(show.touches).toHaveLength(1);
  });

  it('--stage moves the prospect', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const t = json(await run('log', 'Dana Reyes', '--channel', 'meeting', '--outcome', 'connected', '--stage', 'proposal', '--json'));
    expect(t.prospect.stage).toBe('proposal');
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).prospect.stage).toBe('proposal');
    expect(json(await run('prospect', 'list', '--stage', 'proposal', '--json')).map((p: any) => p.name)).toEqual(['Dana Reyes']);
  });

  it('--buyer-date makes next wait until 00:00 local on that date, then go', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const r = await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'connected', '--note', 'call me after the 15th', '--buyer-date', '2026-03-16');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Buyer date 2026-03-16: cadence will hold off until then.');
    expect(r.stdout).toMatch(/Next: Wait until Mon 16 Mar 2026: /);

    const wait = json(await run('next', 'Dana Reyes', '--value', 'proposal:Pilot plan', '--json'));
    expect(wait).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-15T23:00:00.000Z' });
    expect(wait.reasons[0].term).toBe('buyer-date');
    expect(wait.reasons[0].detail).toContain('Monday 16 March');
    // A minute before midnight it still waits; at midnight the buyer's day has come.
    expect(json(await run('next', 'Dana Reyes', '--at', '2026-03-15T23:59', '--json')).verdict).toBe('wait');
    const go = json(await run('next', 'Dana Reyes', '--at', '2026-03-16T00:00', '--json'));
    expect(go.verdict).toBe('go');
    expect(go.reasons[0]).toMatchObject({ term: 'buyer-date', points: 30 });
  });

  it('records an outbound touch to a do-not-contact prospect, with a warning on stderr', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'do-not-contact', '--at', '2026-02-20T10:00');
    const r = await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'cadence: warning: Dana Reyes asked not to be contacted on Fri 20 Feb 2026 10:00. The touch is recorded, but cadence will not recommend outreach.\n',
    );
    expect(r.stdout).toMatch(/^Logged #2 for Dana Reyes/);
    expect(r.stdout).toMatch(/Next: Stop: /);
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches).toHaveLength(2);

    // The buyer writing in is no crossing of the line: no warning, and still stop until cleared.
    const inbound = await run('log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied');
    expect(inbound.code).toBe(0);
    expect(inbound.stderr).toBe('');
    const advice = json(await run('next', 'Dana Reyes', '--json'));
    expect(advice.verdict).toBe('stop');
    expect(advice.reasons[0].detail).toContain('--clear-do-not-contact');
  });

  it('without a terminal never prompts: missing --channel or --outcome is exit 2 and nothing is recorded', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const before = fingerprint(db);
    // A prompt would wait for input: the test's timeout turns that into a failure, not a hang.
    expectFailure(await run('log', 'Dana Reyes'), 2, /--channel and --outcome are required without a terminal; for example: cadence log "Dana Reyes" --channel email --outcome sent/);
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email'), 2, /--outcome is required/);
    expectFailure(await run('log', 'Dana Reyes', '--outcome', 'sent'), 2, /--channel is required/);
    expectFailure(await run('log', '--channel', 'email', '--outcome', 'sent'), 2, /Name the prospect/);
    expectFailure(await run('--no-input', 'log', 'Dana Reyes', '--channel', 'email'), 2, /--outcome is required/);
    // Even with input waiting on stdin, nothing is read from it.
    // Spawned: it needs a real stdin with input waiting on it.
    const piped = spawnCadence(['--db', db, '--now', NOW, 'log', 'Dana Reyes'], { input: 'email\nsent\n' });
    expectFailure(piped, 2, /required without a terminal/);
    expect(fingerprint(db)).toBe(before);
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches).toEqual([]);
  });

  it('rejects bad flag values before writing anything', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const before = fingerprint(db);
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'none:hello'), 2, /a "none" value carries no text/);
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--buyer-date', 'soon'), 2, /--buyer-date "soon" is not a date/);
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--direction', 'sideways'), 2, /--direction/);
    expect(fingerprint(db)).toBe(before);
  });
});
