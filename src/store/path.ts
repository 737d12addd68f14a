import { homedir } from 'node:os';
import { join } from 'node:path';

/** SPEC section 3: --db, then CADENCE_DB, then XDG_DATA_HOME, then ~/.local/share. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.CADENCE_DB) return env.CADENCE_DB;
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(data, 'cadence', 'cadence.db');
}

/** $XDG_CONFIG_HOME/cadence/config.json, else ~/.config/cadence/config.json. */
export function resolveConfigPath(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'cadence', 'config.json');
}
