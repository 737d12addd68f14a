// `cadence backup`: a consistent copy via SQLite's online backup, taken while other
// processes keep writing; it holds every touch committed before it started. The writers are
// processes (concurrency between processes); the backup itself runs in-process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, expectFailure, tempDb } from './helpers.js';

const NOW = '2026-03-05T12:00';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

async function seed(dir: string, run: ReturnType<typeof cli>): Promise<void> {
  const file = join(dir, 'seed.json');
  const prospects = [1, 2, 3].map((id) => ({ id, name: `Writer ${id} x`, stage: 'lead' }));
  writeFileSync(file, JSON.stringify({ version: 1, prospects, touches: [] }));
  expect((await run('import', file)).code).toBe(0);
}

/**
 * A process that logs touches as fast as it can, printing each committed touch id. It writes
 * with better-sqlite3 directly (a plain node script cannot load the TypeScript store), the way
 * the store does (store/open.ts): WAL with synchronous NORMAL (no fsync per commit, which
 * would make the pace hang on the disk's mood while other tests write), a busy timeout, one
 * IMMEDIATE transaction per touch; and it pauses a millisecond after each, as any real writer
 * does, or it would hold the lock all but always and starve the others (SQLite's busy wait
 * is a sleep, not a queue).
 */
function writer(dir: string, db: string, prospectId: number): { child: ChildProcess; ids: number[] } {
  const script = join(dir, `writer-${prospectId}.cjs`);
  writeFileSync(
    script,
    `const Database = require(${JSON.stringify(join(ROOT, 'node_modules', 'better-sqlite3'))});
     const db = new Database(${JSON.stringify(db)}, { timeout: 10000 });
     db.pragma('journal_mode = WAL');
     db.pragma('synchronous = NORMAL');
     const insert = db.prepare(\`INSERT INTO touches (prospect_id, at, channel, direction, outcome, value_kind, note, created_at)
       VALUES (?, ?, 'email', 'out', 'sent', 'none', ?, ?)\`);
     const pause = new Int32Array(new SharedArrayBuffer(4));
     const one = db.transaction((at) => insert.run(${prospectId}, at, 'x'.repeat(200), at).lastInsertRowid);
     for (let i = 0; ; i++) {
       const at = new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString();
       process.stdout.write(one.immediate(at) + '\\n');
       Atomics.wait(pause, 0, 0, 1);
     }`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const ids: number[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const l of lines) ids.push(Number(l));
  });
  return { child, ids };
}

/** A writer that goes through the real CLI: `cadence log` in a loop. */
function cliWriter(db: string): { child: ChildProcess; done: () => number } {
  const shell = `i=0; while :; do node ${JSON.stringify(BIN)} --db ${JSON.stringify(db)} --now ${NOW} log "Writer 3 x" --channel call --outcome no-answer --at 2026-02-0$((i % 9 + 1))T10:00 >/dev/null && echo ok; i=$((i+1)); done`;
  const child = spawn('bash', ['-c', shell], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.push(child);
  let n = 0;
  child.stdout!.on('data', (c: Buffer) => (n += c.toString().split('ok').length - 1));
  return { child, done: () => n };
}

/** Waits for cond; on timeout, fails saying what it waited for and how far things got. */
const until = async (cond: () => boolean, ms: number, progress: () => string) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${progress()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('cadence backup', () => {
  it('taken during concurrent writes, opens and holds every touch committed before it started', async () => {
    const { dir, db } = tempDb();
    const run = cli(db, NOW);
    await seed(dir, run);
    const fast = [writer(dir, db, 1), writer(dir, db, 2)];
    const slow = cliWriter(db);
    const counts = () => `touches committed by the writers: ${fast.map((w) => w.ids.length).join(', ')}, by cadence log: ${slow.done()}`;
    await until(() => fast.every((w) => w.ids.length >= 30) && slow.done() >= 1, 45_000, counts);
    const committed = fast.flatMap((w) => [...w.ids]);
    const slowCommitted = slow.done();
    const dest = join(dir, 'backup.db');
    // The backup runs in this process; the writers are processes of their own.
    const r = await run('backup', dest);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Backed up /);
    // The writers kept going while the backup ran.
    const after = fast.map((w) => w.ids.length);
    await until(() => fast.every((w, i) => w.ids.length > after[i]!), 45_000, counts);
    for (const c of children.splice(0)) {
      if (c.spawnargs[0] === 'bash' && c.pid) process.kill(-c.pid, 'SIGKILL');
      else c.kill('SIGKILL');
    }

    expect(statSync(dest).mode & 0o777).toBe(0o600);
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const have = new Set(copy.prepare('SELECT id FROM touches').pluck().all() as number[]);
    const missing = committed.filter((id) => !have.has(id));
    expect(missing).toEqual([]);
    const viaCli = copy.prepare("SELECT count(*) FROM touches WHERE channel = 'call'").pluck().get() as number;
    expect(viaCli).toBeGreaterThanOrEqual(slowCommitted);
    copy.close();
    // A backup is a working database for cadence.
    const back = await cli(dest, NOW)('prospect', 'list', '--json');
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toHaveLength(3);
  }, 120_000);

  it('refuses to overwrite a file unless --force, never the database itself, and needs a database', async () => {
    const { dir, db } = tempDb();
    const run = cli(db, NOW);
    expectFailure(await run('backup', join(dir, 'b.db')), 1, /no database at .* nothing to back up/);
    await seed(dir, run);
    const dest = join(dir, 'b.db');
    writeFileSync(dest, 'yesterday');
    expectFailure(await run('backup', dest), 2, /already exists.*--force/);
    expect((await run('backup', dest, '--force')).code).toBe(0);
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    expect(new Database(dest, { readonly: true }).prepare('SELECT count(*) FROM prospects').pluck().get()).toBe(3);
    expectFailure(await run('backup', db, '--force'), 2, /the database itself/);
    expectFailure(await run('backup', join(dir, 'no', 'such', 'dir', 'b.db')), 1, /does not exist/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
