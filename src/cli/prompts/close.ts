import { input, select } from '@inquirer/prompts';
import { UsageError } from '../../domain/errors.js';
import { cleanText, parseDay } from '../../domain/parse.js';
import { CLOSE_RESULTS, type CloseResult } from '../../domain/types.js';
import type { DebriefFields } from '../../domain/debrief.js';

const RESULT_HELP: Record<CloseResult, string> = {
  won: 'they signed: moves the stage to won',
  lost: 'they chose another way: moves the stage to lost',
  'no-decision': 'nothing was decided: moves the stage to lost',
};

/** Asks for the debrief points the command line left out; Enter skips a point. */
export async function askDebrief(name: string, given: DebriefFields, today: string): Promise<DebriefFields> {
  const f = { ...given };
  f.result ??= await select<CloseResult>({
    message: `How did it end with ${name}?`,
    choices: CLOSE_RESULTS.map((r) => ({ value: r, name: r, description: RESULT_HELP[r] })),
  });
  const text = async (message: string) => cleanText(await input({ message: `${message} (Enter to skip)` })) || null;
  f.decision ??= await text('What was decided, and which direction are they taking?');
  f.liked ??= await text('What did they like?');
  f.gaps ??= await text('Where did it fall short?');
  f.nextSteps ??= await text('Next steps?');
  f.revisit ??=
    cleanText(
      await input({
        message: 'Follow up on which date? (YYYY-MM-DD, Enter for never)',
        validate: (v) => {
          if (!v.trim()) return true;
          try {
            return parseDay(v, 'date') > today || 'Give a date after today.';
          } catch (e) {
            return e instanceof UsageError ? e.message : String(e);
          }
        },
      }),
    ) || null;
  if (f.revisit) f.revisit = parseDay(f.revisit, '--revisit');
  return f;
}
