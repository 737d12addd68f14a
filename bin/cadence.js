#!/usr/bin/env node
// A thin shim: the program is dist/cadence.cjs, bundled from src/ by `npm run build`.
// CommonJS (bin/package.json says so): Node 20 starts a CommonJS entry ~4 ms sooner than an
// ES module one, which the bench sees on every command.
'use strict';
const nodeModule = require('node:module');

const path = require('node:path');

const BUNDLE = path.join(__dirname, '../dist/cadence.cjs');

/**
 * The bundle, compiled with the code V8 compiled for it when the build ran it
 * (scripts/code-cache.cjs writes dist/cadence.cjs.cache): Node 20 caches no compiled code
 * between runs, and compiling the bundle and the functions a command calls is ~8 ms of every
 * command. The cache is used only if its seal matches: V8 itself checks little more than the
 * source's length, and code for another bundle, or damaged data, can crash it. Without a
 * cache that fits, the bundle is compiled as usual. `script` and `source` are for the build.
 */
function load() {
  const fs = require('node:fs');
  const vm = require('node:vm');
  const source = fs.readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    const file = fs.readFileSync(`${BUNDLE}.cache`);
    const data = file.subarray(SEAL_BYTES);
    if (file.length > SEAL_BYTES && seal(source, data).equals(file.subarray(0, SEAL_BYTES))) cachedData = data;
  } catch {
    // No cache (a build without one): compiled as usual.
  }
  const script = new vm.Script(nodeModule.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, nodeModule.createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { cadence: module.exports, script, source };
}

/** The cache file starts with a SHA-1 of the bundle and of V8's data (~0.4 ms): the two belong together, whole. */
const SEAL_BYTES = 20;
function seal(source, data) {
  return require('node:crypto').createHash('sha1').update(source).update(data).digest();
}

module.exports = { load, seal };

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (nodeModule.enableCompileCache) {
    // Node 22.1+ keeps compiled code between runs itself.
    nodeModule.enableCompileCache();
    require(BUNDLE).main(argv);
  } else load().cadence.main(argv);
}
