#!/usr/bin/env node
// cadence bench: a realistic data set (10,000 prospects, 1,000,000 touches over three years),
// loaded through `cadence import`, then the median wall time and peak RSS of the commands a rep
// runs all day, each compared with the floor (node + better-sqlite3 opening the same database).
//
//   npm run bench                 build, then bench (reuses bench/data/bench.db when it is current)
//   node bench/run.js --fresh     regenerate the data and re-import it
//   node bench/run.js --runs 5    fewer timed runs (default 15, after 2 warm-up rounds)
//
// See bench/README.md. Exits 0 even when a target is missed: it reports.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, generate } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const BIN = join(ROOT, 'bin', 'cadence.js');
const require = createRequire(join(ROOT, 'package.json'));

const { values: opt } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '15' },
    'import-runs': { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    now: { type: 'string', default: '2026-11-20T10:00' },
    prospects: { type: 'string', default: '10000' },
    touches: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261120' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log('usage: node bench/run.js [--fresh] [--runs N] [--import-runs N] [--warmup N] [--now ISO] [--prospects N] [--touches N] [--seed N]');
  process.exit(0);
}

const RUNS = Math.max(1, Number(opt.runs));
const IMPORT_RUNS = Math.max(1, Number(opt['import-runs']));
const WARMUP = Math.max(1, Number(opt.warmup));
const NOW = opt.now;
const N_PROSPECTS = Number(opt.prospects);
const N_TOUCHES = Number(opt.touches);
const SEED = Number(opt.seed);
// Local time for every child is UTC, so the data set, --now and the advice are the same on every machine.
const CHILD_ENV = { ...process.env, TZ: 'UTC', NO_COLOR: '1', CADENCE_NOW: '', CADENCE_DB: '' };
delete CHILD_ENV.CADENCE_NOW;
delete CHILD_ENV.CADENCE_DB;
// No user config.json may change the rules the bench measures.
CHILD_ENV.XDG_CONFIG_HOME = join(DATA, 'config');

const isDefaultSize = N_PROSPECTS === 10000 && N_TOUCHES === 1000000;
const tag = isDefaultSize ? '' : `-${N_PROSPECTS}x${N_TOUCHES}`;
const DB = join(DATA, `bench${tag}.db`);
const LOG_DB = join(DATA, `bench${tag}-log.db`);
const COLD_DB = join(DATA, `bench${tag}-cold.db`);
const EXPORT = join(DATA, `export${tag}.json`);
const META = join(DATA, `bench${tag}.meta.json`);
const RESULTS = join(ROOT, 'bench', 'results.json');

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const RSS_HOOK = join(ROOT, 'bench', 'rss-hook.cjs');
const RSS_FILE = join(mkdtempSync(join(tmpdir(), 'cadence-bench-')), 'rss');

const rel = (p) => relative(ROOT, p) || '.';
const say = (s) => process.stdout.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs one child with stdout to /dev/null; returns wall ms, the child's peak RSS (MiB), exit code, stderr. */
function measure(argv, { cwd = ROOT, timeout = 600_000 } = {}) {
  rmSync(RSS_FILE, { force: true });
  let cmd;
  let args;
  let env = CHILD_ENV;
  if (TIME) {
    cmd = TIME;
    args = ['-f', '%M', '-o', RSS_FILE, process.execPath, ...argv];
  } else {
    cmd = process.execPath;
    args = ['-r', RSS_HOOK, ...argv];
    env = { ...CHILD_ENV, CADENCE_BENCH_RSS_FILE: RSS_FILE };
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], timeout, maxBuffer: 16 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb = NaN;
  try {
    const lines = readFileSync(RSS_FILE, 'utf8').trim().split('\n');
    rssKb = Number.parseInt(lines[lines.length - 1], 10);
  } catch {
    // The child died before reporting: leave it unknown.
  }
  let stderr = r.stderr?.toString() ?? '';
  if (TIME) stderr = stderr.replace(/^Command (exited with non-zero status|terminated by signal) .*$/gm, '').trim();
  const code = r.status ?? (r.signal ? 128 : 1);
  return { ms, rssMb: rssKb / 1024, code, stderr: stderr.trim(), error: r.error };
}

const NOT_THERE = /Cannot find module|ERR_MODULE_NOT_FOUND|unknown command/i;
const firstLine = (s) => s.split('\n').find((l) => l.trim()) ?? '';

// ---------------------------------------------------------------------------------------------
// 1. The data set, cached between runs while the generator and its parameters are unchanged.

function readMeta() {
  try {
    return JSON.parse(readFileSync(META, 'utf8'));
  } catch {
    return null;
  }
}

function dbCount(path) {
  const Database = require('better-sqlite3');
  const db = new Database(path, { fileMustExist: true });
  try {
    return {
      prospects: db.prepare('SELECT count(*) AS n FROM prospects').get().n,
      touches: db.prepare('SELECT count(*) AS n FROM touches').get().n,
      values: db.prepare('SELECT count(*) AS n FROM value_items').get().n,
    };
  } finally {
    db.close();
  }
}

function removeDb(path) {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
}

/**
 * Forgets what the agenda and the summary keep between runs (schema v3 and v4), for the runs
 * that time a first look: the agenda's first of the day, the summary's first of the week.
 */
function forgetKept(path) {
  const Database = require('better-sqlite3');
  const db = new Database(path, { fileMustExist: true });
  try {
    for (const table of ['verdict_memo', 'verdict_memo_key', 'agenda_memo', 'agenda_memo_key']) {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) db.prepare(`DELETE FROM ${table}`).run();
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function checkpoint(path) {
  const Database = require('better-sqlite3');
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function prepareData() {
  mkdirSync(DATA, { recursive: true });
  const want = { generatorVersion: GENERATOR_VERSION, prospects: N_PROSPECTS, touches: N_TOUCHES, seed: SEED, now: NOW };
  const meta = readMeta();
  const same = meta && Object.entries(want).every(([k, v]) => meta[k] === v) && meta.via === 'import';
  if (!opt.fresh && same && existsSync(DB)) {
    say(`Data: cached ${rel(DB)} (generator v${GENERATOR_VERSION}; --fresh to rebuild and time the import again).`);
    return { ...meta, cached: true };
  }

  say(`Data: generating ${N_PROSPECTS.toLocaleString('en-US')} prospects and ${N_TOUCHES.toLocaleString('en-US')} touches (seed ${SEED}, ending ${NOW})...`);
  const t0 = Date.now();
  const facts = generate({ file: EXPORT, prospects: N_PROSPECTS, touches: N_TOUCHES, now: new Date(`${NOW}${/Z|[+-]\d\d:?\d\d$/.test(NOW) ? '' : 'Z'}`), seed: SEED });
  say(`      wrote ${rel(EXPORT)} (${(statSync(EXPORT).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  rmSync(META, { force: true });
  // The generator's 200 MB are still being written back to the disk: let that finish first,
  // or the import is timed against the generator's writes as well as its own.
  spawnSync('sync');

  // Into a new database each time; the median of IMPORT_RUNS, as for the commands.
  const runs = [];
  for (let i = 1; i <= IMPORT_RUNS; i++) {
    removeDb(DB);
    say(`Data: cadence import ${rel(EXPORT)} --db ${rel(DB)} (${i} of ${IMPORT_RUNS}) ...`);
    const one = measure([BIN, 'import', EXPORT, '--db', DB, '--now', NOW], { timeout: 1_800_000 });
    const got = one.code === 0 ? dbCount(DB) : null;
    if (!got || got.touches !== N_TOUCHES || got.prospects !== N_PROSPECTS) {
      const why = got ? `imported ${got.prospects} prospects and ${got.touches} touches` : `exit ${one.code}: ${firstLine(one.stderr)}`;
      throw new Error(`cadence import of the data set failed (${why}); nothing to measure.`);
    }
    say(`      ${(one.ms / 1000).toFixed(1)} s, ${Math.round(N_TOUCHES / (one.ms / 1000)).toLocaleString('en-US')} touches/s, peak RSS ${one.rssMb.toFixed(0)} MB.`);
    runs.push(one);
  }
  const r = { ms: median(runs.map((x) => x.ms)), rssMb: Math.max(...runs.map((x) => x.rssMb)) };
  const rate = N_TOUCHES / (r.ms / 1000);
  const imp = { available: true, seconds: r.ms / 1000, touchesPerSecond: rate, peakRssMb: r.rssMb, measuredAt: new Date().toISOString() };
  const via = 'import';
  if (IMPORT_RUNS > 1) say(`      median ${(r.ms / 1000).toFixed(1)} s, ${Math.round(rate).toLocaleString('en-US')} touches/s.`);
  checkpoint(DB);
  const counts = dbCount(DB);
  const out = { ...want, via, import: imp, heaviest: facts.heaviest, stages: facts.stages, counts, builtAt: new Date().toISOString() };
  writeFileSync(META, `${JSON.stringify(out, null, 2)}\n`);
  return { ...out, cached: false };
}

// ---------------------------------------------------------------------------------------------
// 2. The commands, timed in interleaved rounds so drift on the machine hits them all alike.

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cadence.cjs'))) {
    process.stderr.write('bench: dist/ is missing; run `npm run bench` (it builds first) or `npm run build`.\n');
    process.exit(1);
  }
  const data = await prepareData();
  const p = data.heaviest.name;
  say(`Data: ${data.counts.prospects.toLocaleString('en-US')} prospects, ${data.counts.touches.toLocaleString('en-US')} touches, ${data.counts.values} library items; ` +
    `<p> = "${p}" (the longest history, ${data.heaviest.touches} touches).`);
  checkpoint(DB);
  removeDb(LOG_DB);
  copyFileSync(DB, LOG_DB);
  removeDb(COLD_DB);
  copyFileSync(DB, COLD_DB);

  const g = (db = DB) => ['--db', db, '--now', NOW];
  const floorJs = "const D=require('better-sqlite3');const db=new D(process.env.CADENCE_BENCH_DB);db.prepare('select 1').get();db.close();";
  const RSS_CAP = 150;
  const commands = [
    { key: 'bare', label: 'node -e ""', argv: ['-e', ''] },
    { key: 'floor', label: 'floor: node + better-sqlite3, open, select 1', argv: ['-e', floorJs], floor: true },
    { key: 'version', label: 'cadence --version', argv: [BIN, '--version', ...g()], ratio: 1.5 },
    { key: 'next', label: 'cadence next <p>', argv: [BIN, 'next', p, ...g()], ratio: 1.5, rss: RSS_CAP },
    {
      key: 'log',
      label: 'cadence log <p> --channel email --outcome sent --value insight:x',
      argv: [BIN, 'log', p, '--channel', 'email', '--outcome', 'sent', '--value', 'insight:x', ...g(LOG_DB)],
      ratio: 1.5,
      rss: RSS_CAP,
    },
    { key: 'show', label: 'cadence prospect show <p>', argv: [BIN, 'prospect', 'show', p, ...g()], ratio: 1.5 },
    // The agenda and summary as a rep meets them (see bench/README.md). Right after the log above,
    // on its database: what was kept holds for everyone but <p>.
    { key: 'agenda', label: 'cadence agenda, after a log', argv: [BIN, 'agenda', ...g(LOG_DB)], ratio: 4, rss: RSS_CAP },
    { key: 'summary', label: 'cadence summary, again in the week after a log', argv: [BIN, 'summary', ...g(LOG_DB)], ratio: 2, rss: RSS_CAP },
    // The day's first agenda: the rows kept the day before, each up to its own moment.
    { key: 'agendaMorning', label: 'cadence agenda, first of the day', argv: [BIN, 'agenda', ...g(COLD_DB)], ratio: 4, rss: RSS_CAP, before: () => lookedAtYesterday(COLD_DB) },
    // The week's first summary: what last week's kept for the Mondays ahead; those whose log changed since are decided.
    { key: 'summaryFirst', label: 'cadence summary, first of the week', argv: [BIN, 'summary', ...g(COLD_DB)], ratio: 2, rss: RSS_CAP, before: () => summedUpLastWeek(COLD_DB) },
    // Nothing kept at all (after an import, an upgrade or a change of config.json): rare; memory only.
    { key: 'agendaFirst', label: 'cadence agenda, nothing kept', argv: [BIN, 'agenda', ...g(COLD_DB)], rss: RSS_CAP, before: () => forgetKept(COLD_DB) },
  ];
  CHILD_ENV.CADENCE_BENCH_DB = DB;
  const yesterday = new Date(Date.parse(`${NOW}${/Z|[+-]\d\d:?\d\d$/.test(NOW) ? '' : 'Z'}`) - 86_400_000).toISOString();
  const lastWeek = new Date(Date.parse(yesterday) - 6 * 86_400_000).toISOString();
  const lookedBefore = (db, command, at) => {
    forgetKept(db);
    const r = spawnSync(process.execPath, [BIN, command, '--db', db, '--now', at], { env: CHILD_ENV, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`cadence ${command} --now ${at} failed (exit ${r.status})`);
  };
  const lookedAtYesterday = (db) => lookedBefore(db, 'agenda', yesterday);
  const summedUpLastWeek = (db) => lookedBefore(db, 'summary', lastWeek);

  say(`Timing: ${WARMUP} warm-up round(s), then ${RUNS} timed rounds; ${TIME ? 'peak RSS from /usr/bin/time -f %M' : 'peak RSS from process.resourceUsage() in an exit hook'}.`);
  for (const c of commands) {
    c.samples = [];
    c.rss = c.rss ?? null;
    c.rssSamples = [];
    c.status = 'ok';
  }
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const c of commands) {
      if (c.status !== 'ok') continue;
      c.before?.();
      const r = measure(c.argv);
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

  const floor = commands.find((c) => c.floor);
  const floorMs = floor.status === 'ok' ? median(floor.samples) : NaN;
  const rows = [];
  let met = 0;
  let missed = 0;
  let notMeasured = 0;
  const verdicts = [];

  // Import: measured when the data set was built (cached between runs).
  {
    const imp = data.import ?? {};
    let result;
    if (imp.touchesPerSecond) {
      const ok = imp.touchesPerSecond >= 100_000;
      ok ? met++ : missed++;
      result = ok ? 'PASS' : 'FAIL';
      if (!ok) verdicts.push(`import: ${Math.round(imp.touchesPerSecond).toLocaleString('en-US')} touches/s < 100,000`);
    } else {
      notMeasured++;
      result = imp.failed ? `FAILED: ${imp.failed}` : `not available${imp.reason && imp.reason !== 'not available' ? ` (${imp.reason})` : ''}`;
      verdicts.push(`import: ${result}`);
    }
    rows.push({
      key: 'import',
      command: `cadence import <${N_TOUCHES.toLocaleString('en-US')} touches>${data.cached && imp.touchesPerSecond ? ' (cached)' : ''}`,
      medianMs: imp.seconds ? imp.seconds * 1000 : null,
      ratio: null,
      peakRssMb: imp.peakRssMb ?? null,
      rate: imp.touchesPerSecond ?? null,
      target: '>= 100,000 touches/s',
      result,
      measuredAt: imp.measuredAt ?? null,
    });
  }

  for (const c of commands) {
    const row = { key: c.key, command: c.label, medianMs: null, ratio: null, peakRssMb: null, runs: c.samples.length, target: '', result: '' };
    const targets = [];
    if (c.ratio) targets.push(`<= ${c.ratio}x floor`);
    if (c.rss) targets.push(`< ${c.rss} MB`);
    row.target = c.floor ? '(the floor)' : targets.join(', ') || '-';
    if (c.status !== 'ok') {
      row.result = c.status;
      const n = (c.ratio ? 1 : 0) + (c.rss ? 1 : 0);
      notMeasured += n;
      if (n) verdicts.push(`${c.label}: ${c.status}`);
      rows.push(row);
      continue;
    }
    row.medianMs = median(c.samples);
    row.minMs = Math.min(...c.samples);
    row.maxMs = Math.max(...c.samples);
    row.ratio = row.medianMs / floorMs;
    row.peakRssMb = Math.max(...c.rssSamples);
    const fails = [];
    if (c.ratio) {
      if (Number.isFinite(row.ratio) && row.ratio <= c.ratio) met++;
      else {
        missed++;
        fails.push('time');
        verdicts.push(`${c.label}: ${row.ratio.toFixed(2)}x floor > ${c.ratio}x`);
      }
    }
    if (c.rss) {
      if (row.peakRssMb < c.rss) met++;
      else {
        missed++;
        fails.push('RSS');
        verdicts.push(`${c.label}: peak RSS ${row.peakRssMb.toFixed(0)} MB >= ${c.rss} MB`);
      }
    }
    row.result = !c.ratio && !c.rss ? '' : fails.length ? `FAIL (${fails.join(', ')})` : 'PASS';
    rows.push(row);
  }

  // The table.
  const head = ['command', 'median ms', 'x floor', 'peak RSS MB', 'target', 'result'];
  const cells = rows.map((r) => [
    r.command,
    r.key === 'import' && r.medianMs != null ? `${(r.medianMs / 1000).toFixed(1)} s (${Math.round(r.rate).toLocaleString('en-US')}/s)` : r.medianMs == null ? '-' : r.medianMs.toFixed(1),
    r.ratio == null ? '-' : `${r.ratio.toFixed(2)}x`,
    r.peakRssMb == null || Number.isNaN(r.peakRssMb) ? '-' : r.peakRssMb.toFixed(1),
    r.target,
    r.result,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => c.map((x, i) => (i === 1 || i === 2 || i === 3 ? String(x).padStart(widths[i]) : String(x).padEnd(widths[i]))).join('  ').trimEnd();
  say('');
  say(line(head));
  say(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) say(line(c));
  say('');
  for (const v of verdicts) say(`  - ${v}`);
  const summary =
    missed === 0 && notMeasured === 0
      ? 'all targets met'
      : `${missed} target${missed === 1 ? '' : 's'} missed${notMeasured ? `, ${notMeasured} not measured (command not available or failing)` : ''}; ${met} met`;
  say(summary);

  const results = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    now: NOW,
    runs: RUNS,
    warmup: WARMUP,
    rssFrom: TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS',
    dataset: {
      generatorVersion: GENERATOR_VERSION,
      seed: SEED,
      prospects: data.counts.prospects,
      touches: data.counts.touches,
      values: data.counts.values,
      builtVia: data.via,
      cached: data.cached,
      heaviestProspect: data.heaviest,
      stages: data.stages,
      db: rel(DB),
    },
    floorMs,
    results: rows,
    targets: { met, missed, notMeasured },
    summary,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say(`Wrote ${rel(RESULTS)}.`);
  rmSync(dirname(RSS_FILE), { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
