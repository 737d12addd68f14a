// Kept in step with package.json by test/e2e/cli-basics.test.ts; reading package.json at start-up would cost a file read.
export const VERSION = '0.1.0';

declare const CADENCE_BUILD: string | undefined;

/** Which build this is: a hash of the sources, set by scripts/build.mjs ("source" when run from them, as the unit tests do). */
export const BUILD = typeof CADENCE_BUILD === 'string' ? CADENCE_BUILD : 'source';
