#!/usr/bin/env node
// A thin shim: the program is dist/cadence.cjs, bundled from src/ by `npm run build`.
'use strict';
require('../dist/cadence.cjs').run(process.argv.slice(2));
