// A database written by the previous release (test/fixtures/release-0.1.0.md says how it was
// made) opens, migrates, keeps every record, and gets the same advice as that release gave.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD, VERSION } from '../../src/cli/version.js';
import { keptStore } from '../../src/app/kept.js';
import { fold } from '../../src/domain/fold.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { cadence } from '../e2e/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'release-0.1.0.expected.json'), 'utf8')) as Record<string, Expected>;

interface Expected {
  agendaJson: string;
  agendaText: string;
  summaryJson: string;
  summaryMd: string;
  list: string;
  next: Record<string, string>;
  show: Record<string, string>;
}

function copyOfRelease(): string {
  const db = join(mkdtempSync(join(tmpdir(), 'cadence-release-')), 'cadence.db');
  copyFileSync(join(FIXTURES, 'release-0.1.0.db'), db);
  return db;
}

describe('a database from release 0.1.0', () => {
  let db: string;
  beforeAll(async () => {
    db = copyOfRelease();
    // Any command migrates it; a read first, as a rep's first command after upgrading often is.
    expect((await cadence(['--db', db, '--now', '2026-04-14T10:00', 'agenda'])).code).toBe(0);
  });

  it('keeps every prospect, touch, library item, mark, buyer date and stage change: the export is the same', async () => {
    const r = await cadence(['--db', db, 'export', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(FIXTURES, 'release-0.1.0.export.json'), 'utf8')));
  });

  it('loses the rules and memos it kept in SQL: no triggers, no derived tables, no generated column', () => {
    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('user_version', { simple: true })).toBe(6);
      const objects = sqlite.prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all();
      expect(objects.filter((o) => o.type === 'trigger')).toEqual([]);
      const tables = objects.filter((o) => o.type === 'table').map((o) => o.name).sort();
      expect(tables).toEqual([
        'buyer_date_events', 'company_marks', 'meta', 'prospect_facts', 'prospect_tags', 'prospects', 'stage_changes', 'touches', 'value_items', 'value_tags',
      ]);
      const columns = sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_xinfo('touches')").all().map((c) => c.name);
      expect(columns).not.toContain('is_response');
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
  });

  for (const [now, want] of Object.entries(expected)) {
    describe(`advises as 0.1.0 did at ${now}`, () => {
      const run = (...args: string[]) => cadence(['--db', db, '--now', now, ...args]);
      it('agenda, summary and prospect list', async () => {
        expect((await run('agenda', '--all', '--json')).stdout).toBe(want.agendaJson);
        expect((await run('agenda', '--all')).stdout).toBe(want.agendaText);
        expect((await run('summary', '--format', 'json')).stdout).toBe(want.summaryJson);
        expect((await run('summary', '--format', 'md')).stdout).toBe(want.summaryMd);
        expect((await run('prospect', 'list', '--json')).stdout).toBe(want.list);
      });
      it('next and prospect show, for every prospect', async () => {
        for (const [name, out] of Object.entries(want.show)) {
          expect((await run('prospect', 'show', name, '--json')).stdout, name).toBe(out);
          expect((await run('next', name, '--json', '--explain')).stdout, name).toBe(want.next[name]);
          expect((await run('next', name, '--explain')).stdout, name).toBe(want.next[`${name} text`]);
          expect((await run('next', name, '--json', '--value', 'insight:Churn benchmark 2026', '--channel', 'social')).stdout, name).toBe(
            want.next[`${name} insight`],
          );
        }
      });
    });
  }

  it('upgraded by a write first, every prospect\'s facts are the fold of its log, that touch counted once', async () => {
    const db = copyOfRelease();
    const r = await cadence(['--db', db, '--now', '2026-04-13T10:00', 'log', 'Jonas Weber', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:x']);
    expect(r.code, r.stderr).toBe(0);
    const store = keptStore(new SqliteStore(db), `${VERSION}+${BUILD}`);
    const everyone = [];
    for await (const batch of store.eachFacts()) everyone.push(...batch);
    expect(everyone).toHaveLength(14);
    for (const kept of everyone) expect(kept.facts, kept.state.prospect.name).toEqual(fold(await store.logOf(kept.state.prospect.id)));
    await store.close();
  });
});
