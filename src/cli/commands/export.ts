import { run as exportAll } from '../../app/export.js';
import type { StoreExport } from '../../app/store.js';
import { CSV_COLUMNS, prospectCells, touchCells } from '../../domain/transfer/csv.js';
import { exportJson } from '../../domain/transfer/json.js';
import type { Context } from '../context.js';

export type ExportFormat = 'json' | 'csv';

export interface ExportFlags {
  /** Defaults to json. */
  format: ExportFormat;
}

/** Everything out, to stdout, in chunks (a million touches never sit in one string). */
export async function run(ctx: Context, _args: string[], flags: ExportFlags): Promise<void> {
  const csv = flags.format === 'csv';
  await exportAll({ touchOrder: csv ? 'prospect' : 'id' }, await ctx.deps(), async (data) => {
    if (csv) return exportCsv(ctx, data);
    for await (const chunk of exportJson(data)) ctx.write(chunk);
  });
}

const ROWS_PER_CHUNK = 5_000;

async function exportCsv(ctx: Context, data: StoreExport): Promise<void> {
  const { stringify } = await import('csv-stringify/sync');
  const { prospects } = data;
  const cells = new Map(prospects.map((p) => [p.id, prospectCells(p, p.companyMarkedAt)]));
  const touched = new Set<number>();
  let rows: unknown[][] = [];
  const flush = () => {
    // csv-stringify quotes a line feed but not a lone carriage return: quote that too.
    ctx.write(stringify(rows, { record_delimiter: 'unix', quoted_match: /\r/ }));
    rows = [];
  };
  rows.push([...CSV_COLUMNS]);
  // Touches come by prospect; a prospect without any gets one row of its own, in id order.
  let next = 0;
  const untouchedBefore = (id: number) => {
    for (; next < prospects.length && prospects[next]!.id < id; next++) {
      const p = prospects[next]!;
      if (!touched.has(p.id)) rows.push([...cells.get(p.id)!, ...touchCells(null)]);
    }
  };
  for await (const batch of data.touches) {
    for (const t of batch) {
      untouchedBefore(t.prospectId);
      touched.add(t.prospectId);
      rows.push([...cells.get(t.prospectId)!, ...touchCells(t)]);
    }
    if (rows.length >= ROWS_PER_CHUNK) flush();
  }
  untouchedBefore(Number.MAX_SAFE_INTEGER);
  flush();
}
