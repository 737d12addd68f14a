/** What the CLI is given of the world: streams, the environment, terminals, the clock. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdin and stdout are terminals (prompts, colour, summary's format); stderr: a progress bar (unknown: not). */
  tty: { stdin: boolean; stdout: boolean; stderr?: boolean };
  clock: () => Date;
}
