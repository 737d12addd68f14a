import { UsageError } from '../domain/errors.js';
import { nameKey } from '../domain/parse.js';
import type { ExportProspect, ImportCounts, StoreExport } from '../app/store.js';
import type { CompanyMark, ImportSource, PlanProspect, PlanTouch, PlanValue } from '../domain/transfer/plan.js';
import type { Channel, Direction, Outcome, Stage, ValueKind } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { inTransaction } from './transaction.js';
import { companyKey } from './prospects.js';
import { withSorterTuned } from './sorter.js';

interface ProspectRow {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  stage: Stage;
  created_at: string;
  dnc_at: string | null;
  dnc_cleared_at: string | null;
  tags: string | null;
  buyer_dates: string;
  stage_history: string;
  company_marked_at: string | null;
}

/** Every prospect with what it carries, by id (one query; prospects are thousands, not millions). */
export function exportProspects(db: Db): ExportProspect[] {
  return prep<[], ProspectRow>(
    db,
    `SELECT p.id, p.name, p.company, p.email, p.stage, p.created_at, p.dnc_at, p.dnc_cleared_at,
       (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM prospect_tags WHERE prospect_id = p.id ORDER BY tag)) AS tags,
       (SELECT json_group_array(json_array(day, set_at)) FROM
          (SELECT day, set_at FROM buyer_date_events WHERE prospect_id = p.id ORDER BY id)) AS buyer_dates,
       (SELECT json_group_array(json_array(from_stage, to_stage, at)) FROM
          (SELECT from_stage, to_stage, at FROM stage_changes WHERE prospect_id = p.id ORDER BY id)) AS stage_history,
       cm.marked_at AS company_marked_at
     FROM prospects p LEFT JOIN company_marks cm ON cm.company_key = p.company_key ORDER BY p.id`,
  )
    .all()
    .map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      email: r.email,
      stage: r.stage,
      tags: r.tags ? r.tags.split('\u001f') : [],
      createdAt: r.created_at,
      doNotContactAt: r.dnc_at,
      doNotContactClearedAt: r.dnc_cleared_at,
      buyerDates: (JSON.parse(r.buyer_dates) as [string | null, string][]).map(([day, setAt]) => ({ day, setAt })),
      stageHistory: (JSON.parse(r.stage_history) as [Stage | null, Stage, string][]).map(([from, to, at]) => ({ from, to, at })),
      companyMarkedAt: r.company_marked_at,
    }));
}

type TouchTuple = [number, number, string, Channel, Direction, Outcome, ValueKind, string | null, string | null, string | null, string];

/** Touches streamed, by id (`byProspect`: by prospect, then time, for the CSV). */
export function* exportTouches(db: Db, byProspect = false): Generator<PlanTouch> {
  const stmt = prep<[], TouchTuple>(
    db,
    `SELECT id, prospect_id, at, channel, direction, outcome, value_kind, value_text, note, buyer_date, created_at
     FROM touches ORDER BY ${byProspect ? 'prospect_id, at, id' : 'id'}`,
  ).raw(true);
  try {
    for (const [id, prospectId, at, channel, direction, outcome, kind, text, note, buyerDate, createdAt] of stmt.iterate()) {
      yield { id, prospectId, at, channel, direction, outcome, kind, text, note, buyerDate, createdAt };
    }
  } finally {
    stmt.raw(false);
  }
}

export function exportValues(db: Db): Omit<PlanValue, 'where'>[] {
  return prep<[], { id: number; title: string; url: string | null; created_at: string; tags: string | null }>(
    db,
    `SELECT v.id, v.title, v.url, v.created_at,
       (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM value_tags WHERE value_id = v.id ORDER BY tag)) AS tags
     FROM value_items v ORDER BY v.id`,
  )
    .all()
    .map((r) => ({ id: r.id, title: r.title, url: r.url, tags: r.tags ? r.tags.split('\u001f') : [], createdAt: r.created_at }));
}

export function exportCompanyMarks(db: Db): CompanyMark[] {
  return prep<[], CompanyMark>(db, 'SELECT company, marked_at AS markedAt FROM company_marks ORDER BY company_key').all();
}

export function exportData(db: Db, touchesByProspect = false): Omit<StoreExport, 'touches'> & { touches: Iterable<PlanTouch> } {
  return {
    prospects: exportProspects(db),
    touches: exportTouches(db, touchesByProspect),
    values: exportValues(db),
    companyMarks: exportCompanyMarks(db),
  };
}


/** Above this many touches, the touch indexes are dropped and rebuilt: a sort beats a million index inserts. */
const BULK = 20_000;
/** Rows per INSERT (11 parameters each, well under SQLite's 32,766): fewer calls across the native boundary. */
const BATCH = 500;
/** How often the progress callback hears of the touches written. */
const PROGRESS_STEP = 10_000;
const TOUCH_COLUMNS = 'id, prospect_id, at, channel, direction, outcome, value_kind, value_text, note, buyer_date, created_at';

/**
 * Writes a checked source (see checkUnique) in one IMMEDIATE transaction, everything or nothing,
 * reading the touches as they come (see ImportSource); `progress` hears how many are written,
 * and `after` runs last in the same transaction. Names already in the database abort it. File
 * ids are kept when the table is still empty (so an export imported into a new database exports
 * the same again), else new ids are given.
 */
export async function importSource(
  db: Db,
  source: ImportSource,
  progress: ((done: number) => void) | undefined,
  env: Readonly<Record<string, string | undefined>>,
  after: () => Promise<void>,
): Promise<ImportCounts> {
  // The reader checked every enum and every reference (touches point only at the plan's
  // prospects), so SQLite's per-row checks would only repeat them: its CHECK (x IN (...))
  // lists and foreign-key lookups cost more than half of a million-touch import.
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  try {
    return await inTransaction(db, 'IMMEDIATE', async () => {
      const ids = insertProspects(db, source.prospects);
      const touches = insertTouches(db, source.touches, ids, progress, env);
      const { values, companyMarks } = source.rest();
      for (const m of companyMarks) {
        prep(db, 'INSERT OR IGNORE INTO company_marks (company_key, company, marked_at) VALUES (?, ?, ?)').run(
          companyKey(m.company),
          m.company,
          m.markedAt,
        );
      }
      insertValues(db, values);
      await after();
      return { prospects: source.prospects.length, touches, values: values.length };
    });
  } finally {
    db.pragma('ignore_check_constraints = OFF');
    db.pragma('foreign_keys = ON');
  }
}

function isEmpty(db: Db, table: 'prospects' | 'touches' | 'value_items'): boolean {
  return !prep<[], { x: number }>(db, `SELECT EXISTS (SELECT 1 FROM ${table}) AS x`).get()!.x;
}

/** Inserts the prospects; returns file id → database id, or null when ids were kept. */
function insertProspects(db: Db, prospects: PlanProspect[]): Map<number, number> | null {
  const keep = isEmpty(db, 'prospects');
  const taken = new Set(prep<[], { k: string }>(db, 'SELECT name_key AS k FROM prospects').all().map((r) => r.k));
  const ids = keep ? null : new Map<number, number>();
  const insert = prep(
    db,
    `INSERT INTO prospects (id, name, name_key, company, company_key, email, stage, dnc_at, dnc_cleared_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of prospects) {
    const key = nameKey(p.name);
    if (taken.has(key)) {
      throw new UsageError(`${p.where}: a prospect named "${p.name}" is already in the database; rename it in the file or remove it.`);
    }
    const info = insert.run(
      keep ? p.id : null,
      p.name,
      key,
      p.company,
      companyKey(p.company),
      p.email,
      p.stage,
      p.doNotContactAt,
      p.doNotContactClearedAt,
      p.createdAt,
    );
    const id = Number(info.lastInsertRowid);
    if (ids && p.id !== null) ids.set(p.id, id);
    for (const t of p.tags) prep(db, 'INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?, ?)').run(id, t);
    for (const b of p.buyerDates) {
      prep(db, 'INSERT INTO buyer_date_events (prospect_id, day, set_at) VALUES (?, ?, ?)').run(id, b.day, b.setAt);
    }
    for (const s of p.stageHistory) {
      prep(db, 'INSERT INTO stage_changes (prospect_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)').run(id, s.from, s.to, s.at);
    }
  }
  return ids;
}

function insertValues(db: Db, values: PlanValue[]): void {
  if (!values.length) return;
  const keep = isEmpty(db, 'value_items');
  const taken = new Set(prep<[], { k: string }>(db, 'SELECT title_key AS k FROM value_items').all().map((r) => r.k));
  for (const v of values) {
    const key = nameKey(v.title);
    if (taken.has(key)) throw new UsageError(`${v.where}: the library already has "${v.title}"; rename it in the file or remove it.`);
    const info = prep(db, 'INSERT INTO value_items (id, title, title_key, url, created_at) VALUES (?, ?, ?, ?, ?)').run(
      keep ? v.id : null,
      v.title,
      key,
      v.url,
      v.createdAt,
    );
    const id = Number(info.lastInsertRowid);
    for (const t of v.tags) prep(db, 'INSERT OR IGNORE INTO value_tags (value_id, tag) VALUES (?, ?)').run(id, t);
  }
}

/** Inserts the touches as they come; returns how many. */
function insertTouches(
  db: Db,
  touches: Iterable<PlanTouch>,
  prospectIds: Map<number, number> | null,
  progress: ((done: number) => void) | undefined,
  env: Readonly<Record<string, string | undefined>>,
): number {
  // In id order the table grows at its end; in file order (the CSV goes by prospect) each
  // row lands on a random page, and a million of them thrash the page cache. A list read
  // whole is put in order; a stream comes in the order it was exported, which is id order.
  if (Array.isArray(touches)) {
    const list = touches as PlanTouch[];
    if (!list.every((t, i) => i === 0 || (t.id ?? 0) >= (list[i - 1]!.id ?? 0))) touches = [...list].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  const keep = isEmpty(db, 'touches');
  const existing = keep ? 0 : prep<[], { n: number }>(db, 'SELECT count(*) AS n FROM touches').get()!.n;
  // Once the import is big (and at least as big as what is there), the indexes are dropped
  // and rebuilt at the end: a sort beats a million index inserts.
  const bulkAt = Math.max(BULK, existing);
  let dropped: { type: string; name: string; sql: string }[] | null = null;
  const row = `(${Array(11).fill('?').join(', ')})`;
  const many = db.prepare(`INSERT INTO touches (${TOUCH_COLUMNS}) VALUES ${Array(BATCH).fill(row).join(', ')}`);
  const one = prep(db, `INSERT INTO touches (${TOUCH_COLUMNS}) VALUES ${row}`);
  const args: unknown[] = new Array(BATCH * 11);
  let k = 0;
  let n = 0;
  for (const t of touches) {
    const prospectId = prospectIds ? prospectIds.get(t.prospectId)! : t.prospectId;
    args[k++] = keep ? t.id : null;
    args[k++] = prospectId;
    args[k++] = t.at;
    args[k++] = t.channel;
    args[k++] = t.direction;
    args[k++] = t.outcome;
    args[k++] = t.kind;
    args[k++] = t.text;
    args[k++] = t.note;
    args[k++] = t.buyerDate;
    args[k++] = t.createdAt;
    if (k === args.length) {
      many.run(args);
      k = 0;
    }
    if (++n === bulkAt) dropped = dropTouchIndexes(db);
    if (progress && n % PROGRESS_STEP === 0) progress(n);
  }
  for (let j = 0; j < k; j += 11) one.run(args.slice(j, j + 11));
  if (dropped) {
    const again = dropped;
    withSorterTuned(db, n, env, () => {
      for (const i of again) db.exec(i.sql);
    });
  }
  progress?.(n);
  return n;
}

/** Drops the touch indexes to rebuild after a bulk insert; returns what was dropped, to create again. */
function dropTouchIndexes(db: Db): { type: string; name: string; sql: string }[] {
  const dropped = prep<[], { type: string; name: string; sql: string }>(
    db,
    `SELECT type, name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touches' AND sql IS NOT NULL`,
  ).all();
  for (const i of dropped) db.exec(`DROP ${i.type.toUpperCase()} "${i.name}"`);
  return dropped;
}
