// A damaged database is refused, never "repaired": exit 1, one sentence that names the file and
// points at `cadence backup`, and the file's bytes are left exactly as they were (same hash, same inode).
// In-process (main() with its own streams): a refusal needs no process of its own.
import { mkdirSync, readdirSync, statSync, truncateSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupScratch, cliInProcess as cli, expectOneCleanLine, fileIdentity, g, integrity, scratchDir, storeAt } from './helpers.js';

afterAll(cleanupScratch);

/** Commands that read, and commands that write: all must refuse the same way. */
const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'prospect add', args: ['prospect', 'add', 'Dana Reyes', '--company', 'Acme'] },
  { name: 'prospect list', args: ['prospect', 'list'] },
  { name: 'log --create', args: ['log', 'Dana Reyes', '--create', '--channel', 'email', '--outcome', 'sent'] },
  { name: 'next', args: ['next', 'Dana Reyes'] },
  { name: 'agenda', args: ['agenda'] },
  { name: 'prospect show', args: ['prospect', 'show', 'Dana Reyes'] },
];

async function expectRefused(db: string, args: string[], home: string): Promise<void> {
  const before = fileIdentity(db);
  const siblingsBefore = readdirSync(home).sort();
  const r = await cli([...args, ...g(db)], { home });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
  const line = expectOneCleanLine(r.stderr);
  expect(line).toContain(db);
  expect(line).toMatch(/restore/i);
  expect(line).toContain('cadence backup');
  expect(r.stdout).toBe('');
  const after = fileIdentity(db);
  expect(after.hash, 'the file bytes changed').toBe(before.hash);
  expect(after.ino, 'the file was replaced').toBe(before.ino);
  expect(after.size).toBe(before.size);
  // No stray copies or replacements next to it (SQLite's own -wal/-shm aside).
  const added = readdirSync(home)
    .sort()
    .filter((f) => !siblingsBefore.includes(f) && !/-(wal|shm|journal)$/.test(f));
  expect(added).toEqual([]);
}

/** A real cadence database with enough rows to span many pages, closed cleanly (WAL checkpointed). */
async function realDb(path: string): Promise<void> {
  const store = storeAt(path);
  await store.write(async (w) => {
    for (let i = 0; i < 40; i++) {
      const id = await w.addProspect({
        name: `Prospect ${i} Example`,
        company: `Company ${i % 7}`,
        email: null,
        stage: 'discovery',
        tags: ['saas', `t${i % 5}`],
        createdAt: '2026-01-05T09:00:00.000Z',
      });
      for (let j = 0; j < 50; j++) {
        await w.addTouch(
          {
            prospectId: id,
            at: new Date(Date.UTC(2026, 0, 6 + (j % 40), 9, j)).toISOString(),
            channel: 'email',
            direction: j % 5 === 4 ? 'in' : 'out',
            outcome: j % 5 === 4 ? 'replied' : 'sent',
            value: { kind: 'insight', text: `Insight number ${j} for prospect ${i}, with some words to fill the page` },
            note: j % 3 ? null : 'a note that takes a little room on the page',
            buyerDate: null,
          },
          '2026-01-06T09:00:00.000Z',
        );
      }
    }
  });
  await store.close();
  const db = new Database(path, { fileMustExist: true });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  expect(integrity(path)).toBe('ok');
}

/** Deterministic garbage (no Math.random: a failure must reproduce). */
function garbage(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe('a corrupt database file', () => {
  it('garbage bytes: every command exits 1, names the file, suggests a backup, and leaves it untouched', async () => {
    const home = scratchDir();
    const db = join(home, 'garbage.db');
    writeFileSync(db, garbage(16384));
    for (const c of COMMANDS) await expectRefused(db, c.args, home);
  });

  it('a text file that happens to be there (e.g. --db pointed at notes.txt) is refused the same way', async () => {
    const home = scratchDir();
    const db = join(home, 'notes.txt');
    writeFileSync(db, 'Call Dana after the 15th.\nAcme: budget in March.\n'.repeat(200));
    for (const c of COMMANDS.slice(0, 3)) await expectRefused(db, c.args, home);
  });

  it('a real database whose pages after the header were overwritten is refused, not rewritten', async () => {
    const home = scratchDir();
    const db = join(home, 'damaged.db');
    await realDb(db);
    // Keep the 100-byte header (so only SQLite itself can tell), smash the schema page and the next ones.
    const fd = openSync(db, 'r+');
    writeSync(fd, garbage(4096 * 3 - 100, 11), 0, 4096 * 3 - 100, 100);
    closeSync(fd);
    for (const c of COMMANDS) await expectRefused(db, c.args, home);
  });

  it('damage deep inside (the touch pages, found only mid-query) is reported the same way, not as an unexpected error', async () => {
    // The agenda and a bare `next` read the kept facts, not the touches: they may answer from the
    // intact pages (and write nothing either way); every command that reads the damaged touches refuses.
    const home = scratchDir();
    const db = join(home, 'deep.db');
    await realDb(db);
    // Only the pages of the touches table and its indexes: the schema and the prospects stay intact,
    // so the file opens fine and the damage surfaces in the middle of a query.
    const look = new Database(db, { readonly: true });
    const pages = (
      look.prepare("SELECT pageno, pgsize FROM dbstat WHERE name LIKE 'touches%' ORDER BY pageno").all() as { pageno: number; pgsize: number }[]
    ).map((r) => r.pageno);
    const pageSize = look.pragma('page_size', { simple: true }) as number;
    look.close();
    expect(pages.length).toBeGreaterThan(10);
    const fd = openSync(db, 'r+');
    for (const [i, page] of pages.entries()) writeSync(fd, garbage(pageSize, 100 + i), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    for (const args of [
      ['summary'],
      ['export'],
      ['prospect', 'show', 'Prospect 3 Example'],
      ['next', 'Prospect 3 Example', '--value', 'insight:Churn report'],
      ['log', 'Prospect 3 Example', '--channel', 'email', '--outcome', 'sent'],
    ]) {
      await expectRefused(db, args, home);
    }
    const before = fileIdentity(db).hash;
    await cli(['agenda', ...g(db)], { home });
    await cli(['next', 'Prospect 3 Example', ...g(db)], { home });
    expect(fileIdentity(db).hash, 'a read changed the file').toBe(before);
  });

  for (const [label, cut] of [
    ['to half its size', (size: number) => Math.floor(size / 2)],
    ['to three pages and a bit', () => 4096 * 3 + 17],
    ['to the 100-byte header', () => 100],
    ['inside the header', () => 60],
  ] as const) {
    it(`a truncated database (cut ${label}) is refused and left as it is`, async () => {
      const home = scratchDir();
      const db = join(home, 'cut.db');
      await realDb(db);
      truncateSync(db, cut(statSync(db).size));
      for (const c of [COMMANDS[0]!, COMMANDS[1]!, COMMANDS[3]!]) await expectRefused(db, c.args, home);
    });
  }

  it('a directory where the database should be: exit 1, names it, and it stays an empty directory', async () => {
    const home = scratchDir();
    const db = join(home, 'cadence.db');
    mkdirSync(db);
    for (const c of COMMANDS.slice(0, 3)) {
      const r = await cli([...c.args, ...g(db)], { home });
      expect(r.code, `${c.name}: ${r.stderr}`).toBe(1);
      const line = expectOneCleanLine(r.stderr);
      expect(line).toContain(db);
      expect(line).toContain('cadence backup');
      expect(statSync(db).isDirectory()).toBe(true);
      expect(readdirSync(db)).toEqual([]);
    }
  });

  it('a zero-length file is a valid empty database: it simply gets the schema', async () => {
    const home = scratchDir();
    const db = join(home, 'empty.db');
    writeFileSync(db, '');
    const add = await cli(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', ...g(db)], { home });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const list = await cli(['prospect', 'list', '--json', ...g(db)], { home });
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((p) => p.name)).toEqual(['Dana Reyes']);
    expect(integrity(db)).toBe('ok');
  });

  it('a zero-length file also works for a read-only command (no prospects, exit 0)', async () => {
    const home = scratchDir();
    const db = join(home, 'empty.db');
    writeFileSync(db, '');
    const list = await cli(['prospect', 'list', ...g(db)], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe('');
  });
});
