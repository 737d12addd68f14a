import type { CoefficientName } from './advice/coefficients.js';
import { COEFFICIENT_LIMIT, COEFFICIENT_NAMES, defaultCoefficients } from './advice/coefficients.js';
import { DAY_MS, HOUR_MS } from './time.js';
import type { Stage } from './types.js';
import { STAGES } from './types.js';

/**
 * The coaching numbers, in one place, each with the reason it exists.
 * A user may override any of them in $XDG_CONFIG_HOME/cadence/config.json.
 */
export interface Rules {
  /** The score a planned touch starts from before any term moves it. */
  base: number;
  /**
   * Minimum business days between outbound touches, per stage, before silence widens it.
   * Early stages get room to think; negotiation moves faster; a customer wants space.
   */
  gapBase: Record<Stage, number>;
  /** The widening gap never exceeds this many business days: past it, close the loop instead. */
  gapCap: number;
  /** This many unanswered touches in a row and the next one is a close-the-loop note. */
  closeAfter: number;
  /** A "not now" with no date means: leave them alone this many days. */
  notNowDays: number;
  /** Barrage: this many unanswered touches within barrageHours... */
  barrageTouches: number;
  barrageHours: number;
  /** ...or unanswered touches on this many channels within barrageDays. */
  barrageChannels: number;
  barrageDays: number;
  /** One like or comment a week is attention; more is noise. */
  lightTouchDays: number;
  /** The last days of a calendar quarter, when reps push and buyers notice. */
  quarterEndDays: number;
  /** The score's coefficients by name (see advice/coefficients.ts); config.json sets each as a top-level key. */
  coefficients: Record<CoefficientName, number>;
}

export const DEFAULT_RULES: Rules = {
  base: 50,
  gapBase: { lead: 3, discovery: 3, proposal: 3, negotiation: 2, won: 10, lost: 10 },
  gapCap: 20,
  closeAfter: 4,
  notNowDays: 30,
  barrageTouches: 3,
  barrageHours: 48,
  barrageChannels: 3,
  barrageDays: 7,
  lightTouchDays: 7,
  quarterEndDays: 14,
  coefficients: defaultCoefficients(),
};

/** The top-level keys config.json may hold. */
const KEYS: readonly string[] = [...Object.keys(DEFAULT_RULES).filter((k) => k !== 'coefficients'), ...COEFFICIENT_NAMES];

export class ConfigError extends Error {}

/** Merges a parsed config.json over the defaults; a bad key is a ConfigError naming it. */
export function rulesFromConfig(config: unknown, where = 'config.json'): Rules {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError(`${where} must hold a JSON object, such as {"closeAfter": 5}.`);
  }
  const rules: Rules = { ...DEFAULT_RULES, gapBase: { ...DEFAULT_RULES.gapBase }, coefficients: { ...DEFAULT_RULES.coefficients } };
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (key === 'gapBase') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ConfigError(`${where}: "gapBase" must be an object of stage to business days, such as {"lead": 4}.`);
      }
      for (const [stage, days] of Object.entries(value as Record<string, unknown>)) {
        if (!(STAGES as readonly string[]).includes(stage)) {
          throw new ConfigError(`${where}: "gapBase.${stage}" is not a stage; use one of ${STAGES.join(', ')}.`);
        }
        rules.gapBase[stage as Stage] = positive(`gapBase.${stage}`, days, where);
      }
      continue;
    }
    if (!KEYS.includes(key)) {
      throw new ConfigError(`${where}: unknown key "${key}"; the keys are ${KEYS.join(', ')}.`);
    }
    if ((COEFFICIENT_NAMES as readonly string[]).includes(key)) {
      rules.coefficients[key as CoefficientName] = bounded(key, value, where, -COEFFICIENT_LIMIT, COEFFICIENT_LIMIT);
      continue;
    }
    const n = key === 'base' ? bounded(key, value, where, 0, 100) : positive(key, value, where);
    (rules as unknown as Record<string, number>)[key] = n;
  }
  return rules;
}

function positive(key: string, value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10000) {
    throw new ConfigError(`${where}: "${key}" must be a whole number of at least 1, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function bounded(key: string, value: unknown, where: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    throw new ConfigError(`${where}: "${key}" must be a whole number from ${lo} to ${hi}, not ${JSON.stringify(value)}.`);
  }
  return value;
}

/** How far back the barrage rules look: the longer of their two windows. */
export function barrageWindowMs(rules: Rules): number {
  return Math.max(rules.barrageHours * HOUR_MS, rules.barrageDays * DAY_MS);
}
