import type { Digest, DncMark } from '../core/digest.js';
import type { Channel, Direction, Outcome, Stage, TouchFact, Value, ValueKind } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';

const DAY_MS = 86_400_000;
/**
 * A touch packed into one sortable string: text order is log order (at, then id),
 * so max() over packed touches picks the latest one without a second lookup.
 */
const PACK = "at || ' ' || printf('%012d', id) || ' ' || channel || ' ' || direction || ' ' || outcome || ' ' || value_kind";
/** Strictly after the latest response (every touch when there was none). */
const AFTER = '(at > b.lr_at OR id > b.lr_id)';
const OUT = "direction = 'out' AND channel <> 'social'";

/**
 * One statement computes every prospect's digest, so the agenda over 10,000 prospects
 * is one query. Per prospect it costs a handful of index seeks plus one index-only
 * pass over the touches since the latest response (the "tail", which the rules are
 * about): a prospect's cost does not grow with its history.
 */
const digestSql = (one: boolean) => `
WITH base AS MATERIALIZED (
  SELECT p.id, p.name, p.stage, p.company, p.dnc_at, cm.marked_at AS company_marked_at,
    (SELECT group_concat(tag, char(31)) FROM prospect_tags WHERE prospect_id = p.id) AS tags,
    (SELECT ${PACK} FROM touches WHERE prospect_id = p.id AND is_response = 1 ORDER BY at DESC, id DESC LIMIT 1) AS lr,
    (SELECT ${PACK} FROM touches WHERE prospect_id = p.id AND channel = 'social' AND at <= :t
       ORDER BY at DESC, id DESC LIMIT 1) AS ll,
    (SELECT min(at) FROM touches WHERE prospect_id = p.id AND outcome = 'do-not-contact'
       AND at >= coalesce(p.dnc_cleared_at, '')) AS dnc_touch_at,
    (SELECT at || ' ' || buyer_date FROM touches WHERE prospect_id = p.id AND buyer_date IS NOT NULL
       ORDER BY at DESC, id DESC LIMIT 1) AS bd_touch,
    (SELECT set_at || ' ' || coalesce(day, '-') FROM buyer_date_events WHERE prospect_id = p.id
       ORDER BY set_at DESC, id DESC LIMIT 1) AS bd_event
  FROM prospects p LEFT JOIN company_marks cm ON cm.company_key = p.company_key
  ${one ? 'WHERE p.id = :pid' : ''}
),
b0 AS MATERIALIZED (
  SELECT base.*,
    coalesce(substr(lr, 1, 24), '') AS lr_at, coalesce(CAST(substr(lr, 26, 12) AS INTEGER), 0) AS lr_id,
    -- The most recent setting wins; set directly beats named at a touch at the same instant.
    CASE WHEN bd_touch IS NULL OR substr(bd_event, 1, 24) >= substr(bd_touch, 1, 24) THEN bd_event ELSE bd_touch END AS bd,
    nullif(min(coalesce(dnc_at, '~'), coalesce(company_marked_at, '~'), coalesce(dnc_touch_at, '~')), '~') AS dnc_min
  FROM base
),
b AS MATERIALIZED (SELECT b0.*, CASE WHEN substr(bd, 26) = '-' THEN NULL ELSE substr(bd, 1, 24) END AS bd_set_at FROM b0),
tail AS MATERIALIZED (
  SELECT b.*, (
    SELECT json_array(
      max(${PACK}),
      max(${PACK}) FILTER (WHERE ${OUT}),
      count(*) FILTER (WHERE ${OUT} AND ${AFTER}),
      json_group_array(${PACK}) FILTER (WHERE ${OUT} AND ${AFTER} AND at > :week AND at <= :t),
      max(${PACK}) FILTER (WHERE value_kind = 'debrief' AND ${AFTER}),
      json_group_array(at || ' ' || channel) FILTER (WHERE ${OUT} AND ${AFTER}))
    FROM touches WHERE prospect_id = b.id AND at >= b.lr_at) AS agg
  FROM b
)
SELECT id, name, stage, company, tags, lr, ll, bd, company_marked_at, dnc_min,
  agg ->> 0 AS lt,
  coalesce(agg ->> 1, (SELECT ${PACK} FROM touches WHERE prospect_id = tail.id AND ${OUT}
    ORDER BY at DESC, id DESC LIMIT 1)) AS lo,
  agg ->> 2 AS unanswered,
  agg ->> 3 AS recent,
  agg ->> 4 AS debrief,
  agg ->> 5 AS streak,
  CASE WHEN dnc_min IS NULL THEN NULL ELSE
    (SELECT max(at) FROM touches WHERE prospect_id = tail.id AND direction = 'in' AND at > dnc_min) END AS buyer_after_dnc,
  CASE WHEN bd_set_at IS NULL THEN 0 ELSE
    EXISTS (SELECT 1 FROM touches WHERE prospect_id = tail.id AND direction = 'out' AND value_kind <> 'debrief'
      AND at > bd_set_at) END AS out_since_bd
FROM tail ORDER BY id`;

const DIGEST_ALL = digestSql(false);
const DIGEST_ONE = digestSql(true);

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
  company_marked_at: string | null;
  dnc_min: string | null;
  unanswered: number;
  recent: string;
  debrief: string | null;
  streak: string;
  buyer_after_dnc: string | null;
  out_since_bd: number;
}

function fact(packed: string | null): TouchFact | null {
  if (!packed) return null;
  const [at, , channel, direction, outcome, kind] = packed.split(' ') as [string, string, Channel, Direction, Outcome, ValueKind];
  return { at, channel, direction, outcome, kind };
}

function dncMark(r: DigestRow): DncMark | null {
  if (!r.dnc_min) return null;
  return { at: r.dnc_min, scope: r.company_marked_at === r.dnc_min ? 'company' : 'prospect' };
}

/** Channels of the unanswered streak in order of first use. */
function streakChannels(json: string): Channel[] {
  const seen: Channel[] = [];
  for (const item of (JSON.parse(json) as string[]).sort()) {
    const channel = item.split(' ')[1] as Channel;
    if (!seen.includes(channel)) seen.push(channel);
  }
  return seen;
}

function toDigest(r: DigestRow): Digest {
  // "<set_at> <day>", with "-" for a cleared date.
  const bd = r.bd ? ([r.bd.slice(25), r.bd.slice(0, 24)] as const) : null;
  return {
    prospect: { id: r.id, name: r.name, stage: r.stage, company: r.company, tags: r.tags ? r.tags.split('\u001f').sort() : [] },
    dnc: dncMark(r),
    buyerMessageAfterDnc: r.buyer_after_dnc,
    latestTouch: fact(r.lt),
    latestResponse: fact(r.lr),
    latestOutbound: fact(r.lo),
    latestLightBeforeT: fact(r.ll),
    unanswered: Number(r.unanswered ?? 0),
    recentUnanswered: r.recent ? (JSON.parse(r.recent) as string[]).sort().map((p) => fact(p)!) : [],
    debriefSinceResponse: fact(r.debrief),
    // A cleared buyer date is an event with no day.
    buyerDate: bd && bd[0] !== '-' ? { date: bd[0], setAt: bd[1] } : null,
    outboundSinceBuyerDate: bd && bd[0] !== '-' ? r.out_since_bd === 1 : false,
    sentValues: [],
    history: {
      lastDebrief: null,
      lastBuyerMessage: null,
      unansweredChannels: r.streak ? streakChannels(r.streak) : [],
      firstTouchAt: null,
    },
  };
}

/**
 * Digests as of T: of one prospect, or of all (ordered by id) when prospectId is null.
 * `windowMs` is how far back recentUnanswered reaches (barrageWindowMs of the rules).
 */
export function digestsAt(db: Db, T: Date, prospectId: number | null, windowMs = 7 * DAY_MS): Digest[] {
  const params: Record<string, unknown> = { t: T.toISOString(), week: new Date(T.getTime() - windowMs).toISOString() };
  if (prospectId !== null) params.pid = prospectId;
  const rows = prep<[Record<string, unknown>], DigestRow>(db, prospectId === null ? DIGEST_ALL : DIGEST_ONE).all(params);
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
