// Bundles the CLI so that start-up reads a handful of files instead of dozens:
// each command is its own chunk, loaded only when that command runs.
// Type-checking is tsc's job (npm run build runs it first, with --noEmit).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Native or heavy, and only needed by some commands: resolved from node_modules at run time.
  external: ['better-sqlite3', '@inquirer/prompts', 'csv-parse', 'csv-stringify'],
  // commander is CommonJS: give its require() of Node's built-ins something to call.
  banner: { js: "import { createRequire as __cadenceRequire } from 'node:module'; const require = __cadenceRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
