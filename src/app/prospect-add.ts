import type { Prospect, Stage } from '../domain/types.js';
import type { Deps } from './deps.js';

export interface ProspectAddOptions {
  name: string;
  company: string | null;
  email: string | null;
  stage: Stage;
  tags: string[];
}

/** `cadence prospect add`: a new prospect (a name already taken, in any case, is refused by the store). */
export async function run(o: ProspectAddOptions, deps: Deps): Promise<Prospect> {
  const createdAt = deps.now.toISOString();
  const id = await deps.store.write((w) => w.addProspect({ ...o, createdAt }));
  return (await deps.store.prospectById(id))!;
}
