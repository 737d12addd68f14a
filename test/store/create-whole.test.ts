// createWhole: a new database is built beside its path and put in place only when complete.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWhole } from '../../src/store/create-whole.js';
import { openDb } from '../../src/store/open.js';
import { insertProspect } from '../../src/store/prospects.js';
import type { Db } from '../../src/store/open.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cadence-create-'));
const NOW = '2026-11-20T10:00:00.000Z';
const add = (db: Db, name: string) => insertProspect(db, { name, company: null, email: null, stage: 'lead', tags: [], createdAt: NOW });
const names = (path: string) => {
  const db = openDb(path, { create: false });
  const got = db.prepare('SELECT name FROM prospects ORDER BY name').pluck().all();
  db.close();
  return got;
};

describe('createWhole', () => {
  it('puts the database in place when fn succeeds: owner-only, folders made, the usual journal mode', async () => {
    const folder = tmp();
    const path = join(folder, 'a', 'b', 'cadence.db');
    const made = await createWhole(path, (db) => {
      expect(existsSync(path)).toBe(false); // nobody sees it while it is built
      add(db, 'Dana Reyes');
      return 7;
    });
    expect(made).toEqual({ result: 7 });
    expect(readdirSync(join(folder, 'a', 'b'))).toEqual(['cadence.db']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, 'a')).mode & 0o777).toBe(0o700);
    const db = openDb(path, { create: false });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(names(path)).toEqual(['Dana Reyes']);
  });

  it('leaves nothing behind when fn throws: no database, no temporary file, no folder it made', async () => {
    const folder = tmp();
    const path = join(folder, 'new', 'cadence.db');
    await expect(
      createWhole(path, (db) => {
        add(db, 'Dana Reyes');
        throw new Error('bad row');
      }),
    ).rejects.toThrow('bad row');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('never replaces a database that appeared meanwhile: says so, and the other one is untouched', async () => {
    const folder = tmp();
    const path = join(folder, 'cadence.db');
    const made = await createWhole(path, (db) => {
      add(db, 'From the import');
      // Another process creates the database and logs to it while this one is being built.
      const other = openDb(path, { create: true });
      add(other, 'Logged meanwhile');
      other.close();
    });
    expect(made).toBeUndefined();
    expect(names(path)).toEqual(['Logged meanwhile']);
    expect(readdirSync(folder).filter((f) => f.includes('import'))).toEqual([]);
  });

  it("clears what killed imports left, but not a running import's file", async () => {
    const folder = tmp();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    writeFileSync(join(folder, `.cadence.db.import-${gone}`), 'half a database');
    writeFileSync(join(folder, `.cadence.db.import-${gone}-journal`), 'its journal');
    writeFileSync(join(folder, `.cadence.db.import-${process.ppid}`), 'another import, still running');
    writeFileSync(join(folder, '.other.db.import-1'), 'not ours');
    await createWhole(join(folder, 'cadence.db'), () => undefined);
    expect(readdirSync(folder).sort()).toEqual([`.cadence.db.import-${process.ppid}`, '.other.db.import-1', 'cadence.db']);
  });
});
