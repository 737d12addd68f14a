// A faster JSON.parse for exports written one record per line (cadence's own, and most
// tools' "JSON lines inside arrays"): each record line is parsed on its own, so a big file is
// never one giant string (V8 decodes and parses small strings faster, and the collector never
// has to move a giant one).
//
// It gives exactly what JSON.parse of the whole text gives, or undefined when it cannot be
// sure (then the caller parses the whole text, which also words any syntax error).

/** Marks a record's place in the skeleton; JSON text can only make "\u0000" with an escape. */
const MARK = '\u0000';

/**
 * `lines` is the text split at "\n" (a "\r" before it may remain). A line that is a complete
 * JSON object, with or without one trailing comma, is a record: it is parsed alone and stands
 * in the rest (the skeleton) as a placeholder string. Replacing one JSON value by another keeps
 * the text valid or invalid alike, so the skeleton parses exactly when the whole text does.
 */
export function parseJsonLines(lines: Iterable<string>): unknown {
  const skeleton: string[] = [];
  const records: unknown[] = [];
  for (const line of lines) {
    const r = recordLine(line);
    if (r) {
      skeleton.push(placeholder(records.length, r.comma));
      records.push(r.record);
      continue;
    }
    if (!skeletonLine(line)) return undefined;
    skeleton.push(line);
  }
  const doc = parseSkeleton(skeleton);
  if (doc === undefined) return undefined;
  if (records.length === 0) return doc;
  // Records only count where an export has them: directly in the top-level object's lists.
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  let placed = 0;
  for (const v of Object.values(doc)) {
    if (!Array.isArray(v)) continue;
    for (let i = 0; i < v.length; i++) {
      const n = placeholderNumber(v[i]);
      if (n === -1) continue;
      if (n !== placed) return undefined;
      v[i] = records[n];
      placed++;
    }
  }
  return placed === records.length ? doc : undefined;
}

/** The record on a line that is a complete JSON object, with or without one trailing comma. */
export function recordLine(line: string): { record: unknown; comma: boolean } | undefined {
  if (line.charCodeAt(firstNonBlank(line)) !== 0x7b /* { */) return undefined;
  line = line.trimEnd();
  const comma = line.endsWith(',');
  const record = tryParse(comma ? line.slice(0, -1) : line);
  return record === undefined ? undefined : { record, comma };
}

/** Record n's stand-in in the skeleton. */
export function placeholder(n: number, comma: boolean): string {
  return `"\\u0000${n}"${comma ? ',' : ''}`;
}

/**
 * Records first..last, on consecutive lines each ending in a comma but perhaps the last, as one
 * stand-in: such a run is valid JSON inside a list exactly when one value in its place is.
 */
export function runPlaceholder(first: number, last: number, comma: boolean): string {
  return `"\\u0000${first}-${last}"${comma ? ',' : ''}`;
}

/** The records a skeleton value stands for ([first, last]), or null when it is no run placeholder. */
export function runOf(x: unknown): [number, number] | null {
  if (typeof x !== 'string' || x.charCodeAt(0) !== 0) return null;
  const dash = x.indexOf('-');
  return dash === -1 ? null : [Number(x.slice(MARK.length, dash)), Number(x.slice(dash + 1))];
}

/** The record number a skeleton value stands for, or -1 when it is no placeholder. */
export function placeholderNumber(x: unknown): number {
  return typeof x === 'string' && x.charCodeAt(0) === 0 ? Number(x.slice(MARK.length)) : -1;
}

/** A line that can go into the skeleton as it is: a placeholder lookalike from the file itself would make the swap ambiguous. */
export function skeletonLine(line: string): boolean {
  return !line.includes('\\u0000');
}

/** The value a skeleton's text holds, or undefined when it is not valid JSON. */
export function parseSkeleton(skeleton: string[]): unknown {
  return tryParse(skeleton.join('\n'));
}

function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** The value a JSON text holds, or undefined when it is not valid JSON. */
function tryParse(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text);
    return v;
  } catch {
    return undefined;
  }
}
