// A faster JSON.parse for exports written one record per line (cadence's own, and most
// tools' "JSON lines inside arrays"): each record line is parsed on its own, so a file of a
// million touches is never one 200 MB string (V8 decodes and parses small strings several
// times faster, and the collector never has to move a giant one).
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
  for (let line of lines) {
    const start = firstNonBlank(line);
    if (line.charCodeAt(start) === 0x7b /* { */) {
      line = line.trimEnd();
      const comma = line.endsWith(',');
      const record = tryParse(comma ? line.slice(0, -1) : line);
      if (record !== undefined) {
        skeleton.push(`"\\u0000${records.length}"${comma ? ',' : ''}`);
        records.push(record);
        continue;
      }
    }
    // A placeholder lookalike from the file itself would make the swap ambiguous.
    if (line.includes('\\u0000')) return undefined;
    skeleton.push(line);
  }
  const doc = tryParse(skeleton.join('\n'));
  if (doc === undefined) return undefined;
  if (records.length === 0) return doc;
  // Records only count where an export has them: directly in the top-level object's lists.
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  let placed = 0;
  for (const v of Object.values(doc)) {
    if (!Array.isArray(v)) continue;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'string' || x.charCodeAt(0) !== 0) continue;
      const n = Number(x.slice(MARK.length));
      if (n !== placed) return undefined;
      v[i] = records[n];
      placed++;
    }
  }
  return placed === records.length ? doc : undefined;
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
