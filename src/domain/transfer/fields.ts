// Field checks shared by the importers. Each throws a UsageError whose message the
// importer prefixes with the row ("touches[41]: ...", "line 7: ...").
import { UsageError } from '../errors.js';
import { cleanText, parseDateTime, parseEnum, parseName, parseTag } from '../parse.js';

/** The form every export writes; checked without the general parser (a million of them). */
const CANON = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

export function prefixed<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${where}: ${e.message}`);
    throw e;
  }
}

/** A moment, normalised to UTC ISO with milliseconds (the store's text order is time order). */
export function datetime(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v.trim()) {
    throw new UsageError(`${what} must be a datetime such as 2026-03-02T10:00:00.000Z, not ${show(v)}.`);
  }
  if (v.length === 24 && CANON.test(v) && realMoment(v)) return v;
  return parseDateTime(v, what).toISOString();
}

const DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Field ranges of a canonical timestamp, by arithmetic: it runs for every touch of an import, and Date.parse is slow for that. */
function realMoment(v: string): boolean {
  const n = (i: number) => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;
  const y = n(0) * 100 + n(2);
  const m = n(5);
  const d = n(8);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 && leap ? 29 : (DAYS_IN[m - 1] ?? 0);
  return m >= 1 && d >= 1 && d <= days && n(11) <= 23 && n(14) <= 59 && n(17) <= 59;
}

export function optionalDatetime(v: unknown, what: string): string | null {
  return v === null || v === undefined || v === '' ? null : datetime(v, what);
}

/** A calendar day, YYYY-MM-DD, that exists. */
export function day(v: unknown, what: string): string {
  if (typeof v !== 'string' || !DAY.test(v)) throw new UsageError(`${what} must be a date such as 2026-03-15, not ${show(v)}.`);
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new UsageError(`${what} ${v} is not a real date.`);
  return v;
}

export function optionalDay(v: unknown, what: string): string | null {
  return v === null || v === undefined || v === '' ? null : day(v, what);
}

export function enumField<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  if (typeof v !== 'string') throw new UsageError(`${what} must be one of ${allowed.join(', ')}, not ${show(v)}.`);
  return parseEnum(v, allowed, what);
}

export function optionalText(v: unknown, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new UsageError(`${what} must be text, not ${show(v)}.`);
  return cleanText(v, what) || null;
}

export function name(v: unknown, what = 'name'): string {
  if (v === null || v === undefined || v === '') throw new UsageError(`the ${what} is missing; every prospect needs one.`);
  if (typeof v !== 'string') throw new UsageError(`the ${what} must be text, not ${show(v)}.`);
  return parseName(v, what);
}

export function tags(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new UsageError(`tags must be a list of words, not ${show(v)}.`);
  return [...new Set(v.map((t) => (typeof t === 'string' ? parseTag(t) : badTag(t))))].sort();
}

function badTag(t: unknown): never {
  throw new UsageError(`a tag must be a word, not ${show(t)}.`);
}

export function optionalId(v: unknown, what: string): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number of at least 1, not ${show(v)}.`);
  return n;
}
