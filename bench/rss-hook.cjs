// Loaded with `node -r bench/rss-hook.cjs ...` only when /usr/bin/time is missing:
// writes the child's own peak RSS (KiB) to $CADENCE_BENCH_RSS_FILE as it exits.
'use strict';
const fs = require('node:fs');

const file = process.env.CADENCE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Measuring must never change how the program under test ends.
    }
  });
}
