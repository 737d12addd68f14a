import { UsageError } from '../../core/errors.js';
import type { Touch } from '../../core/types.js';
import { write } from '../../store/write.js';
import { setStage } from '../../store/prospects.js';
import { getTouch, updateTouch } from '../../store/touches.js';
import type { Context } from '../context.js';
import { idArgument, touchFlags } from '../options.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../render/when.js';

export function run(ctx: Context, [rawId]: string[], opts: Record<string, unknown>): void {
  const id = idArgument(rawId, 'Touch id');
  const f = touchFlags(opts);
  if (Object.keys(f).length === 0) {
    throw new UsageError(`Nothing to change; give a flag such as --outcome replied or --at 2026-03-02T10:00 (see 'cadence touch edit --help').`);
  }
  const old = getTouch(ctx.db(), id);
  if (!old) throw new UsageError(`There is no touch #${id}; 'cadence prospect show <prospect>' lists the ids.`);
  const db = ctx.db(true);
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
  write(db, () => {
    updateTouch(db, edited);
    if (f.stage) setStage(db, old.prospectId, f.stage, ctx.now.toISOString());
  });
  if (ctx.json) return ctx.printJson(touchJson(getTouch(db, id)!));
  ctx.out(`Touch #${id} is now: ${touchLine(edited)}, ${dayTime(edited.at)}.`);
}
