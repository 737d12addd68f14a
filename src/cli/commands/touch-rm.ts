import { UsageError } from '../../core/errors.js';
import { write } from '../../store/write.js';
import { getProspect } from '../../store/prospects.js';
import { deleteTouch, getTouch } from '../../store/touches.js';
import type { Context } from '../context.js';
import { idArgument } from '../options.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../render/when.js';

export async function run(ctx: Context, [rawId]: string[], opts: Record<string, unknown>): Promise<void> {
  const id = idArgument(rawId, 'Touch id');
  const t = getTouch(ctx.db(), id);
  if (!t) throw new UsageError(`There is no touch #${id}; 'cadence prospect show <prospect>' lists the ids.`);
  const db = ctx.db(true);
  const p = getProspect(db, t.prospectId)!;
  const described = `#${id} for ${p.name}: ${touchLine(t)}, ${dayTime(t.at)}`;
  if (!opts.yes) {
    if (!ctx.interactive) throw new UsageError(`Removing touch ${described} needs confirmation; add --yes.`);
    const { confirm } = await import('@inquirer/prompts');
    if (!(await confirm({ message: `Remove touch ${described}?`, default: false }))) {
      ctx.out('Kept it; nothing removed.');
      return;
    }
  }
  write(db, () => deleteTouch(db, id));
  if (ctx.json) return ctx.printJson({ removed: touchJson(t) });
  ctx.out(`Removed touch ${described}.`);
}
