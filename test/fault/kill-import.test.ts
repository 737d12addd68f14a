// SIGKILL in the middle of a large import (the laptop dies, the terminal is closed, OOM killer):
// the database still opens cleanly, PRAGMA integrity_check is ok, and it holds none or all of the import.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The bench's seeded generator: a realistic cadence JSON export.
import { generate } from '../../bench/generate.js';
import { openDb } from '../../src/store/open.js';
import { BIN, ROOT, childEnv, cleanupScratch, cli, count, g, integrity, scratchDir } from './helpers.js';

afterAll(cleanupScratch);

const PROSPECTS = 2_000;
const TOUCHES = 200_000;
const VALUES = 50;
const NOW = '2026-11-20T10:00';

let home: string;
let file: string;
let fullMs = 0;

function emptyDb(path: string): void {
  // The schema exists before the import starts, so "none of it" is an empty, valid cadence database.
  openDb(path, { create: true }).close();
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

interface Killed {
  killed: boolean;
  code: number | null;
  stderr: string;
  atMs: number;
  walBytes: number;
  /** Wall time from spawn to exit. */
  totalMs: number;
}

/** Bytes written so far: the database's -wal, or (`building`) the new database being built beside it. */
function written(db: string, building: boolean): number {
  if (!building) return sizeOf(`${db}-wal`);
  const dir = dirname(db);
  return readdirSync(dir)
    .filter((f) => f.startsWith('.cadence.db.import-'))
    .reduce((n, f) => n + sizeOf(join(dir, f)), 0);
}

/** Starts the import and SIGKILLs it once `when` says so (polled every 2 ms). */
function importAndKill(db: string, when: (elapsedMs: number, walBytes: number) => boolean, building = false): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'import', file, ...g(db, NOW)], { cwd: ROOT, env: childEnv(home), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let killed = false;
    let atMs = 0;
    let walBytes = 0;
    const timer = setInterval(() => {
      const wal = written(db, building);
      const elapsed = Date.now() - started;
      if (!killed && when(elapsed, wal)) {
        killed = child.kill('SIGKILL');
        atMs = elapsed;
        walBytes = wal;
      }
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ killed: killed && signal === 'SIGKILL', code, stderr, atMs, walBytes, totalMs: Date.now() - started });
    });
  });
}

/** Tables, indexes and their SQL: a bulk import may drop and rebuild indexes, but never leave them dropped. */
function schemaOf(db: string): { type: string; name: string; sql: string | null }[] {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  } finally {
    d.close();
  }
}

let freshSchema: ReturnType<typeof schemaOf>;

function expectNoneOrAll(db: string, what: string): 'none' | 'all' {
  expect(existsSync(db)).toBe(true);
  expect(integrity(db), `${what}: integrity_check`).toBe('ok');
  expect(schemaOf(db), `${what}: the schema (indexes) differs from a fresh database`).toEqual(freshSchema);
  const got = { prospects: count(db, 'prospects'), touches: count(db, 'touches'), values: count(db, 'value_items') };
  const none = { prospects: 0, touches: 0, values: 0 };
  const all = { prospects: PROSPECTS, touches: TOUCHES, values: VALUES };
  expect([none, all], `${what}: the database holds part of the import`).toContainEqual(got);
  // And cadence itself opens it as usual afterwards.
  const list = cli(['prospect', 'list', '--json', ...g(db, NOW)], { home });
  expect(list.code, `${what}: prospect list afterwards: ${list.stderr}`).toBe(0);
  expect((JSON.parse(list.stdout) as unknown[]).length).toBe(got.prospects);
  return got.touches === 0 ? 'none' : 'all';
}

describe('a writer killed with SIGKILL in the middle of a large import', () => {
  beforeAll(() => {
    home = scratchDir('cadence-kill-');
    file = join(home, 'export.json');
    generate({ file, prospects: PROSPECTS, touches: TOUCHES, now: new Date(`${NOW}:00Z`), seed: 5 });
    const fresh = join(home, 'fresh.db');
    emptyDb(fresh);
    freshSchema = schemaOf(fresh);
  });

  it(`an uninterrupted import of ${TOUCHES.toLocaleString('en-US')} touches succeeds (the reference run)`, async () => {
    const db = join(home, 'reference.db');
    emptyDb(db);
    const r = await importAndKill(db, () => false);
    expect(r.code, r.stderr).toBe(0);
    expect(expectNoneOrAll(db, 'reference')).toBe('all');
    fullMs = r.totalMs;
  }, 120_000);

  // The first two are seen writing when they are killed, so they are killed mid-write for sure; the
  // third is a moment in time, which a fast machine may reach after the import is done.
  const points: [string, (ms: number, wal: number) => boolean, boolean][] = [
    ['as soon as the import starts writing (WAL > 64 KB)', (_ms, wal) => wal > 64 << 10, true],
    ['well into the write (WAL > 4 MB)', (_ms, wal) => wal > 4 << 20, true],
    ['at 50% of the reference duration', (ms) => fullMs > 0 && ms >= fullMs * 0.5, false],
  ];
  for (const [label, when, mustKill] of points) {
    it(`killed ${label}: integrity ok, none or all of it`, async () => {
      const db = join(scratchDir('cadence-kill-'), 'cadence.db');
      emptyDb(db);
      const r = await importAndKill(db, (ms, wal) => when(ms, wal) || (fullMs > 0 && ms > fullMs * 3));
      if (mustKill) expect(r.killed, `not killed while writing: exit ${r.code} ${r.stderr}`).toBe(true);
      if (!r.killed) expect(r.code, `finished before the kill: ${r.stderr}`).toBe(0);
      const state = expectNoneOrAll(db, `killed at ${r.atMs} ms, WAL ${r.walBytes} bytes`);
      if (!r.killed) expect(state).toBe('all');
    }, 120_000);
  }

  it('killed while building a new database: no database at its path; the next import puts one in place and clears the leftover', async () => {
    const db = join(scratchDir('cadence-kill-'), 'cadence.db');
    // Killed once the new database beside it holds 1 MB: seen being built, so surely unfinished.
    const r = await importAndKill(db, (_ms, bytes) => bytes > 1 << 20, true);
    expect(r.killed, `not killed while building: exit ${r.code} ${r.stderr}`).toBe(true);
    expect(existsSync(db), `killed at ${r.atMs} ms`).toBe(false);
    expect(readdirSync(dirname(db)).some((f) => f.startsWith('.cadence.db.import-'))).toBe(true);
    const again = cli(['import', file, ...g(db, NOW)], { home, timeout: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(expectNoneOrAll(db, 'after the re-run')).toBe('all');
    expect(readdirSync(dirname(db))).toEqual(['cadence.db']);
  }, 120_000);

  it('a killed import can simply be run again, and then it is all there', async () => {
    const db = join(scratchDir('cadence-kill-'), 'cadence.db');
    emptyDb(db);
    const r = await importAndKill(db, (_ms, wal) => wal > 256 << 10);
    expect(r.killed, `not killed while writing: exit ${r.code} ${r.stderr}`).toBe(true);
    const first = expectNoneOrAll(db, `killed at ${r.atMs} ms`);
    const again = cli(['import', file, ...g(db, NOW)], { home, timeout: 120_000 });
    if (first === 'none') expect(again.code, again.stderr).toBe(0);
    // If the first one had committed after all, the second refuses the duplicate names; either way, all once.
    expect(expectNoneOrAll(db, 'after the re-run')).toBe('all');
  }, 120_000);
});
