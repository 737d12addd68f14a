import type { NamedTouch, StageMove } from '../core/summary.js';
import type { Stage } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { toTouch } from './touches.js';

/** Touches in [from, until) with their prospect's name, oldest first (one indexed range scan). */
export function namedTouchesBetween(db: Db, from: string, until: string): NamedTouch[] {
  type Row = Parameters<typeof toTouch>[0] & { name: string };
  return prep<[string, string], Row>(
    db,
    `SELECT t.id, t.prospect_id, t.at, t.channel, t.direction, t.outcome, t.value_kind, t.value_text, t.note,
       t.buyer_date, p.name
     FROM touches t JOIN prospects p ON p.id = t.prospect_id
     WHERE t.at >= ? AND t.at < ? ORDER BY t.at, t.id`,
  )
    .all(from, until)
    .map((r) => ({ ...toTouch(r), name: r.name }));
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
