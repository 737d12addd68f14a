import { UsageError } from '../domain/errors.js';
import { cleanText, parseDateTime, parseDay, parseEnum, parseTag, parseValue } from '../domain/parse.js';
import type { Channel, Direction, Outcome, Stage, Value } from '../domain/types.js';
import { CHANNELS, DIRECTIONS, OUTCOMES, STAGES } from '../domain/types.js';

/** The touch fields a command line may carry (log, touch edit). */
export interface TouchFlags {
  channel?: Channel;
  direction?: Direction;
  outcome?: Outcome;
  value?: Value;
  note?: string | null;
  at?: Date;
  buyerDate?: string;
  stage?: Stage;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function touchFlags(opts: Record<string, unknown>): TouchFlags {
  const f: TouchFlags = {};
  const channel = str(opts.channel);
  if (channel !== undefined) f.channel = parseEnum(channel, CHANNELS, 'channel', '--channel');
  const direction = str(opts.direction);
  if (direction !== undefined) f.direction = parseEnum(direction, DIRECTIONS, 'direction', '--direction');
  const outcome = str(opts.outcome);
  if (outcome !== undefined) f.outcome = parseEnum(outcome, OUTCOMES, 'outcome', '--outcome');
  const value = str(opts.value);
  if (value !== undefined) f.value = parseValue(value);
  const note = str(opts.note);
  if (note !== undefined) f.note = cleanText(note, 'note') || null;
  const at = str(opts.at);
  if (at !== undefined) f.at = parseDateTime(at, '--at');
  const buyerDate = str(opts.buyerDate);
  if (buyerDate !== undefined) f.buyerDate = parseDay(buyerDate, '--buyer-date');
  const stage = str(opts.stage);
  if (stage !== undefined) f.stage = parseEnum(stage, STAGES, 'stage', '--stage');
  return f;
}

export function tagsOption(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.map((t) => parseTag(String(t))))] : [];
}

export function optionalText(v: unknown, what: string): string | null | undefined {
  if (typeof v !== 'string') return undefined;
  return cleanText(v, what) || null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailOption(v: unknown): string | null | undefined {
  const e = optionalText(v, 'email');
  if (e && !EMAIL.test(e)) throw new UsageError(`--email "${e}" does not look like an email address; use name@company.com.`);
  return e;
}

export function idArgument(v: string | undefined, what: string): number {
  if (!v || !/^\d+$/.test(v.trim())) throw new UsageError(`${what} "${v ?? ''}" is not a number; ids are shown by 'cadence prospect show'.`);
  return Number(v.trim());
}
