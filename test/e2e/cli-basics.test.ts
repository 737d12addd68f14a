import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, ROOT, cadence, cli, expectFailure, inTerminal, json, spawnCadence, tempDb } from './helpers.js';

// Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = '2026-03-02T10:00';
const NOW_ISO = '2026-03-02T09:00:00.000Z';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('global options', () => {
  it('work before and after the subcommand, for every kind of command', async () => {
    const { db } = tempDb();
    const added = await cadence(['prospect', 'add', 'Dana Reyes', '--db', db, '--now', NOW, '--json']);
    expect(json(added)).toMatchObject({ name: 'Dana Reyes', createdAt: NOW_ISO });
    expect(json(await cadence(['--json', '--db', db, 'log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--now', NOW])).at).toBe(NOW_ISO);

    const listBefore = await cadence(['--json', '--db', db, '--now', NOW, 'prospect', 'list']);
    const listAfter = await cadence(['prospect', 'list', '--now', NOW, '--db', db, '--json']);
    expect(json(listBefore)).toHaveLength(1);
    expect(listAfter.stdout).toBe(listBefore.stdout);

    const agendaBefore = await cadence(['--db', db, '--now', NOW, '--json', 'agenda']);
    const agendaAfter = await cadence(['agenda', '--json', '--now', NOW, '--db', db]);
    expect(json(agendaBefore)[0].verdict).toBe('wait');
    expect(agendaAfter.stdout).toBe(agendaBefore.stdout);

    const nextBefore = await cadence(['--json', '--db', db, '--now', NOW, 'next', 'Dana Reyes']);
    const nextAfter = await cadence(['next', 'Dana Reyes', '--json', '--db', db, '--now', NOW]);
    expect(json(nextBefore).planned.at).toBe(NOW_ISO);
    expect(nextAfter.stdout).toBe(nextBefore.stdout);
  });

  it('CADENCE_DB and CADENCE_NOW stand in for --db and --now, which win over them', async () => {
    const { db } = tempDb();
    const other = tempDb().db;
    const env = { CADENCE_DB: db, CADENCE_NOW: NOW };
    expect((await cadence(['prospect', 'add', 'Dana Reyes'], { env })).code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const viaEnv = json(await cadence(['next', 'Dana Reyes', '--json'], { env }));
    expect(viaEnv.planned.at).toBe(NOW_ISO);

    expect(json(await cadence(['next', 'Dana Reyes', '--json', '--now', '2026-03-04T12:00'], { env })).planned.at).toBe('2026-03-04T11:00:00.000Z');
    // --db beats CADENCE_DB: the other (missing) database has no Dana, and is not created.
    const r = await cadence(['--db', other, 'next', 'Dana Reyes'], { env });
    expect(r.code).toBe(2);
    expect(existsSync(other)).toBe(false);
  });

  it('without --db or CADENCE_DB the database is $XDG_DATA_HOME/cadence/cadence.db, owner-only', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cadence-home-'));
    const data = mkdtempSync(join(tmpdir(), 'cadence-data-'));
    const env = { HOME: home, XDG_DATA_HOME: data };
    // A read leaves nothing behind.
    expect(json(await cadence(['prospect', 'list', '--json'], { env }))).toEqual([]);
    expect(existsSync(join(data, 'cadence'))).toBe(false);

    expect((await cadence(['--now', NOW, 'prospect', 'add', 'Dana Reyes'], { env })).code).toBe(0);
    const file = join(data, 'cadence', 'cadence.db');
    expect(existsSync(file)).toBe(true);
    expect(mode(join(data, 'cadence'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(existsSync(join(home, '.local'))).toBe(false);
    expect(json(await cadence(['prospect', 'list', '--json'], { env })).map((p: any) => p.name)).toEqual(['Dana Reyes']);
  });

  it('without XDG_DATA_HOME it is ~/.local/share/cadence/cadence.db', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cadence-home-'));
    expect((await cadence(['--now', NOW, 'prospect', 'add', 'Dana Reyes'], { env: { HOME: home, XDG_DATA_HOME: undefined } })).code).toBe(0);
    const file = join(home, '.local', 'share', 'cadence', 'cadence.db');
    expect(existsSync(file)).toBe(true);
    expect(mode(file)).toBe(0o600);
  });
});

describe('colour', () => {
  const seeded = async () => {
    const { db } = tempDb();
    await cli(db, NOW)('prospect', 'add', 'Dana Reyes');
    return db;
  };

  it('is used on a terminal, and never with NO_COLOR, --no-color or when not on a terminal', async () => {
    const db = await seeded();
    const args = ['--db', db, '--now', NOW, 'next', 'Dana Reyes'];
    // The control: on a terminal, with nothing said, there is colour.
    const tty = inTerminal(args);
    expect(tty.code).toBe(0);
    expect(tty.transcript).toMatch(ANSI);
    expect(tty.transcript).toContain('Send something useful');

    for (const r of [inTerminal(args, { env: { NO_COLOR: '1' } }), inTerminal([...args, '--no-color']), inTerminal(['--no-color', ...args])]) {
      expect(r.code).toBe(0);
      expect(r.transcript).toContain('Send something useful');
      expect(r.transcript).not.toMatch(ANSI);
    }
  });

  it('is never written to a pipe, for any command, with or without NO_COLOR', async () => {
    const db = await seeded();
    const run = cli(db, NOW);
    await run('log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--at', '2026-02-20T10:00');
    for (const args of [['next', 'Dana Reyes', '--explain'], ['agenda', '--all'], ['prospect', 'list'], ['prospect', 'show', 'Dana Reyes'], ['value', 'list']]) {
      const r = await run(...args);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout + r.stderr).not.toMatch(ANSI);
    }
    const err = await run('next', 'Nobody');
    expect(err.stderr).not.toMatch(ANSI);
  });
});

describe('version and help', () => {
  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = await cadence([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('--help exits 0 and lists the commands and global options', async () => {
    const r = await cadence(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: cadence /);
    for (const word of ['prospect', 'touch', 'log', 'next', 'agenda', 'value', '--db', '--now', '--json', '--no-color', '--no-input']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('each command has its own help, by --help or by help <command>', async () => {
    const r = await cadence(['next', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cadence next \[options\] <prospect>/);
    for (const flag of ['--channel', '--value', '--at', '--explain']) expect(r.stdout).toContain(flag);
    const set = await cadence(['help', 'prospect']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Usage: cadence prospect');
    expect((await cadence(['prospect', 'set', '--help'])).stdout).toContain('--company-wide');
    expect((await cadence(['log', '--help'])).stdout).toContain('--create');
  });

  it('the installed bin (a real process) prints what main prints and exits with its code: 0, 2 for usage, 1 for runtime', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(spawnCadence(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expectFailure(spawnCadence(['frobnicate']), 2, /Unknown command 'frobnicate'/);
    // A folder where the database should be: a runtime error.
    const { dir } = tempDb();
    expectFailure(spawnCadence(['--db', dir, 'prospect', 'list']), 1, /cadence backup/);
  });

  it('a command group without its subcommand shows its help on stderr, exit 2, and nothing else', async () => {
    for (const [args, usage] of [[[], 'Usage: cadence '], [['prospect'], 'Usage: cadence prospect ']] as const) {
      const r = await cadence([...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(usage)).toBe(true);
      expect(r.stderr).not.toContain('outputHelp');
    }
  });
});
