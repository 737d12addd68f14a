import { run as prospectNames } from '../../app/completion.js';
import { UsageError } from '../../domain/errors.js';
import { bashScript, fishScript, zshScript } from '../completion/scripts.js';
import { commandSpecs, SHELLS, type Shell } from '../completion/spec.js';
import type { Context } from '../context.js';
import { buildProgram } from '../program.js';

/** The hidden helper the scripts call for prospect names at completion time. */
const NAMES = '__prospects';

export async function run(ctx: Context, [shell]: string[]): Promise<void> {
  if (shell === NAMES) {
    const names = await prospectNames({}, await ctx.deps());
    if (names.length) ctx.write(`${names.join('\n')}\n`);
    return;
  }
  if (!(SHELLS as readonly string[]).includes(shell ?? '')) {
    throw new UsageError(`"${shell}" is not a shell cadence completes for; use one of ${SHELLS.join(', ')}: cadence completion bash.`);
  }
  // The program is only read (its commands and flags), never run.
  const specs = commandSpecs(buildProgram({}, ctx.io));
  const scripts: Record<Shell, () => string> = { bash: () => bashScript(specs), zsh: () => zshScript(specs), fish: () => fishScript(specs) };
  ctx.write(scripts[shell as Shell]());
}
