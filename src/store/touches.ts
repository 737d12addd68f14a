import type { NewTouch } from '../app/store.js';
import type { Channel, Direction, Outcome, Touch, ValueKind } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

export interface TouchRow {
  id: number;
  prospect_id: number;
  at: string;
  channel: Channel;
  direction: Direction;
  outcome: Outcome;
  value_kind: ValueKind;
  value_text: string | null;
  note: string | null;
  buyer_date: string | null;
}

export const TOUCH_COLUMNS = 'id, prospect_id, at, channel, direction, outcome, value_kind, value_text, note, buyer_date';

export function toTouch(r: TouchRow): Touch {
  return {
    id: r.id,
    prospectId: r.prospect_id,
    at: r.at,
    channel: r.channel,
    direction: r.direction,
    outcome: r.outcome,
    value: { kind: r.value_kind, text: r.value_text },
    note: r.note,
    buyerDate: r.buyer_date,
  };
}


export function insertTouch(db: Db, t: NewTouch, createdAt: string, id?: number): number {
  const info = prep(
    db,
    `INSERT INTO touches (id, prospect_id, at, channel, direction, outcome, value_kind, value_text, note, buyer_date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id ?? null, t.prospectId, t.at, t.channel, t.direction, t.outcome, t.value.kind, t.value.text, t.note, t.buyerDate, createdAt);
  return Number(info.lastInsertRowid);
}

export function getTouch(db: Db, id: number): Touch | undefined {
  const r = prep<[number], TouchRow>(db, `SELECT ${TOUCH_COLUMNS} FROM touches WHERE id = ?`).get(id);
  return r && toTouch(r);
}

export function updateTouch(db: Db, t: Touch): void {
  prep(
    db,
    `UPDATE touches SET prospect_id = ?, at = ?, channel = ?, direction = ?, outcome = ?, value_kind = ?, value_text = ?,
     note = ?, buyer_date = ? WHERE id = ?`,
  ).run(t.prospectId, t.at, t.channel, t.direction, t.outcome, t.value.kind, t.value.text, t.note, t.buyerDate, t.id);
}

export function deleteTouch(db: Db, id: number): void {
  prep(db, 'DELETE FROM touches WHERE id = ?').run(id);
}

/** A prospect's latest `limit` touches (oldest first) and how many there are in all. */
export function latestTouchesOf(db: Db, prospectId: number, limit: number): { touches: Touch[]; total: number } {
  const rows = prep<[number, number], TouchRow>(
    db,
    `SELECT * FROM (SELECT ${TOUCH_COLUMNS} FROM touches WHERE prospect_id = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id`,
  ).all(prospectId, limit);
  const total = prep<[number], { n: number }>(db, 'SELECT count(*) AS n FROM touches WHERE prospect_id = ?').get(prospectId)!.n;
  return { touches: rows.map(toTouch), total };
}
