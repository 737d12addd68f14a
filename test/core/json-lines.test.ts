import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/cli/input-file.js';
import { exported } from './exported.js';
import { parseJsonLines } from '../../src/domain/transfer/json-lines.js';

const lines = (text: string) => text.split('\n');

// Records with the awkward parts of real data: quotes, braces and commas inside strings, unicode.
const text = fc.oneof(fc.string(), fc.constantFrom('{"a": 1},', '}, {', '\\u0000', 'Ærøskøbing', '😀 "x"', ''));
const record = fc.record({ id: fc.nat(), name: text, tags: fc.array(text, { maxLength: 3 }), note: fc.option(text) });
const docArb = fc.record({
  version: fc.constant(1),
  prospects: fc.array(record, { maxLength: 6 }),
  touches: fc.array(record, { maxLength: 6 }),
});

/** A document one record per line, as cadence and most tools write it. */
function perLine(doc: { version: number; prospects: unknown[]; touches: unknown[] }, indent: string): string {
  const list = (xs: unknown[]) => xs.map((x) => `${indent}${JSON.stringify(x)}`).join(',\n');
  return `{\n"version": ${doc.version},\n"prospects": [\n${list(doc.prospects)}\n],\n"touches": [\n${list(doc.touches)}\n]\n}\n`;
}

describe('parseJsonLines', () => {
  it('gives what JSON.parse gives for a file with a record per line, or for any other layout', () => {
    fc.assert(
      fc.property(docArb, fc.constantFrom('', '    ', '\t'), (doc, indent) => {
        const layout = perLine(doc, indent);
        expect(parseJsonLines(lines(layout))).toEqual(JSON.parse(layout));
        // Other layouts: parsed the same, or left to the whole-text parse (undefined).
        for (const other of [JSON.stringify(doc), JSON.stringify(doc, null, 2), layout.replace(/\n/g, '\r\n')]) {
          const got = parseJsonLines(lines(other));
          if (got !== undefined) expect(got).toEqual(JSON.parse(other));
        }
      }),
    );
  });

  it('reads cadence\'s own export layout record by record', async () => {
    const data = {
      prospects: [{ id: 1, name: 'Zoë "Z" O\'Neil', company: null, email: null, stage: 'lead' as const, tags: [], createdAt: '2026-01-01T00:00:00.000Z', doNotContactAt: null, doNotContactClearedAt: null, buyerDates: [], stageHistory: [] }],
      touches: [],
      values: [],
      companyMarks: [],
    };
    const text = await exported(data);
    expect(parseJsonLines(lines(text))).toEqual(JSON.parse(text));
  });

  it('is undefined for text that is not valid JSON, so the whole-text parse can word the error', () => {
    expect(parseJsonLines(lines('{"version": 1,\n"prospects": [\n{"id": 1},\n{"id": 2},\n'))).toBeUndefined();
    expect(parseJsonLines(lines('{"version": 1,\n"prospects": [\n{"id": 1}\n{"id": 2}\n]}'))).toBeUndefined();
    expect(parseJsonLines(lines(''))).toBeUndefined();
  });

  it('never takes a string of the file for a record', () => {
    const tricky = '{"version": 1, "names": ["\\u00000"],\n"prospects": [\n{"id": 1}\n]}';
    const got = parseJsonLines(lines(tricky));
    if (got !== undefined) expect(got).toEqual(JSON.parse(tricky));
    // A record line nested deeper than a top-level list is not where an export keeps records.
    const nested = '{"version": 1, "prospects": [{"buyerDates": [\n{"day": null}\n]}]}';
    const n = parseJsonLines(lines(nested));
    if (n !== undefined) expect(n).toEqual(JSON.parse(nested));
  });
});

describe('readLines', () => {
  it('splits a file into its lines across buffer refills, whole characters and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadence-lines-'));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 16 }), (ls, chunk) => {
        const file = join(dir, 'f.json');
        const text = ls.join('\n');
        writeFileSync(file, `\ufeff${text}`);
        expect([...readLines(file, chunk)]).toEqual(text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === '')));
      }),
    );
  });
});
