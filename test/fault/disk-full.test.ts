// A full disk in the middle of a write: the write fails as a runtime error (exit-code class 1) with a
// sentence that says the disk is full and names the file, nothing is half-written, earlier data stays.
//
// In-process: the store (through its contract) on a connection capped with PRAGMA max_page_count (that
// pragma is per connection, so it cannot reach a spawned cadence). Through the CLI: the process runs under
// `ulimit -f` (RLIMIT_FSIZE; Node ignores SIGXFSZ), so SQLite's write of the -wal comes up short and it
// reports SQLITE_FULL exactly as on a full disk; and, where the machine allows it, on a nearly full tmpfs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { RuntimeError } from '../../src/domain/errors.js';
import { planFromJson } from '../../src/domain/transfer/json.js';
import { sourceOf } from '../../src/domain/transfer/plan.js';
import type { Db } from '../../src/store/open.js';
import { generate } from '../../bench/generate.js';
import { BIN, ROOT, childEnv, cleanupScratch, cli, expectOneCleanLine, g, integrity, scratchDir, snapshot, storeAt } from './helpers.js';

afterAll(cleanupScratch);

const NOTE = 'The buyer described their renewal process in detail. '.repeat(2200).slice(0, 120_000);

/** Can this machine give a child a private mount namespace with a tiny tmpfs (root, or CAP_SYS_ADMIN)? */
const CAN_MOUNT = (() => {
  if (process.platform !== 'linux') return false;
  const dir = scratchDir('cadence-mnt-probe-');
  const r = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs '${dir}'`], { encoding: 'utf8' });
  return r.status === 0;
})();

const touch = (prospectId: number, i: number) => ({
  prospectId,
  at: new Date(Date.UTC(2026, 1, 2, 9, 0, i)).toISOString(),
  channel: 'email' as const,
  direction: 'out' as const,
  outcome: 'sent' as const,
  value: { kind: 'resource' as const, text: `Benchmark report part ${i}: ${'churn and retention figures '.repeat(4)}` },
  note: `note ${i}`,
  buyerDate: null,
});

async function seed(path: string): Promise<void> {
  const store = storeAt(path);
  await store.write(async (w) => {
    const id = await w.addProspect({ name: 'Seeded Prospect', company: 'Acme', email: null, stage: 'discovery', tags: ['saas'], createdAt: '2026-02-01T09:00:00.000Z' });
    for (let i = 0; i < 50; i++) await w.addTouch(touch(id, i), '2026-02-01T09:00:00.000Z');
  });
  await store.close();
}

/**
 * The engine's own connection, which the contract keeps private: a disk can only be made "full"
 * for one connection (max_page_count), so the test reaches the one the store writes with.
 */
function connectionOf(store: Store): Db {
  return (store as unknown as { writer(): Db }).writer();
}

/** What a failed write must throw: a RuntimeError (exit 1) that says the disk is full and names the file. */
function expectDiskFull(err: unknown, path: string): void {
  expect(err, 'the write should have failed').toBeInstanceOf(RuntimeError);
  expect((err as RuntimeError).exitCode).toBe(1);
  expect((err as Error).message).toContain(path);
  expect((err as Error).message).toMatch(/full/i);
}

describe('a full disk (PRAGMA max_page_count on the store connection)', () => {
  it('a large write fails with SQLITE_FULL, maps to a clear RuntimeError, and leaves nothing half-written', async () => {
    const dir = scratchDir();
    const path = join(dir, 'cadence.db');
    await seed(path);
    const before = snapshot(path);

    const store = storeAt(path);
    const db = connectionOf(store);
    const pages = db.pragma('page_count', { simple: true }) as number;
    // Room for a page or two: the large write below needs hundreds.
    db.pragma(`max_page_count = ${pages + 2}`);
    const err = await store
      .write(async (w) => {
        const id = await w.addProspect({ name: 'Big Import', company: 'Globex', email: null, stage: 'lead', tags: ['bulk'], createdAt: '2026-02-02T09:00:00.000Z' });
        for (let i = 0; i < 5_000; i++) await w.addTouch(touch(id, i), '2026-02-02T09:00:00.000Z');
      })
      .then(() => undefined, (e: unknown) => e);
    expectDiskFull(err, path);

    // The connection is still usable, and nothing of the write is in it.
    expect(db.inTransaction).toBe(false);
    expect(await store.prospectByName('Big Import')).toBeNull();
    await store.close();

    expect(snapshot(path)).toEqual(before);
    expect(integrity(path)).toBe('ok');
  });

  it('a write that only just does not fit (one more touch) is refused whole, and the next connection has the old data', async () => {
    const dir = scratchDir();
    const path = join(dir, 'cadence.db');
    await seed(path);
    const before = snapshot(path);
    const store = storeAt(path);
    const db = connectionOf(store);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let inserted = 0;
    const err = await store
      .write(async (w) => {
        for (let i = 0; i < 2_000; i++) {
          await w.addTouch(touch(1, 1000 + i), '2026-02-03T09:00:00.000Z');
          inserted++;
        }
      })
      .then(() => undefined, (e: unknown) => e);
    expectDiskFull(err, path);
    expect(inserted).toBeGreaterThan(0); // some rows went in before the disk "filled"...
    await store.close();
    expect(snapshot(path)).toEqual(before); // ...and none of them stayed.
  });
});

describe('a full disk during a bulk import (store in-process, max_page_count)', () => {
  it('an import of 30,000 touches fails with SQLITE_FULL: nothing imported, indexes and pragmas as before', async () => {
    const dir = scratchDir();
    const path = join(dir, 'cadence.db');
    await seed(path);
    const before = snapshot(path);
    const file = join(dir, 'export.json');
    generate({ file, prospects: 300, touches: 30_000, now: new Date('2026-11-20T10:00:00Z'), seed: 9 });
    const plan = planFromJson(readFileSync(file, 'utf8'), '2026-11-20T10:00:00.000Z');

    const store = storeAt(path);
    const db = connectionOf(store);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 50}`);
    const err = await store.importAll(sourceOf(plan)).then(() => undefined, (e: unknown) => e);
    expectDiskFull(err, path);
    expect(db.inTransaction).toBe(false);
    // The bulk path drops and rebuilds the touch indexes inside its transaction: all back.
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    await store.close();
    expect(snapshot(path)).toEqual(before);
    expect(integrity(path)).toBe('ok');
  }, 60_000);
});

describe('a full disk under the real cli (ulimit -f)', () => {
  /** Runs cadence with a file-size limit in KiB; `bash -c 'ulimit -f N; exec node ...'`. */
  function limited(kib: number, args: string[], home: string) {
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('bash', ['-c', `ulimit -f ${kib} && exec ${quoted}`], { cwd: ROOT, env: childEnv(home), encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  it('log with a large note when the file may not grow: exit 1, one line naming the file, database unchanged, usable afterwards', () => {
    const home = scratchDir();
    const db = join(home, 'cadence.db');
    const add = cli(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', ...g(db)], { home });
    expect(add.code, add.stderr).toBe(0);
    const before = snapshot(db);

    // ~120 KB of note (under Linux's 128 KiB per-argument limit) needs ~30 overflow pages in the WAL; allow 48 KiB.
    // SQLite sees EFBIG here (a quota-like failure: SQLITE_IOERR_WRITE), not ENOSPC: the sentence says the
    // disk would not take the write and may be full, and how to go on.
    const r = limited(48, ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:renewal notes', '--note', NOTE, ...g(db)], home);
    expect(r.signal, 'killed by SIGXFSZ instead of getting EFBIG').toBeNull();
    expect(r.code, r.stderr).toBe(1);
    const line = expectOneCleanLine(r.stderr);
    expect(line).toContain(db);
    expect(line).toMatch(/would not take a write to .* \(it may be full.*; nothing was written\. Free some space and try again\.$/);
    expect(r.stdout).toBe('');

    expect(snapshot(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
    const again = cli(['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:short', ...g(db)], { home });
    expect(again.code, again.stderr).toBe(0);
  });

  it.skipIf(!CAN_MOUNT)('a real ENOSPC (a nearly full tmpfs in a private mount namespace): exit 1, "disk ... is full", nothing written', () => {
    const home = scratchDir();
    const seed = join(home, 'seed.db');
    const add = cli(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', ...g(seed)], { home });
    expect(add.code, add.stderr).toBe(0);
    const before = snapshot(seed);
    const mnt = join(home, 'mnt');
    const out = join(home, 'out');
    mkdirSync(mnt);
    mkdirSync(out);
    // Inside the namespace: mount 2 MiB, copy the database in, fill the disk, leave 96 KiB (the -shm takes 32),
    // run the large log, then a small one, and copy the database out for inspection.
    const script = `
      set -u
      mount -t tmpfs -o size=2m tmpfs "$MNT" || exit 90
      cp "$SEED" "$MNT/cadence.db"
      dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
      truncate -s -96K "$MNT/filler"
      "$NODE" "$BIN" log 'Dana Reyes' --channel email --outcome sent --value 'insight:renewal notes' --note "$NOTE" --db "$MNT/cadence.db" --now 2026-03-02T10:00 >"$OUT/stdout" 2>"$OUT/stderr"
      echo $? >"$OUT/code"
      "$NODE" "$BIN" log 'Dana Reyes' --channel email --outcome sent --value 'insight:short' --db "$MNT/cadence.db" --now 2026-03-02T10:05 >/dev/null 2>"$OUT/stderr2"
      echo $? >"$OUT/code2"
      cp "$MNT/cadence.db" "$OUT/after-first.db.tmp" 2>/dev/null
      ls "$MNT" >"$OUT/ls"
      cp "$MNT/cadence.db" "$OUT/after.db"
      for f in "$MNT"/cadence.db-wal "$MNT"/cadence.db-shm; do [ -e "$f" ] && cp "$f" "$OUT/after.db\${f##*cadence.db}"; done
      exit 0`;
    const r = spawnSync('unshare', ['-m', 'bash', '-c', script], {
      cwd: ROOT,
      env: { ...childEnv(home), MNT: mnt, SEED: seed, OUT: out, NODE: process.execPath, BIN, NOTE },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    const stderr = read('stderr');
    expect(Number(read('code')), stderr).toBe(1);
    const line = expectOneCleanLine(stderr);
    expect(line).toMatch(/full/i);
    expect(line).toContain(join(mnt, 'cadence.db'));
    expect(read('stdout')).toBe('');
    // The small log afterwards fits (the failed write left no garbage behind taking the space).
    expect(Number(read('code2')), read('stderr2')).toBe(0);
    const after = join(out, 'after.db');
    expect(integrity(after)).toBe('ok');
    const got = snapshot(after);
    // Only the second, small touch was added.
    expect(got.touches).toHaveLength(((before.touches as unknown[]) ?? []).length + 1);
    expect(JSON.stringify(got.touches)).not.toContain('renewal notes');
    expect(got.prospects).toEqual(before.prospects);
  });
});
