// Writes dist/cadence.cjs.cache: the code V8 compiles for the bundle, with the functions the
// everyday commands call, so that on Node 20 a command need not compile them again (see
// bin/cadence.js, which checks the seal written before it: a hash of the bundle and of the
// data). Runs the commands once, on a database of its own in a temporary folder, in this
// process, then asks V8 for what it compiled. `npm run build` runs it with the Node that will
// run cadence; another Node (or other V8 flags) finds it does not fit, and compiles.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { load, seal } = require('../bin/cadence.js');

async function main() {
  const { cadence, script, source } = load();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-build-'));
  // Not the builder's own config (a broken one would fail the build) nor database.
  process.env.XDG_CONFIG_HOME = dir;
  delete process.env.CADENCE_DB;
  delete process.env.CADENCE_NOW;
  const db = ['--db', path.join(dir, 'warm-up.db'), '--now', '2026-03-04T10:00', '--no-input'];
  const commands = [
    ['--version'],
    ['prospect', 'add', 'Dana Reyes', '--company', 'Acme', ...db],
    ['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:Churn report', ...db],
    ['log', 'Dana Reyes', '--channel', 'call', '--outcome', 'connected', '--direction', 'in', ...db],
    ['next', 'Dana Reyes', ...db],
    ['prospect', 'show', 'Dana Reyes', ...db],
    ['agenda', ...db],
    ['summary', ...db],
  ];
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = process.stderr.write = () => true;
  try {
    for (const argv of commands) {
      await cadence.main(argv);
      if (process.exitCode) throw new Error(`cadence ${argv.join(' ')} failed (exit ${process.exitCode})`);
    }
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bundle = require.resolve('../dist/cadence.cjs');
  const data = script.createCachedData();
  fs.writeFileSync(`${bundle}.cache`, Buffer.concat([seal(source, data), data]));
}

main().catch((e) => {
  console.error(`code cache: ${e.message}`);
  process.exit(1);
});
