import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'cadence.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh folder with its own database path (the file is not created until a write). */
export function tempDb(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-test-'));
  return { dir, db: join(dir, 'cadence.db') };
}

/**
 * Runs the built CLI as a user would: no TTY, a pinned TZ, no config of the user's.
 * `env` adds to (or with undefined, removes from) that environment.
 */
export function cadence(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'Europe/Berlin',
    XDG_CONFIG_HOME: join(ROOT, 'test', 'fixtures', 'no-config'),
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    input: opts.input ?? '',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A CLI bound to one database and one moment. */
export function cli(db: string, now = '2026-03-02T10:00') {
  return (...args: string[]) => cadence(['--db', db, '--now', now, ...args]);
}

export function json<T = any>(r: Run): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The bytes of the database and its WAL, to prove a failed command wrote nothing. */
export function fingerprint(db: string): string {
  const h = createHash('sha256');
  for (const f of [db, `${db}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}
