import { type Command, CommanderError } from 'commander';
import { CadenceError } from '../domain/errors.js';
import { distance } from '../domain/parse.js';
import type { Context } from './context.js';
import type { Io } from './io.js';
import { buildProgram } from './program.js';

/** A commander error, with the command whose parsing raised it. */
type RaisedError = CommanderError & { command?: Command };

/** "cadence prospect set": the full name of a (sub)command, for its --help hint. */
function commandPath(cmd: Command | undefined): string {
  const names: string[] = [];
  for (let c: Command | null | undefined = cmd; c; c = c.parent) names.unshift(c.name());
  return names.length ? names.join(' ') : 'cadence';
}

/**
 * For a value outside an option's choices (commander's check, the only one), the choice it
 * was probably meant to be: the same but for case, or a typo or two away.
 */
function meant(message: string): string | null {
  const m = /argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(message);
  if (!m) return null;
  const typed = m[1]!.toLowerCase();
  const [near] = m[2]!
    .split(', ')
    .map((c) => ({ c, d: distance(typed, c) }))
    .sort((a, b) => a.d - b.d);
  if (near && near.d <= (near.c.length >= 5 ? 2 : 1)) return near.c;
  return m[2]!.split(', ').find((c) => swapped(typed, c)) ?? null;
}

/** Two neighbouring letters typed the other way round ("snet" for "sent"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** Turns commander's own messages into one sentence that says how to fix it. */
function usageMessage(err: RaisedError): string {
  const raw = err.message.replace(/^error:\s*/i, '').trim();
  const first = raw.split('\n')[0]!.replace(/\.$/, '');
  const hint = raw.split('\n').slice(1).join(' ').replace(/[()]/g, '').trim();
  // The hint names the command that could not parse its arguments (never a global option's value).
  const help = `${commandPath(err.command)} --help`;
  const sentence = first.charAt(0).toUpperCase() + first.slice(1);
  const near = err.code === 'commander.invalidArgument' ? meant(raw) : null;
  const suggestion = hint ? ` (${hint.replace(/\.$/, '')})` : near ? ` (Did you mean ${near}?)` : '';
  return `${sentence}${suggestion}; run '${help}' to see what it takes.`;
}

/** Parses, runs, and maps every error to a sentence on stderr; gives the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const holder: { ctx?: Context } = {};
  const program = buildProgram(holder, io);
  for (const cmd of [program, ...allCommands(program)]) {
    cmd.exitOverride((err: RaisedError) => {
      err.command = cmd;
      throw err;
    });
    cmd.configureOutput({ outputError: () => {}, writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return report(e, io);
  } finally {
    await holder.ctx?.close();
  }
}

/** Keeps an error on one line: user input quoted in it may hold line breaks or control characters. */
function oneLine(message: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function report(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0;
    // A command named without its subcommand ("cadence prospect"): its help is already on stderr.
    if (e.code === 'commander.help') return 2;
    io.stderr.write(`cadence: ${oneLine(usageMessage(e))}\n`);
    return 2;
  }
  if (e instanceof CadenceError) {
    io.stderr.write(`cadence: ${oneLine(e.message)}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr.write(`cadence: unexpected error: ${oneLine(err?.message ?? String(e))}. Please report it with the command you ran.\n`);
  if (io.env.CADENCE_DEBUG) io.stderr.write(`${err?.stack}\n`);
  return 1;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
