import type { ValueItem } from '../domain/types.js';
import type { Deps } from './deps.js';

/** Nothing to choose: the whole library. */
export type ValueListOptions = Record<string, never>;

/** `cadence value list`: the library, newest first. */
export async function run(_o: ValueListOptions, deps: Deps): Promise<ValueItem[]> {
  return deps.store.valueItems();
}
