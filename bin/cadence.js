#!/usr/bin/env node
// A thin shim: the program is dist/cadence.cjs, bundled from src/ by `npm run build`.
// Node 22.1+ can cache compiled code between runs; older Nodes simply skip it.
import module from 'node:module';

module.enableCompileCache?.();
const require = module.createRequire(import.meta.url);
await require('../dist/cadence.cjs').main(process.argv.slice(2));
