import { readFileSync } from 'node:fs';
import { ConfigError, DEFAULT_RULES, rulesFromConfig, type Rules } from '../core/rules.js';
import { UsageError } from '../core/errors.js';
import { parseDateTime } from '../core/parse.js';
import { openDb, type Db } from '../store/open.js';
import { resolveConfigPath, resolveDbPath } from '../store/path.js';
import { colorWanted, paint, type Paint } from './render/color.js';

const LINES_PER_WRITE = 500;

export interface GlobalOptions {
  db?: string;
  now?: string;
  json?: boolean;
  color?: boolean;
  input?: boolean;
}

/** What every command gets: where the data is, what time it is, how to talk to the user. */
export class Context {
  readonly dbPath: string;
  readonly now: Date;
  readonly json: boolean;
  readonly color: boolean;
  readonly paint: Paint;
  /** Prompts are allowed: stdin and stdout are TTYs and --no-input was not given. */
  readonly interactive: boolean;
  readonly stdoutIsTTY: boolean;
  private dbHandle: Db | undefined;
  private rulesCache: Rules | undefined;

  constructor(
    opts: GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
    tty = { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY) },
  ) {
    this.dbPath = resolveDbPath(opts.db, env);
    const nowText = opts.now ?? env.CADENCE_NOW;
    this.now = nowText ? parseDateTime(nowText, opts.now ? '--now' : 'CADENCE_NOW') : new Date();
    this.json = Boolean(opts.json);
    this.stdoutIsTTY = tty.stdout;
    this.color = colorWanted(opts.color !== false, env, tty.stdout);
    this.paint = paint(this.color);
    this.interactive = opts.input !== false && tty.stdin && tty.stdout;
  }

  /**
   * The database. Without `write` a missing file reads as an empty in-memory database,
   * so lookups that fail leave no file behind; `write` creates the file.
   */
  db(write = false): Db {
    if (this.dbHandle && (!write || !this.dbHandle.memory)) return this.dbHandle;
    this.dbHandle?.close();
    this.dbHandle = openDb(this.dbPath, { create: write });
    return this.dbHandle;
  }

  rules(): Rules {
    if (this.rulesCache) return this.rulesCache;
    const path = resolveConfigPath(this.env);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return (this.rulesCache = DEFAULT_RULES);
      throw new UsageError(`Cannot read the config file ${path}: ${(e as Error).message}.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`The config file ${path} is not valid JSON (${(e as Error).message}); fix it or remove it.`);
    }
    try {
      return (this.rulesCache = rulesFromConfig(parsed, path));
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  }

  out(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Writes lines a few hundred at a time: 20,000 agenda lines as one string (and its UTF-8 copy) cost 12 MB more at the peak. */
  outLines(lines: readonly string[]): void {
    for (let i = 0; i < lines.length; i += LINES_PER_WRITE) process.stdout.write(`${lines.slice(i, i + LINES_PER_WRITE).join('\n')}\n`);
  }

  printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  warn(text: string): void {
    process.stderr.write(`cadence: ${text}\n`);
  }

  close(): void {
    this.dbHandle?.close();
    this.dbHandle = undefined;
  }
}
