import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';
const NOW_ISO = '2026-03-02T09:00:00.000Z';

describe('cadence prospect add', () => {
  it('adds a prospect with company, email, tags (lower-cased, once) and stage lead by default', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    const r = await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--email', 'dana@acme.com', '--tag', 'saas', '--tag', 'SaaS', '--tag', 'fintech');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Added Dana Reyes (Acme) as #1, stage lead, tags fintech, saas.\n');

    const p = json(await run('prospect', 'add', 'Ravi Shah', '--stage', 'discovery', '--json'));
    expect(p).toMatchObject({ id: 2, name: 'Ravi Shah', company: null, email: null, stage: 'discovery', tags: [], createdAt: NOW_ISO });

    // Named in any case, with spaces as loose as typed.
    const shown = json(await run('prospect', 'show', '  dana   REYES ', '--json')).prospect;
    expect(shown).toMatchObject({ id: 1, name: 'Dana Reyes', company: 'Acme', email: 'dana@acme.com', stage: 'lead', tags: ['fintech', 'saas'] });
  });

  it('rejects a bad email or tag and writes nothing', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    expectFailure(await run('prospect', 'add', 'Dana Reyes', '--email', 'dana-at-acme'), 2, /email address/);
    expectFailure(await run('prospect', 'add', 'Dana Reyes', '--tag', 'two words'), 2, /one word/);
    expectFailure(await run('prospect', 'add', '12345'), 2, /add a word/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('cadence prospect list', () => {
  it('is an empty array (and a hint in text) before any prospect, and creates no database', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    expect(json(await run('prospect', 'list', '--json'))).toEqual([]);
    const text = await run('prospect', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/No prospects yet\. Add one: cadence prospect add/);
    expect(existsSync(db)).toBe(false);
  });

  it('lists prospects by name with stage, last touch and verdict, filtered by --stage and --tag', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Zoe Park', '--stage', 'proposal', '--tag', 'retail');
    await run('prospect', 'add', 'Dana Reyes', '--tag', 'saas');
    await run('prospect', 'add', 'Ravi Shah', '--tag', 'saas', '--stage', 'proposal');
    await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T09:00');

    const all = json(await run('prospect', 'list', '--json'));
    expect(Array.isArray(all)).toBe(true);
    expect(all.map((p: any) => p.name)).toEqual(['Dana Reyes', 'Ravi Shah', 'Zoe Park']);
    const dana = all[0];
    expect(dana).toMatchObject({
      stage: 'lead',
      tags: ['saas'],
      verdict: 'wait',
      waitUntil: '2026-03-05T08:00:00.000Z',
      lastTouch: { at: '2026-03-02T08:00:00.000Z', channel: 'email', direction: 'out', outcome: 'sent' },
    });
    expect(all[1]).toMatchObject({ name: 'Ravi Shah', verdict: 'send-value', lastTouch: null });

    expect(json(await run('prospect', 'list', '--stage', 'proposal', '--json')).map((p: any) => p.name)).toEqual(['Ravi Shah', 'Zoe Park']);
    expect(json(await run('prospect', 'list', '--tag', 'saas', '--json')).map((p: any) => p.name)).toEqual(['Dana Reyes', 'Ravi Shah']);

    const text = await run('prospect', 'list', '--tag', 'saas', '--stage', 'lead');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ID\s+NAME\s+STAGE\s+LAST TOUCH\s+ADVICE/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\s+2\s+Dana Reyes\s+lead\s+Mon 2 Mar 2026 email\s+wait until Thu 5 Mar 2026 09:00$/);
    expect((await run('prospect', 'list', '--tag', 'nothing')).stdout).toBe('No prospects match.\n');
  });
});

describe('cadence prospect show', () => {
  it('gives {prospect, touches oldest first, advice}, the advice being exactly what next says', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--tag', 'saas');
    // Logged out of order: the timeline still reads oldest first.
    await run('log', 'Dana Reyes', '--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--note', 'Send me the pricing', '--at', '2026-02-26T16:30');
    await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'left-message', '--at', '2026-02-20T11:00');
    await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'resource:Churn benchmark', '--at', '2026-02-23T09:00', '--buyer-date', '2026-03-16');

    const show = json(await run('prospect', 'show', 'Dana Reyes', '--json'));
    expect(Object.keys(show).sort()).toEqual(['advice', 'prospect', 'touches']);
    expect(show.prospect).toMatchObject({ id: 1, name: 'Dana Reyes', company: 'Acme', stage: 'lead', tags: ['saas'] });
    expect(show.touches.map((t: any) => t.at)).toEqual([
      '2026-02-20T10:00:00.000Z',
      '2026-02-23T08:00:00.000Z',
      '2026-02-26T15:30:00.000Z',
    ]);
    for (const t of show.touches) {
      for (const k of ['id', 'at', 'channel', 'direction', 'outcome', 'value', 'note']) expect(t).toHaveProperty(k);
      expect(Object.keys(t.value).sort()).toEqual(['kind', 'text']);
    }
    expect(show.touches[0]).toMatchObject({ id: 2, channel: 'call', direction: 'out', outcome: 'left-message', value: { kind: 'none', text: null }, note: null });
    expect(show.touches[1]).toMatchObject({ id: 3, channel: 'email', outcome: 'sent', value: { kind: 'resource', text: 'Churn benchmark' } });
    expect(show.touches[2]).toMatchObject({ id: 1, direction: 'in', outcome: 'replied', note: 'Send me the pricing' });
    // The buyer's reply is the latest touch: answer it.
    expect(show.advice.verdict).toBe('go');
    expect(show.advice).toEqual(json(await run('next', 'Dana Reyes', '--json')));
  });

  it('shows the timeline with ids, notes and the buyer date, then the advice, in text', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--email', 'dana@acme.com');
    await run('log', 'Dana Reyes', '--channel', 'call', '--outcome', 'connected', '--note', 'Call me after the 15th', '--buyer-date', '2026-03-16', '--at', '2026-03-02T09:00');
    const r = await run('prospect', 'show', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dana Reyes  #1  lead  Acme  <dana@acme.com>');
    expect(r.stdout).toContain('buyer date: Mon 16 Mar 2026');
    expect(r.stdout).toContain('Timeline (1 touch)');
    expect(r.stdout).toMatch(/#1\s+Mon 2 Mar 2026 09:00 {2}-> call out, connected/);
    expect(r.stdout).toContain('note: Call me after the 15th');
    expect(r.stdout).toMatch(/^Wait until Mon 16 Mar 2026: /m);
  });
});

describe('cadence prospect set', () => {
  it('adds and removes tags, changes email, company and stage', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--tag', 'saas', '--tag', 'old');
    const r = await run('prospect', 'set', 'Dana Reyes', '--tag', 'fintech', '--tag', 'ai', '--untag', 'old', '--email', 'dana@acme.com', '--company', 'Acme', '--stage', 'proposal');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Updated Dana Reyes: stage proposal; tagged fintech, ai; untagged old; email dana@acme.com; company Acme.\n');
    const p = json(await run('prospect', 'show', 'Dana Reyes', '--json')).prospect;
    expect(p).toMatchObject({ tags: ['ai', 'fintech', 'saas'], email: 'dana@acme.com', company: 'Acme', stage: 'proposal' });
    expect(json(await run('prospect', 'list', '--stage', 'proposal', '--json'))).toHaveLength(1);
    expect(json(await run('prospect', 'list', '--tag', 'old', '--json'))).toHaveLength(0);
  });

  it('sets a buyer date that holds outreach until 00:00 that day, and clears it', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const set = json(await run('prospect', 'set', 'Dana Reyes', '--buyer-date', '2026-03-20', '--json'));
    expect(set.buyerDate).toBe('2026-03-20');
    const waiting = json(await run('next', 'Dana Reyes', '--json'));
    expect(waiting).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-19T23:00:00.000Z' });
    expect(waiting.reasons[0].term).toBe('buyer-date');

    const cleared = json(await run('prospect', 'set', 'Dana Reyes', '--clear-buyer-date', '--json'));
    expect(cleared.buyerDate).toBeNull();
    expect(json(await run('next', 'Dana Reyes', '--json'))).toMatchObject({ verdict: 'send-value', waitUntil: null });
  });

  it('--do-not-contact stops all outreach; --clear-do-not-contact lifts it', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme');
    const r = await run('prospect', 'set', 'Dana Reyes', '--do-not-contact');
    expect(r.stdout).toBe('Updated Dana Reyes: do-not-contact.\n');
    const stop = json(await run('next', 'Dana Reyes', '--channel', 'call', '--value', 'insight:Peer churn numbers', '--json'));
    expect(stop).toMatchObject({ verdict: 'stop', score: 0, suggestions: [], draft: null });
    expect(stop.reasons[0].term).toBe('do-not-contact');
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).prospect.doNotContact).toBe(true);

    expect((await run('prospect', 'set', 'Dana Reyes', '--clear-do-not-contact')).code).toBe(0);
    expect(json(await run('prospect', 'show', 'Dana Reyes', '--json')).prospect.doNotContact).toBe(false);
    expect(json(await run('next', 'Dana Reyes', '--json')).verdict).toBe('send-value');
  });

  it('--company-wide marks every present and future prospect of the company (case-insensitive), and only it', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme');
    await run('prospect', 'add', 'Sam Lee', '--company', 'ACME');
    await run('prospect', 'add', 'Omar Haddad', '--company', 'Globex');
    const r = await run('prospect', 'set', 'Dana Reyes', '--do-not-contact', '--company-wide');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Updated Dana Reyes: do-not-contact for everyone at Acme.\n');
    // Added after the mark, at the same company: marked too.
    await run('prospect', 'add', 'Pat Kim', '--company', 'acme');
    // Moved to the company later: marked too.
    await run('prospect', 'add', 'Lee Wong', '--company', 'Initech');
    await run('prospect', 'set', 'Lee Wong', '--company', 'Acme');

    const verdicts = async () => Object.fromEntries(json(await run('agenda', '--all', '--json')).map((a: any) => [a.prospect.name, a.verdict]));
    expect(await verdicts()).toEqual({
      'Dana Reyes': 'stop',
      'Sam Lee': 'stop',
      'Pat Kim': 'stop',
      'Lee Wong': 'stop',
      'Omar Haddad': 'send-value',
    });
    const pat = json(await run('next', 'Pat Kim', '--json'));
    expect(pat.reasons[0].detail).toMatch(/company.*asked not to be contacted/);

    // Lifting one person's mark without --company-wide leaves the company's: a warning says so.
    const partial = await run('prospect', 'set', 'Sam Lee', '--clear-do-not-contact');
    expect(partial.code).toBe(0);
    expect(partial.stderr).toMatch(/^cadence: warning: Acme is still marked do-not-contact company-wide; add --company-wide/);
    expect((await verdicts())['Sam Lee']).toBe('stop');

    // The buyer who asked lifts it for everyone.
    expect((await run('prospect', 'set', 'Dana Reyes', '--clear-do-not-contact', '--company-wide')).code).toBe(0);
    expect(await verdicts()).toEqual({
      'Dana Reyes': 'send-value',
      'Sam Lee': 'send-value',
      'Pat Kim': 'send-value',
      'Lee Wong': 'send-value',
      'Omar Haddad': 'send-value',
    });
  });

  it('refuses contradictory or empty changes, and --company-wide without a company, writing nothing', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes');
    const before = fingerprint(db);
    expectFailure(await run('prospect', 'set', 'Dana Reyes'), 2, /Nothing to change; give a flag such as --stage/);
    expectFailure(await run('prospect', 'set', 'Dana Reyes', '--buyer-date', '2026-03-20', '--clear-buyer-date'), 2, /not both/);
    expectFailure(await run('prospect', 'set', 'Dana Reyes', '--do-not-contact', '--clear-do-not-contact'), 2, /not both/);
    expectFailure(await run('prospect', 'set', 'Dana Reyes', '--company-wide'), 2, /goes with --do-not-contact/);
    expectFailure(await run('prospect', 'set', 'Dana Reyes', '--do-not-contact', '--company-wide'), 2, /no company.*--company/);
    expect(fingerprint(db)).toBe(before);
    expect(json(await run('next', 'Dana Reyes', '--json')).verdict).toBe('send-value');
  });
});
