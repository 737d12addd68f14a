import type { StageMove, SummaryTouch } from '../domain/summary.js';
import type { Channel, Direction, Outcome, Stage, ValueKind } from '../domain/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

/**
 * The touches a summary of [from, until) counts: those in it, and those in [lookback, from) of
 * the prospects someone reached out to in it (the barrage windows that only an outbound touch
 * in it opens look back that far; the rest of that week is a big book's thousands of touches
 * that nothing reads). Oldest first. What each touch was, not what it said: each value read
 * costs.
 */
export function touchesForSummary(db: Db, lookback: string, from: string, until: string): SummaryTouch[] {
  type Row = [number, number, string, Channel, Direction, Outcome, ValueKind];
  return prep<[object], Row>(
    db,
    `SELECT id, prospect_id, at, channel, direction, outcome, value_kind FROM touches WHERE at >= :from AND at < :until
     UNION ALL
     SELECT t.id, t.prospect_id, t.at, t.channel, t.direction, t.outcome, t.value_kind
     FROM (SELECT DISTINCT prospect_id FROM touches WHERE at >= :from AND at < :until AND direction = 'out') r
     JOIN touches t ON t.prospect_id = r.prospect_id AND t.at >= :lookback AND t.at < :from
     ORDER BY 3, 1`,
  )
    .raw(true)
    .all({ lookback, from, until })
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
