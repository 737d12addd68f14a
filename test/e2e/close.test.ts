// `cadence close`: one debrief touch at now, the stage moved, the revisit date as buyer date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, expectFailure, fingerprint, inTerminal, json, tempDb } from './helpers.js';

const NOW = '2026-03-05T12:00';
let db: string;
let run: ReturnType<typeof cli>;

beforeEach(async () => {
  const tmp = tempDb();
  db = tmp.db;
  run = cli(db, NOW);
  const file = join(tmp.dir, 'seed.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      prospects: [
        { id: 1, name: 'Dana Reyes', company: 'Acme', stage: 'proposal' },
        { id: 2, name: 'Lee Park', company: 'Beta', stage: 'negotiation' },
      ],
      touches: [{ id: 1, prospectId: 1, at: '2026-03-02T09:00:00.000Z', channel: 'email', outcome: 'sent' }],
    }),
  );
  expect((await run('import', file)).code).toBe(0);
});

const exported = async () => json(await run('export'));

describe('cadence close', () => {
  it('records one debrief touch with the five points, moves the stage, and sets the buyer date', async () => {
    const touch = json(
      await run('--json', 'close', 'dana reyes', '--result', 'lost', '--decision', 'Staying with spreadsheets', '--liked', 'the timeline view',
        '--gaps', 'no SSO', '--next-steps', 'check in after the budget round', '--revisit', '2027-03-01'),
    );
    const nowIso = new Date(NOW).toISOString();
    expect(touch).toMatchObject({ at: nowIso, channel: 'other', direction: 'out', outcome: 'sent', value: { kind: 'debrief' } });
    expect(touch.value.text).toBe(
      'Result: lost; Decision: Staying with spreadsheets; Liked: the timeline view; Gaps: no SSO; Next steps: check in after the budget round; Revisit: 2027-03-01',
    );
    const after = await exported();
    expect(after.touches).toHaveLength(2);
    const dana = after.prospects.find((p: any) => p.name === 'Dana Reyes');
    expect(dana.stage).toBe('lost');
    expect(dana.stageHistory).toEqual([{ from: 'proposal', to: 'lost', at: nowIso }]);
    expect(dana.buyerDates).toEqual([{ day: '2027-03-01', setAt: nowIso }]);
    // The engine sees the revisit date: wait until then.
    const advice = json(await run('next', 'Dana Reyes', '--json'));
    expect(advice.verdict).toBe('wait');
    expect(advice.waitUntil).toBe(new Date('2027-03-01T00:00').toISOString());
  });

  it('won moves to won, no-decision to lost; text output confirms', async () => {
    const r = await run('close', 'Lee Park', '--result', 'won');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Closed the loop with Lee Park: won, stage won\. Debrief recorded as touch #2\./);
    expect((await run('close', 'Dana Reyes', '--result', 'no-decision')).code).toBe(0);
    const stages = Object.fromEntries((await exported()).prospects.map((p: any) => [p.name, p.stage]));
    expect(stages).toEqual({ 'Dana Reyes': 'lost', 'Lee Park': 'won' });
  });

  it('without --result and without a terminal: exit 2, nothing written', async () => {
    const before = fingerprint(db);
    expectFailure(await run('close', 'Dana Reyes', '--decision', 'x'), 2, /--result is required/);
    expect(fingerprint(db)).toBe(before);
  });

  it('bad input is exit 2 and writes nothing: unknown prospect, bad result, past revisit date, bad date', async () => {
    const before = fingerprint(db);
    expectFailure(await run('close', 'Nobody', '--result', 'won'), 2, /No prospect named "Nobody"/);
    expect((await run('close', 'Dana Reyes', '--result', 'maybe')).code).toBe(2);
    expectFailure(await run('close', 'Dana Reyes', '--result', 'lost', '--revisit', '2026-03-01'), 2, /not after today/);
    expectFailure(await run('close', 'Dana Reyes', '--result', 'lost', '--revisit', 'someday'), 2, /not a date/);
    expect(fingerprint(db)).toBe(before);
  });

  it('on a terminal without flags, asks for the five points', async () => {
    const ENTER = '\r';
    const DOWN = '\u001b[B';
    const r = inTerminal(['--db', db, '--now', NOW, 'close', 'Dana Reyes'], {
      env: { NO_COLOR: '1' },
      steps: [
        ['How did it end', `${DOWN}${ENTER}`],
        ['What was decided', `Went with a competitor${ENTER}`],
        ['What did they like', `Onboarding${ENTER}`],
        ['fall short', ENTER],
        ['Next steps', `None for now${ENTER}`],
        ['Follow up on which date', `2026-09-01${ENTER}`],
      ],
    });
    expect(r.code, r.transcript).toBe(0);
    const t = (await exported()).touches.at(-1);
    expect(t.value).toEqual({
      kind: 'debrief',
      text: 'Result: lost; Decision: Went with a competitor; Liked: Onboarding; Next steps: None for now; Revisit: 2026-09-01',
    });
  });
});
