import type { Prompter } from '../../app/prompter.js';
import { askDebrief } from './close.js';
import { askTouch } from './log.js';

/** The terminal's questions, with @inquirer/prompts (loaded only when a prompt is allowed). */
export const prompter: Prompter = {
  askTouch,
  askDebrief,
  async confirm(message) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: false });
  },
};
