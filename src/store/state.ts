import type { Db } from './open.js';
import { prep } from './prepare.js';

/**
 * A touch packed into one sortable string: text order is log order (at, then id),
 * so max() over packed touches picks the latest one without a second lookup.
 */
export const PACK = "at || ' ' || printf('%012d', id) || ' ' || channel || ' ' || direction || ' ' || outcome || ' ' || value_kind";
/** Strictly after the latest response (every touch when there was none). */
const AFTER = '(at > b.lr_at OR id > b.lr_id)';
const OUT = "direction = 'out' AND channel <> 'social'";

/**
 * What the rules read about a prospect's log that does not depend on the planned time,
 * kept per prospect in prospect_state so that the agenda over 10,000 prospects reads
 * 10,000 rows instead of a million touches. Triggers list the prospects whose touches,
 * buyer-date events or cleared mark changed in prospect_stale; every write transaction
 * recomputes those before it commits (see write), so a committed state is never stale.
 * Marks, tags, names and stages are read live: they are cheap and a company mark reaches
 * every prospect of the company.
 */
export interface StateRow {
  prospect_id: number;
  /** Packed latest response / touch / non-light outbound touch / light touch (any time). */
  lr: string | null;
  lt: string | null;
  lo: string | null;
  ll: string | null;
  /** Outbound, non-light touches after the latest response. */
  unanswered: number;
  /** Packed latest debrief after the latest response. */
  debrief: string | null;
  /** Channels of the unanswered streak in order of first use, comma-separated. */
  streak: string | null;
  /** The buyer date in force: "<set_at> <day>", with "-" for a cleared date. */
  bd: string | null;
  /** The earliest "no" touch the latest clear did not lift. */
  dnc_touch_at: string | null;
  /** 1 when an outbound touch other than a debrief came after the buyer date was set. */
  out_since_bd: number;
  /**
   * "kind:id,...": the values sent whose text is the title of library item id (in
   * case and spacing as typed): all the agenda's suggestions compare. The full list of values
   * sent is read per prospect (see digest.ts).
   */
  sent_lib: string | null;
  /** JSON [at, text] of the latest debrief. */
  last_debrief: string | null;
  /** JSON [at, channel, note, value_text] of the latest buyer message. */
  last_in: string | null;
  first_at: string | null;
}

export const STATE_COLUMNS =
  'prospect_id, lr, lt, lo, ll, unanswered, debrief, streak, bd, dnc_touch_at, out_since_bd, sent_lib, last_debrief, last_in, first_at';

/**
 * The state of the prospects whose ids `ids` selects (a query with one column, id). Per
 * prospect: a few index seeks, one index-only pass over the touches since the latest
 * response (the "tail", which the rules are about), and one over the values sent.
 */
const stateSql = (ids: string) => `
WITH ids AS MATERIALIZED (${ids}),
library AS MATERIALIZED (SELECT id, cadence_norm(title) AS key FROM value_items),
base AS MATERIALIZED (
  SELECT p.id,
    (SELECT ${PACK} FROM touches WHERE prospect_id = p.id AND is_response = 1 ORDER BY at DESC, id DESC LIMIT 1) AS lr,
    (SELECT ${PACK} FROM touches WHERE prospect_id = p.id AND channel = 'social' ORDER BY at DESC, id DESC LIMIT 1) AS ll,
    (SELECT min(at) FROM touches WHERE prospect_id = p.id AND outcome = 'do-not-contact'
       AND at >= coalesce(p.dnc_cleared_at, '')) AS dnc_touch_at,
    (SELECT at || ' ' || buyer_date FROM touches WHERE prospect_id = p.id AND buyer_date IS NOT NULL
       ORDER BY at DESC, id DESC LIMIT 1) AS bd_touch,
    (SELECT set_at || ' ' || coalesce(day, '-') FROM buyer_date_events WHERE prospect_id = p.id
       ORDER BY set_at DESC, id DESC LIMIT 1) AS bd_event
  FROM ids JOIN prospects p ON p.id = ids.id
),
b AS MATERIALIZED (
  SELECT base.*,
    coalesce(substr(lr, 1, 24), '') AS lr_at, coalesce(CAST(substr(lr, 26, 12) AS INTEGER), 0) AS lr_id,
    -- The most recent setting wins; set directly beats named at a touch at the same instant.
    CASE WHEN bd_touch IS NULL OR substr(bd_event, 1, 24) >= substr(bd_touch, 1, 24) THEN bd_event ELSE bd_touch END AS bd
  FROM base
),
tail AS MATERIALIZED (
  SELECT b.*, (
    SELECT json_array(
      max(${PACK}),
      max(${PACK}) FILTER (WHERE ${OUT}),
      count(*) FILTER (WHERE ${OUT} AND ${AFTER}),
      max(${PACK}) FILTER (WHERE value_kind = 'debrief' AND ${AFTER}))
    FROM touches WHERE prospect_id = b.id AND at >= b.lr_at) AS agg,
    (SELECT group_concat(channel, ',' ORDER BY first, channel) FROM (
       SELECT channel, min(at) AS first FROM touches
       WHERE prospect_id = b.id AND at >= b.lr_at AND ${OUT} AND ${AFTER} GROUP BY channel)) AS streak
  FROM b
)
SELECT id AS prospect_id, lr,
  agg ->> 0 AS lt,
  coalesce(agg ->> 1, (SELECT ${PACK} FROM touches WHERE prospect_id = tail.id AND ${OUT}
    ORDER BY at DESC, id DESC LIMIT 1)) AS lo,
  ll,
  coalesce(agg ->> 2, 0) AS unanswered,
  agg ->> 3 AS debrief,
  streak,
  bd,
  dnc_touch_at,
  CASE WHEN bd IS NULL OR substr(bd, 26) = '-' THEN 0 ELSE
    EXISTS (SELECT 1 FROM touches WHERE prospect_id = tail.id AND direction = 'out' AND value_kind <> 'debrief'
      AND at > substr(bd, 1, 24)) END AS out_since_bd,
  (SELECT group_concat(value_kind || ':' || library.id) FROM (
     SELECT DISTINCT value_kind, value_text FROM touches
     WHERE prospect_id = tail.id AND value_kind <> 'none' AND direction = 'out') AS sent
   JOIN library ON library.key = cadence_norm(sent.value_text)) AS sent_lib,
  (SELECT json_array(at, value_text) FROM touches WHERE prospect_id = tail.id AND value_kind = 'debrief'
     ORDER BY at DESC, id DESC LIMIT 1) AS last_debrief,
  (SELECT json_array(at, channel, note, value_text) FROM touches WHERE prospect_id = tail.id
     AND direction = 'in' ORDER BY at DESC, id DESC LIMIT 1) AS last_in,
  (SELECT min(at) FROM touches WHERE prospect_id = tail.id) AS first_at
FROM tail`;

const REFRESH = `INSERT OR REPLACE INTO prospect_state (${STATE_COLUMNS}) ${stateSql('SELECT prospect_id AS id FROM prospect_stale')}`;
const COMPUTE = stateSql('SELECT value AS id FROM json_each(:ids)');

/** Recomputes the state of every prospect the triggers marked stale; write() calls it before each commit. */
export function refreshStates(db: Db): void {
  if (!prep<[], { x: number }>(db, 'SELECT EXISTS (SELECT 1 FROM prospect_stale) AS x').get()!.x) return;
  prep(db, REFRESH).run();
  prep(db, 'DELETE FROM prospect_stale').run();
}

/** The state computed from the touches (for prospects changed in the open transaction), without storing it. */
export function computeStates(db: Db, ids: number[]): StateRow[] {
  return prep<[Record<string, unknown>], StateRow>(db, COMPUTE).all({ ids: JSON.stringify(ids) });
}
