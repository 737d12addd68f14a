import { buildDebrief, type DebriefFields } from '../domain/debrief.js';
import { UsageError } from '../domain/errors.js';
import { localDay } from '../domain/time.js';
import type { CloseResult, Prospect, Stage, Touch } from '../domain/types.js';
import type { Deps } from './deps.js';
import { resolveProspect } from './resolve.js';

export interface CloseOptions {
  prospect: string;
  /** The debrief points given; on a terminal the others are asked for when `result` is missing. */
  debrief: DebriefFields;
}

export interface Closed {
  prospect: Prospect;
  /** The debrief, recorded as a touch. */
  touch: Touch;
  result: CloseResult;
  stage: Stage;
  /** The day to follow up on (the buyer date now), if any. */
  revisit: string | null;
}

/** `cadence close`: records the debrief that closes the loop, and moves the stage to won or lost. */
export async function run(o: CloseOptions, deps: Deps): Promise<Closed> {
  const today = localDay(deps.now);
  let fields = o.debrief;
  if (fields.revisit && fields.revisit <= today) {
    // A past date would read as "the buyer asked for contact now" (SPEC section 6).
    throw new UsageError(`--revisit ${fields.revisit} is not after today (${today}); give the day to follow up, such as ${Number(today.slice(0, 4)) + 1}-01-15.`);
  }
  // Resolved first, so a typo in the name fails before any question is asked.
  const prospect = await resolveProspect(deps.store, o.prospect);
  if (!fields.result) {
    if (!deps.prompter) {
      throw new UsageError(`--result is required without a terminal: cadence close "${prospect.name}" --result won|lost|no-decision.`);
    }
    fields = await deps.prompter.askDebrief(prospect.name, fields, today);
  }
  const result = fields.result!;
  const stage: Stage = result === 'won' ? 'won' : 'lost';
  const nowIso = deps.now.toISOString();
  const touchId = await deps.store.write(async (w) => {
    const id = await w.addTouch(
      {
        prospectId: prospect.id,
        at: nowIso,
        channel: 'other',
        direction: 'out',
        outcome: 'sent',
        value: { kind: 'debrief', text: buildDebrief(fields) },
        note: null,
        buyerDate: null,
      },
      nowIso,
    );
    await w.setStage(prospect.id, stage, nowIso);
    if (fields.revisit) await w.setBuyerDate(prospect.id, { day: fields.revisit, setAt: nowIso });
    return id;
  });
  return { prospect, touch: (await deps.store.touch(touchId))!, result, stage, revisit: fields.revisit };
}
