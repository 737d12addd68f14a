import { UsageError } from '../domain/errors.js';
import type { Prospect, Touch } from '../domain/types.js';
import type { Deps } from './deps.js';

export interface TouchRmOptions {
  id: number;
  /** Confirmed already (--yes): nothing is asked. */
  yes: boolean;
  /** The touch as the question and the refusal name it ("#12 for Dana Reyes: email out, sent, Mon 2 Mar 2026 10:00"). */
  describe: (touch: Touch, prospect: Prospect) => string;
}

/** What was removed; null when the rep, asked, kept it. */
export type TouchRm = { touch: Touch; prospect: Prospect } | null;

/** `cadence touch rm`: removes a touch, once confirmed (on a terminal it asks; elsewhere --yes is needed). */
export async function run(o: TouchRmOptions, deps: Deps): Promise<TouchRm> {
  const touch = await deps.store.touch(o.id);
  if (!touch) throw new UsageError(`There is no touch #${o.id}; 'cadence prospect show <prospect>' lists the ids.`);
  const prospect = (await deps.store.prospectById(touch.prospectId))!;
  if (!o.yes) {
    const described = o.describe(touch, prospect);
    if (!deps.prompter) throw new UsageError(`Removing touch ${described} needs confirmation; add --yes.`);
    if (!(await deps.prompter.confirm(`Remove touch ${described}?`))) return null;
  }
  await deps.store.write((w) => w.deleteTouch(o.id));
  return { touch, prospect };
}
