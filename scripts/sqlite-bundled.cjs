// better-sqlite3 as the bundle has it (scripts/build.mjs points 'better-sqlite3' here): its
// JavaScript bundled, compiled and code-cached with cadence's own, instead of a dozen files
// loaded from node_modules on every command (~4 ms); its native module loaded straight from
// where npm's install built or fetched it, not searched for by `bindings`.
'use strict';
const Database = require('better-sqlite3');

let addon;
function native() {
  if (addon) return addon;
  let file;
  for (const build of ['Release', 'Debug']) {
    try {
      file = require.resolve(`better-sqlite3/build/${build}/better_sqlite3.node`);
      break;
    } catch {
      // Not this build.
    }
  }
  if (!file) throw new Error("better-sqlite3's native module is missing; reinstall cadence (npm ci) to build it");
  return (addon = require(file));
}

function Sqlite(filename, options) {
  return new Database(filename, { ...options, nativeBinding: native() });
}
Sqlite.prototype = Database.prototype;
Sqlite.SqliteError = Database.SqliteError;
module.exports = Sqlite;
