import type { Deps } from './deps.js';
import type { StoreExport } from './store.js';

export interface ExportOptions {
  /** The touches by id (the JSON export), or by prospect, then time (the CSV's rows). */
  touchOrder: 'id' | 'prospect';
}

/** `cadence export`: everything, read as it is written out. */
export async function run(o: ExportOptions, deps: Deps): Promise<StoreExport> {
  return deps.store.exportData(o.touchOrder);
}
