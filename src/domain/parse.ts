import { UsageError } from './errors.js';
import type { Value, ValueKind } from './types.js';
import { VALUE_KINDS } from './types.js';
import { localDay, MINUTE_MS } from './time.js';

export { localDay, startOfLocalDay } from './time.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the spec's ISO 8601 forms. Without a zone the moment is local time (env TZ).
 * Impossible dates (2026-02-30, 25:00) are rejected rather than rolled over.
 */
export function parseDateTime(input: string, what = 'date'): Date {
  const m = ISO.exec(input.trim());
  if (!m) {
    throw new UsageError(
      `${what} "${input}" is not a date; use ISO 8601 such as 2026-03-15, 2026-03-15T14:30 or 2026-03-15T14:30:00Z.`,
    );
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))] as const;
  if (zone && !m[4]) throw new UsageError(`${what} "${input}" has a zone but no time; write 2026-03-15T00:00Z or just 2026-03-15.`);
  let date: Date;
  let check: Date;
  if (zone) {
    const utc = Date.UTC(...parts);
    check = new Date(utc);
    date = new Date(utc - zoneOffsetMinutes(zone, input, what) * MINUTE_MS);
    if (!sameParts(check, parts, true)) throw impossible(input, what);
  } else {
    date = new Date(...parts);
    if (!sameParts(date, parts, false)) {
      // A local time skipped by a DST jump is still a real calendar time; only reject real impossibilities.
      check = new Date(Date.UTC(...parts));
      if (!sameParts(check, parts, true)) throw impossible(input, what);
    }
  }
  if (Number.isNaN(date.getTime())) throw impossible(input, what);
  return date;
}

/** A calendar date as YYYY-MM-DD (the buyer's "after the 15th"); a datetime keeps its local date. */
export function parseDay(input: string, what = 'date'): string {
  const d = parseDateTime(input, what);
  return localDay(d);
}

function impossible(input: string, what: string): UsageError {
  return new UsageError(`${what} "${input}" is not a real date or time; check the day of the month and the hour.`);
}

function sameParts(d: Date, p: readonly number[], utc: boolean): boolean {
  const got = utc
    ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return got.every((v, i) => v === p[i]);
}

function zoneOffsetMinutes(zone: string, input: string, what: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2));
  if (h > 23 || m > 59) throw impossible(input, what);
  return sign * (h * 60 + m);
}

/** Case-insensitive enum lookup with a did-you-mean. */
export function parseEnum<T extends string>(input: string, allowed: readonly T[], what: string, flag?: string): T {
  const v = input.trim().toLowerCase();
  const hit = allowed.find((a) => a === v);
  if (hit) return hit;
  const near = closest(v, allowed, 1)[0];
  const hint = near && distance(v, near) <= 3 ? ` Did you mean "${near}"?` : '';
  throw new UsageError(
    `${flag ? `${flag} ` : ''}"${input}" is not a ${what}; use one of ${allowed.join(', ')}.${hint}`,
  );
}

/** `KIND` or `KIND:text`, e.g. "resource:Benchmark report on churn". */
export function parseValue(input: string): Value {
  const i = input.indexOf(':');
  const kindPart = i < 0 ? input : input.slice(0, i);
  const kind = parseEnum<ValueKind>(kindPart, VALUE_KINDS, 'value kind', '--value');
  const text = i < 0 ? null : cleanText(input.slice(i + 1));
  if (kind === 'none' && text) {
    throw new UsageError(`--value "${input}": a "none" value carries no text; drop the text or pick a kind such as insight or resource.`);
  }
  return { kind, text: text || null };
}

/** Trims and rejects control characters that would garble the terminal or the CSV. */
export function cleanText(input: string, what = 'text'): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(input)) {
    throw new UsageError(`The ${what} contains control characters; type it again as plain text.`);
  }
  return input.trim();
}

export function parseName(input: string, what = 'prospect name'): string {
  const name = cleanText(input, what).replace(/\s+/g, ' ').normalize('NFC');
  if (!name) throw new UsageError(`The ${what} is empty; give a name such as "Dana Reyes".`);
  if (name.length > 200) throw new UsageError(`The ${what} is ${name.length} characters long; keep it under 200.`);
  if (/^\d+$/.test(name)) throw new UsageError(`The ${what} "${name}" is only digits, which cadence reads as an id; add a word.`);
  return name;
}

export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en-US');
}

export function parseTag(input: string): string {
  const tag = cleanText(input, 'tag').toLowerCase();
  if (!tag || /[\s,]/.test(tag)) throw new UsageError(`Tag "${input}" must be one word without spaces or commas, such as saas.`);
  return tag;
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function closest<T extends string>(input: string, candidates: readonly T[], n = 3): T[] {
  const key = input.toLowerCase();
  return [...candidates]
    .map((c) => ({ c, d: c.toLowerCase().includes(key) && key ? 0 : distance(key, c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.c);
}
