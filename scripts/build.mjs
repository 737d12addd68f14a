// Bundles the CLI into one CommonJS file: Node 20 loads one CommonJS file much faster than a
// tree of ES modules, and start-up is most of what a rep waits for on every command. Command
// code still runs only when its command does (esbuild keeps lazily imported modules lazy).
// Type-checking is tsc's job (`npm run build` runs it first).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A fingerprint of the sources: the facts a build keeps in a database carry it (see store/facts.ts). */
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

/**
 * commander requires node:child_process when it loads, for subcommands run as separate
 * executables, which cadence has none of; every command would pay for loading it. Given to
 * commander on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander') ? { path: 'lazy-child-process', namespace: 'cadence' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'cadence' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: `${outdir}/cadence.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.CADENCE_NO_MINIFY !== '1',
  // Installed packages are loaded from node_modules as they are (the SQLite driver finds its
  // native module itself); the prompt and CSV libraries only by the commands that use them.
  external: ['better-sqlite3', '@inquirer/prompts', 'csv-parse', 'csv-stringify'],
  legalComments: 'none',
  plugins: [lazyChildProcess],
  define: { CADENCE_BUILD: JSON.stringify(fingerprint('src')) },
  logLevel: 'warning',
});
