// The one place that touches the process: its arguments, streams, environment and exit code.
import { main } from './main.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `cadence summary | head` closes the pipe early: that is not an error.
  if (e.code === 'EPIPE') process.exit(0);
});

export async function run(argv: string[]): Promise<void> {
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    tty: { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
    clock: () => new Date(),
  });
}
