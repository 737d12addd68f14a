#!/usr/bin/env node
// A thin shim: the program lives in dist/, compiled from src/.
// Node 22.1+ can cache compiled code between runs; older Nodes simply skip it.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
await main(process.argv.slice(2));
