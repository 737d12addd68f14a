import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { isCadenceHeader, planFromCadenceCsv } from '../../core/transfer/csv.js';
import { planFromCrm } from '../../core/transfer/crm.js';
import { planFromDoc, planFromJson } from '../../core/transfer/json.js';
import { parseJsonLines } from '../../core/transfer/json-lines.js';
import { NotLineShaped, streamExport } from '../../core/transfer/json-stream.js';
import { checkUnique, type ImportPlan } from '../../core/transfer/plan.js';
import { readCsv, type CsvRecord } from '../../core/transfer/rfc4180.js';
import { createWhole } from '../../store/create-whole.js';
import type { Db } from '../../store/open.js';
import { importPlan, importSource, type ImportCounts } from '../../store/transfer.js';
import type { Context } from '../context.js';
import { readHead, readLines, readText } from '../input-file.js';
import { progressBar } from '../render/progress.js';

export async function run(ctx: Context, [file]: string[], _opts: Record<string, unknown>): Promise<void> {
  const name = basename(file!);
  const nowIso = ctx.now.toISOString();
  // A missing or unreadable file is said plainly, before any "nothing was imported".
  const json = isJson(file!);
  let counts: ImportCounts;
  let warnings: string[] = [];
  try {
    if (json) counts = importJson(ctx, file!, nowIso);
    else {
      const plan = await planFromCsv(readText(file!), nowIso);
      checkUnique(plan);
      warnings = plan.warnings;
      counts = importWhole(ctx, plan);
    }
  } catch (e) {
    throw e instanceof UsageError ? nothingImported(name, e) : e;
  }
  for (const w of warnings) ctx.warn(`warning: ${name}, ${w}`);
  if (ctx.json) return ctx.printJson({ file: name, ...counts, warnings: warnings.length });
  const parts = [plural(counts.prospects, 'prospect'), plural(counts.touches, 'touch', 'touches')];
  if (counts.values) parts.push(plural(counts.values, 'library item'));
  ctx.out(`Imported ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)} from ${name}.`);
}

/**
 * A JSON export is written as it is read, record by record (see streamExport); a file that is
 * not one record a line, or has a mistake in it, is then read whole, which also words the
 * mistake exactly (the first pass wrote nothing: its transaction rolled back).
 */
function importJson(ctx: Context, file: string, nowIso: string): ImportCounts {
  const size = statSync(file).size;
  const bar = size > 1_000_000 ? progressBar('Importing', 'touches') : null;
  let read = 0;
  function* lines() {
    for (const line of readLines(file)) {
      read += line.length + 1;
      yield line;
    }
  }
  try {
    return writeInto(ctx, (db) => importSource(db, streamExport(lines(), nowIso), bar ? (n) => bar.update(n, read / size) : undefined));
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof NotLineShaped)) throw e;
  } finally {
    bar?.done();
  }
  return importWhole(ctx, planFromJsonFile(file, nowIso));
}

/** Imports a plan read whole. */
function importWhole(ctx: Context, plan: ImportPlan): ImportCounts {
  checkUnique(plan);
  const total = plan.touches.length;
  const bar = total + plan.prospects.length > 5_000 ? progressBar('Importing', 'touches') : null;
  try {
    return writeInto(ctx, (db) => importPlan(db, plan, bar ? (n) => bar.update(n, n / Math.max(total, 1), total) : undefined));
  } finally {
    bar?.done();
  }
}

/** Into the database, or into a new one put in place only when all of it is written (see createWhole). */
function writeInto(ctx: Context, fn: (db: Db) => ImportCounts): ImportCounts {
  if (!existsSync(ctx.dbPath)) {
    const made = createWhole(ctx.dbPath, fn);
    if (made) return made.result;
  }
  return fn(ctx.db(true));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function nothingImported(name: string, e: UsageError): UsageError {
  return new UsageError(`Cannot import ${name}: ${e.message.replace(/\.?$/, '.')} Nothing was imported.`);
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
