import { UsageError } from '../domain/errors.js';
import { nameKey } from '../domain/parse.js';
import type { NewProspect } from '../app/store.js';
import type { Prospect, Stage } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

interface ProspectRow {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  stage: Stage;
  created_at: string;
  tags: string | null;
}

const SELECT = `SELECT p.id, p.name, p.company, p.email, p.stage, p.created_at,
  (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM prospect_tags WHERE prospect_id = p.id ORDER BY tag)) AS tags
  FROM prospects p`;

export function toProspect(r: ProspectRow): Prospect {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    email: r.email,
    stage: r.stage,
    tags: r.tags ? r.tags.split('\u001f') : [],
    createdAt: r.created_at,
  };
}

export function companyKey(company: string | null): string | null {
  return company ? nameKey(company) : null;
}


export function insertProspect(db: Db, p: NewProspect, id?: number): number {
  const same = findByName(db, p.name);
  if (same) {
    const as = same.name === p.name ? '' : ` (as "${same.name}"; names are case-insensitive)`;
    throw new UsageError(
      `A prospect named "${p.name}" already exists${as}; pick another name or use 'cadence prospect set' to change it.`,
    );
  }
  const info = prep(db, `INSERT INTO prospects (id, name, name_key, company, company_key, email, stage, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id ?? null,
    p.name,
    nameKey(p.name),
    p.company,
    companyKey(p.company),
    p.email,
    p.stage,
    p.createdAt,
  );
  const newId = Number(info.lastInsertRowid);
  for (const t of p.tags) addTag(db, newId, t);
  return newId;
}

export function addTag(db: Db, id: number, tag: string): void {
  prep(db, 'INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?, ?)').run(id, tag);
}

export function removeTag(db: Db, id: number, tag: string): void {
  prep(db, 'DELETE FROM prospect_tags WHERE prospect_id = ? AND tag = ?').run(id, tag);
}

/** By name as the rep types it: any case, and spaces as loose as names are stored tight (see parseName). */
export function findByName(db: Db, name: string): Prospect | undefined {
  const r = prep<[string], ProspectRow>(db, `${SELECT} WHERE p.name_key = ?`).get(nameKey(name.trim().replace(/\s+/g, ' ')));
  return r && toProspect(r);
}

export function getProspect(db: Db, id: number): Prospect | undefined {
  const r = prep<[number], ProspectRow>(db, `${SELECT} WHERE p.id = ?`).get(id);
  return r && toProspect(r);
}

export function listProspects(db: Db, filter: { stage?: Stage; tag?: string } = {}): Prospect[] {
  return prep<[{ stage: string | null; tag: string | null }], ProspectRow>(
    db,
    `${SELECT} WHERE (:stage IS NULL OR p.stage = :stage)
      AND (:tag IS NULL OR EXISTS (SELECT 1 FROM prospect_tags t WHERE t.prospect_id = p.id AND t.tag = :tag))
      ORDER BY p.name_key`,
  )
    .all({ stage: filter.stage ?? null, tag: filter.tag ?? null })
    .map(toProspect);
}

export function allProspectNames(db: Db): string[] {
  return prep<[], { name: string }>(db, 'SELECT name FROM prospects ORDER BY name_key').all().map((r) => r.name);
}

export function updateContact(db: Db, id: number, fields: { company?: string | null; email?: string | null; name?: string }): void {
  if (fields.name !== undefined) {
    const other = findByName(db, fields.name);
    if (other && other.id !== id) {
      const as = other.name === fields.name ? '' : ` (as "${other.name}"; names are case-insensitive)`;
      throw new UsageError(`A prospect named "${fields.name}" already exists${as}; pick another name.`);
    }
    prep(db, 'UPDATE prospects SET name = ?, name_key = ? WHERE id = ?').run(fields.name, nameKey(fields.name), id);
  }
  if (fields.company !== undefined) {
    prep(db, 'UPDATE prospects SET company = ?, company_key = ? WHERE id = ?').run(fields.company, companyKey(fields.company), id);
  }
  if (fields.email !== undefined) prep(db, 'UPDATE prospects SET email = ? WHERE id = ?').run(fields.email, id);
}

/** Moves the stage and keeps the move in the history (the summary reports stage moves). */
export function setStage(db: Db, id: number, stage: Stage, at: string): void {
  const cur = prep<[number], { stage: Stage }>(db, 'SELECT stage FROM prospects WHERE id = ?').get(id);
  if (!cur || cur.stage === stage) return;
  prep(db, 'UPDATE prospects SET stage = ? WHERE id = ?').run(stage, id);
  prep(db, 'INSERT INTO stage_changes (prospect_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)').run(id, cur.stage, stage, at);
}

/** Sets (or with day null, clears) the buyer date as of `setAt`. */
export function setBuyerDate(db: Db, id: number, day: string | null, setAt: string): void {
  prep(db, 'INSERT INTO buyer_date_events (prospect_id, day, set_at) VALUES (?, ?, ?)').run(id, day, setAt);
}

export function markDoNotContact(db: Db, id: number, at: string, companyWide: boolean): void {
  prep(db, 'UPDATE prospects SET dnc_at = coalesce(dnc_at, ?) WHERE id = ?').run(at, id);
  if (!companyWide) return;
  const p = getProspect(db, id)!;
  if (!p.company) {
    throw new UsageError(`"${p.name}" has no company to mark; set one first with --company, or drop --company-wide.`);
  }
  prep(db, 'INSERT OR IGNORE INTO company_marks (company_key, company, marked_at) VALUES (?, ?, ?)').run(
    companyKey(p.company),
    p.company,
    at,
  );
}

/**
 * Lifts the prospect's own mark as of `clearedAt` (see domain clearedAt); with companyWide, the
 * company's too. Returns the company still marked, if any.
 */
export function clearDoNotContact(db: Db, id: number, clearedAt: string, companyWide: boolean): string | null {
  prep(db, 'UPDATE prospects SET dnc_at = NULL, dnc_cleared_at = ? WHERE id = ?').run(clearedAt, id);
  const p = prep<[number], { company: string | null; company_key: string | null }>(
    db,
    'SELECT company, company_key FROM prospects WHERE id = ?',
  ).get(id)!;
  if (!p.company_key) return null;
  if (companyWide) {
    prep(db, 'DELETE FROM company_marks WHERE company_key = ?').run(p.company_key);
    return null;
  }
  const still = prep<[string], { company: string }>(db, 'SELECT company FROM company_marks WHERE company_key = ?').get(p.company_key);
  return still?.company ?? null;
}
