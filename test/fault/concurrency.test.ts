// Many cadence processes on one database at once (a rep's scripts, a cron job, two terminals):
// every process exits 0, SQLite's lock errors never reach the user, and no touch is lost.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { cleanupScratch, cli, cliAsync, count, g, integrity, scratchDir, type Run } from './helpers.js';

afterAll(cleanupScratch);

const LATER = '2026-03-23T10:00';
const LOCKED = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|locked/i;

function expectAllClean(runs: { what: string; r: Run }[]): void {
  const bad = runs.filter(({ r }) => r.code !== 0 || LOCKED.test(r.stderr) || r.stderr.trim() !== '');
  expect(
    bad.map(({ what, r }) => `${what}: exit ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr.trim()}`),
    'processes that failed or wrote to stderr',
  ).toEqual([]);
}

function execSql(dbPath: string, sql: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('concurrent processes', () => {
  it('20 writers adding prospects to a database that does not exist yet (first-run race, migration) all succeed', async () => {
    const home = scratchDir();
    const db = join(home, 'fresh', 'cadence.db');
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cliAsync(['prospect', 'add', `Racer ${i} Example`, '--company', `Co ${i % 3}`, '--tag', 'race', ...g(db)], { home }).then((r) => ({
          what: `prospect add #${i}`,
          r,
        })),
      ),
    );
    expectAllClean(runs);
    expect(count(db, 'prospects')).toBe(20);
    expect(integrity(db)).toBe('ok');
  });

  it('20 concurrent `cadence log` writers plus readers (prospect show, agenda, prospect list, summary): all exit 0, no lost touch', async () => {
    const home = scratchDir();
    const db = join(home, 'cadence.db');
    const names = ['Dana Reyes', 'Alex Kim', 'Maria García', 'Jonas Müller', 'Priya Patel'];
    for (const n of names) {
      const r = cli(['prospect', 'add', n, '--company', 'Acme', '--stage', 'discovery', ...g(db)], { home });
      expect(r.code, r.stderr).toBe(0);
    }
    const seeded = cli(['log', names[0]!, '--channel', 'email', '--outcome', 'sent', '--value', 'insight:seed', '--at', '2026-02-23T09:00', ...g(db)], {
      home,
    });
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = count(db, 'touches');

    const PER_WRITER = 2;
    const writer = async (i: number) => {
      const out: { what: string; r: Run }[] = [];
      for (let k = 0; k < PER_WRITER; k++) {
        const r = await cliAsync(
          [
            'log',
            names[i % names.length]!,
            '--channel',
            k % 2 ? 'call' : 'email',
            '--outcome',
            k % 2 ? 'no-answer' : 'sent',
            '--value',
            `insight:writer ${i} touch ${k}`,
            '--note',
            `w${i}-k${k}`,
            '--at',
            `2026-02-2${4 + (k % 3)}T${String(9 + (i % 8)).padStart(2, '0')}:${String(i).padStart(2, '0')}`,
            ...g(db),
          ],
          { home },
        );
        out.push({ what: `log writer ${i} #${k}`, r });
      }
      return out;
    };
    const reader = async (i: number) => {
      const out: { what: string; r: Run }[] = [];
      // The summaries look at the week of 23 March: by then the writers' prospects have loops to close.
      const argsets = [['prospect', 'show', names[i % names.length]!], ['agenda'], ['summary'], ['prospect', 'list'], ['agenda', '--all', '--json'], ['summary', '--json']];
      for (let k = 0; k < 3; k++) {
        const args = argsets[(i + k) % argsets.length]!;
        const now = args[0] === 'summary' ? LATER : undefined;
        out.push({ what: `reader ${i}: ${args.join(' ')}`, r: await cliAsync([...args, ...g(db, now)], { home }) });
      }
      return out;
    };
    const all = (await Promise.all([...Array.from({ length: 20 }, (_, i) => writer(i)), ...Array.from({ length: 4 }, (_, i) => reader(i))])).flat();
    expectAllClean(all);
    expect(count(db, 'touches')).toBe(before + 20 * PER_WRITER);
    // Every writer's note is there exactly once.
    for (let i = 0; i < 20; i++) for (let k = 0; k < PER_WRITER; k++) expect(count(db, 'touches', `note = 'w${i}-k${k}'`)).toBe(1);
    expect(integrity(db)).toBe('ok');
    // Eight unanswered touches each and the widened gap over: every loop is to be closed.
    const summary = cli(['summary', '--json', ...g(db, LATER)], { home });
    expect(summary.code, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout).totals.closeTheLoop).toBe(names.length);
    // The facts the racing writers kept are what folding the logs afresh gives (without kept
    // facts, the store folds each log as it reads it).
    const agenda = cli(['agenda', '--all', '--json', ...g(db)], { home });
    expect(agenda.code, agenda.stderr).toBe(0);
    expect(count(db, 'prospect_facts')).toBe(names.length);
    execSql(db, 'DELETE FROM prospect_facts;');
    expect(cli(['summary', '--json', ...g(db, LATER)], { home }).stdout).toBe(summary.stdout);
    expect(cli(['agenda', '--all', '--json', ...g(db)], { home }).stdout).toBe(agenda.stdout);
  }, 120_000);

  it('several `log --create` for the same new prospect at once: one prospect, every touch kept, every process exits 0', async () => {
    const home = scratchDir();
    const db = join(home, 'cadence.db');
    const first = cli(['prospect', 'add', 'Someone Else', ...g(db)], { home });
    expect(first.code, first.stderr).toBe(0);
    // The race is a matter of timing: three rounds of eight, each for a new name.
    for (const name of ['Brand New Buyer', 'Another New Buyer', 'Third New Buyer']) {
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          cliAsync(['log', name, '--create', '--channel', 'email', '--outcome', 'sent', '--note', `${name} ${i}`, ...g(db)], { home }).then((r) => ({
            what: `log ${name} --create #${i}`,
            r,
          })),
        ),
      );
      expectAllClean(runs);
      expect(count(db, 'prospects', `name = '${name}'`)).toBe(1);
    }
    expect(count(db, 'touches')).toBe(24);
  }, 90_000);
});
