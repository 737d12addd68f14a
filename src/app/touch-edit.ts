import { UsageError } from '../domain/errors.js';
import type { Touch } from '../domain/types.js';
import type { Deps } from './deps.js';
import type { TouchFields } from './prompter.js';

export interface TouchEditOptions {
  id: number;
  /** What changes; `stage` moves the touch's prospect to it. */
  fields: TouchFields;
}

/** `cadence touch edit`: corrects a logged touch; gives it as it is now. */
export async function run(o: TouchEditOptions, deps: Deps): Promise<Touch> {
  const f = o.fields;
  if (Object.keys(f).length === 0) {
    throw new UsageError(`Nothing to change; give a flag such as --outcome replied or --at 2026-03-02T10:00 (see 'cadence touch edit --help').`);
  }
  const old = await deps.store.touch(o.id);
  if (!old) throw new UsageError(`There is no touch #${o.id}; 'cadence prospect show <prospect>' lists the ids.`);
  const edited: Touch = {
    ...old,
    at: f.at ? f.at.toISOString() : old.at,
    channel: f.channel ?? old.channel,
    direction: f.direction ?? old.direction,
    outcome: f.outcome ?? old.outcome,
    value: f.value ?? old.value,
    note: f.note !== undefined ? f.note : old.note,
    buyerDate: f.buyerDate ?? old.buyerDate,
  };
  await deps.store.write(async (w) => {
    await w.updateTouch(edited);
    if (f.stage) await w.setStage(old.prospectId, f.stage, deps.now.toISOString());
  });
  return (await deps.store.touch(o.id))!;
}
