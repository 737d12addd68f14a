import type { Advice } from '../domain/types.js';
import { adviceFor, type PlannedFields } from './coach.js';
import type { Deps } from './deps.js';
import { resolveProspect } from './resolve.js';

export interface NextOptions extends PlannedFields {
  prospect: string;
}

/** `cadence next`: scores the planned touch and advises. */
export async function run(o: NextOptions, deps: Deps): Promise<Advice> {
  const rules = deps.rules();
  const p = await resolveProspect(deps.store, o.prospect);
  return adviceFor(deps.store, rules, p.id, deps.now, o);
}
