import { CommanderError } from 'commander';
import { CadenceError } from '../core/errors.js';
import type { Context } from './context.js';
import { buildProgram } from './program.js';

/** Turns commander's own messages into one sentence that says how to fix it. */
function usageMessage(err: CommanderError, argv: string[]): string {
  const raw = err.message.replace(/^error:\s*/i, '').trim();
  const first = raw.split('\n')[0]!.replace(/\.$/, '');
  const hint = raw.split('\n').slice(1).join(' ').replace(/[()]/g, '').trim();
  const sub = argv.find((a) => !a.startsWith('-'));
  const help = sub && err.code !== 'commander.unknownCommand' ? `cadence ${sub} --help` : 'cadence --help';
  const sentence = first.charAt(0).toUpperCase() + first.slice(1);
  return `${sentence}${hint ? ` (${hint.replace(/\.$/, '')})` : ''}; run '${help}' to see what it takes.`;
}

/** The entry point: parses, runs, and maps every error to a sentence and an exit code. */
export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // `cadence summary | head` closes the pipe early: that is not an error.
    if (e.code === 'EPIPE') process.exit(0);
  });
  const holder: { ctx?: Context } = {};
  const program = buildProgram(holder);
  program.exitOverride();
  program.configureOutput({ outputError: () => {} });
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    process.exitCode = report(e, argv);
  } finally {
    holder.ctx?.close();
  }
}

function report(e: unknown, argv: string[]): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0;
    process.stderr.write(`cadence: ${usageMessage(e, argv)}\n`);
    return 2;
  }
  if (e instanceof CadenceError) {
    process.stderr.write(`cadence: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`cadence: unexpected error: ${err?.message ?? String(e)}. Please report it with the command you ran.\n`);
  if (process.env.CADENCE_DEBUG) process.stderr.write(`${err?.stack}\n`);
  return 1;
}

function allCommands(cmd: import('commander').Command): import('commander').Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
