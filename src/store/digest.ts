import type { Digest, DncMark } from '../core/digest.js';
import type { Channel, Direction, Outcome, Stage, TouchFact, Value, ValueKind } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

const DAY_MS = 86_400_000;
const FACT = 'json_array(at, id, channel, direction, outcome, value_kind)';
/** Touches strictly after the latest response (all when there was none), in log order. */
const AFTER_RESPONSE = '(at > b.lr_at OR (at = b.lr_at AND id > b.lr_id))';

/**
 * One statement computes every prospect's digest with index lookups only, so the
 * agenda over 10,000 prospects is one query and a prospect's cost does not grow
 * with its history. `:pid` NULL means every prospect.
 */
const DIGEST_SQL = `
WITH base AS (
  SELECT p.id, p.name, p.stage, p.company, p.dnc_at, cm.marked_at AS company_marked_at,
    (SELECT group_concat(tag, char(31)) FROM prospect_tags WHERE prospect_id = p.id) AS tags,
    (SELECT ${FACT} FROM touches WHERE prospect_id = p.id AND is_response = 1 ORDER BY at DESC, id DESC LIMIT 1) AS lr,
    (SELECT ${FACT} FROM touches WHERE prospect_id = p.id ORDER BY at DESC, id DESC LIMIT 1) AS lt,
    (SELECT ${FACT} FROM touches WHERE prospect_id = p.id AND direction = 'out' AND channel <> 'social'
       ORDER BY at DESC, id DESC LIMIT 1) AS lo,
    (SELECT ${FACT} FROM touches WHERE prospect_id = p.id AND channel = 'social' AND at <= :t
       ORDER BY at DESC, id DESC LIMIT 1) AS ll,
    (SELECT min(at) FROM touches WHERE prospect_id = p.id AND outcome = 'do-not-contact'
       AND at >= coalesce(p.dnc_cleared_at, '')) AS dnc_touch_at,
    (SELECT json_array(day, set_at) FROM (
        SELECT buyer_date AS day, at AS set_at, 1 AS src, id FROM touches
          WHERE prospect_id = p.id AND buyer_date IS NOT NULL
        UNION ALL
        SELECT day, set_at, 0 AS src, id FROM buyer_date_events WHERE prospect_id = p.id
      ) ORDER BY set_at DESC, src ASC, id DESC LIMIT 1) AS bd
  FROM prospects p LEFT JOIN company_marks cm ON cm.company_key = p.company_key
  WHERE :pid IS NULL OR p.id = :pid
),
b AS (
  SELECT base.*,
    coalesce(lr ->> 0, '') AS lr_at, coalesce(lr ->> 1, 0) AS lr_id,
    bd ->> 1 AS bd_set_at,
    nullif(min(coalesce(dnc_at, '~'), coalesce(company_marked_at, '~'), coalesce(dnc_touch_at, '~')), '~') AS dnc_min
  FROM base
)
SELECT b.id, b.name, b.stage, b.company, b.tags, b.lr, b.lt, b.lo, b.ll, b.bd,
  b.dnc_at, b.company_marked_at, b.dnc_touch_at, b.dnc_min,
  (SELECT count(*) FROM touches WHERE prospect_id = b.id AND direction = 'out' AND channel <> 'social'
     AND ${AFTER_RESPONSE}) AS unanswered,
  (SELECT json_group_array(channel) FROM (SELECT channel FROM touches WHERE prospect_id = b.id AND direction = 'out'
     AND channel <> 'social' AND ${AFTER_RESPONSE} GROUP BY channel ORDER BY min(at))) AS streak_channels,
  (SELECT json_group_array(${FACT}) FROM (SELECT * FROM touches WHERE prospect_id = b.id AND direction = 'out'
     AND channel <> 'social' AND ${AFTER_RESPONSE} AND at > :week AND at <= :t ORDER BY at, id)) AS recent,
  (SELECT ${FACT} FROM touches WHERE prospect_id = b.id AND value_kind = 'debrief' AND ${AFTER_RESPONSE}
     ORDER BY at DESC, id DESC LIMIT 1) AS debrief,
  CASE WHEN b.dnc_min IS NULL THEN NULL ELSE
    (SELECT max(at) FROM touches WHERE prospect_id = b.id AND direction = 'in' AND at > b.dnc_min) END AS buyer_after_dnc,
  CASE WHEN b.bd_set_at IS NULL THEN 0 ELSE
    EXISTS (SELECT 1 FROM touches WHERE prospect_id = b.id AND direction = 'out' AND value_kind <> 'debrief'
      AND at > b.bd_set_at) END AS out_since_bd
FROM b ORDER BY b.id`;

interface DigestRow {
  id: number;
  name: string;
  stage: Stage;
  company: string | null;
  tags: string | null;
  lr: string | null;
  lt: string | null;
  lo: string | null;
  ll: string | null;
  bd: string | null;
  dnc_at: string | null;
  company_marked_at: string | null;
  dnc_touch_at: string | null;
  dnc_min: string | null;
  unanswered: number;
  streak_channels: string;
  recent: string;
  debrief: string | null;
  buyer_after_dnc: string | null;
  out_since_bd: number;
}

type FactTuple = [string, number, Channel, Direction, Outcome, ValueKind];

function fact(json: string | null): TouchFact | null {
  if (!json) return null;
  return toFact(JSON.parse(json) as FactTuple);
}

function toFact([at, , channel, direction, outcome, kind]: FactTuple): TouchFact {
  return { at, channel, direction, outcome, kind };
}

function dncMark(r: DigestRow): DncMark | null {
  if (!r.dnc_min) return null;
  return { at: r.dnc_min, scope: r.company_marked_at === r.dnc_min ? 'company' : 'prospect' };
}

function toDigest(r: DigestRow): Digest {
  const bd = r.bd ? (JSON.parse(r.bd) as [string | null, string]) : null;
  return {
    prospect: { id: r.id, name: r.name, stage: r.stage, company: r.company, tags: r.tags ? r.tags.split('\u001f').sort() : [] },
    dnc: dncMark(r),
    buyerMessageAfterDnc: r.buyer_after_dnc,
    latestTouch: fact(r.lt),
    latestResponse: fact(r.lr),
    latestOutbound: fact(r.lo),
    latestLightBeforeT: fact(r.ll),
    unanswered: r.unanswered,
    recentUnanswered: (JSON.parse(r.recent) as string[]).map((j) => toFact((typeof j === 'string' ? JSON.parse(j) : j) as FactTuple)),
    debriefSinceResponse: fact(r.debrief),
    // A cleared buyer date is an event with no day.
    buyerDate: bd && bd[0] ? { date: bd[0], setAt: bd[1] } : null,
    outboundSinceBuyerDate: bd && bd[0] ? r.out_since_bd === 1 : false,
    sentValues: [],
    history: {
      lastDebrief: null,
      lastBuyerMessage: null,
      unansweredChannels: JSON.parse(r.streak_channels) as Channel[],
      firstTouchAt: null,
    },
  };
}

/**
 * Digests as of T: of one prospect, or of all (ordered by id) when prospectId is null.
 * `windowMs` is how far back recentUnanswered reaches (barrageWindowMs of the rules).
 */
export function digestsAt(db: Db, T: Date, prospectId: number | null, windowMs = 7 * DAY_MS): Digest[] {
  const rows = prep<[Record<string, unknown>], DigestRow>(db, DIGEST_SQL).all({
    t: T.toISOString(),
    week: new Date(T.getTime() - windowMs).toISOString(),
    pid: prospectId,
  });
  return rows.map(toDigest);
}

const EXTRAS_SQL = `
WITH ids AS (SELECT value AS id FROM json_each(:ids))
SELECT ids.id,
  (SELECT json_group_array(json_array(value_kind, value_text)) FROM (
     SELECT DISTINCT value_kind, value_text FROM touches
     WHERE prospect_id = ids.id AND value_kind <> 'none' AND direction = 'out')) AS sent,
  (SELECT json_array(at, value_text) FROM touches WHERE prospect_id = ids.id AND value_kind = 'debrief'
     ORDER BY at DESC, id DESC LIMIT 1) AS last_debrief,
  (SELECT json_array(at, channel, note, value_text) FROM touches WHERE prospect_id = ids.id
     AND direction = 'in' ORDER BY at DESC, id DESC LIMIT 1) AS last_in,
  (SELECT min(at) FROM touches WHERE prospect_id = ids.id) AS first_at
FROM ids`;

interface ExtrasRow {
  id: number;
  sent: string;
  last_debrief: string | null;
  last_in: string | null;
  first_at: string | null;
}

/**
 * Fills what only advice for outreach needs (values already sent, hints from history),
 * for the given digests, with one query for all of them.
 */
export function fillExtras(db: Db, digests: Digest[]): void {
  if (digests.length === 0) return;
  const byId = new Map(digests.map((d) => [d.prospect.id, d]));
  const rows = prep<[Record<string, unknown>], ExtrasRow>(db, EXTRAS_SQL).all({ ids: JSON.stringify([...byId.keys()]) });
  for (const r of rows) {
    const d = byId.get(r.id)!;
    d.sentValues = (JSON.parse(r.sent) as [ValueKind, string | null][]).map(([kind, text]) => ({ kind, text }) as Value);
    const deb = r.last_debrief ? (JSON.parse(r.last_debrief) as [string, string | null]) : null;
    const lin = r.last_in ? (JSON.parse(r.last_in) as [string, Channel, string | null, string | null]) : null;
    d.history = {
      lastDebrief: deb ? { at: deb[0], text: deb[1] } : null,
      lastBuyerMessage: lin ? { at: lin[0], channel: lin[1], note: lin[2], valueText: lin[3] } : null,
      unansweredChannels: d.history.unansweredChannels,
      firstTouchAt: r.first_at,
    };
  }
}
