import type { Deps } from './deps.js';

/** Nothing to choose: every name. */
export type CompletionNamesOptions = Record<string, never>;

/**
 * What a completion script asks for at completion time: every prospect's name, in the
 * store's name order. A missing database reads as an empty one: no names, and nothing created.
 */
export async function run(_o: CompletionNamesOptions, deps: Deps): Promise<string[]> {
  return deps.store.prospectNames();
}
