#!/usr/bin/env node
// cadence bench: two realistic data sets loaded through `cadence import` - a heavy rep (2,000
// prospects, 200,000 touches) and a team (10,000 prospects, 1,000,000 touches) - then the median
// wall time and peak RSS of the commands a rep runs all day, each compared with the floor
// (node + better-sqlite3 opening the same database), against the targets of issue 14.
//
//   npm run bench                    build, then bench both sets (each database reused while current)
//   node bench/run.js --set heavy    one set only (heavy, team or both)
//   node bench/run.js --fresh        regenerate the data and import it again
//   node bench/run.js --runs 5       fewer timed runs (default 15, after 2 warm-up rounds)
//   node bench/run.js --bin PATH     bench another build (default bin/cadence.js of this repo)
//
// See bench/README.md. Exits 0 whatever the figures: it reports, it does not gate.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, generate } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results.json');
const require = createRequire(join(ROOT, 'package.json'));

const USAGE = `usage: node bench/run.js [--set heavy|team|both] [--fresh] [--runs N] [--warmup N] [--import-runs N]
                         [--bin PATH] [--now ISO] [--seed N] [--prospects N] [--touches N]`;
let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      set: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      runs: { type: 'string', default: '15' },
      'import-runs': { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      bin: { type: 'string' },
      now: { type: 'string', default: '2026-11-20T10:00' },
      prospects: { type: 'string' },
      touches: { type: 'string' },
      seed: { type: 'string', default: '20261120' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  usageError(e.message);
}
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}

/** A mistake in the bench's own options (not a measurement): says so and exits 2. */
function usageError(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const count = (name, min) => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < min) usageError(`--${name} must be a whole number >= ${min} (got "${opt[name]}")`);
  return n;
};
const RUNS = count('runs', 1);
const WARMUP = count('warmup', 1);
const IMPORT_RUNS = count('import-runs', 1);
const SEED = count('seed', 0);
const NOW = opt.now;
const NOW_MS = Date.parse(`${NOW}${/Z|[+-]\d\d:?\d\d$/.test(NOW) ? '' : 'Z'}`);
if (Number.isNaN(NOW_MS)) usageError(`--now must be an ISO date and time (got "${NOW}")`);
const BIN = resolve(opt.bin ?? join(ROOT, 'bin', 'cadence.js'));
if (!existsSync(BIN)) usageError(`no build at ${BIN}${opt.bin ? '' : ' (run `npm run bench`, which builds first, or `npm run build`)'}`);

// The targets of issue 14. `quick`: next, log and prospect show; `lists`: agenda and summary
// (each a ratio to the floor measured in the same run on the same database); `rss`: peak RSS
// of every command but the import (MB); `importRate`: touches per second of the whole import.
const SETS = {
  heavy: { key: 'heavy', title: 'heavy rep', prospects: 2_000, touches: 200_000, targets: { quick: 1.3, lists: 2, rss: null, importRate: null } },
  team: { key: 'team', title: 'team', prospects: 10_000, touches: 1_000_000, targets: { quick: 1.5, lists: 5, rss: 150, importRate: 100_000 } },
};

let sets;
if (opt.prospects !== undefined || opt.touches !== undefined) {
  // A custom set for a quick smoke run, held to the team's targets for the commands (its import,
  // mostly start-up on a small set, is reported without one); a size not given is 100 touches
  // per prospect, as in both sets.
  if (opt.set !== undefined) usageError('--set and --prospects/--touches do not go together (the sizes make a custom set)');
  const p = opt.prospects !== undefined ? count('prospects', 1) : Math.max(1, Math.round(count('touches', 1) / 100));
  const t = opt.touches !== undefined ? count('touches', 1) : p * 100;
  sets = [{ key: `custom-${p}x${t}`, title: 'custom', prospects: p, touches: t, targets: { ...SETS.team.targets, importRate: null } }];
} else {
  const which = opt.set ?? 'both';
  if (which === 'both') sets = [SETS.heavy, SETS.team];
  else if (SETS[which]) sets = [SETS[which]];
  else usageError(`--set must be heavy, team or both (got "${which}")`);
}

// Local time for every child is UTC, so the data set, --now and the advice are the same on every machine.
const CHILD_ENV = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
delete CHILD_ENV.CADENCE_NOW;
delete CHILD_ENV.CADENCE_DB;
// No user config.json may change the rules the bench measures.
CHILD_ENV.XDG_CONFIG_HOME = join(DATA, 'config');

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const RSS_HOOK = join(ROOT, 'bench', 'rss-hook.cjs');
const SCRATCH = mkdtempSync(join(tmpdir(), 'cadence-bench-'));
const RSS_FILE = join(SCRATCH, 'rss');

const rel = (p) => {
  const r = relative(ROOT, p);
  return r.startsWith('..') ? p : r || '.';
};
const say = (s) => process.stdout.write(`${s}\n`);
const n = (x) => Math.round(x).toLocaleString('en-US');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const firstLine = (s) => s.split('\n').find((l) => l.trim()) ?? '';
const NOT_THERE = /Cannot find module|ERR_MODULE_NOT_FOUND|unknown command/i;

/** Runs one child with stdout to /dev/null; returns wall ms, the child's peak RSS (MiB), exit code, stderr. */
function measure(argv, { env = CHILD_ENV, timeout = 600_000 } = {}) {
  rmSync(RSS_FILE, { force: true });
  let cmd;
  let args;
  if (TIME) {
    cmd = TIME;
    args = ['-f', '%M', '-o', RSS_FILE, process.execPath, ...argv];
  } else {
    cmd = process.execPath;
    args = ['-r', RSS_HOOK, ...argv];
    env = { ...env, CADENCE_BENCH_RSS_FILE: RSS_FILE };
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], timeout, maxBuffer: 16 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb = NaN;
  try {
    const lines = readFileSync(RSS_FILE, 'utf8').trim().split('\n');
    rssKb = Number.parseInt(lines[lines.length - 1], 10);
  } catch {
    // The child died before reporting: leave it unknown.
  }
  let stderr = r.stderr?.toString() ?? '';
  if (TIME) stderr = stderr.replace(/^Command (exited with non-zero status|terminated by signal) .*$/gm, '');
  const code = r.status ?? (r.signal ? 128 : 1);
  return { ms, rssMb: rssKb / 1024, code, stderr: stderr.trim(), error: r.error };
}

/**
 * A fingerprint of the build under test (its bin and what its dist/ holds, V8 code caches aside):
 * a database imported by another build is imported again, and its import rate is this build's.
 */
function buildFingerprint() {
  const h = createHash('sha256');
  h.update(readFileSync(BIN));
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.cache')) h.update(e.name).update(readFileSync(p));
    }
  };
  walk(join(dirname(BIN), '..', 'dist'));
  return h.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// 1. The data sets: the generator's export, then `cadence import` of it, each cached between runs.

function removeDb(path) {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
}

function withDb(path, f) {
  const Database = require('better-sqlite3');
  const db = new Database(path, { fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/** Prospects and touches in the database (null where a table is not there under that name). */
function dbCounts(path) {
  return withDb(path, (db) => {
    const rows = (table) => {
      try {
        return db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
      } catch {
        return null;
      }
    };
    return { prospects: rows('prospects'), touches: rows('touches'), schemaVersion: db.pragma('user_version', { simple: true }) };
  });
}

const checkpoint = (path) => withDb(path, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const sameKey = (a, b) => a != null && Object.entries(b).every(([k, v]) => a[k] === v);

/**
 * The set's database, imported by the build under test: reused while the generator, the sizes,
 * the seed, --now and the build are unchanged (the export alone while only the build changed).
 * Returns the data set's facts, or { failed } when the import fails.
 */
function prepareData(set, build) {
  mkdirSync(DATA, { recursive: true });
  const files = {
    export: join(DATA, `${set.key}.export.json`),
    db: join(DATA, `${set.key}.db`),
    meta: join(DATA, `${set.key}.meta.json`),
  };
  const exportKey = { generatorVersion: GENERATOR_VERSION, prospects: set.prospects, touches: set.touches, seed: SEED, now: NOW };
  const dbKey = { ...exportKey, build };
  let meta = readJson(files.meta) ?? {};

  if (!opt.fresh && sameKey(meta.db?.key, dbKey) && existsSync(files.db)) {
    say(`  data: cached ${rel(files.db)} (imported by this build; --fresh to generate and import again)`);
    return { ...meta.export.facts, ...meta.db.facts, import: meta.db.import, importCached: true, files };
  }

  if (opt.fresh || !sameKey(meta.export?.key, exportKey) || !existsSync(files.export)) {
    say(`  data: generating ${n(set.prospects)} prospects and ${n(set.touches)} touches (seed ${SEED}, ending ${NOW}) ...`);
    rmSync(files.meta, { force: true });
    const t0 = Date.now();
    const facts = generate({ file: files.export, prospects: set.prospects, touches: set.touches, now: new Date(NOW_MS), seed: SEED });
    say(`        wrote ${rel(files.export)} (${(statSync(files.export).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    meta = { export: { key: exportKey, facts } };
    writeFileSync(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
    // The generator's writes are still going to the disk: let them finish, or the import is
    // timed against them as well as its own.
    spawnSync('sync');
  } else {
    say(`  data: cached ${rel(files.export)}; importing it with this build`);
  }

  // Into a new database each time; the median of IMPORT_RUNS, as for the commands.
  const runs = [];
  for (let i = 1; i <= IMPORT_RUNS; i++) {
    removeDb(files.db);
    const one = measure([BIN, 'import', files.export, '--db', files.db, '--now', NOW], { timeout: 1_800_000 });
    let got = null;
    if (one.code === 0) {
      try {
        got = dbCounts(files.db);
      } catch (e) {
        one.stderr = `it exited 0, but the database does not open: ${e.message}`;
      }
    }
    if (!got || (got.prospects !== null && got.prospects !== set.prospects) || (got.touches !== null && got.touches !== set.touches)) {
      const why = got ? `it imported ${got.prospects} prospects and ${got.touches} touches` : `exit ${one.code}: ${firstLine(one.stderr || String(one.error ?? ''))}`;
      say(`  data: cadence import failed (${why}): nothing to measure on this set`);
      removeDb(files.db);
      return { failed: `cadence import failed (${why})`, files };
    }
    say(`  data: cadence import (${i} of ${IMPORT_RUNS}): ${(one.ms / 1000).toFixed(1)} s, ${n(set.touches / (one.ms / 1000))} touches/s, peak RSS ${one.rssMb.toFixed(0)} MB`);
    runs.push(one);
  }
  const ms = median(runs.map((x) => x.ms));
  const imp = { seconds: ms / 1000, touchesPerSecond: set.touches / (ms / 1000), peakRssMb: Math.max(...runs.map((x) => x.rssMb)), runs: runs.length, measuredAt: new Date().toISOString() };
  checkpoint(files.db);
  const counts = dbCounts(files.db);
  if (counts.prospects === null || counts.touches === null) say('  data: (the counts could not be checked: no `prospects`/`touches` table under those names)');
  meta.db = { key: dbKey, import: imp, facts: { counts } };
  writeFileSync(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...meta.export.facts, counts, import: imp, importCached: false, files };
}

// ---------------------------------------------------------------------------------------------
// 2. The commands, timed in interleaved rounds so drift on the machine hits them all alike.

/**
 * Times the set's commands on copies of its database: `log` writes on its own copy, the others
 * (and the floor) read another, so the cached data set never changes under the bench, whatever
 * the build under test writes.
 */
function timeCommands(set, data) {
  const runDb = join(DATA, `${set.key}-run.db`);
  const logDb = join(DATA, `${set.key}-log.db`);
  for (const copy of [runDb, logDb]) {
    removeDb(copy);
    copyFileSync(data.files.db, copy);
  }
  const p = data.heaviest.name;
  const g = (db = runDb) => ['--db', db, '--now', NOW];
  let sqlite;
  try {
    sqlite = createRequire(BIN).resolve('better-sqlite3');
  } catch {
    sqlite = require.resolve('better-sqlite3');
  }
  const floorEnv = { ...CHILD_ENV, CADENCE_BENCH_SQLITE: sqlite, CADENCE_BENCH_DB: runDb };
  const floorJs = "const D=require(process.env.CADENCE_BENCH_SQLITE);const db=new D(process.env.CADENCE_BENCH_DB);db.prepare('select 1').get();db.close();";
  const { quick, lists, rss } = set.targets;
  const commands = [
    { key: 'bare', label: 'node -e ""', argv: ['-e', ''] },
    { key: 'floor', label: 'floor: node + better-sqlite3, open, select 1', argv: ['-e', floorJs], env: floorEnv, floor: true },
    { key: 'version', label: 'cadence --version', argv: [BIN, '--version', ...g()] },
    { key: 'next', label: 'cadence next <p>', argv: [BIN, 'next', p, ...g()], ratio: quick, rss },
    {
      key: 'log',
      label: 'cadence log <p> (email, sent, insight:x)',
      argv: [BIN, 'log', p, '--channel', 'email', '--outcome', 'sent', '--value', 'insight:x', ...g(logDb)],
      ratio: quick,
      rss,
    },
    { key: 'show', label: 'cadence prospect show <p>', argv: [BIN, 'prospect', 'show', p, ...g()], ratio: quick, rss },
    { key: 'agenda', label: 'cadence agenda', argv: [BIN, 'agenda', ...g()], ratio: lists, rss },
    { key: 'summary', label: 'cadence summary', argv: [BIN, 'summary', ...g()], ratio: lists, rss },
  ];
  for (const c of commands) Object.assign(c, { samples: [], rssSamples: [], status: 'ok' });

  process.stdout.write(`  timing: ${WARMUP} warm-up round(s), then ${RUNS} timed rounds `);
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const c of commands) {
      if (c.status !== 'ok') continue;
      const r = measure(c.argv, { env: c.env });
      if (r.code !== 0) {
        const text = r.stderr || String(r.error ?? '');
        c.status = NOT_THERE.test(text) ? 'not available' : `failed (exit ${r.code}): ${firstLine(text)}`;
        continue;
      }
      if (round >= WARMUP) {
        c.samples.push(r.ms);
        c.rssSamples.push(r.rssMb);
      }
    }
    process.stdout.write(round < WARMUP ? 'w' : '.');
  }
  process.stdout.write('\n');
  for (const copy of [runDb, logDb]) removeDb(copy);
  return commands;
}

// ---------------------------------------------------------------------------------------------
// 3. The verdicts: every target of the set, met or missed (a target not measured is missed).

function judge(set, data, commands) {
  const rows = [];
  const misses = [];
  let met = 0;
  const check = (ok, what) => {
    if (ok) met++;
    else misses.push(what);
    return ok;
  };

  const imp = data.import;
  {
    const rate = set.targets.importRate;
    const row = {
      key: 'import',
      command: `cadence import (${n(set.touches)} touches)${data.importCached ? ', cached' : ''}`,
      medianMs: imp ? imp.seconds * 1000 : null,
      ratio: null,
      peakRssMb: imp?.peakRssMb ?? null,
      touchesPerSecond: imp?.touchesPerSecond ?? null,
      runs: imp?.runs ?? 0,
      measuredAt: imp?.measuredAt ?? null,
      target: rate ? `>= ${n(rate)} touches/s` : '-',
      result: '',
    };
    if (!imp) row.result = data.failed;
    if (rate) {
      const ok = check(imp && imp.touchesPerSecond >= rate, imp ? `import: ${n(imp.touchesPerSecond)} touches/s < ${n(rate)}` : `import: ${data.failed}`);
      row.result = ok ? 'met' : imp ? 'missed' : `missed: ${data.failed}`;
    }
    rows.push(row);
  }

  const floor = commands?.find((c) => c.floor);
  const floorMs = floor?.status === 'ok' ? median(floor.samples) : NaN;
  for (const c of commands ?? []) {
    const targets = [];
    if (c.ratio) targets.push(`<= ${c.ratio}x floor`);
    if (c.rss) targets.push(`< ${c.rss} MB`);
    const row = { key: c.key, command: c.label, medianMs: null, minMs: null, maxMs: null, ratio: null, peakRssMb: null, runs: c.samples.length, target: c.floor ? '(the floor)' : targets.join(', ') || '-', result: '' };
    rows.push(row);
    if (c.status !== 'ok') {
      row.result = targets.length ? `missed: ${c.status}` : c.status;
      for (const t of targets) check(false, `${c.label} (${t}): ${c.status}`);
      continue;
    }
    row.medianMs = median(c.samples);
    row.minMs = Math.min(...c.samples);
    row.maxMs = Math.max(...c.samples);
    row.ratio = c.floor ? 1 : row.medianMs / floorMs;
    row.peakRssMb = Math.max(...c.rssSamples);
    const fails = [];
    if (c.ratio && !check(row.ratio <= c.ratio, `${c.label}: ${Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : '?'}x floor > ${c.ratio}x`)) fails.push('time');
    if (c.rss && !check(row.peakRssMb < c.rss, `${c.label}: peak RSS ${Number.isFinite(row.peakRssMb) ? row.peakRssMb.toFixed(0) : '?'} MB >= ${c.rss} MB`)) fails.push('RSS');
    if (targets.length) row.result = fails.length ? `missed (${fails.join(', ')})` : 'met';
  }
  if (!commands) {
    // The import failed: every command target of the set goes unmeasured.
    const { quick, lists, rss } = set.targets;
    for (const [label, ratio] of [['next', quick], ['log', quick], ['prospect show', quick], ['agenda', lists], ['summary', lists]]) {
      for (const t of [`<= ${ratio}x floor`, ...(rss ? [`< ${rss} MB`] : [])]) check(false, `cadence ${label} (${t}): not measured`);
    }
  }
  return { rows, floorMs, met, missed: misses.length, misses };
}

function printTable(set, data, verdict) {
  const head = ['command', 'median ms', 'x floor', 'peak RSS MB', 'target', 'result'];
  const cells = verdict.rows.map((r) => [
    r.command,
    r.key === 'import' ? (r.medianMs == null ? '-' : `${(r.medianMs / 1000).toFixed(1)} s, ${n(r.touchesPerSecond)}/s`) : r.medianMs == null ? '-' : r.medianMs.toFixed(1),
    r.ratio == null ? '-' : `${r.ratio.toFixed(2)}x`,
    r.peakRssMb == null || Number.isNaN(r.peakRssMb) ? '-' : r.peakRssMb.toFixed(1),
    r.target,
    r.result,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => c.map((x, i) => (i >= 1 && i <= 3 ? String(x).padStart(widths[i]) : String(x).padEnd(widths[i]))).join('  ').trimEnd();
  say('');
  const facts = data.heaviest ? `; <p> = "${data.heaviest.name}" (${n(data.heaviest.touches)} touches)` : '';
  say(`${set.title}: ${n(set.prospects)} prospects, ${n(set.touches)} touches${facts}; ${verdict.met} met, ${verdict.missed} missed`);
  say(line(head));
  say(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) say(line(c));
}

// ---------------------------------------------------------------------------------------------

function main() {
  const started = Date.now();
  const probe = measure([BIN, '--version']);
  if (probe.code !== 0) usageError(`${rel(BIN)} --version fails (exit ${probe.code}): ${firstLine(probe.stderr || String(probe.error ?? ''))}`);
  const build = buildFingerprint();
  say(`cadence bench: ${rel(BIN)} (build ${build}), node ${process.version}, ${RUNS} timed runs after ${WARMUP} warm-up round(s), ` +
    `peak RSS from ${TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage() in an exit hook'}`);

  const done = [];
  for (const set of sets) {
    say('');
    say(`${set.title}: ${n(set.prospects)} prospects, ${n(set.touches)} touches`);
    const data = prepareData(set, build);
    let commands = null;
    if (!data.failed) {
      say(`  <p> = "${data.heaviest.name}" (the longest history, ${n(data.heaviest.touches)} touches)`);
      commands = timeCommands(set, data);
    }
    done.push({ set, data, verdict: judge(set, data, commands) });
  }

  for (const { set, data, verdict } of done) printTable(set, data, verdict);
  const met = done.reduce((s, d) => s + d.verdict.met, 0);
  const missed = done.reduce((s, d) => s + d.verdict.missed, 0);
  say('');
  for (const { set, verdict } of done) for (const m of verdict.misses) say(`  - ${set.title}: ${m}`);
  const elapsed = (Date.now() - started) / 1000;
  say(`(${met + missed} targets; the bench took ${Math.floor(elapsed / 60)} min ${Math.round(elapsed % 60)} s)`);
  const summary = missed === 0 ? 'all targets met' : `${missed} target${missed === 1 ? '' : 's'} missed`;

  const results = {
    generatedAt: new Date().toISOString(),
    bin: BIN,
    build,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    now: NOW,
    runs: RUNS,
    warmup: WARMUP,
    importRuns: IMPORT_RUNS,
    rssFrom: TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS',
    elapsedSeconds: Math.round(elapsed),
    sets: done.map(({ set, data, verdict }) => ({
      key: set.key,
      title: set.title,
      targets: set.targets,
      dataset: {
        generatorVersion: GENERATOR_VERSION,
        seed: SEED,
        prospects: set.prospects,
        touches: set.touches,
        counts: data.counts ?? null,
        heaviestProspect: data.heaviest ?? null,
        stages: data.stages ?? null,
        importCached: data.importCached ?? false,
        failed: data.failed ?? null,
        db: rel(data.files.db),
      },
      floorMs: Number.isFinite(verdict.floorMs) ? verdict.floorMs : null,
      rows: verdict.rows,
      met: verdict.met,
      missed: verdict.missed,
      misses: verdict.misses,
    })),
    met,
    missed,
    summary,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say(`Wrote ${rel(RESULTS)}.`);
  say(summary);
}

try {
  main();
} finally {
  rmSync(SCRATCH, { recursive: true, force: true });
}
