import { UsageError } from '../../core/errors.js';
import { parseName } from '../../core/parse.js';
import type { Prospect, Touch } from '../../core/types.js';
import { digestAt } from '../../store/digest.js';
import { findByName, getProspect, insertProspect, resolveProspect, setStage } from '../../store/prospects.js';
import { write } from '../../store/write.js';
import { getTouch, insertTouch } from '../../store/touches.js';
import { adviceFor } from '../coach.js';
import type { Context } from '../context.js';
import { touchFlags, type TouchFlags } from '../options.js';
import { adviceHeadline } from '../render/advice.js';
import { touchJson, touchLine } from '../render/records.js';
import { dayTime } from '../render/when.js';

export async function run(ctx: Context, [ref]: string[], opts: Record<string, unknown>): Promise<void> {
  let flags = touchFlags(opts);
  let name = ref;
  let create = Boolean(opts.create);
  const missing = !name || !flags.channel || !flags.outcome;
  if (missing && ctx.interactive) {
    const { askTouch } = await import('../prompts/log.js');
    const answers = await askTouch(ctx, name, flags);
    name = answers.prospect;
    create ||= answers.create;
    flags = answers.flags;
  }
  if (!name) throw new UsageError(`Name the prospect: cadence log "Dana Reyes" --channel email --outcome sent.`);
  const need = [!flags.channel && '--channel', !flags.outcome && '--outcome'].filter(Boolean);
  if (need.length) {
    throw new UsageError(
      `${need.join(' and ')} ${need.length > 1 ? 'are' : 'is'} required without a terminal; for example: cadence log "${name}" --channel email --outcome sent.`,
    );
  }
  const existing = findOrNull(ctx, name, create);
  // The advice printed after the write reads the config: a broken one must fail before anything is written.
  ctx.rules();
  const db = ctx.db(true);
  const nowIso = ctx.now.toISOString();
  const touchId = write(db, () => {
    // Looked up again inside the transaction: another `log --create` may have just added them.
    const prospectId =
      existing?.id ??
      findByName(db, name!)?.id ??
      insertProspect(db, {
        name: parseName(name!),
        company: null,
        email: null,
        stage: flags.stage ?? 'lead',
        tags: [],
        createdAt: nowIso,
      });
    const id = insertTouch(db, newTouch(prospectId, flags, ctx.now), nowIso);
    if (flags.stage) setStage(db, prospectId, flags.stage, (flags.at ?? ctx.now).toISOString());
    return id;
  });
  const touch = getTouch(db, touchId)!;
  const prospect = getProspect(db, touch.prospectId)!;
  warnIfDoNotContact(ctx, prospect, touch);
  if (ctx.json) return ctx.printJson({ ...touchJson(touch), prospect: { id: prospect.id, name: prospect.name, stage: prospect.stage } });
  const created = existing ? '' : ` (new prospect #${prospect.id})`;
  ctx.out(`Logged #${touch.id} for ${ctx.paint.bold(prospect.name)}${created}: ${touchLine(touch)}, ${dayTime(touch.at)}.`);
  if (touch.buyerDate) ctx.out(`Buyer date ${touch.buyerDate}: cadence will hold off until then.`);
  ctx.out(`Next: ${adviceHeadline(adviceFor(ctx, prospect.id), ctx.paint)}`);
}

function findOrNull(ctx: Context, name: string, create: boolean): Prospect | null {
  // With --create an existing prospect is still found the usual way (by name, else by id).
  if (create) {
    const id = /^\d+$/.test(name.trim()) ? Number(name.trim()) : null;
    return findByName(ctx.db(), name) ?? (id !== null ? getProspect(ctx.db(), id) : undefined) ?? null;
  }
  try {
    return resolveProspect(ctx.db(), name);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message.replace(/ Add it with .*$/, '')} Add --create to log a new prospect.`);
    throw e;
  }
}

function newTouch(prospectId: number, f: TouchFlags, now: Date): Omit<Touch, 'id'> {
  return {
    prospectId,
    at: (f.at ?? now).toISOString(),
    channel: f.channel!,
    direction: f.direction ?? 'out',
    outcome: f.outcome!,
    value: f.value ?? { kind: 'none', text: null },
    note: f.note ?? null,
    buyerDate: f.buyerDate ?? null,
  };
}

/** The log is a record, so the touch is kept; but the rep should know they crossed a "no". */
function warnIfDoNotContact(ctx: Context, p: Prospect, t: Touch): void {
  if (t.direction !== 'out' || t.outcome === 'do-not-contact') return;
  const mark = digestAt(ctx.db(), new Date(t.at), p.id)?.dnc;
  if (!mark || mark.at > t.at) return;
  const who = mark.scope === 'company' ? `${p.company} asked not to be contacted (company-wide)` : `${p.name} asked not to be contacted`;
  ctx.warn(`warning: ${who} on ${dayTime(mark.at)}. The touch is recorded, but cadence will not recommend outreach.`);
}
