// better-sqlite3 as the bundle has it (scripts/build.mjs points 'better-sqlite3' here): its
// JavaScript bundled, compiled and code-cached with cadence's own, instead of a dozen files
// loaded from node_modules on every command (~4 ms); its native module loaded straight from
// where npm's install built or fetched it, not searched for by `bindings`. Only while the
// installed package is the one bundled and its module is where npm puts it: else (better-sqlite3
// updated without a new build, say) the installed package is loaded as it is, its JavaScript and
// native module together.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const BUNDLED = require('better-sqlite3/package.json').version;

let driver;
function sqlite() {
  if (driver) return driver;
  // Read at run time (a require of it would be bundled, and say BUNDLED).
  const manifest = require.resolve('better-sqlite3/package.json');
  const installed = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  const file = ['Release', 'Debug']
    .map((build) => path.join(path.dirname(manifest), 'build', build, 'better_sqlite3.node'))
    .find((candidate) => fs.existsSync(candidate));
  // Another version, or a native module elsewhere: the installed package, which finds its own.
  // A path, not a name: required at run time, from node_modules, not from the bundle.
  if (installed !== BUNDLED || !file) return (driver = { Database: require(path.dirname(manifest)), options: {} });
  return (driver = { Database, options: { nativeBinding: require(file) } });
}

function Sqlite(filename, options) {
  const { Database: Driver, options: extra } = sqlite();
  return new Driver(filename, { ...options, ...extra });
}
Sqlite.prototype = Database.prototype;
Sqlite.SqliteError = Database.SqliteError;
module.exports = Sqlite;
