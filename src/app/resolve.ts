import { UsageError } from '../domain/errors.js';
import { closest, distance, nameKey } from '../domain/parse.js';
import type { Prospect } from '../domain/types.js';
import type { StoreReader } from './store.js';

/** SPEC: by name, case-insensitive; a number that is no prospect's name is an id. */
export async function resolveProspect(store: Pick<StoreReader, 'prospectByName' | 'prospectById' | 'prospectNames'>, ref: string): Promise<Prospect> {
  const typed = ref.trim();
  const byName = await store.prospectByName(typed);
  if (byName) return byName;
  if (/^\d+$/.test(typed)) {
    const byId = await store.prospectById(Number(typed));
    if (byId) return byId;
    // Digits are never a name (parseName refuses them), so suggesting to add one would mislead.
    throw new UsageError(`No prospect has the id ${typed} (or that name); 'cadence prospect list' shows the ids.`);
  }
  const names = await store.prospectNames();
  const near = closest(typed, names, 3).filter((n) => isClose(typed, n));
  const hint = near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ` Add it with 'cadence prospect add "${ref}"'.`;
  throw new UsageError(`No prospect named "${ref}".${hint}`);
}

/** A name worth suggesting for a mistyped one: it contains what was typed, or is a few typos away. */
function isClose(typed: string, name: string): boolean {
  const a = nameKey(typed);
  const b = nameKey(name);
  if (!a) return false;
  if (b.includes(a) || a.includes(b)) return true;
  const typos = Math.max(2, Math.floor(Math.min(a.length, b.length) / 3));
  return distance(a, b) <= typos || b.split(' ').some((word) => distance(a, word) <= Math.max(1, Math.floor(a.length / 4)));
}
