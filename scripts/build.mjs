// Bundles the CLI into one CommonJS file: Node 20 loads one CommonJS file much faster than
// a tree of ES modules, and start-up is most of what a rep waits for. Command code still
// runs only when its command does (esbuild keeps lazily imported modules lazy).
// Type-checking is tsc's job (`npm run build` runs it first).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A fingerprint of the sources, in the key of what cadence keeps between runs (store/*-memo.ts):
 * a build whose rules or sentences changed never reads what another build kept.
 */
function fingerprint(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

/** 'better-sqlite3', for cadence's code, is scripts/sqlite-bundled.cjs, which loads the package itself. */
const bundledSqlite = {
  name: 'bundled-sqlite',
  setup(build) {
    build.onResolve({ filter: /^better-sqlite3$/ }, (args) =>
      args.importer.endsWith('sqlite-bundled.cjs') ? undefined : { path: resolve('scripts/sqlite-bundled.cjs') },
    );
  },
};

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: `${outdir}/cadence.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.CADENCE_NO_MINIFY !== '1',
  // Only needed by a few commands: loaded from node_modules when used. better-sqlite3's own
  // JavaScript is bundled (scripts/sqlite-bundled.cjs); `bindings`, which would look for its
  // native module, is never called.
  external: ['bindings', '@inquirer/prompts', 'csv-parse', 'csv-stringify'],
  plugins: [bundledSqlite],
  legalComments: 'none',
  define: { CADENCE_BUILD: JSON.stringify(fingerprint('src')) },
  // import() of the external packages as require(): the bundle also runs as a vm.Script
  // (bin/cadence.js, for its code cache), where import() would need an experimental loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
  // sqlite-bundled.cjs asks where the installed better-sqlite3 is, at run time, on purpose.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
