import { describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, inTerminal, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';

/** Dana with two touches: #1 a call on Friday 27 Feb, #2 an email today. */
async function seeded() {
  const { db } = tempDb();
  const run = cli(db, NOW);
  await run('prospect', 'add', 'Dana Reyes');
  await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'no-answer', '--at', '2026-02-27T10:00');
  await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--note', 'typo here');
  return { db, run };
}

describe('cadence touch edit', () => {
  it('corrects any field of a touch and the advice follows', async () => {
    const { run } = await seeded();
    expect(json(await run('next', 'Dana Reyes', '--json')).verdict).toBe('wait');
    // The "email" was in fact the buyer writing in, on Saturday, with a question.
    const edited = json(
      await run('touch', 'edit', '2', '--direction', 'in', '--outcome', 'replied', '--channel', 'linkedin', '--value', 'answer:Pricing question',
        '--note', 'Asked for pricing', '--at', '2026-02-28T09:30', '--json'),
    );
    expect(edited).toEqual({
      id: 2,
      at: '2026-02-28T08:30:00.000Z',
      channel: 'linkedin',
      direction: 'in',
      outcome: 'replied',
      value: { kind: 'answer', text: 'Pricing question' },
      note: 'Asked for pricing',
      buyerDate: null,
    });
    const show = json(await run('prospect', 'show', 'Dana Reyes', '--json'));
    expect(show.touches.map((t: any) => t.id)).toEqual([1, 2]);
    expect(show.touches[1]).toEqual(edited);
    expect(show.advice.verdict).toBe('go');
    expect(show.advice.reasons[0].term).toBe('buyer-replied');
  });

  it('changes only what is given, and --stage moves the prospect', async () => {
    const { run } = await seeded();
    const r = await run('touch', 'edit', '1', '--outcome', 'connected', '--stage', 'discovery');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Touch #1 is now: call out, connected, Fri 27 Feb 2026 10:00.\n');
    const show = json(await run('prospect', 'show', 'Dana Reyes', '--json'));
    expect(show.prospect.stage).toBe('discovery');
    expect(show.touches[0]).toMatchObject({ id: 1, channel: 'call', direction: 'out', outcome: 'connected', at: '2026-02-27T09:00:00.000Z', note: null });
    expect(show.touches[1]).toMatchObject({ id: 2, note: 'typo here' });
  });

  it('rejects a missing change, a bad id, an unknown touch and bad values, writing nothing', async () => {
    const { db, run } = await seeded();
    const before = fingerprint(db);
    expectFailure(await run('touch', 'edit', '1'), 2, /Nothing to change; give a flag such as --outcome/);
    expectFailure(await run('touch', 'edit', 'first', '--outcome', 'sent'), 2, /Touch id "first" is not a number/);
    expectFailure(await run('touch', 'edit', '99', '--outcome', 'sent'), 2, /There is no touch #99; 'cadence prospect show <prospect>' lists the ids/);
    expectFailure(await run('touch', 'edit', '1', '--outcome', 'maybe'), 2, /Allowed choices are no-answer/);
    expectFailure(await run('touch', 'edit', '1', '--at', '2026-02-30'), 2, /not a real date/);
    expect(fingerprint(db)).toBe(before);
  });
});

describe('cadence touch rm', () => {
  it('without a terminal needs --yes: exit 2 and nothing removed', async () => {
    const { db, run } = await seeded();
    const before = fingerprint(db);
    expectFailure(await run('touch', 'rm', '2'), 2, /^cadence: Removing touch #2 for Dana Reyes: email out, sent, Mon 2 Mar 2026 10:00 needs confirmation; add --yes\.$/);
    expect(fingerprint(db)).toBe(before);
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches).toHaveLength(2);
  });

  it('with --yes removes the touch, and the advice forgets it', async () => {
    const { run } = await seeded();
    await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'connected', '--buyer-date', '2026-04-01', '--at', '2026-03-02T10:30');
    expect(json(await run('next', 'Dana Reyes', '--json')).waitUntil).toBe('2026-03-31T22:00:00.000Z');
    const r = await run('touch', 'rm', '3', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Removed touch #3 for Dana Reyes: call out, connected, Mon 2 Mar 2026 10:30.\n');
    const show = json(await run('prospect', 'show', 'Dana Reyes', '--json'));
    expect(show.touches.map((t: any) => t.id)).toEqual([1, 2]);
    // The buyer date lived on the removed touch: the wait is the gap after two unanswered touches again.
    expect(show.advice.waitUntil).toBe('2026-03-10T09:00:00.000Z');
    expectFailure(await run('touch', 'rm', '3', '--yes'), 2, /There is no touch #3/);
  });

  it('--json reports the removed touch', async () => {
    const { run } = await seeded();
    const r = json(await run('touch', 'rm', '1', '--yes', '--json'));
    expect(r).toEqual({ removed: expect.objectContaining({ id: 1, channel: 'call', outcome: 'no-answer' }) });
  });

  it('on a terminal asks first, and keeps the touch unless confirmed', async () => {
    const { db, run } = await seeded();
    const before = fingerprint(db);
    // Spawned on a pseudo-terminal: the prompt is asked only when stdin and stdout are TTYs.
    const kept = inTerminal(['--db', db, '--now', NOW, 'touch', 'rm', '1'], { env: { NO_COLOR: '1' }, steps: [['Remove touch #1', 'n\r']] });
    expect(kept.waiting_for).toBeUndefined();
    expect(kept.code).toBe(0);
    expect(kept.transcript).toContain('Kept it; nothing removed.');
    expect(fingerprint(db)).toBe(before);

    const removed = inTerminal(['--db', db, '--now', NOW, 'touch', 'rm', '1'], { env: { NO_COLOR: '1' }, steps: [['Remove touch #1', 'y\r']] });
    expect(removed.code).toBe(0);
    expect(removed.transcript).toContain('Removed touch #1 for Dana Reyes');
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).touches.map((t: any) => t.id)).toEqual([2]);

    // --no-input never asks, even on a terminal: without --yes nothing is removed.
    const mid = fingerprint(db);
    const refused = inTerminal(['--db', db, '--now', NOW, '--no-input', 'touch', 'rm', '2'], { env: { NO_COLOR: '1' } });
    expect(refused.code).toBe(2);
    expect(refused.transcript).toMatch(/^cadence: Removing touch #2 .* needs confirmation; add --yes\.\s*$/);
    expect(fingerprint(db)).toBe(mid);
  });
});
