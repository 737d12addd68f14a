import { Command, Option } from 'commander';
import { CHANNELS, CLOSE_RESULTS, DIRECTIONS, OUTCOMES, STAGES } from '../domain/types.js';
import type { ExportFormat } from './commands/export.js';
import type { SummaryFormat } from './commands/summary.js';
import { Context, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * A command's module: `run` takes the context, the positional arguments and the command's own
 * flags as commander delivers them (each module exports their interface). The enum flags are
 * typed with the domain's unions: `.choices` below is their one check.
 */
type Runner<Flags> = (ctx: Context, args: string[], flags: Flags) => Promise<void> | void;

/** Each command's module is loaded only when that command runs, to keep start-up fast. */
function lazy<Flags>(load: () => Promise<{ run: Runner<Flags> }>, holder: { ctx?: Context; io: Io }) {
  return async (...params: unknown[]) => {
    const cmd = params.at(-1) as Command;
    const opts = cmd.optsWithGlobals<GlobalOptions & Flags>();
    const args = params.slice(0, -2).flat() as string[];
    const ctx = new Context(opts, holder.io);
    holder.ctx = ctx;
    await (await load()).run(ctx, args, opts);
  };
}

function logFlags(cmd: Command): Command {
  return cmd
    .addOption(new Option('--channel <channel>', 'how you reached them').choices(CHANNELS))
    .addOption(new Option('--direction <direction>', 'out: you to them; in: they to you').choices(DIRECTIONS))
    .addOption(new Option('--outcome <outcome>', 'what happened').choices(OUTCOMES))
    .option('--value <value>', 'what the touch carried: KIND or KIND:text, e.g. "resource:Churn report"')
    .option('--note <note>', 'a free-text note')
    .option('--at <datetime>', 'when it happened (ISO 8601, local time unless a zone is given)')
    .option('--buyer-date <date>', 'the first day the buyer welcomes contact, as they said it')
    .addOption(new Option('--stage <stage>', 'move the prospect to this stage').choices(STAGES));
}

export function buildProgram(outer: { ctx?: Context }, io: Io): Command {
  const holder = Object.assign(outer, { io });
  const program = new Command('cadence')
    .description("A follow-up coach for B2B sales: log every touch, and before the next one, ask whether it serves the buyer.")
    .version(VERSION, '-V, --version', 'print the version')
    .option('--db <path>', 'the database file (else $CADENCE_DB, else $XDG_DATA_HOME/cadence/cadence.db)')
    .option('--now <datetime>', 'act as if it were this moment (else $CADENCE_NOW)')
    .option('--json', 'machine-readable JSON on stdout')
    .option('--no-color', 'no ANSI colour (also NO_COLOR)')
    .option('--no-input', 'never prompt; missing required values are an error')
    .showSuggestionAfterError(true)
    .helpCommand(true);

  const prospect = program.command('prospect').description('add, list, show and update prospects');
  prospect
    .command('add <name>')
    .description('add a prospect (stage defaults to lead)')
    .option('--company <company>', 'their company')
    .option('--email <email>', 'their email address')
    .addOption(new Option('--stage <stage>', 'the sales stage').choices(STAGES))
    .option('--tag <tag>', 'a tag (repeatable), used to match the value library', collect)
    .action(lazy(() => import('./commands/prospect-add.js'), holder));
  prospect
    .command('list')
    .description('list prospects with stage, last touch and advice')
    .addOption(new Option('--stage <stage>', 'only this stage').choices(STAGES))
    .option('--tag <tag>', 'only prospects with this tag')
    .action(lazy(() => import('./commands/prospect-list.js'), holder));
  prospect
    .command('show <prospect>')
    .description('a prospect, its timeline of touches and the current advice')
    .option('--all', `show the whole timeline (text shows the latest 25 touches)`)
    .action(lazy(() => import('./commands/prospect-show.js'), holder));
  prospect
    .command('set <prospect>')
    .description('update a prospect')
    .addOption(new Option('--stage <stage>', 'move to this stage').choices(STAGES))
    .option('--buyer-date <date>', 'the date the buyer named (the first day they welcome contact)')
    .option('--clear-buyer-date', 'forget the buyer date')
    .option('--tag <tag>', 'add a tag (repeatable)', collect)
    .option('--untag <tag>', 'remove a tag (repeatable)', collect)
    .option('--do-not-contact', 'the buyer asked not to be contacted')
    .option('--company-wide', "with --do-not-contact: mark the whole company ('me or anyone in my company')")
    .option('--clear-do-not-contact', 'lift the mark, on the buyer\'s own request')
    .option('--email <email>', 'their email address')
    .option('--company <company>', 'their company')
    .option('--name <name>', 'rename the prospect')
    .action(lazy(() => import('./commands/prospect-set.js'), holder));

  const touch = program.command('touch').description('correct or remove a logged touch');
  logFlags(touch.command('edit <id>').description('correct a touch (ids are shown by prospect show)')).action(
    lazy(() => import('./commands/touch-edit.js'), holder),
  );
  touch
    .command('rm <id>')
    .description('remove a touch')
    .option('--yes', 'do not ask for confirmation')
    .action(lazy(() => import('./commands/touch-rm.js'), holder));

  logFlags(program.command('log [prospect]').description('record a touch (asks for missing fields on a TTY)'))
    .option('--create', 'add the prospect if it does not exist')
    .action(lazy(() => import('./commands/log.js'), holder));

  program
    .command('next <prospect>')
    .description('score the planned touch and advise: go, wait, send-value, close-loop or stop')
    .addOption(new Option('--channel <channel>', 'the planned channel').choices(CHANNELS))
    .option('--value <value>', 'what it would carry: KIND or KIND:text (default none)')
    .option('--at <datetime>', 'when you plan it (default now)')
    .option('--explain', 'show every scoring term')
    .action(lazy(() => import('./commands/next.js'), holder));

  program
    .command('agenda')
    .description('who to reach out to today, whose loop to close, who is waiting')
    .option('--all', 'also list stopped prospects')
    .action(lazy(() => import('./commands/agenda.js'), holder));

  program
    .command('summary')
    .description("the week's activity, for standup notes")
    .option('--week', 'the week (Monday to Sunday) around now (the default)')
    .option('--since <date>', 'from this date')
    .option('--until <date>', 'up to this date')
    .addOption(new Option('--format <format>', 'md, text or json').choices(['md', 'text', 'json'] satisfies SummaryFormat[]))
    .action(lazy(() => import('./commands/summary.js'), holder));

  const value = program.command('value').description('a library of useful things to send');
  value
    .command('add <title>')
    .description('add an item to the value library')
    .option('--url <url>', 'where it lives')
    .option('--tag <tag>', 'a tag (repeatable), matched against prospect tags', collect)
    .action(lazy(() => import('./commands/value-add.js'), holder));
  value.command('list').description('list the value library').action(lazy(() => import('./commands/value-list.js'), holder));

  program
    .command('close <prospect>')
    .description('record the debrief that closes the loop, and move the stage')
    .addOption(new Option('--result <result>', 'won, lost or no-decision').choices(CLOSE_RESULTS))
    .option('--decision <text>', 'what was decided')
    .option('--liked <text>', 'what they liked')
    .option('--gaps <text>', 'where it fell short')
    .option('--next-steps <text>', 'what happens next')
    .option('--revisit <date>', 'when to follow up (sets the buyer date)')
    .action(lazy(() => import('./commands/close.js'), holder));

  program
    .command('export')
    .description('everything out, to stdout')
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv'] satisfies ExportFormat[]).default('json'))
    .action(lazy(() => import('./commands/export.js'), holder));
  program
    .command('import <file>')
    .description('import a cadence export or a CRM contact/lead CSV (all or nothing)')
    .action(lazy(() => import('./commands/import.js'), holder));
  program
    .command('backup <file>')
    .description('a consistent copy of the database, safe while cadence runs')
    .option('--force', 'replace the file if it exists')
    .action(lazy(() => import('./commands/backup.js'), holder));
  program
    .command('completion <shell>')
    .description('print a completion script for bash, zsh or fish')
    .action(lazy(() => import('./commands/completion.js'), holder));
  program
    .command('demo')
    .description('show cadence on a realistic demo week, in a temporary database')
    .action(lazy(() => import('./commands/demo.js'), holder));

  return program;
}
