#!/usr/bin/env node
// A thin shim: the program is dist/cadence.cjs, bundled from src/ by `npm run build`.
// CommonJS (bin/package.json says so): Node 20 starts a CommonJS entry ~4 ms sooner than an
// ES module one, which the bench sees on every command.
'use strict';
const nodeModule = require('node:module');

// Node 22.1+ can cache compiled code between runs; older Nodes simply skip it.
nodeModule.enableCompileCache?.();
require('../dist/cadence.cjs').main(process.argv.slice(2));
