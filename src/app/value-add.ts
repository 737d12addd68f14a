import type { ValueItem } from '../domain/types.js';
import type { Deps } from './deps.js';

export interface ValueAddOptions {
  title: string;
  url: string | null;
  tags: string[];
}

/** `cadence value add`: an item for the value library (a title already there, in any case, is refused by the store). */
export async function run(o: ValueAddOptions, deps: Deps): Promise<ValueItem> {
  const createdAt = deps.now.toISOString();
  const id = await deps.store.write((w) => w.addValueItem({ ...o, createdAt }));
  return (await deps.store.valueItems()).find((v) => v.id === id)!;
}
