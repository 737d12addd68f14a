import { advise, decide, defaultChannel, type AdviseOptions, type Planned } from '../core/advice/index.js';
import { decisionsAhead } from '../core/advice/ahead.js';
import { adviceHorizon } from '../core/advice/horizon.js';
import type { Digest } from '../core/digest.js';
import { byName, mondayNineFrom, NextWeekLists, type NameRanks, type NextWeek } from '../core/summary.js';
import type { Advice, Channel, Value } from '../core/types.js';
import { barrageWindowMs, type Rules } from '../core/rules.js';
import { digestAt, digestsOfAllAt, digestsOfSomeAt } from '../store/digest.js';
import { prospectCount } from '../store/prospects.js';
import { listValueItems } from '../store/values.js';
import { memoRows, type Worked } from '../store/agenda-memo.js';
import { memoDerived, type MemoStretch } from '../store/verdict-memo.js';
import { ranksUnder } from '../store/name-order.js';
import { BUILD, VERSION } from './version.js';
import type { Context } from './context.js';

export interface PlannedFlags {
  at?: Date;
  channel?: Channel;
  value?: Value;
}

/** The advice for one prospect's planned touch (SPEC section 4). */
export function adviceFor(ctx: Context, prospectId: number, planned: PlannedFlags = {}): Advice {
  const db = ctx.db();
  const at = planned.at ?? ctx.now;
  const digest = digestAt(db, at, prospectId, barrageWindowMs(ctx.rules()))!;
  return advise({
    digest,
    planned: { at, channel: planned.channel ?? defaultChannel(digest), value: planned.value ?? { kind: 'none', text: null } },
    library: listValueItems(db),
    rules: ctx.rules(),
  });
}

/**
 * Every prospect's digest with the touch that advice for everyone plans (a bare check-in at
 * `at` on its usual channel), read with a fixed number of queries. `fn` keeps what the caller
 * shows: with 10,000 prospects, keeping every digest and every sentence costs more (memory,
 * and the collector's time) than working them out.
 */
export function plannedForAll<T>(ctx: Context, at: Date, fn: (digest: Digest, planned: Planned) => T, verdictOnly = false): T[] {
  const none: Value = { kind: 'none', text: null };
  const out: T[] = [];
  for (const digest of digestsOfAllAt(ctx.db(), at, barrageWindowMs(ctx.rules()), verdictOnly)) {
    out.push(fn(digest, { at, channel: defaultChannel(digest), value: none }));
  }
  return out;
}

/** Advice for every prospect at `at` (brief ones for a list, see AdviseOptions); `pick` keeps what the caller shows (see plannedForAll). */
export function adviceForAll<T>(ctx: Context, at: Date, pick: (advice: Advice, digest: Digest) => T, options: AdviseOptions = {}): T[] {
  const rules = ctx.rules();
  const library = listValueItems(ctx.db());
  return plannedForAll(ctx, at, (digest, planned) => pick(advise({ digest, planned, library, rules }, options), digest));
}

/**
 * Who is due in the week that starts at `at` and whose loop to close, the first `rows` of
 * each list (see NextWeekLists) with what to bring and why: everyone's verdict, and the
 * sentences only for the rows kept. Kept with the verdicts it comes from (verdict-memo.ts):
 * a summary run again decides only those whose log changed or whose verdict may have turned
 * since, and reads nothing more when none did.
 */
export function nextWeekFor(ctx: Context, at: Date, rows: number): NextWeek {
  const lists = new NextWeekLists(at, rows);
  const text = memoDerived(
    ctx.db(),
    { key: memoKey(at, ctx.rules()), at: at.toISOString(), weekEnd: lists.weekEnd, rows, variant: 'next-week', compareNames: byName },
    (ids) => decideSome(ctx, at, ids),
    (source) => {
      let ahead: NextWeek;
      if (source.kind === 'ordered') ahead = lists.ordered(source.due, source.loops, source.totals);
      else {
        source.walk((v) => lists.add(v));
        ahead = lists.result();
      }
      const advice = adviceForSome(ctx, at, new Set([...ahead.dueNextWeek, ...ahead.closeTheLoop].map((x) => x.prospectId)));
      for (const x of ahead.dueNextWeek) x.what = advice.get(x.prospectId)!.suggestions[0] ?? null;
      for (const x of ahead.closeTheLoop) x.detail = advice.get(x.prospectId)!.reasons[0]?.detail ?? null;
      return JSON.stringify(ahead);
    },
  );
  return JSON.parse(text) as NextWeek;
}

/**
 * The kept name order (store/name-order.ts), when it was made in the locale's order of now:
 * under the summary's key, which names the locale, as nextWeekFor at `at` left it.
 */
export function keptNameOrder(ctx: Context, at: Date): NameRanks {
  const key = memoKey(at, ctx.rules());
  return (ids) => ranksUnder(ctx.db(), key, ids);
}

/**
 * Everything the summary's kept verdicts and lists depend on besides the log and the instant
 * (each row says which instants it holds for): the rules, local time, the code, and the locale
 * that orders names (ICU's default: from the environment).
 */
function memoKey(at: Date, rules: Rules): string {
  const env = process.env;
  const collation = [env.LC_ALL, env.LC_COLLATE, env.LC_MESSAGES, env.LANG, process.versions.icu].map((x) => x ?? null);
  return JSON.stringify({ version: VERSION, build: BUILD, zone: zoneOf(at), collation, rules });
}

/**
 * The local time zone, by its rules around `at` rather than by name (Intl's name costs ~20 ms
 * to look up, and Date's is in the user's language): TZ as given, and its offsets on the 1st
 * and 15th of every month of this year and the last (which tells apart the dates clocks
 * change on), and in winter and summer of the years the rules look back over.
 */
function zoneOf(at: Date): unknown[] {
  const year = at.getFullYear();
  const offset = (y: number, m: number, d: number) => new Date(y, m, d).getTimezoneOffset();
  const recent = [year - 1, year].flatMap((y) => Array.from({ length: 24 }, (_, i) => offset(y, i >> 1, i % 2 ? 15 : 1)));
  const older = [-3, -2, 1].flatMap((n) => [offset(year + n, 0, 1), offset(year + n, 6, 1)]);
  return [process.env.TZ ?? null, recent, older, process.versions.tz ?? null];
}

/**
 * What `row` makes of each prospect's advice at `at` (brief, as `options` say), for a list
 * of everyone. Kept (agenda-memo.ts) until each row could read differently: looked at again
 * during the day, the list advises only the prospects whose log changed or whose moment came.
 * `variant` names what `row` and `options` make, and `row` must give plain JSON data.
 */
export function rowsForAll<R>(ctx: Context, at: Date, variant: string, row: (advice: Advice) => R, options: AdviseOptions): R[] {
  const rules = ctx.rules();
  const key = JSON.stringify({ version: VERSION, build: BUILD, variant, zone: zoneOf(at), rules });
  return memoRows(ctx.db(), key, at.toISOString(), (ids) => {
    const library = listValueItems(ctx.db());
    const out = new Map<number, Worked<R>>();
    plannedForSome(ctx, at, ids, (digest, planned) => {
      const decision = decide(digest, planned, rules);
      const advice = advise({ digest, planned, library, rules }, options, decision);
      out.set(digest.prospect.id, { row: row(advice), until: adviceHorizon(digest, planned, rules, decision).toISOString() });
    });
    return out;
  });
}

/** Below this many, digests one by one beat reading them together. */
const FEW = 20;

/**
 * plannedForAll for some prospects (`verdictOnly` as there): one by one for a few, else read
 * together: a set of ids, or a pass over everyone when that is most of them.
 */
function plannedForSome(ctx: Context, at: Date, ids: Iterable<number>, fn: (digest: Digest, planned: Planned) => void, verdictOnly = false): void {
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  const none: Value = { kind: 'none', text: null };
  const window = barrageWindowMs(ctx.rules());
  const db = ctx.db();
  let digests: Iterable<Digest>;
  if (wanted.length <= FEW) digests = wanted.map((id) => digestAt(db, at, id, window)!);
  else if (wanted.length < prospectCount(db) / 2) digests = digestsOfSomeAt(db, at, wanted, window, verdictOnly);
  else {
    const set = new Set(wanted);
    plannedForAll(ctx, at, (digest, planned) => set.has(digest.prospect.id) && fn(digest, planned), verdictOnly);
    return;
  }
  for (const digest of digests) fn(digest, { at, channel: defaultChannel(digest), value: none });
}

/** How many verdicts ahead are decided for each prospect: its log changes long before most run out. */
const AHEAD = 8;

/**
 * The verdicts of a planned bare check-in at `at`, and at the Mondays after it for as long as
 * each log stays as it is (see decisionsAhead). Digests are read for verdicts only (no values
 * sent, no history): enough because only a planned value makes the rules look at what was
 * sent (rule 15).
 */
function decideSome(ctx: Context, at: Date, ids: number[]): Map<number, MemoStretch[]> {
  const rules = ctx.rules();
  const out = new Map<number, MemoStretch[]>();
  plannedForSome(
    ctx,
    at,
    ids,
    (digest, planned) => {
      const stretches = decisionsAhead(digest, planned, rules, mondayNineFrom, AHEAD);
      out.set(
        digest.prospect.id,
        stretches.map(({ from, until, decision }) => ({
          verdict: decision.verdict,
          waitUntil: decision.waitUntil?.toISOString() ?? null,
          channel: planned.channel,
          from: from.toISOString(),
          until: until.toISOString(),
        })),
      );
    },
    true,
  );
  return out;
}

/** Advice at `at` for some prospects, as adviceForAll gives it. */
export function adviceForSome(ctx: Context, at: Date, ids: ReadonlySet<number>): Map<number, Advice> {
  const rules = ctx.rules();
  const library = listValueItems(ctx.db());
  const out = new Map<number, Advice>();
  plannedForSome(ctx, at, ids, (digest, planned) => out.set(digest.prospect.id, advise({ digest, planned, library, rules })));
  return out;
}
