import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';

describe('cadence value add | list', () => {
  it('adds items with url and tags, and lists them newest first', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    const r = await run('value', 'add', 'Churn benchmark 2026', '--url', 'https://example.com/churn', '--tag', 'saas', '--tag', 'SaaS', '--tag', 'retention');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Added "Churn benchmark 2026" to the value library for #saas #retention.\n');
    expect((await run('value', 'add', 'Onboarding checklist')).stdout).toBe('Added "Onboarding checklist" to the value library (no tags: suggested to anyone).\n');
    const item = json(await cli(db, '2026-03-03T10:00')('value', 'add', 'Bank report', '--tag', 'fintech', '--json'));
    expect(item).toEqual({ id: 3, title: 'Bank report', url: null, tags: ['fintech'], createdAt: '2026-03-03T09:00:00.000Z' });

    const list = json(await run('value', 'list', '--json'));
    expect(list.map((v: any) => v.title)).toEqual(['Bank report', 'Onboarding checklist', 'Churn benchmark 2026']);
    expect(list[2]).toEqual({ id: 1, title: 'Churn benchmark 2026', url: 'https://example.com/churn', tags: ['retention', 'saas'], createdAt: '2026-03-02T09:00:00.000Z' });

    const text = await run('value', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\s+3 {2}Bank report #fintech/);
    expect(text.stdout).toContain('Churn benchmark 2026 #retention #saas');
    expect(text.stdout).toContain('https://example.com/churn');
  });

  it('says how to start on an empty library, without creating the database', async () => {
    const { db } = tempDb();
    const r = await cli(db, NOW)('value', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^The value library is empty\. Add what you could send: cadence value add /);
    expect(existsSync(db)).toBe(false);
  });

  it('rejects a bad url, an empty title and a duplicate title (any case), writing nothing', async () => {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('value', 'add', 'Churn benchmark 2026');
    const before = fingerprint(db);
    expectFailure(await run('value', 'add', 'Report', '--url', 'example dot com'), 2, /is not a URL; write it in full, such as https:/);
    expectFailure(await run('value', 'add', '   '), 2, /The title is empty; for example: cadence value add/);
    expectFailure(await run('value', 'add', 'CHURN benchmark 2026'), 2, /The library already has/);
    expectFailure(await run('value', 'add', 'Report', '--tag', 'a,b'), 2, /one word without spaces or commas/);
    expect(fingerprint(db)).toBe(before);
    expect(json(await run('value', 'list', '--json'))).toHaveLength(1);
  });
});

describe('next suggests library items', () => {
  async function library() {
    const { db } = tempDb();
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--tag', 'saas', '--tag', 'fintech');
    await run('prospect', 'add', 'Omar Haddad', '--tag', 'logistics');
    await run('value', 'add', 'Churn benchmark 2026', '--tag', 'saas', '--url', 'https://example.com/churn');
    await run('value', 'add', 'Retail study', '--tag', 'retail');
    await run('value', 'add', 'Onboarding checklist');
    await run('value', 'add', 'Bank compliance guide', '--tag', 'fintech');
    return { db, run };
  }
  const suggestions = async (run: ReturnType<typeof cli>, who: string, ...args: string[]) => json(await run('next', who, '--json', ...args)).suggestions as string[];

  it('that match the prospect\'s tags, naming the tag; untagged items only when nothing matches', async () => {
    const { run } = await library();
    expect(await suggestions(run, 'Dana Reyes')).toEqual([
      "Send 'Bank compliance guide' (tag: fintech) - not sent to Dana Reyes yet.",
      "Send 'Churn benchmark 2026' https://example.com/churn (tag: saas) - not sent to Dana Reyes yet.",
    ]);
    // Nothing is tagged logistics: the untagged item fits anyone; the retail one is not for Omar.
    expect(await suggestions(run, 'Omar Haddad')).toEqual(["Send 'Onboarding checklist' - not sent to Omar Haddad yet."]);
  });

  it('never an item already sent to the prospect, in next or in the agenda, even while waiting', async () => {
    const { run } = await library();
    const r = await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'resource:Churn benchmark 2026', '--at', '2026-02-27T10:00');
    expect(r.code).toBe(0);
    // Waiting (the gap runs until Wed 4 Mar): what to prepare must not be what was just sent.
    const wait = json(await run('next', 'Dana Reyes', '--json'));
    expect(wait.verdict).toBe('wait');
    expect(wait.suggestions).toEqual(["Send 'Bank compliance guide' (tag: fintech) - not sent to Dana Reyes yet."]);
    const inAgenda = json(await run('agenda', '--json')).find((a: any) => a.prospect.name === 'Dana Reyes');
    expect(inAgenda.suggestions).toEqual(wait.suggestions);
    expect(inAgenda).toEqual(wait);

    // Once the gap has passed, the same.
    const send = json(await run('next', 'Dana Reyes', '--at', '2026-03-05T10:00', '--json'));
    expect(send.verdict).toBe('send-value');
    expect(send.suggestions.join('\n')).not.toContain('Churn benchmark 2026');
    expect(send.suggestions).toContain("Send 'Bank compliance guide' (tag: fintech) - not sent to Dana Reyes yet.");

    // Sending it again is no new value either.
    const again = json(await run('next', 'Dana Reyes', '--at', '2026-03-05T10:00', '--value', 'resource:Churn benchmark 2026', '--json'));
    expect(again.verdict).toBe('send-value');
    expect(again.reasons[0]).toMatchObject({ term: 'value', points: -20 });
  });

  it('follows tags added later, and an item sent to one prospect is still suggested to another', async () => {
    const { run } = await library();
    await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'resource:Bank compliance guide', '--at', '2026-02-20T10:00');
    await run('prospect', 'set', 'Omar Haddad', '--tag', 'fintech');
    expect(await suggestions(run, 'Omar Haddad')).toEqual(["Send 'Bank compliance guide' (tag: fintech) - not sent to Omar Haddad yet."]);
    expect(await suggestions(run, 'Dana Reyes')).toEqual([
      "Send 'Churn benchmark 2026' https://example.com/churn (tag: saas) - not sent to Dana Reyes yet.",
    ]);
  });
});
