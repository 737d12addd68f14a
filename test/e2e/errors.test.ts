import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cadence, cli, cliEnv, configHome, expectFailure, fingerprint, json, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';

/**
 * Every bad input named in the spec: [what, arguments, how the one stderr line must read].
 * All of them are usage errors (exit 2) that leave the database exactly as it was.
 */
const CASES: [string, string[], RegExp][] = [
  ['unknown command', ['frobnicate'], /^cadence: Unknown command 'frobnicate'; run 'cadence --help' to see what it takes\.$/],
  ['unknown subcommand', ['prospect', 'lst'], /Unknown command 'lst' \(Did you mean list\?\); run 'cadence prospect --help'/],
  ['unknown flag', ['next', 'Dana Reyes', '--bogus'], /^cadence: Unknown option '--bogus'; run 'cadence next --help' to see what it takes\.$/],
  ['mistyped flag', ['log', 'Dana Reyes', '--chanel', 'email'], /Unknown option '--chanel' \(Did you mean --channel\?\); run 'cadence log --help'/],
  ['unknown flag of a nested command', ['prospect', 'set', 'Dana Reyes', '--stag', 'won'], /Unknown option '--stag'.*run 'cadence prospect set --help'/],
  ['missing argument', ['next'], /Missing required argument 'prospect'; run 'cadence next --help'/],
  ['extra argument', ['prospect', 'add', 'Dana', 'Reyes'], /Too many arguments.*run 'cadence prospect add --help'/],
  ['bad date (log --at)', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', 'yesterday-ish'],
    /^cadence: --at "yesterday-ish" is not a date; use ISO 8601 such as 2026-03-15, 2026-03-15T14:30 or 2026-03-15T14:30:00Z\.$/],
  ['bad date (next --at)', ['next', 'Dana Reyes', '--at', 'yesterday-ish'], /--at "yesterday-ish" is not a date; use ISO 8601/],
  ['bad date (--buyer-date)', ['prospect', 'set', 'Dana Reyes', '--buyer-date', 'after the 15th'], /--buyer-date "after the 15th" is not a date; use ISO 8601/],
  ['impossible day', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', '2026-02-30'],
    /--at "2026-02-30" is not a real date or time; check the day of the month and the hour\./],
  ['impossible month', ['next', 'Dana Reyes', '--at', '2026-13-01'], /--at "2026-13-01" is not a real date or time/],
  ['impossible hour', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', '2026-03-02T25:00'], /--at "2026-03-02T25:00" is not a real date or time/],
  ['impossible buyer date', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--buyer-date', '2026-02-30'], /--buyer-date "2026-02-30" is not a real date/],
  ['bad channel', ['log', 'Dana Reyes', '--channel', 'fax', '--outcome', 'sent'], /'fax' is invalid\. Allowed choices are call, voicemail, email, text, linkedin, meeting, social, other; run 'cadence log --help'/],
  ['bad channel (next)', ['next', 'Dana Reyes', '--channel', 'fax'], /'fax' is invalid\. Allowed choices are call, voicemail/],
  ['bad outcome', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'maybe'], /'maybe' is invalid\. Allowed choices are no-answer, left-message, sent, connected/],
  ['bad stage (set)', ['prospect', 'set', 'Dana Reyes', '--stage', 'won2'], /'won2' is invalid\. Allowed choices are lead, discovery, proposal, negotiation, won, lost \(Did you mean won\?\); run 'cadence prospect set --help'/],
  ['mistyped channel', ['log', 'Dana Reyes', '--channel', 'emial', '--outcome', 'sent'], /'emial' is invalid\. Allowed choices are .*, other \(Did you mean email\?\); run 'cadence log --help'/],
  ['channel in capitals', ['next', 'Dana Reyes', '--channel', 'Email'], /\(Did you mean email\?\)/],
  ['mistyped result', ['close', 'Dana Reyes', '--result', 'wn'], /\(Did you mean won\?\)/],
  ['letters swapped', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'snet'], /\(Did you mean sent\?\)/],
  ['bad stage (add)', ['prospect', 'add', 'Ravi Shah', '--stage', 'won2'], /'won2' is invalid\. Allowed choices are lead/],
  ['bad stage (log)', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--stage', 'won2'], /'won2' is invalid/],
  ['bad value kind (log)', ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'gift:x'],
    /^cadence: --value "gift" is not a value kind; use one of none, insight, resource, intro, answer, proposal, event, debrief\.$/],
  ['bad value kind (next)', ['next', 'Dana Reyes', '--value', 'gift:x'], /--value "gift" is not a value kind; use one of none, insight/],
  ['mistyped value kind', ['next', 'Dana Reyes', '--value', 'insigt:x'], /Did you mean "insight"\?/],
  ['input with a line break, quoted on the one line', ['next', 'Dana Reyes', '--at', '2026-03-02\nrm -rf'], /--at "2026-03-02\\nrm -rf" is not a date/],
  ['unknown prospect, close to one', ['next', 'Dana Rayes'], /^cadence: No prospect named "Dana Rayes"\. Did you mean "Dana Reyes"\?$/],
  ['unknown prospect, part of a name', ['prospect', 'show', 'reyes'], /No prospect named "reyes"\. Did you mean "Dana Reyes"\?/],
  ['unknown prospect, like none', ['next', 'Zebulon'], /^cadence: No prospect named "Zebulon"\. Add it with 'cadence prospect add "Zebulon"'\.$/],
  ['unknown prospect (set)', ['prospect', 'set', 'Dana Rayes', '--stage', 'won'], /No prospect named "Dana Rayes"\. Did you mean "Dana Reyes"\?/],
  ['unknown prospect id', ['next', '42'], /^cadence: No prospect has the id 42 \(or that name\); 'cadence prospect list' shows the ids\.$/],
  ['duplicate name, other case', ['prospect', 'add', 'dana reyes'],
    /^cadence: A prospect named "dana reyes" already exists \(as "Dana Reyes"; names are case-insensitive\); pick another name or use 'cadence prospect set' to change it\.$/],
  ['duplicate name, same case', ['prospect', 'add', 'Dana Reyes', '--company', 'Other'], /A prospect named "Dana Reyes" already exists; pick another name/],
  ['rename onto another name', ['prospect', 'set', 'Sam Lee', '--name', 'DANA REYES'], /A prospect named "DANA REYES" already exists \(as "Dana Reyes"/],
  ['duplicate library title', ['value', 'add', 'churn BENCHMARK'], /The library already has "churn BENCHMARK"; give the new item another title/],
];

describe('bad input: exit 2, one line on stderr saying how to fix it, nothing written', () => {
  let db: string;
  let before: string;
  beforeAll(async () => {
    ({ db } = tempDb());
    const run = cli(db, NOW);
    await run('prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--tag', 'saas');
    await run('prospect', 'add', 'Sam Lee');
    await run('value', 'add', 'Churn benchmark', '--tag', 'saas');
    expect((await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', '2026-02-27T10:00')).code).toBe(0);
    before = fingerprint(db);
  });

  it.each(CASES)('%s', async (_what, args, says) => {
    const r = await cli(db, NOW)(...args);
    expectFailure(r, 2, says);
    // The hint never mistakes a global option's value for the command.
    expect(r.stderr).not.toContain(db);
    expect(fingerprint(db)).toBe(before);
  });

  it('--now and CADENCE_NOW are checked like any date', async () => {
    expectFailure(await cadence(['--db', db, '--now', '2026-02-30', 'agenda']), 2, /--now "2026-02-30" is not a real date/);
    expectFailure(await cadence(['--db', db, 'agenda'], { env: { CADENCE_NOW: 'tomorrow' } }), 2, /CADENCE_NOW "tomorrow" is not a date; use ISO 8601/);
    expect(fingerprint(db)).toBe(before);
  });

  it('the database is still whole and unchanged after all of them', async () => {
    const show = json(await cli(db, NOW)('prospect', 'show', 'Dana Reyes', '--json'));
    expect(show.prospect.stage).toBe('lead');
    expect(show.touches).toHaveLength(1);
    expect(json(await cli(db, NOW)('prospect', 'list', '--json'))).toHaveLength(2);
  });
});

describe('a malformed config file', () => {
  const seed = async () => {
    const { db } = tempDb();
    await cli(db, NOW)('prospect', 'add', 'Dana Reyes');
    return db;
  };

  it.each([
    ['invalid JSON', '{"closeAfter": 3,', /config\.json is not valid JSON \(.*\); fix it or remove it\./],
    ['an unknown key', { closeAftr: 3 }, /config\.json: unknown key "closeAftr"; the keys are base, gapBase, gapCap, closeAfter/],
    ['a bad value', { closeAfter: 'four' }, /config\.json: "closeAfter" must be a whole number of at least 1, not "four"\./],
    ['a bad stage under gapBase', { gapBase: { leed: 2 } }, /config\.json: "gapBase\.leed" is not a stage; use one of lead, discovery/],
    ['not an object', [1, 2], /config\.json must hold a JSON object, such as \{"closeAfter": 5\}\./],
  ])('with %s is exit 2 naming the file and the key', async (_what, config, says) => {
    const db = await seed();
    const home = configHome(config);
    const run = cliEnv(db, NOW, { XDG_CONFIG_HOME: home });
    const before = fingerprint(db);
    const r = await run('next', 'Dana Reyes');
    expectFailure(r, 2, says);
    expect(r.stderr).toContain(join(home, 'cadence', 'config.json'));
    expectFailure(await run('agenda', '--json'), 2, says);
    // log would print advice after writing: the config is checked first, so nothing is recorded.
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent'), 2, says);
    expect(fingerprint(db)).toBe(before);
    expect(json(await cli(db, NOW)('prospect', 'show', 'Dana Reyes', '--json')).touches).toEqual([]);
  });
});

describe('a read-only command on a missing database', () => {
  it('answers (or fails) without creating the file or its folder', async () => {
    const { dir } = tempDb();
    const db = join(dir, 'not-yet', 'cadence.db');
    const run = cli(db, NOW);
    expect(json(await run('prospect', 'list', '--json'))).toEqual([]);
    expect(json(await run('agenda', '--json'))).toEqual([]);
    expect(json(await run('agenda', '--all', '--json'))).toEqual([]);
    expect(json(await run('value', 'list', '--json'))).toEqual([]);
    expect((await run('agenda')).stdout).toMatch(/No prospects yet/);
    expectFailure(await run('next', 'Dana Reyes'), 2, /No prospect named "Dana Reyes"/);
    expectFailure(await run('prospect', 'show', 'Dana Reyes'), 2, /No prospect named/);
    expectFailure(await run('prospect', 'set', 'Dana Reyes', '--stage', 'won'), 2, /No prospect named/);
    expectFailure(await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent'), 2, /Add --create/);
    expectFailure(await run('touch', 'edit', '1', '--outcome', 'sent'), 2, /There is no touch #1/);
    expectFailure(await run('touch', 'rm', '1', '--yes'), 2, /There is no touch #1/);
    expect(existsSync(join(dir, 'not-yet'))).toBe(false);
  });
});
