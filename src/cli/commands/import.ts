import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { run as importFile, type ImportOptions, type ImportWatch } from '../../app/import.js';
import { UsageError } from '../../domain/errors.js';
import { isCadenceHeader, planFromCadenceCsv } from '../../domain/transfer/csv.js';
import { planFromCrm } from '../../domain/transfer/crm.js';
import { planFromDoc, planFromJson } from '../../domain/transfer/json.js';
import { parseJsonLines } from '../../domain/transfer/json-lines.js';
import { streamExport } from '../../domain/transfer/json-stream.js';
import type { ImportPlan } from '../../domain/transfer/plan.js';
import { readCsv, type CsvRecord } from '../../domain/transfer/rfc4180.js';
import type { Context } from '../context.js';
import { readHead, readLines, readText } from '../input-file.js';
import { progressBar } from '../render/progress.js';

export async function run(ctx: Context, [file]: string[]): Promise<void> {
  const name = basename(file!);
  const nowIso = ctx.now.toISOString();
  // A missing or unreadable file is said plainly, before any "nothing was imported".
  const reading = isJson(file!) ? jsonReading(ctx, file!, nowIso) : csvReading(ctx, file!, nowIso);
  const counts = await importFile({ name, ...reading }, await ctx.deps());
  if (ctx.json) return ctx.printJson({ file: name, prospects: counts.prospects, touches: counts.touches, values: counts.values, warnings: counts.warnings });
  const parts = [plural(counts.prospects, 'prospect'), plural(counts.touches, 'touch', 'touches')];
  if (counts.values) parts.push(plural(counts.values, 'library item'));
  ctx.out(`Imported ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)} from ${name}.`);
}

type Reading = Omit<ImportOptions, 'name'>;

/**
 * A JSON export is written as it is read, record by record (see streamExport); the bar of a big
 * file follows the bytes read. Read whole (see planFromJsonFile), the bar follows the touches.
 */
function jsonReading(ctx: Context, file: string, nowIso: string): Reading {
  const size = statSync(file).size;
  let read = 0;
  function* lines() {
    for (const line of readLines(file)) {
      read += line.length + 1;
      yield line;
    }
  }
  return {
    stream: () => streamExport(lines(), nowIso),
    whole: async () => planFromJsonFile(file, nowIso),
    watch: bars(ctx, { big: size > 1_000_000, fraction: () => read / size }),
  };
}

function csvReading(ctx: Context, file: string, nowIso: string): Reading {
  return { whole: () => planFromCsv(readText(file), nowIso), watch: bars(ctx) };
}

/**
 * A progress bar on stderr for each pass that is big: a stream when the file is (its share is
 * `fraction`), a plan when it holds many rows (its share is the touches written).
 */
function bars(ctx: Context, stream?: { big: boolean; fraction: () => number }): ImportWatch {
  let bar: ReturnType<typeof progressBar> = null;
  const newBar = () => progressBar(ctx.io.stderr, Boolean(ctx.io.tty.stderr), 'Importing', 'touches');
  return {
    start(plan) {
      if (!plan) {
        const b = (bar = stream?.big ? newBar() : null);
        return b ? (n) => b.update(n, stream!.fraction()) : undefined;
      }
      const total = plan.touches.length;
      const b = (bar = total + plan.prospects.length > 5_000 ? newBar() : null);
      return b ? (n) => b.update(n, n / Math.max(total, 1), total) : undefined;
    },
    stop() {
      bar?.done();
      bar = null;
    },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** By extension; else by content: an export starts with "{". */
function isJson(file: string): boolean {
  const head = readHead(file);
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return false;
  return head.trimStart().startsWith('{');
}

/** Record by record when the file has one per line (any export of ours); else whole, which also words a syntax error. */
function planFromJsonFile(file: string, nowIso: string): ImportPlan {
  const doc = parseJsonLines(readLines(file));
  return doc === undefined ? planFromJson(readText(file), nowIso) : planFromDoc(doc, nowIso);
}

/** cadence's own CSV goes through the fast strict reader; a CRM's through csv-parse. */
async function planFromCsv(text: string, nowIso: string): Promise<ImportPlan> {
  if (!text.trim()) throw new UsageError('the file is empty.');
  const firstLine = text.slice(0, text.search(/\r?\n|$/)).replace(/^\ufeff/, '');
  if (isCadenceHeader(firstLine.split(',').map((h) => h.trim().replace(/^"|"$/g, '')))) {
    return planFromCadenceCsv(readCsv(text), nowIso);
  }
  return planFromCrm(await parseCrm(text, firstLine), nowIso);
}

async function parseCrm(text: string, firstLine: string): Promise<CsvRecord[]> {
  const { parse } = await import('csv-parse/sync');
  // European spreadsheets write ";"; tab-separated exports exist too. The header tells.
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  try {
    const rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    // info.lines is where a record ends; count back the line breaks inside its fields.
    return rows.map(({ record, info }) => ({
      fields: record,
      line: info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
    }));
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new UsageError(`${err.lines ? `line ${err.lines}: ` : ''}the CSV is malformed (${err.message.replace(/\.$/, '')}).`);
  }
}
