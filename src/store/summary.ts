import type { StageMove, SummaryTouch } from '../domain/summary.js';
import type { Channel, Direction, Outcome, Stage, ValueKind } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

/** The touches in [from, until), oldest first: what each was, not what it said. */
export function touchesBetween(db: Db, from: string, until: string): SummaryTouch[] {
  type Row = [number, number, string, Channel, Direction, Outcome, ValueKind];
  return prep<[object], Row>(
    db,
    'SELECT id, prospect_id, at, channel, direction, outcome, value_kind FROM touches WHERE at >= :from AND at < :until ORDER BY at, id',
  )
    .raw(true)
    .all({ from, until })
    .map(([id, prospectId, at, channel, direction, outcome, kind]) => ({ id, prospectId, at, channel, direction, outcome, kind }));
}

/** Stage moves in [from, until), oldest first. */
export function stageMovesBetween(db: Db, from: string, until: string): StageMove[] {
  return prep<[string, string], { prospect_id: number; name: string; from_stage: Stage | null; to_stage: Stage; at: string }>(
    db,
    `SELECT s.prospect_id, p.name, s.from_stage, s.to_stage, s.at
     FROM stage_changes s JOIN prospects p ON p.id = s.prospect_id
     WHERE s.at >= ? AND s.at < ? ORDER BY s.at, s.id`,
  )
    .all(from, until)
    .map((r) => ({ prospectId: r.prospect_id, name: r.name, from: r.from_stage, to: r.to_stage, at: r.at }));
}
