import { readFileSync } from 'node:fs';
import type { Deps } from '../app/deps.js';
import { keptStore, type AppStore } from '../app/kept.js';
import { UsageError } from '../domain/errors.js';
import { parseDateTime } from '../domain/parse.js';
import { ConfigError, DEFAULT_RULES, rulesFromConfig, type Rules } from '../domain/rules.js';
import { resolveConfigPath, resolveDbPath } from '../store/path.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Io } from './io.js';
import { colorWanted, paint, type Paint } from './render/color.js';
import { BUILD, VERSION } from './version.js';

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
  readonly env: Io['env'];
  private storeHandle: AppStore | undefined;
  private rulesCache: Rules | undefined;

  constructor(
    opts: GlobalOptions,
    readonly io: Io,
  ) {
    this.env = io.env;
    this.dbPath = resolveDbPath(opts.db, io.env);
    const nowText = opts.now ?? io.env.CADENCE_NOW;
    this.now = nowText ? parseDateTime(nowText, opts.now ? '--now' : 'CADENCE_NOW') : io.clock();
    this.json = Boolean(opts.json);
    this.stdoutIsTTY = io.tty.stdout;
    this.color = colorWanted(opts.color !== false, io.env, io.tty.stdout);
    this.paint = paint(this.color);
    this.interactive = opts.input !== false && io.tty.stdin && io.tty.stdout;
  }

  /** The store, opened on first use (a read of a missing file creates nothing). */
  get store(): AppStore {
    return (this.storeHandle ??= keptStore(new SqliteStore(this.dbPath, this.env), `${VERSION}+${BUILD}`));
  }

  /** What a use case is given. */
  async deps(): Promise<Deps> {
    const prompter = this.interactive ? (await import('./prompts/prompter.js')).prompter : undefined;
    return { store: this.store, now: this.now, rules: () => this.rules(), env: this.env, warn: (t) => this.warn(t), prompter };
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
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Writes lines a few hundred at a time: all of a big agenda as one string (and its UTF-8 copy) would be held twice at once. */
  outLines(lines: readonly string[]): void {
    for (let i = 0; i < lines.length; i += LINES_PER_WRITE) this.io.stdout.write(`${lines.slice(i, i + LINES_PER_WRITE).join('\n')}\n`);
  }

  /** Raw text, as it is. */
  write(text: string): void {
    this.io.stdout.write(text);
  }

  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`cadence: ${text}\n`);
  }

  async close(): Promise<void> {
    await this.storeHandle?.close();
    this.storeHandle = undefined;
  }
}
