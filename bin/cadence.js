#!/usr/bin/env node
// A thin shim: the program is dist/cadence.cjs, bundled from src/ by `npm run build`.
// CommonJS (bin/package.json says so): Node 20 starts a CommonJS entry ~4 ms sooner than an
// ES module one, which the bench sees on every command.
'use strict';
const nodeModule = require('node:module');

const BUNDLE = require('node:path').join(__dirname, '../dist/cadence.cjs');

/**
 * The bundle, compiled with the code V8 compiled for it when the build ran it
 * (scripts/code-cache.cjs writes dist/cadence.cjs.cache): Node 20 caches no compiled code
 * between runs, and compiling the bundle and the functions a command calls is ~8 ms of every
 * command. V8 checks the cache (its version, flags and the source) and compiles as usual when
 * it does not fit, or when there is none. `script` is for the build, which writes the cache.
 */
function load() {
  const fs = require('node:fs');
  const vm = require('node:vm');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${BUNDLE}.cache`);
  } catch {
    // No cache (a build without one): compiled as usual.
  }
  const script = new vm.Script(nodeModule.wrap(fs.readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, nodeModule.createRequire(BUNDLE), module, BUNDLE, require('node:path').dirname(BUNDLE));
  return { cadence: module.exports, script };
}

module.exports = { load };

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (nodeModule.enableCompileCache) {
    // Node 22.1+ keeps compiled code between runs itself.
    nodeModule.enableCompileCache();
    require(BUNDLE).main(argv);
  } else load().cadence.main(argv);
}
