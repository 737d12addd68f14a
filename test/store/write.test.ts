// Writes that are only a saving (the agenda's and summary's memos): SQLite refusing them is no
// error, anything else is; and a read's result stands when only committing what it kept fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/open.js';
import { readKeeping, tryWrite } from '../../src/store/write.js';

const sqliteError = (code: string, message = code) => Object.assign(new Error(message), { code });
const folder = () => mkdtempSync(join(tmpdir(), 'cadence-write-'));

/**
 * A real database whose COMMIT SQLite refuses: in rollback-journal mode a commit needs the
 * file to itself, and `reader` holds it open for reading. (Under WAL, which cadence uses, the
 * same refusals come at the write itself; this is the one place they reach COMMIT on demand.)
 */
function commitRefused(): { db: Db; reader: Database.Database; close: () => void } {
  const path = join(folder(), 'c.db');
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.pragma('busy_timeout = 0');
  db.exec('CREATE TABLE kept (x)');
  const reader = new Database(path);
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM kept').get();
  return { db, reader, close: () => (reader.exec('ROLLBACK'), reader.close(), db.close()) };
}

describe('readKeeping', () => {
  it('returns what was read when committing what was kept is refused (here: busy), and keeps nothing', () => {
    const { db, reader, close } = commitRefused();
    try {
      const read = readKeeping(db, () => {
        db.prepare('INSERT INTO kept VALUES (1)').run();
        return 'read';
      });
      expect(read).toBe('read');
      expect(db.inTransaction).toBe(false);
      expect(reader.prepare('SELECT count(*) FROM kept').pluck().get()).toBe(0);
    } finally {
      close();
    }
  });
  it('lets anything else through: a failure at commit that is no refusal, and errors of the reads themselves', () => {
    const db = openDb(join(folder(), 'w.db'), { create: true });
    try {
      // A foreign key checked only at COMMIT: an error, never a refusal to swallow.
      db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
      expect(() =>
        readKeeping(db, () => {
          db.prepare('INSERT INTO child VALUES (7)').run();
          return 'read';
        }),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        readKeeping(db, () => {
          throw sqliteError('SQLITE_FULL');
        }),
      ).toThrow('SQLITE_FULL');
      expect(readKeeping(db, () => db.prepare('SELECT count(*) FROM prospects').pluck().get())).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('tryWrite', () => {
  it('is false, with nothing written, when SQLite refuses; a damaged file or a bug is an error', () => {
    const db = openDb(join(folder(), 't.db'), { create: true });
    try {
      const keep = (fail?: Error) =>
        readKeeping(db, () =>
          tryWrite(db, () => {
            db.prepare("INSERT INTO agenda_memo_key (one, key) VALUES (1, 'k')").run();
            if (fail) throw fail;
          }),
        );
      expect(keep(sqliteError('SQLITE_FULL'))).toBe(false);
      expect(keep(sqliteError('SQLITE_BUSY_SNAPSHOT'))).toBe(false);
      expect(db.prepare('SELECT count(*) FROM agenda_memo_key').pluck().get()).toBe(0);
      expect(() => keep(sqliteError('SQLITE_CORRUPT'))).toThrow('SQLITE_CORRUPT');
      expect(() => keep(new TypeError('a bug'))).toThrow('a bug');
      expect(keep()).toBe(true);
      expect(db.prepare('SELECT count(*) FROM agenda_memo_key').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
