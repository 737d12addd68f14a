import type { Digest, DncMark } from '../core/digest.js';
import type { Channel, Direction, Outcome, Stage, TouchFact, Value, ValueKind } from '../core/types.js';
import type { Db } from './open.js';
import { prep } from './prepare.js';
import { computeStates, PACK, STATE_COLUMNS, type StateRow } from './state.js';

const DAY_MS = 86_400_000;
/** Address space only: the kernel pages in what is read. */
const MMAP_BYTES = 1 << 30;

/**
 * Every prospect (or one, or some) with its stored state; `fresh` is null where the state is
 * missing or stale (only inside a write transaction, before write() refreshes it).
 */
const readSql = (which: 'all' | 'one' | 'some', lean = false) => `
SELECT p.id, p.name, p.stage, p.company, p.dnc_at, cm.marked_at AS company_marked_at,
  (SELECT group_concat(tag, char(31)) FROM prospect_tags WHERE prospect_id = p.id) AS tags,
  CASE WHEN x.prospect_id IS NULL THEN s.prospect_id END AS fresh, ${lean ? LEAN_COLUMNS : STATE_COLUMNS.replace('prospect_id, ', '')}
FROM prospects p
LEFT JOIN prospect_state s ON s.prospect_id = p.id
LEFT JOIN prospect_stale x ON x.prospect_id = p.id
LEFT JOIN company_marks cm ON cm.company_key = p.company_key
${which === 'one' ? 'WHERE p.id = :pid' : which === 'some' ? 'WHERE p.id IN (SELECT value FROM json_each(:ids))' : ''}
ORDER BY p.id`;

/** The state columns a verdict reads; the rest (values sent, last words: over half the bytes) read as NULL. */
const LEAN_COLUMNS = 'lr, lt, lo, ll, unanswered, debrief, streak, bd, dnc_touch_at, out_since_bd, NULL, NULL, last_in, NULL';

const READ_ALL = readSql('all');
const READ_LEAN = readSql('all', true);
const READ_ONE = readSql('one');
const READ_SOME = readSql('some');
const READ_SOME_LEAN = readSql('some', true);

/** Outbound, non-light touches in (week, T]: the candidates for the barrage window. */
const RECENT_ALL = `SELECT prospect_id, ${PACK} FROM touches
  WHERE at > :week AND at <= :t AND direction = 'out' AND channel <> 'social' ORDER BY at, id`;
const RECENT_ONE = `SELECT prospect_id, ${PACK} FROM touches
  WHERE prospect_id = :pid AND at > :week AND at <= :t AND direction = 'out' AND channel <> 'social' ORDER BY at, id`;
const LIGHT_BEFORE = `SELECT ${PACK} AS packed FROM touches WHERE prospect_id = ? AND channel = 'social' AND at <= ?
  ORDER BY at DESC, id DESC LIMIT 1`;
const SENT_ONE = `SELECT json_group_array(json_array(value_kind, value_text)) AS sent FROM (
  SELECT DISTINCT value_kind, value_text FROM touches WHERE prospect_id = ? AND value_kind <> 'none' AND direction = 'out')`;

type Row = Omit<StateRow, 'prospect_id'> & {
  id: number;
  name: string;
  stage: Stage;
  company: string | null;
  dnc_at: string | null;
  company_marked_at: string | null;
  tags: string | null;
  fresh: number | null;
};

/** Names the columns of readSql, in its order (the digest property test fails on a mismatch). */
function rowOf(v: unknown[]): Row {
  return {
    id: v[0], name: v[1], stage: v[2], company: v[3], dnc_at: v[4], company_marked_at: v[5], tags: v[6], fresh: v[7],
    lr: v[8], lt: v[9], lo: v[10], ll: v[11], unanswered: v[12], debrief: v[13], streak: v[14], bd: v[15],
    dnc_touch_at: v[16], out_since_bd: v[17], sent_lib: v[18], last_debrief: v[19], last_in: v[20], first_at: v[21],
  } as Row;
}

function fact(packed: string | null): TouchFact | null {
  if (!packed) return null;
  const [at, , channel, direction, outcome, kind] = packed.split(' ') as [string, string, Channel, Direction, Outcome, ValueKind];
  return { at, channel, direction, outcome, kind };
}

/** The earliest mark in force: the prospect's flag, its company's, or a "no" the buyer gave. */
function dncMark(r: Row): DncMark | null {
  let at: string | null = null;
  for (const x of [r.dnc_at, r.company_marked_at, r.dnc_touch_at]) if (x !== null && (at === null || x < at)) at = x;
  if (at === null) return null;
  return { at, scope: r.company_marked_at === at ? 'company' : 'prospect' };
}

/** "insight:3,resource:17" as values with the library's titles; one shared object per pair (they are read, never changed). */
function libraryValues(list: string | null, library: Library): Value[] {
  if (!list) return [];
  const out: Value[] = [];
  for (const pair of list.split(',')) {
    let v = library.values.get(pair);
    if (v === undefined) {
      const [kind, id] = pair.split(':') as [ValueKind, string];
      const title = library.titles.get(Number(id));
      library.values.set(pair, (v = title === undefined ? null : { kind, text: title }));
    }
    if (v) out.push(v);
  }
  return out;
}

interface Library {
  titles: Map<number, string>;
  values: Map<string, Value | null>;
}

/** In JavaScript's order: SQLite lists a prospect's tags in byte order, which is nearly always the same, and most have one or two. */
function sorted(tags: string[]): string[] {
  for (let i = 1; i < tags.length; i++) if (tags[i - 1]! > tags[i]!) return tags.sort();
  return tags;
}

/** The latest buyer message of all (`[at, ...]`, from the state), if it came after `mark`: then it is the latest after the mark. */
function latestAfter(lastIn: readonly [string, ...unknown[]] | null, mark: string): string | null {
  return lastIn && lastIn[0] > mark ? lastIn[0] : null;
}

/** A digest read for verdicts only (see digestsOfAllAt) has no values sent and no history: reading them is a bug. */
function leftOut(): never {
  throw new Error('a digest read for verdicts only has no values sent and no history');
}
const NO_HISTORY: Digest['history'] = {
  get lastDebrief() {
    return leftOut();
  },
  get lastBuyerMessage() {
    return leftOut();
  },
  get unansweredChannels() {
    return leftOut();
  },
  get firstTouchAt() {
    return leftOut();
  },
};

function toDigest(db: Db, r: Row, tIso: string, recent: string[] | undefined, library: Library | null, lean: boolean): Digest {
  // "<set_at> <day>", with "-" for a cleared date.
  const bd = r.bd ? ([r.bd.slice(25), r.bd.slice(0, 24)] as const) : null;
  const dnc = dncMark(r);
  let ll = r.ll;
  // The state holds the latest light touch of all; one logged after T needs a look back.
  if (ll !== null && ll.slice(0, 24) > tIso) ll = prep<[number, string], { packed: string }>(db, LIGHT_BEFORE).get(r.id, tIso)?.packed ?? null;
  let sent: Value[] | undefined;
  let deb: [string, string | null] | null | undefined;
  let lin: [string, Channel, string | null, string | null] | null | undefined;
  const lastIn = () => (lin ??= r.last_in ? (JSON.parse(r.last_in) as [string, Channel, string | null, string | null]) : null);
  // Values sent and the last words are read only by suggestions and drafts, which most of
  // 10,000 prospects never get: they are parsed when first asked for.
  return {
    prospect: { id: r.id, name: r.name, stage: r.stage, company: r.company, tags: r.tags ? sorted(r.tags.split('\u001f')) : [] },
    dnc,
    buyerMessageAfterDnc: dnc ? latestAfter(lastIn(), dnc.at) : null,
    latestTouch: fact(r.lt),
    latestResponse: fact(r.lr),
    latestOutbound: fact(r.lo),
    latestLightBeforeT: fact(ll),
    unanswered: Number(r.unanswered ?? 0),
    // Packed text order is log order: after the latest response means greater than it.
    recentUnanswered: (recent ?? []).filter((p) => r.lr === null || p > r.lr).map((p) => fact(p)!),
    debriefSinceResponse: fact(r.debrief),
    // A cleared buyer date is an event with no day.
    buyerDate: bd && bd[0] !== '-' ? { date: bd[0], setAt: bd[1] } : null,
    outboundSinceBuyerDate: bd && bd[0] !== '-' ? r.out_since_bd === 1 : false,
    get sentValues() {
      if (lean) leftOut();
      return (sent ??= library
        ? libraryValues(r.sent_lib, library)
        : (JSON.parse(prep<[number], { sent: string }>(db, SENT_ONE).get(r.id)!.sent) as [ValueKind, string | null][]).map(
            ([kind, text]) => ({ kind, text }) as Value,
          ));
    },
    history: lean ? NO_HISTORY : {
      get lastDebrief() {
        deb ??= r.last_debrief ? (JSON.parse(r.last_debrief) as [string, string | null]) : null;
        return deb ? { at: deb[0], text: deb[1] } : null;
      },
      get lastBuyerMessage() {
        const lin = lastIn();
        return lin ? { at: lin[0], channel: lin[1], note: lin[2], valueText: lin[3] } : null;
      },
      unansweredChannels: r.streak ? (r.streak.split(',') as Channel[]) : [],
      firstTouchAt: r.first_at,
    },
  };
}

/** The digest of one prospect as of T; see digestsOfAllAt for the others. */
export function digestAt(db: Db, T: Date, prospectId: number, windowMs = 7 * DAY_MS): Digest | undefined {
  return [...digests(db, T, prospectId, windowMs, false)][0];
}

/**
 * The digests of every prospect as of T, by id, one at a time (so a caller that keeps
 * only what it shows never holds 10,000 of them). A fixed number of queries whatever the
 * number of prospects or touches: the stored states, and the outbound touches of the window.
 * These hold in sentValues only the values that are library titles (with the library's
 * spelling): enough for advice on a planned bare check-in (its suggestions), which is what
 * advice for everyone plans. `verdictOnly` leaves out what only sentences read (the values
 * sent and the history: over half of the bytes), for a caller that only decides verdicts.
 */
export function digestsOfAllAt(db: Db, T: Date, windowMs = 7 * DAY_MS, verdictOnly = false): Iterable<Digest> {
  return digests(db, T, null, windowMs, verdictOnly);
}

/** digestsOfAllAt for the prospects with these ids (those there are), by id: for a part of a big book. */
export function digestsOfSomeAt(db: Db, T: Date, ids: readonly number[], windowMs = 7 * DAY_MS, verdictOnly = false): Iterable<Digest> {
  return digests(db, T, ids, windowMs, verdictOnly);
}

/** `windowMs` is how far back recentUnanswered reaches (barrageWindowMs of the rules). */
function* digests(db: Db, T: Date, which: number | readonly number[] | null, windowMs: number, lean: boolean): Generator<Digest> {
  const params: Record<string, unknown> = { t: T.toISOString(), week: new Date(T.getTime() - windowMs).toISOString() };
  const one = typeof which === 'number';
  if (one) params.pid = which;
  const recent = new Map<number, string[]>();
  for (const [pid, packed] of prep<[Record<string, unknown>], [number, string]>(db, one ? RECENT_ONE : RECENT_ALL)
    .raw(true)
    .all(params)) {
    const list = recent.get(pid);
    if (list) list.push(packed);
    else recent.set(pid, [packed]);
  }
  const tIso = T.toISOString();
  const library: Library | null = one || lean
    ? null
    : { titles: new Map(prep<[], [number, string]>(db, 'SELECT id, title FROM value_items').raw(true).all()), values: new Map() };
  // Row by row, as arrays: holding 10,000 rows, or having better-sqlite3 name each field
  // through V8's API, costs more than the query; rowOf names them in one literal.
  const sql = one ? READ_ONE : which === null ? (lean ? READ_LEAN : READ_ALL) : lean ? READ_SOME_LEAN : READ_SOME;
  const rows = prep<[Record<string, unknown>], unknown[]>(db, sql).raw(true);
  // Everyone's states are read through a memory map: ~80 ms less for 10,000 prospects than a
  // read() and a copy per page. Only for this read, by the commands that list everyone: a
  // mapped file that shrinks under a reader (overwritten while in use, or a read error on a
  // network disk) ends the process with SIGBUS instead of an error SQLite could report.
  const everyone = which === null;
  if (everyone) db.pragma(`mmap_size = ${MMAP_BYTES}`);
  try {
    for (const values of rows.iterate(one ? { pid: which } : everyone ? {} : { ids: JSON.stringify(which) })) {
      const r = rowOf(values);
      // Stale only inside a write transaction, before write() refreshes it.
      if (r.fresh === null) Object.assign(r, computeStates(db, [r.id])[0]);
      yield toDigest(db, r, tIso, recent.get(r.id), library, lean);
    }
  } finally {
    if (everyone) db.pragma('mmap_size = 0');
  }
}
