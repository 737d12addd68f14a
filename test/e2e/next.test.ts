import { describe, expect, it } from 'vitest';
import { ANSI, cadence, cli, cliEnv, configHome, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1). 7-8 March is a weekend.
const NOW = '2026-03-02T10:00';
const NOW_ISO = '2026-03-02T09:00:00.000Z';

/** A database with one prospect, and a CLI at NOW (optionally with a config folder). */
async function withProspect(name = 'Dana Reyes', config?: unknown, ...add: string[]) {
  const { db } = tempDb();
  const run = config === undefined ? cli(db, NOW) : cliEnv(db, NOW, { XDG_CONFIG_HOME: configHome(config) });
  expect((await run('prospect', 'add', name, ...add)).code).toBe(0);
  const log = async (...args: string[]) => {
    const r = await run('log', name, ...args);
    expect(r.code, r.stderr).toBe(0);
  };
  const next = async (...args: string[]) => json(await run('next', name, '--json', ...args));
  return { db, run, log, next };
}

/** The spec's score: stop is 0, else base plus the terms, clamped to 0..100. */
function expectedScore(a: any): number {
  if (a.verdict === 'stop') return 0;
  return Math.min(100, Math.max(0, a.base + a.reasons.reduce((s: number, r: any) => s + r.points, 0)));
}

describe('cadence next --json', () => {
  it('has exactly the SPEC section 4 fields', async () => {
    const { next } = await withProspect('Dana Reyes', undefined, '--tag', 'saas');
    const a = await next();
    expect(Object.keys(a).sort()).toEqual(['base', 'draft', 'planned', 'prospect', 'reasons', 'score', 'suggestions', 'verdict', 'waitUntil']);
    expect(a.prospect).toEqual({ id: 1, name: 'Dana Reyes', stage: 'lead' });
    expect(a.planned).toEqual({ at: NOW_ISO, channel: 'email', value: { kind: 'none', text: null } });
    expect(a).toMatchObject({ verdict: 'send-value', waitUntil: null, base: 50, draft: null });
    expect(a.reasons).toEqual([{ term: 'value', points: -25, detail: 'A check-in with nothing for the buyer adds no value.' }]);
    expect(a.score).toBe(25);
    for (const s of a.suggestions) expect(typeof s).toBe('string');
  });

  it('plans at --at, on --channel, with --value; the channel defaults to the latest outbound one', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'linkedin', '--outcome', 'sent', '--at', '2026-02-20T10:00');
    await log('--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-02-21T10:00');
    expect((await next()).planned).toEqual({ at: NOW_ISO, channel: 'linkedin', value: { kind: 'none', text: null } });
    expect((await next('--channel', 'call', '--value', 'Insight:Churn is up 4% in your segment', '--at', '2026-03-04T14:30')).planned).toEqual({
      at: '2026-03-04T13:30:00.000Z',
      channel: 'call',
      value: { kind: 'insight', text: 'Churn is up 4% in your segment' },
    });
  });
});

describe('verdict go', () => {
  it('when the buyer replied last: answer promptly, whatever the gap', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T09:00');
    await log('--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-03-02T09:40');
    const a = await next();
    expect(a).toMatchObject({ verdict: 'go', waitUntil: null, draft: null });
    expect(a.reasons[0]).toMatchObject({ term: 'buyer-replied', points: 40 });
    expect(a.reasons[0].detail).toContain('Dana Reyes wrote on Mon 2 Mar 09:40 (email)');
    expect(a.score).toBe(expectedScore(a));
    expect(a.score).toBe(90);
  });

  it('when the buyer date has arrived and nothing went out since it was named', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'call', '--outcome', 'connected', '--buyer-date', '2026-03-09', '--note', 'back from leave on the 9th');
    const a = await next('--at', '2026-03-09T08:00');
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]).toMatchObject({ term: 'buyer-date', points: 30 });
    expect(a.reasons[0].detail).toContain('Monday 9 March');
    expect(a.score).toBe(expectedScore(a));
  });

  it('for a new value after the gap has passed', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent', '--value', 'resource:Churn benchmark', '--at', '2026-02-23T10:00');
    const a = await next('--value', 'insight:Your churn vs peers');
    expect(a.verdict).toBe('go');
    expect(a.reasons.map((r: any) => r.term)).toEqual(['value', 'gap', 'unanswered']);
    expect(a.reasons[0]).toMatchObject({ points: 15 });
    expect(a.reasons[1].detail).toContain('ended on Thu 26 Feb 10:00');
    expect(a.score).toBe(expectedScore(a));
    expect(a.score).toBe(70);
  });
});

describe('verdict wait', () => {
  it('for the minimum gap, which doubles with each unanswered touch (business days, same clock time)', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent');
    const one = await next('--at', '2026-03-03T10:00');
    expect(one).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-05T09:00:00.000Z' });
    expect(one.reasons[0]).toMatchObject({ term: 'gap', points: -30 });
    expect(one.reasons[0].detail).toBe('Stage lead with 1 unanswered: wait 3 business days after the last touch (Mon 2 Mar 10:00), until Thu 5 Mar 10:00.');
    // At the end of the gap, it no longer waits.
    expect((await next('--at', '2026-03-05T10:00', '--value', 'insight:x')).verdict).toBe('go');

    await log('--channel', 'call', '--outcome', 'no-answer', '--at', '2026-03-05T10:00');
    // Two unanswered: 6 business days, over the weekend.
    const two = await next('--at', '2026-03-06T10:00');
    expect(two).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-13T09:00:00.000Z' });
    expect(two.planned.channel).toBe('call');
  });

  it('for a buyer date in the future, until 00:00 local on that date', async () => {
    const { run, next } = await withProspect();
    await run('prospect', 'set', 'Dana Reyes', '--buyer-date', '2026-04-15');
    const a = await next('--value', 'proposal:Pilot plan');
    // After the switch to summer time: 00:00 CEST is 22:00 UTC the day before.
    expect(a).toMatchObject({ verdict: 'wait', waitUntil: '2026-04-14T22:00:00.000Z', score: 25 });
    expect(a.reasons[0]).toMatchObject({ term: 'buyer-date', points: -40 });
  });

  it('on a weekend, until Monday 00:00', async () => {
    const { next } = await withProspect();
    for (const at of ['2026-03-07T10:00', '2026-03-08T23:30']) {
      const a = await next('--at', at, '--value', 'insight:x');
      expect(a).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-08T23:00:00.000Z' });
      expect(a.reasons[0]).toMatchObject({ term: 'weekend', points: -30 });
    }
    expect((await next('--at', '2026-03-09T00:00', '--value', 'insight:x')).verdict).toBe('go');
  });

  it('after a barrage of touches on several channels, quoting them', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T08:00');
    await log('--channel', 'call', '--outcome', 'no-answer', '--at', '2026-03-02T08:30');
    await log('--channel', 'linkedin', '--outcome', 'sent', '--at', '2026-03-02T09:00');
    const a = await next('--value', 'insight:x');
    expect(a.verdict).toBe('wait');
    const barrage = a.reasons.find((r: any) => r.term === 'barrage');
    expect(barrage).toMatchObject({ points: -30 });
    expect(barrage.detail).toContain('3 touches in the last 48 hours, none answered');
    expect(barrage.detail).toContain('3 channels (email, call and linkedin)');
  });

  it('after a barrage, until the earliest time no barrage holds (with a short gap from the config)', async () => {
    const { log, next } = await withProspect('Dana Reyes', { gapBase: { lead: 1 }, gapCap: 1 });
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T08:00');
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T08:30');
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T09:00');
    const a = await next('--value', 'insight:x');
    // The gap would end Tue 3 Mar 09:00; three touches in 48 hours end when the first leaves the window.
    expect(a).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-04T07:00:00.000Z' });
    expect(a.reasons[0].term).toBe('barrage');
    expect((await next('--at', '2026-03-04T08:00', '--value', 'insight:x')).verdict).toBe('go');
  });

  it('after "not now" without a date, for 30 days', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'call', '--outcome', 'not-now', '--at', '2026-02-20T10:00');
    const a = await next('--value', 'insight:x');
    expect(a).toMatchObject({ verdict: 'wait', waitUntil: '2026-03-22T09:00:00.000Z' });
    expect(a.reasons[0].term).toBe('not-now');
  });
});

describe('verdict send-value', () => {
  it('for a planned touch with nothing for the buyer, with concrete suggestions', async () => {
    const { run, next } = await withProspect('Dana Reyes', undefined, '--tag', 'saas');
    await run('value', 'add', 'Churn benchmark 2026', '--tag', 'saas', '--url', 'https://example.com/churn');
    const a = await next();
    expect(a.verdict).toBe('send-value');
    expect(a.suggestions).toEqual(["Send 'Churn benchmark 2026' https://example.com/churn (tag: saas) - not sent to Dana Reyes yet."]);
  });

  it('for a value already sent to this prospect (same kind and text)', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent', '--value', 'resource:Churn benchmark', '--at', '2026-02-16T10:00');
    const a = await next('--value', 'resource:churn  benchmark');
    expect(a.verdict).toBe('send-value');
    expect(a.reasons[0]).toMatchObject({ term: 'value', points: -20 });
    expect(a.reasons[0].detail).toContain("You already sent resource 'churn  benchmark' to Dana Reyes");
    expect((await next('--value', 'insight:Churn benchmark')).verdict).toBe('go');
  });
});

describe('verdict close-loop', () => {
  it('after 4 unanswered touches once the gap has passed, with a short draft naming the prospect', async () => {
    const { log, next, run } = await withProspect();
    for (const day of ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']) await log('--channel', 'email', '--outcome', 'sent', '--at', `${day}T10:00`);
    // While the widened gap (capped at 20 business days) runs, it is a wait.
    expect(await next('--at', '2026-02-20T10:00')).toMatchObject({ verdict: 'wait', waitUntil: '2026-02-23T09:00:00.000Z' });

    const a = await next();
    expect(a.verdict).toBe('close-loop');
    expect(a.waitUntil).toBeNull();
    expect(a.reasons[0].term).toBe('unanswered');
    expect(a.reasons[0].detail).toContain('4 touches (email)');
    expect(a.score).toBe(expectedScore(a));
    expect(typeof a.draft).toBe('string');
    expect(a.draft.split(/\s+/).filter(Boolean).length).toBeLessThan(120);
    expect(a.draft).toMatch(/^Hi Dana,/);
    expect(a.draft).toMatch(/[Nn]ext steps/);
    expect(a.suggestions).toEqual(['Send the note below, then log it: cadence log "Dana Reyes" --channel email --outcome sent --value debrief']);

    const text = await run('next', 'Dana Reyes');
    expect(text.stdout.split('\n')[0]).toMatch(/^Close the loop: 4 touches/);
    expect(text.stdout).toContain('Close-the-loop draft');
    expect(text.stdout).toContain('  Hi Dana,');
  });

  it('when the buyer said not interested', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'call', '--outcome', 'not-interested', '--at', '2026-02-27T10:00');
    const a = await next();
    expect(a.verdict).toBe('close-loop');
    expect(a.reasons[0].term).toBe('not-interested');
    expect(a.draft).toContain("you told me this isn't a fit right now");
  });

  it('a config override changes the advice: {"closeAfter": 2} closes the loop after 2 unanswered', async () => {
    const seed = async (config?: unknown) => {
      const p = await withProspect('Dana Reyes', config);
      await p.log('--channel', 'email', '--outcome', 'sent', '--at', '2026-01-05T10:00');
      await p.log('--channel', 'call', '--outcome', 'no-answer', '--at', '2026-01-12T10:00');
      return p;
    };
    expect((await (await seed()).next()).verdict).toBe('send-value');
    const a = await (await seed({ closeAfter: 2 })).next();
    expect(a.verdict).toBe('close-loop');
    expect(a.reasons[0].detail).toContain('at 2 the next touch is a short close-the-loop note');
    // And the base is the config's too.
    const based = await (await seed({ base: 60 })).next();
    expect(based).toMatchObject({ verdict: 'send-value', base: 60, score: 35 });
    expect(based.score).toBe(expectedScore(based));
  });
});

describe('verdict stop', () => {
  it('for a do-not-contact prospect, on any channel and with any value', async () => {
    const { run, next } = await withProspect();
    await run('prospect', 'set', 'Dana Reyes', '--do-not-contact');
    for (const args of [[], ['--channel', 'social'], ['--value', 'intro:Our CTO', '--channel', 'meeting']]) {
      const a = await next(...args);
      expect(a).toMatchObject({ verdict: 'stop', score: 0, waitUntil: null, suggestions: [], draft: null });
      expect(a.reasons).toEqual([expect.objectContaining({ term: 'do-not-contact', points: -50 })]);
    }
  });

  it('for a lost deal', async () => {
    const { run, next } = await withProspect();
    await run('prospect', 'set', 'Dana Reyes', '--stage', 'lost');
    const a = await next('--value', 'insight:x');
    expect(a).toMatchObject({ verdict: 'stop', score: 0 });
    expect(a.reasons[0].term).toBe('lost');
  });

  it('once the loop is closed with a debrief, until the buyer re-engages', async () => {
    const { log, next } = await withProspect();
    for (const day of ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']) await log('--channel', 'email', '--outcome', 'sent', '--at', `${day}T10:00`);
    await log('--channel', 'email', '--outcome', 'sent', '--value', 'debrief:No decision yet; next steps: none', '--at', '2026-02-27T10:00');
    const a = await next('--value', 'insight:x');
    expect(a).toMatchObject({ verdict: 'stop', score: 0 });
    expect(a.reasons[0].term).toBe('loop-closed');
    expect(a.reasons[0].detail).toContain('You closed the loop on Friday 27 February');

    await log('--channel', 'email', '--direction', 'in', '--outcome', 'replied', '--at', '2026-03-02T09:00');
    expect((await next()).verdict).toBe('go');
  });

  it('after not interested and the close-the-loop note', async () => {
    const { log, next } = await withProspect();
    await log('--channel', 'call', '--outcome', 'not-interested', '--at', '2026-02-20T10:00');
    await log('--channel', 'email', '--outcome', 'sent', '--value', 'debrief', '--at', '2026-02-21T10:00');
    expect(await next()).toMatchObject({ verdict: 'stop', score: 0 });
  });
});

describe('cadence next in text', () => {
  it('leads with the verdict in one line, then the planned touch and the other reasons', async () => {
    const { log, run } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent');
    const r = await run('next', 'Dana Reyes', '--at', '2026-03-03T10:00');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ANSI);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'Wait until Thu 5 Mar 2026 10:00: Stage lead with 1 unanswered: wait 3 business days after the last touch (Mon 2 Mar 10:00), until Thu 5 Mar 10:00.',
    );
    expect(lines[1]).toBe('  for Dana Reyes (lead), email on Tue 3 Mar 2026 10:00');
    expect(r.stdout).toContain('  - A check-in with nothing for the buyer adds no value.');
    expect(r.stdout).toContain('score 0; --explain shows every term');
  });

  it('names each verdict in its first line', async () => {
    const { run, log } = await withProspect();
    const first = async (...args: string[]) => (await run('next', 'Dana Reyes', ...args)).stdout.split('\n')[0];
    expect(await first()).toMatch(/^Send something useful: /);
    expect(await first('--value', 'insight:x')).toMatch(/^Go: /);
    expect(await first('--at', '2026-03-07T12:00')).toMatch(/^Wait until Mon 9 Mar 2026: .*weekend/);
    await log('--channel', 'call', '--outcome', 'do-not-contact', '--at', '2026-03-01T10:00');
    expect(await first()).toMatch(/^Stop: Dana Reyes asked not to be contacted/);
  });

  it('--explain lists every term with its points, the base and the score', async () => {
    const { log, run, next } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent', '--at', '2026-02-23T10:00');
    await log('--channel', 'call', '--outcome', 'no-answer', '--at', '2026-02-25T10:00');
    const a = await next();
    expect(a.reasons.length).toBeGreaterThanOrEqual(3);
    const r = await run('next', 'Dana Reyes', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}base\s+50$/m);
    for (const t of a.reasons) {
      const pts = t.points > 0 ? `+${t.points}` : String(t.points);
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${t.term} `));
      expect(line, t.term).toBeDefined();
      expect(line).toContain(` ${pts}  `);
      expect(line).toContain(t.detail);
    }
    expect(r.stdout).toMatch(new RegExp(`^ {2}score\\s+${a.score}$`, 'm'));
    // Without --explain the points are not listed.
    expect((await run('next', 'Dana Reyes')).stdout).not.toMatch(/^ {2}base\s+50$/m);
  });
});

describe('global options before or after the subcommand', () => {
  it('gives the same answer either way', async () => {
    const { db, log } = await withProspect();
    await log('--channel', 'email', '--outcome', 'sent');
    const before = await cadence(['--json', '--db', db, '--now', '2026-03-03T10:00', 'next', 'Dana Reyes']);
    const after = await cadence(['next', 'Dana Reyes', '--json', '--db', db, '--now', '2026-03-03T10:00']);
    const mixed = await cadence(['--db', db, 'next', '--now', '2026-03-03T10:00', 'Dana Reyes', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ verdict: 'wait', planned: { at: '2026-03-03T09:00:00.000Z' } });
    expect(after.stdout).toBe(before.stdout);
    expect(mixed.stdout).toBe(before.stdout);
  });
});
