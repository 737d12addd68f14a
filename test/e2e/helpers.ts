import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

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

/** The environment a run starts from: a pinned TZ and no config of the user's; `env` adds to (or with undefined, removes from) it. */
function envOf(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'Europe/Berlin',
    XDG_CONFIG_HOME: join(ROOT, 'test', 'fixtures', 'no-config'),
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/**
 * Runs the CLI in this process, as a user would on a pipe (no TTY), with its own streams and
 * environment and a real database file. A run whose TZ differs from this process's (local time
 * is the process's) is spawned instead, as is one given stdin.
 */
export async function cadence(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<Run> {
  const env = envOf(opts.env);
  if (env.TZ !== process.env.TZ || opts.input !== undefined) return spawnCadence(args, opts);
  return inProcess(args, env);
}

/** main() in this process on a pipe (no TTY), with this environment; what it printed and its exit code. */
export async function inProcess(args: string[], env: Record<string, string>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    tty: { stdin: false, stdout: false },
    clock: () => new Date(),
  });
  return { code, stdout, stderr };
}

/** Runs the built CLI as a child process: for what needs a process (exit, signals, stdin, another TZ). */
export function spawnCadence(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: envOf(opts.env) as NodeJS.ProcessEnv,
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
  if (r instanceof Promise) throw new Error('json() of a run not awaited');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The bytes of the database and its WAL, to prove a failed command wrote nothing. */
export function fingerprint(db: string): string {
  const h = createHash('sha256');
  for (const f of [db, `${db}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

// ---- Additions for the command e2e suites (new exports only). ----

/** Any ANSI escape sequence (colour, cursor movement). */
export const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/;

/** A CLI bound to one database and one moment, with extra environment (e.g. a config folder). */
export function cliEnv(db: string, now: string, env: Record<string, string | undefined>) {
  return (...args: string[]) => cadence(['--db', db, '--now', now, ...args], { env });
}

/** A fresh $XDG_CONFIG_HOME whose cadence/config.json holds `text` (a string is written as is). */
export function configHome(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-config-'));
  mkdirSync(join(dir, 'cadence'));
  writeFileSync(join(dir, 'cadence', 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

/**
 * Runs the built CLI on a pseudo-terminal (stdin and stdout are TTYs), answering prompts
 * as `steps` say. The environment is exactly `env` plus PATH, HOME and TERM=xterm.
 */
export function inTerminal(
  args: string[],
  opts: { env?: Record<string, string>; steps?: [string, string][] } = {},
): { code: number; transcript: string; waiting_for?: string } {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TERM: 'xterm',
    TZ: 'Europe/Berlin',
    XDG_CONFIG_HOME: join(ROOT, 'test', 'fixtures', 'no-config'),
    ...opts.env,
  };
  const spec = { cmd: [process.execPath, BIN, ...args], env, steps: opts.steps ?? [] };
  // The driver merges its own environment under `env`: give it only what is set here.
  const r = spawnSync('python3', [join(ROOT, 'test', 'e2e', 'pty-driver.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
    env: { PATH: env.PATH, HOME: env.HOME },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
}

/**
 * A failed command as the spec wants it: the exit code, exactly one line on stderr that
 * starts with "cadence: " (and matches `says`, the how-to-fix part), and nothing on stdout.
 */
export function expectFailure(r: Run, code: 1 | 2, says?: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect({ code: r.code, lines: lines.length, stdout: r.stdout }, r.stderr).toEqual({ code, lines: 1, stdout: '' });
  expect(lines[0]).toMatch(/^cadence: \S/);
  if (says) expect(lines[0]).toMatch(says);
}
