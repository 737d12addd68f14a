import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import type { Db } from './open.js';

/**
 * Room the sorter's temp files take per touch when the touch indexes are rebuilt: measured at
 * 65-128 MB for a million touches, doubled for long notes and texts in the value index.
 */
const TEMP_BYTES_PER_TOUCH = 250;

/** The folder SQLite's temp files go to on Unix: the first of these that is a writable folder. */
export function sqliteTempDir(env: Readonly<Record<string, string | undefined>>): string {
  for (const dir of [env.SQLITE_TMPDIR, env.TMPDIR, '/var/tmp', '/usr/tmp', '/tmp', '.']) {
    if (!dir) continue;
    try {
      if (!statSync(dir).isDirectory()) continue;
      accessSync(dir, constants.W_OK | constants.X_OK);
      return dir;
    } catch {
      // Not there or not writable: SQLite tries the next one too.
    }
  }
  return '.';
}

/** Free bytes in a folder; Infinity where the system cannot tell (then the files are tried). */
function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

/**
 * Runs `fn` (rebuilding the touch indexes after `touches` rows were loaded) with SQLite's
 * sorter set for it: a small page cache makes it cut more, smaller sorted runs, and a helper
 * thread sorts one run while the main thread fills the next. With the runs in temp files (the
 * default temp_store: the OS keeps them in its page cache) a big index builds in less than half
 * the time of the defaults; runs kept in SQLite's in-memory journal merge much more slowly, but
 * need no disk: they are used when the temp folder (often a small tmpfs) has
 * too little room. Everything is put back afterwards.
 */
export function withSorterTuned<T>(db: Db, touches: number, env: Readonly<Record<string, string | undefined>>, fn: () => T): T {
  const saved = (['cache_size', 'threads', 'temp_store'] as const).map((p) => [p, db.pragma(p, { simple: true })] as const);
  db.pragma('cache_size = -2000');
  db.pragma('threads = 2');
  if (freeBytes(sqliteTempDir(env)) < touches * TEMP_BYTES_PER_TOUCH) setTempStore(db, 'MEMORY');
  try {
    return fn();
  } finally {
    for (const [p, v] of saved) {
      if (p === 'temp_store') setTempStore(db, String(v));
      else db.pragma(`${p} = ${v}`);
    }
  }
}

/** SQLite refuses to change temp_store inside a transaction once temp tables exist: then it stays as it is. */
function setTempStore(db: Db, value: string): void {
  try {
    db.pragma(`temp_store = ${value}`);
  } catch {
    // Keeps the current setting; the sort still works, only its speed or room differs.
  }
}
