// Shared by the fault and fuzz suites: run the cli in this process (`cliInProcess`), or the BUILT
// cli as a process (`cli`, `cliAsync`: `npm run build` first) where a test needs one (kills, races
// between processes, ulimit, mount namespaces), in a scratch folder; and look at the database from
// the outside (file hash, logical snapshot).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Store } from '../../src/app/store.js';
import { Context } from '../../src/cli/context.js';
import { inProcess } from '../e2e/helpers.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built cli; CADENCE_TEST_BIN points the suites at another build (e.g. to try a fix). */
export const BIN = process.env.CADENCE_TEST_BIN || join(ROOT, 'bin', 'cadence.js');

/** The spawning helpers run the built cli: say so plainly when there is none. */
function needBuild(): void {
  if (!process.env.CADENCE_TEST_BIN && !existsSync(join(ROOT, 'dist', 'cadence.cjs'))) {
    throw new Error('dist/ is missing: build first with `npm run build` (this test runs the built bin/cadence.js).');
  }
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const scratch: string[] = [];

/** A fresh folder for one test; removed by cleanupScratch() (call it in afterAll). */
export function scratchDir(prefix = 'cadence-fault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

export function cleanupScratch(): void {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The environment of every child: local time pinned, no colour, no user config or data home. */
export function childEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CADENCE_DB;
  delete env.CADENCE_NOW;
  delete env.CADENCE_DEBUG;
  return {
    ...env,
    TZ: 'Europe/Berlin',
    NO_COLOR: '1',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    ...extra,
  };
}

export interface CliOptions {
  /** Folder used as HOME etc. (default: the db's folder). */
  home?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeout?: number;
}

/**
 * Runs the cli in this process, through main() with its own streams and the environment a child
 * would get (stdin and stdout are not TTYs: never prompts). A run given stdin, or another TZ than
 * this process's (local time is the process's), is spawned instead.
 */
export async function cliInProcess(args: string[], opts: CliOptions = {}): Promise<Run> {
  const env = childEnv(opts.home ?? tmpdir(), opts.env);
  if (opts.input !== undefined || env.TZ !== process.env.TZ) return cli(args, opts);
  return { ...(await inProcess(args, env as Record<string, string>)), signal: null };
}

/**
 * The store on a database file as the cli in this process opens it (the same engine, and the same
 * build key for the facts it keeps), for tests that write a history through the store contract.
 */
export function storeAt(path: string): Store {
  const quiet = { write: () => true };
  return new Context({ db: path }, { stdout: quiet, stderr: quiet, env: {}, tty: { stdin: false, stdout: false }, clock: () => new Date() }).store;
}

/** Runs `node bin/cadence.js ...args` synchronously (stdin is not a TTY: never prompts). */
export function cli(args: string[], opts: CliOptions = {}): Run {
  needBuild();
  const home = opts.home ?? tmpdir();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: childEnv(home, opts.env),
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 << 20,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The same, asynchronously, for processes that must overlap. */
export function cliAsync(args: string[], opts: CliOptions = {}): Promise<Run> {
  needBuild();
  const home = opts.home ?? tmpdir();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(home, opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** db + now as global flags, after the subcommand (SPEC: valid before or after). */
export function g(db: string, now = '2026-03-02T10:00'): string[] {
  return ['--db', db, '--now', now];
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function fileIdentity(path: string): { hash: string; ino: number; size: number; mtimeMs: number } {
  const st = statSync(path);
  return { hash: sha256(path), ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * Every row of every table, in a stable order: "the database is unchanged" means this is equal.
 * Opened read-only, so looking never writes.
 */
export function snapshot(dbPath: string): Record<string, unknown[]> {
  if (!existsSync(dbPath)) return {};
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const stmt = db.prepare(`SELECT * FROM "${name}"`);
      const order = stmt.columns().map((_, i) => i + 1).join(', ');
      out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all();
    }
    out.__user_version = [db.pragma('user_version', { simple: true })];
    return out;
  } finally {
    db.close();
  }
}

export function count(dbPath: string, table: string, where = '1'): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export function integrity(dbPath: string): string {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * SPEC section 3: an error is one clear sentence on stderr. No stack trace, no "unexpected error",
 * nothing from Node itself; returns the line for further checks.
 */
export function expectOneCleanLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  const problems: string[] = [];
  if (lines.length !== 1) problems.push(`expected exactly one stderr line, got ${lines.length}`);
  if (!lines[0]?.startsWith('cadence: ')) problems.push('the line does not start with "cadence: "');
  if (/\n\s+at .+\(.*:\d+:\d+\)|^\s+at /m.test(stderr)) problems.push('it holds a stack trace');
  if (/unexpected error|TypeError|ReferenceError|SqliteError|ERR_|node:internal/i.test(stderr)) problems.push('it leaks an internal error');
  if (problems.length) throw new Error(`${problems.join('; ')}:\n${stderr}`);
  return lines[0]!;
}

/** Is this command wired up in the build? (A lazily loaded module may still be missing.) */
export function commandMissing(r: Run): boolean {
  return /Cannot find module|ERR_MODULE_NOT_FOUND/.test(r.stderr);
}
