import type { TouchFields } from '../app/prompter.js';
import { UsageError } from '../domain/errors.js';
import { cleanText, parseDateTime, parseDay, parseTag, parseValue } from '../domain/parse.js';
import type { Channel, Direction, Outcome, Stage } from '../domain/types.js';

/** The touch flags of log and touch edit, as commander delivers them (the enums checked by its `.choices`). */
export interface TouchFlags {
  channel?: Channel;
  direction?: Direction;
  outcome?: Outcome;
  value?: string;
  note?: string;
  at?: string;
  buyerDate?: string;
  stage?: Stage;
}

/** The touch fields the flags give: only those given are set. */
export function touchFlags(flags: TouchFlags): TouchFields {
  const f: TouchFields = {};
  if (flags.channel !== undefined) f.channel = flags.channel;
  if (flags.direction !== undefined) f.direction = flags.direction;
  if (flags.outcome !== undefined) f.outcome = flags.outcome;
  if (flags.value !== undefined) f.value = parseValue(flags.value);
  if (flags.note !== undefined) f.note = cleanText(flags.note, 'note') || null;
  if (flags.at !== undefined) f.at = parseDateTime(flags.at, '--at');
  if (flags.buyerDate !== undefined) f.buyerDate = parseDay(flags.buyerDate, '--buyer-date');
  if (flags.stage !== undefined) f.stage = flags.stage;
  return f;
}

/** A repeatable --tag or --untag: each checked, duplicates dropped. */
export function tagsOption(v: string[] | undefined): string[] {
  return v ? [...new Set(v.map((t) => parseTag(t)))] : [];
}

export function optionalText(v: string | undefined, what: string): string | null | undefined {
  if (v === undefined) return undefined;
  return cleanText(v, what) || null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailOption(v: string | undefined): string | null | undefined {
  const e = optionalText(v, 'email');
  if (e && !EMAIL.test(e)) throw new UsageError(`--email "${e}" does not look like an email address; use name@company.com.`);
  return e;
}

export function idArgument(v: string | undefined, what: string): number {
  if (!v || !/^\d+$/.test(v.trim())) throw new UsageError(`${what} "${v ?? ''}" is not a number; ids are shown by 'cadence prospect show'.`);
  return Number(v.trim());
}
