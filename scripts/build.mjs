// Bundles the CLI into one CommonJS file: Node 20 loads one CommonJS file much faster than
// a tree of ES modules, and start-up is most of what a rep waits for. Command code still
// runs only when its command does (esbuild keeps lazily imported modules lazy).
// Type-checking is tsc's job (`npm run build` runs it first).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
  // Native, or only needed by a few commands: loaded from node_modules when used.
  external: ['better-sqlite3', '@inquirer/prompts', 'csv-parse', 'csv-stringify'],
  legalComments: 'none',
  logLevel: 'warning',
});
