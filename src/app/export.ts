import type { Deps } from './deps.js';
import type { StoreExport } from './store.js';

export interface ExportOptions {
  /** The touches by id (the JSON export), or by prospect, then time (the CSV's rows). */
  touchOrder: 'id' | 'prospect';
}

/** `cadence export`: everything, as one snapshot, handed to `write` to write out as it is read. */
export async function run(o: ExportOptions, deps: Deps, write: (data: StoreExport) => Promise<void>): Promise<void> {
  await deps.store.withExport(o.touchOrder, write);
}
