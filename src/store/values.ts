import { UsageError } from '../domain/errors.js';
import { nameKey } from '../domain/parse.js';
import type { ValueItem } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

interface ValueRow {
  id: number;
  title: string;
  url: string | null;
  created_at: string;
  tags: string | null;
}

export function addValueItem(db: Db, v: Omit<ValueItem, 'id'>, id?: number): number {
  const exists = prep<[string], { id: number }>(db, 'SELECT id FROM value_items WHERE title_key = ?').get(nameKey(v.title));
  if (exists) throw new UsageError(`The library already has "${v.title}"; give the new item another title.`);
  const info = prep(db, 'INSERT INTO value_items (id, title, title_key, url, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id ?? null,
    v.title,
    nameKey(v.title),
    v.url,
    v.createdAt,
  );
  const newId = Number(info.lastInsertRowid);
  for (const tag of v.tags) prep(db, 'INSERT OR IGNORE INTO value_tags (value_id, tag) VALUES (?, ?)').run(newId, tag);
  return newId;
}

/** The library, newest first. */
export function listValueItems(db: Db): ValueItem[] {
  return prep<[], ValueRow>(
    db,
    `SELECT v.id, v.title, v.url, v.created_at,
       (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM value_tags WHERE value_id = v.id ORDER BY tag)) AS tags
     FROM value_items v ORDER BY v.created_at DESC, v.id DESC`,
  )
    .all()
    .map((r) => ({ id: r.id, title: r.title, url: r.url, createdAt: r.created_at, tags: r.tags ? r.tags.split('\u001f') : [] }));
}
