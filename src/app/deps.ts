// What every use case is given instead of reaching for it: the store, the moment it acts at,
// the rules (from the config, read only by the use cases that need them), the environment, a
// way to warn, and, on a terminal, a way to ask.
import type { Rules } from '../domain/rules.js';
import type { AppStore } from './kept.js';
import type { Prompter } from './prompter.js';

export interface Deps {
  store: AppStore;
  /** The moment the command acts at: --now, CADENCE_NOW, else the clock's. */
  now: Date;
  /** The coaching rules, with the user's config applied; a bad config is a UsageError when asked. */
  rules: () => Rules;
  env: Readonly<Record<string, string | undefined>>;
  /** One line on stderr (a warning the rep should see without it spoiling stdout). */
  warn: (text: string) => void;
  /** Asks on a terminal; undefined when prompts are not allowed (no TTY, or --no-input). */
  prompter?: Prompter;
}
