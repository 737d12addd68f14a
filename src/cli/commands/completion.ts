import { UsageError } from '../../core/errors.js';
import { allProspectNames } from '../../store/prospects.js';
import { bashScript, fishScript, zshScript } from '../completion/scripts.js';
import { commandSpecs, SHELLS, type Shell } from '../completion/spec.js';
import type { Context } from '../context.js';
import { buildProgram } from '../program.js';

/** The hidden helper the scripts call for prospect names at completion time. */
const NAMES = '__prospects';

export async function run(ctx: Context, [shell]: string[], _opts: Record<string, unknown>): Promise<void> {
  if (shell === NAMES) {
    // A missing database reads as an empty one: no names, no error, nothing created.
    const names = allProspectNames(ctx.db());
    if (names.length) process.stdout.write(`${names.join('\n')}\n`);
    return;
  }
  if (!(SHELLS as readonly string[]).includes(shell ?? '')) {
    throw new UsageError(`"${shell}" is not a shell cadence completes for; use one of ${SHELLS.join(', ')}: cadence completion bash.`);
  }
  const specs = commandSpecs(buildProgram({}));
  const scripts: Record<Shell, () => string> = { bash: () => bashScript(specs), zsh: () => zshScript(specs), fish: () => fishScript(specs) };
  process.stdout.write(scripts[shell as Shell]());
}
