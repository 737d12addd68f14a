// The sorter settings for rebuilding the touch indexes after a bulk import.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { sqliteTempDir, withSorterTuned } from '../../src/store/sorter.js';

const dir = mkdtempSync(join(tmpdir(), 'cadence-sorter-'));
const db = openDb(join(dir, 's.db'), { create: true });
afterAll(() => db.close());

const settings = () => ({
  cache: db.pragma('cache_size', { simple: true }),
  threads: db.pragma('threads', { simple: true }),
  temp: db.pragma('temp_store', { simple: true }),
});

describe('withSorterTuned', () => {
  it('sorts with a small cache and a helper thread, in temp files when there is room, and puts everything back', () => {
    const before = settings();
    const inside = withSorterTuned(db, 10, {}, settings);
    expect(inside).toEqual({ cache: -2000, threads: 2, temp: before.temp });
    expect(settings()).toEqual(before);
  });

  it('keeps the runs in memory when the temp folder has no room for them (a small tmpfs), inside a transaction too', () => {
    const before = settings();
    db.exec('BEGIN IMMEDIATE');
    try {
      // More touches than any disk has room for.
      expect(withSorterTuned(db, 1e18, {}, settings).temp).toBe(2);
    } finally {
      db.exec('ROLLBACK');
    }
    expect(settings()).toEqual(before);
  });

  it('puts the settings back when the rebuild fails', () => {
    const before = settings();
    expect(() =>
      withSorterTuned(db, 1e18, {}, () => {
        throw new Error('index build failed');
      }),
    ).toThrow('index build failed');
    expect(settings()).toEqual(before);
  });
});

describe('sqliteTempDir', () => {
  it('is the first writable folder of SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp, /tmp, as SQLite looks', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(sqliteTempDir({ SQLITE_TMPDIR: dir, TMPDIR: '/tmp' })).toBe(dir);
    expect(sqliteTempDir({ SQLITE_TMPDIR: join(dir, 'missing'), TMPDIR: dir })).toBe(dir);
    expect(sqliteTempDir({ SQLITE_TMPDIR: file, TMPDIR: dir })).toBe(dir);
    expect(sqliteTempDir({})).toBe('/var/tmp');
  });
});
