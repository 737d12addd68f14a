// What a completion script needs to know, read from the commander program itself, so
// new commands and flags complete without anyone editing the scripts.
import type { Command } from 'commander';
import { VALUE_KINDS } from '../../domain/types.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What an argument or a flag's value completes to. */
export type Completes = { kind: 'words'; words: string[] } | { kind: 'prospect' } | { kind: 'file' } | { kind: 'none' };

export interface FlagSpec {
  flag: string;
  description: string;
  /** null: a switch that takes no value. */
  value: Completes | null;
}

export interface CommandSpec {
  /** "prospect add"; "" for the program itself. */
  path: string;
  description: string;
  subcommands: { name: string; description: string }[];
  flags: FlagSpec[];
  /** The first positional argument. */
  argument: Completes;
}

const VALUE_FLAGS: Record<string, Completes> = {
  '--value': { kind: 'words', words: [...VALUE_KINDS] },
  '--db': { kind: 'file' },
};

export function commandSpecs(program: Command): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (cmd: Command, path: string) => {
    const subs = cmd.commands.filter((c) => c.name() !== 'help');
    out.push({
      path,
      description: cmd.description(),
      subcommands: subs.map((c) => ({ name: c.name(), description: c.description() })),
      flags: cmd.options
        .filter((o) => o.long && !o.hidden)
        .map((o) => ({
          flag: o.long!,
          description: o.description,
          value: o.required || o.optional ? (o.argChoices ? { kind: 'words', words: o.argChoices } : (VALUE_FLAGS[o.long!] ?? { kind: 'none' })) : null,
        })),
      argument: argumentOf(cmd),
    });
    for (const c of subs) walk(c, path ? `${path} ${c.name()}` : c.name());
  };
  walk(program, '');
  out[0]!.flags.push({ flag: '--help', description: 'show help', value: null });
  return out;
}

function argumentOf(cmd: Command): Completes {
  const arg = cmd.registeredArguments[0]?.name();
  if (arg === 'prospect') return { kind: 'prospect' };
  if (arg === 'file') return { kind: 'file' };
  if (arg === 'shell') return { kind: 'words', words: [...SHELLS] };
  return { kind: 'none' };
}
