// Small text helpers for reasons, suggestions and drafts (the dates are in ../time.ts).

export { formatDay, formatMoment } from '../time.js';

/** "1 touch" / "3 touches". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "email", "email and call", "email, call and linkedin". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Keeps the first `max` words, so user text cannot blow up a detail or a draft. */
export function clip(text: string, max: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= max) return words.join(' ');
  return `${words.slice(0, max).join(' ')}...`;
}

/** Drops a trailing full stop so the text can sit inside a sentence of ours. */
export function bare(text: string): string {
  return text.trim().replace(/[.!\s]+$/, '');
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A prospect name as it must be typed in a shell command. */
export function shellName(name: string): string {
  return /^[\w.@+-]+$/.test(name) ? name : `"${name.replace(/["\\$`]/g, '\\$&')}"`;
}

export function sameText(a: string | null, b: string | null): boolean {
  return norm(a) === norm(b);
}

export function norm(s: string | null): string {
  if (!s) return '';
  // Plain titles (the common case) skip the regular expression.
  return (/[^\S ]| {2}/.test(s) ? s.trim().replace(/\s+/g, ' ') : s.trim()).toLowerCase();
}

/** `"text".` as the end of a sentence, without doubling a question or exclamation mark. */
export function quoted(text: string): string {
  return /[?!]$/.test(text) ? `"${text}"` : `"${text}".`;
}
