import { UsageError } from '../domain/errors.js';
import { parseName } from '../domain/parse.js';
import type { DncMark } from '../domain/digest.js';
import type { Advice, Prospect, Touch } from '../domain/types.js';
import { adviceWithDigest } from './coach.js';
import type { Deps } from './deps.js';
import type { TouchFields } from './prompter.js';
import { resolveProspect } from './resolve.js';
import type { NewTouch } from './store.js';

export interface LogOptions extends TouchFields {
  /** The prospect as typed; asked for on a terminal when missing. */
  prospect?: string;
  /** Add the prospect if it does not exist. */
  create: boolean;
}

export interface Logged {
  touch: Touch;
  prospect: Prospect;
  /** The prospect was added by this log. */
  created: boolean;
  /** The advice now, after this touch. */
  next: Advice;
  /** The do-not-contact mark this outbound touch crossed, if any: the touch is kept, but the rep should know. */
  crossedMark: DncMark | null;
}

/** `cadence log`: records a touch (asking on a terminal for what the command line left out). */
export async function run(o: LogOptions, deps: Deps): Promise<Logged> {
  const { store } = deps;
  let fields: TouchFields = o;
  let name = o.prospect;
  let create = o.create;
  if ((!name || !fields.channel || !fields.outcome) && deps.prompter) {
    const names = name ? [] : await store.prospectNames();
    const answers = await deps.prompter.askTouch(names, name, fields);
    name = answers.prospect;
    create ||= answers.create;
    fields = answers.fields;
  }
  if (!name) throw new UsageError(`Name the prospect: cadence log "Dana Reyes" --channel email --outcome sent.`);
  const need = [!fields.channel && '--channel', !fields.outcome && '--outcome'].filter(Boolean);
  if (need.length) {
    throw new UsageError(
      `${need.join(' and ')} ${need.length > 1 ? 'are' : 'is'} required without a terminal; for example: cadence log "${name}" --channel email --outcome sent.`,
    );
  }
  const existing = await findOrNull(deps, name, create);
  // The advice printed after the write reads the config: a broken one must fail before anything is written.
  const rules = deps.rules();
  const nowIso = deps.now.toISOString();
  const touchId = await store.write(async (w) => {
    // Looked up again inside the unit of work: another `log --create` may have just added them.
    const prospectId =
      existing?.id ??
      (await w.prospectByName(name))?.id ??
      (await w.addProspect({ name: parseName(name), company: null, email: null, stage: fields.stage ?? 'lead', tags: [], createdAt: nowIso }));
    const id = await w.addTouch(newTouch(prospectId, fields, deps.now), nowIso);
    if (fields.stage) await w.setStage(prospectId, fields.stage, (fields.at ?? deps.now).toISOString());
    return id;
  });
  const touch = (await store.touch(touchId))!;
  const prospect = (await store.prospectById(touch.prospectId))!;
  const { advice, digest } = await adviceWithDigest(store, rules, prospect.id, deps.now);
  // The log is a record, so an outbound touch past a "no" is kept; but the rep should know.
  const mark = touch.direction === 'out' && touch.outcome !== 'do-not-contact' ? digest.dnc : null;
  return { touch, prospect, created: !existing, next: advice, crossedMark: mark && mark.at <= touch.at ? mark : null };
}

async function findOrNull(deps: Deps, name: string, create: boolean): Promise<Prospect | null> {
  // With --create an existing prospect is still found the usual way (by name, else by id).
  if (create) {
    const id = /^\d+$/.test(name.trim()) ? Number(name.trim()) : null;
    return (await deps.store.prospectByName(name)) ?? (id !== null ? await deps.store.prospectById(id) : null);
  }
  try {
    return await resolveProspect(deps.store, name);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message.replace(/ Add it with .*$/, '')} Add --create to log a new prospect.`);
    throw e;
  }
}

function newTouch(prospectId: number, f: TouchFields, now: Date): NewTouch {
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
