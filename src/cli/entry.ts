// The one place that touches the process: its arguments, streams, environment and exit code.
import { isatty } from 'node:tty';
import { main } from './main.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `cadence summary | head` closes the pipe early: that is not an error.
  if (e.code === 'EPIPE') process.exit(0);
});

export async function run(argv: string[]): Promise<void> {
  // Node makes process.stderr (and stdin) on first use, which every command would pay: asked for
  // only when something is written (stdin: never; prompts open their own).
  const stderr = { write: (text: string) => process.stderr.write(text) };
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr,
    env: process.env,
    tty: { stdin: isatty(0), stdout: isatty(1), stderr: isatty(2) },
    clock: () => new Date(),
  });
}
