import { input, search, select } from '@inquirer/prompts';
import { UsageError } from '../../domain/errors.js';
import { cleanText, closest, parseDay } from '../../domain/parse.js';
import { CHANNELS, OUTCOMES, VALUE_KINDS, type Channel, type Direction, type Outcome, type ValueKind } from '../../domain/types.js';
import type { TouchFields } from '../../app/prompter.js';

const OUTCOME_HELP: Record<Outcome, string> = {
  'no-answer': 'no one picked up, nothing left',
  'left-message': 'voicemail or message left',
  sent: 'email / message sent',
  connected: 'you spoke with them',
  replied: 'they wrote back',
  'meeting-booked': 'a meeting is in the calendar',
  'not-now': 'they said not now',
  'not-interested': 'they said no',
  'do-not-contact': 'they asked you to stop contacting them',
};

const KIND_HELP: Record<ValueKind, string> = {
  none: 'just checking in (adds nothing for the buyer)',
  insight: 'an observation about their business',
  resource: 'an article, report or tool',
  intro: 'an introduction to someone useful',
  answer: 'an answer to their question',
  proposal: 'a proposal or quote',
  event: 'an invitation to an event',
  debrief: 'a close-the-loop note',
};

/** Asks for what the command line left out; the answers go through the same checks as flags. */
export async function askTouch(
  names: string[],
  name: string | undefined,
  given: TouchFields,
): Promise<{ prospect: string; create: boolean; fields: TouchFields }> {
  const flags = { ...given };
  let create = false;
  if (!name) {
    const picked = await search<string>({
      message: 'Prospect',
      source: (term) => {
        const t = (term ?? '').trim();
        const hits = t ? closest(t, names, 8) : names.slice(0, 8);
        const choices = hits.map((n) => ({ name: n, value: n }));
        if (t && !names.some((n) => n.toLowerCase() === t.toLowerCase())) {
          choices.push({ name: `+ add new prospect "${t}"`, value: `\u0000${t}` });
        }
        return choices;
      },
    });
    create = picked.startsWith('\u0000');
    name = create ? picked.slice(1) : picked;
  }
  flags.channel ??= await select<Channel>({ message: 'Channel', choices: CHANNELS.map((c) => ({ value: c })) });
  flags.direction ??= await select<Direction>({
    message: 'Direction',
    choices: [
      { value: 'out', name: 'out - you reached them' },
      { value: 'in', name: 'in - they reached you' },
    ],
  });
  flags.outcome ??= await select<Outcome>({
    message: 'Outcome',
    choices: OUTCOMES.map((o) => ({ value: o, name: `${o} - ${OUTCOME_HELP[o]}` })),
  });
  if (!flags.value) {
    const kind = await select<ValueKind>({
      message: 'What did it carry for the buyer?',
      choices: VALUE_KINDS.map((k) => ({ value: k, name: `${k} - ${KIND_HELP[k]}` })),
    });
    const text = kind === 'none' ? '' : await input({ message: `${kind} (title or a few words, optional)` });
    flags.value = { kind, text: cleanText(text) || null };
  }
  if (flags.note === undefined) flags.note = cleanText(await input({ message: 'Note (optional)' }), 'note') || null;
  if (flags.buyerDate === undefined) {
    const answer = await input({
      message: 'Did they name a date to talk again? (YYYY-MM-DD, optional)',
      validate: (v) => {
        if (!v.trim()) return true;
        try {
          parseDay(v, 'buyer date');
          return true;
        } catch (e) {
          return e instanceof UsageError ? e.message : String(e);
        }
      },
    });
    if (answer.trim()) flags.buyerDate = parseDay(answer, 'buyer date');
  }
  return { prospect: name, create, fields: flags };
}
