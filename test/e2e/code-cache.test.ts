// The compiled code the build keeps beside the bundle (scripts/code-cache.cjs, bin/cadence.js):
// on Node 20 a command runs on it; a missing, damaged or stale one only costs the compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const nodeKeepsItsOwn = typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** A copy of the built program (bin/ and dist/) in a folder of its own, finding the packages in the project's node_modules. */
function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-build-copy-'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  return dir;
}

function run(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'cadence.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', NODE_PATH: join(ROOT, 'node_modules'), XDG_CONFIG_HOME: join(ROOT, 'test', 'fixtures', 'no-config') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whether V8 took the cache, as bin/cadence.js loads the bundle in `dir`. */
function taken(dir: string): boolean {
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(join(dir, 'bin', 'cadence.js'))}).load().script.cachedDataRejected === false))`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules') },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout === 'true';
}

describe('the code cache of the build', () => {
  it.skipIf(nodeKeepsItsOwn)('is taken by the Node that built it', () => {
    expect(readFileSync(join(ROOT, 'dist', 'cadence.cjs.cache')).length).toBeGreaterThan(10_000);
    expect(taken(ROOT)).toBe(true);
  });

  it('a damaged, stale or missing one changes nothing but the time', () => {
    const dir = copyOfBuild();
    const cache = join(dir, 'dist', 'cadence.cjs.cache');
    const bundle = join(dir, 'dist', 'cadence.cjs');
    try {
      const db = join(dir, 'c.db');
      const works = () => {
        expect(run(dir, ['--db', db, 'prospect', 'add', `Dana ${Math.random()}`]).code).toBe(0);
        const r = run(dir, ['--db', db, 'summary', '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).totals.dueNextWeek).toBeGreaterThan(0);
      };
      writeFileSync(cache, 'not a cache at all');
      expect(taken(dir)).toBe(false);
      works();
      // Damaged inside (V8 itself would crash on such data, not reject it).
      const good = readFileSync(join(ROOT, 'dist', 'cadence.cjs.cache'));
      for (const at of [100, 5000, 60_000, good.length - 100]) {
        const bad = Buffer.from(good);
        bad.fill(0x5a, at, at + 64);
        writeFileSync(cache, bad);
        expect(taken(dir), `damaged at ${at}`).toBe(false);
        works();
      }
      // Made for another bundle of the same length (V8 compares little more than that): a
      // bundle changed in place after its cache was written runs as changed.
      writeFileSync(cache, good);
      expect(taken(dir)).toBe(true);
      const text = readFileSync(bundle, 'utf8');
      const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
      const other = version.replace(/\d/g, '9');
      expect(text).toContain(JSON.stringify(version));
      writeFileSync(bundle, text.replace(JSON.stringify(version), JSON.stringify(other)));
      expect(readFileSync(bundle).length).toBe(Buffer.byteLength(text));
      expect(taken(dir)).toBe(false);
      expect(run(dir, ['--version']).stdout.trim()).toBe(other);
      rmSync(cache);
      works();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a command loads no JavaScript from node_modules for SQLite: the driver is in the bundle, its native module loaded directly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadence-loaded-'));
    const script = `
      const { cadence } = require(${JSON.stringify(join(ROOT, 'bin', 'cadence.js'))}).load();
      cadence.main(['--db', ${JSON.stringify(join(dir, 'c.db'))}, 'prospect', 'add', 'Dana Reyes']).then(() => {
        process.stdout.write(JSON.stringify(Object.keys(require.cache)));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, TZ: 'UTC', XDG_CONFIG_HOME: dir } });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const loaded = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as string[];
    expect(loaded.some((f) => f.endsWith('better_sqlite3.node')), 'the native module').toBe(true);
    expect(loaded.filter((f) => /node_modules[\\/](better-sqlite3|bindings)[\\/].*\.js$/.test(f))).toEqual([]);
  });

  it('a better-sqlite3 installed after the build (another version) is loaded as installed, not with the bundled JavaScript', () => {
    const dir = copyOfBuild();
    try {
      // A node_modules of the copy's own: better-sqlite3 (its JavaScript and native module) said to be another version.
      const pkg = join(dir, 'node_modules', 'better-sqlite3');
      const from = join(ROOT, 'node_modules', 'better-sqlite3');
      cpSync(join(from, 'lib'), join(pkg, 'lib'), { recursive: true });
      cpSync(join(from, 'build', 'Release', 'better_sqlite3.node'), join(pkg, 'build', 'Release', 'better_sqlite3.node'));
      const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ ...manifest, version: `${manifest.version}-other` }));
      for (const dep of ['bindings', 'file-uri-to-path']) cpSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), { recursive: true });
      const script = `
        const { cadence } = require(${JSON.stringify(join(dir, 'bin', 'cadence.js'))}).load();
        cadence.main(['--db', ${JSON.stringify(join(dir, 'c.db'))}, 'prospect', 'add', 'Dana Reyes']).then(() => {
          process.stdout.write(JSON.stringify(Object.keys(require.cache)));
        });`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, TZ: 'UTC', XDG_CONFIG_HOME: dir } });
      expect(r.status, r.stderr).toBe(0);
      const loaded = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as string[];
      expect(loaded).toContain(join(pkg, 'lib', 'database.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundle loads its optional packages with require, which runs in a vm.Script as it does in a module', () => {
    expect(readFileSync(join(ROOT, 'dist', 'cadence.cjs'), 'utf8')).not.toMatch(/\bimport\(/);
  });
});
