// Questions a use case may ask on a terminal; the CLI implements them with its prompt library.
import type { DebriefFields } from '../domain/debrief.js';
import type { Channel, Direction, Outcome, Stage, Value } from '../domain/types.js';

/** The touch fields a command line may carry (log, touch edit), checked. */
export interface TouchFields {
  channel?: Channel;
  direction?: Direction;
  outcome?: Outcome;
  value?: Value;
  note?: string | null;
  at?: Date;
  buyerDate?: string;
  stage?: Stage;
}

export interface Prompter {
  /** The prospect (picked from `names`, or a new one) and the touch fields not given. */
  askTouch(names: string[], name: string | undefined, given: TouchFields): Promise<{ prospect: string; create: boolean; fields: TouchFields }>;
  /** The debrief points not given; `today` is the rep's local date (YYYY-MM-DD). */
  askDebrief(name: string, given: DebriefFields, today: string): Promise<DebriefFields>;
  /** Yes or no. */
  confirm(message: string): Promise<boolean>;
}
