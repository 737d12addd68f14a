// `cadence completion bash|zsh|fish`: scripts that load, and complete commands, flags,
// enum values and prospect names (from the database named by --db, read at completion time).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cadence, cli, expectFailure, tempDb } from './helpers.js';

let dir: string;
let db: string;
let binDir: string;

beforeAll(async () => {
  ({ dir, db } = tempDb());
  const file = join(dir, 'seed.json');
  writeFileSync(file, JSON.stringify({ version: 1, prospects: [{ name: 'Dana Reyes' }, { name: 'Dan Ode' }, { name: 'Lee Park' }], touches: [] }));
  expect((await cli(db)('import', file)).code).toBe(0);
  // The scripts call `cadence` from PATH, as an installed cadence would be.
  binDir = join(dir, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'cadence'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(binDir, 'cadence'), 0o755);
});

/** Sources the bash script and asks it to complete `words` (the last one is being typed). */
function complete(...words: string[]): string[] {
  const script = `
    source <(cadence completion bash) || exit 9
    COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
    _cadence
    printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: `${binDir}:${process.env.PATH}`, HOME: dir }, cwd: ROOT });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('cadence completion', () => {
  it('the bash script loads', () => {
    const r = spawnSync('bash', ['-c', `source <(${JSON.stringify(process.execPath)} bin/cadence.js completion bash)`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('bash completes commands, subcommands, flags and enum values', () => {
    expect(complete('cadence', '')).toEqual(expect.arrayContaining(['prospect', 'log', 'next', 'agenda', 'summary', 'close', 'export', 'import', 'backup', 'completion']));
    expect(complete('cadence', 'pro')).toEqual(['prospect']);
    expect(complete('cadence', 'prospect', '')).toEqual(['add', 'list', 'show', 'set']);
    expect(complete('cadence', 'log', '--ch')).toEqual(['--channel']);
    expect(complete('cadence', 'log', '--channel', '')).toEqual(['call', 'voicemail', 'email', 'text', 'linkedin', 'meeting', 'social', 'other']);
    expect(complete('cadence', 'log', 'x', '--outcome', 'no')).toEqual(['no-answer', 'not-now', 'not-interested']);
    expect(complete('cadence', 'next', 'x', '--value', '')).toContain('debrief');
    expect(complete('cadence', 'prospect', 'add', 'x', '--stage', '')).toEqual(['lead', 'discovery', 'proposal', 'negotiation', 'won', 'lost']);
    expect(complete('cadence', 'close', 'x', '--result', '')).toEqual(['won', 'lost', 'no-decision']);
    expect(complete('cadence', 'summary', '--format', '')).toEqual(['md', 'text', 'json']);
    expect(complete('cadence', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('cadence', 'log', '--note', '')).toEqual([]);
  });

  it('bash completes prospect names from the database given with --db, quoted for the shell', () => {
    expect(complete('cadence', '--db', db, 'log', 'Da')).toEqual(['Dan\\ Ode', 'Dana\\ Reyes']);
    expect(complete('cadence', '--db', db, 'prospect', 'show', '')).toEqual(['Dan\\ Ode', 'Dana\\ Reyes', 'Lee\\ Park']);
    expect(complete('cadence', 'close', '--db', db, 'lee')).toEqual(['Lee\\ Park']);
    // Once the prospect is given, the next word is a flag, not another name.
    expect(complete('cadence', '--db', db, 'next', 'Lee Park', '')).toEqual([]);
  });

  it('with no database, names complete to nothing and no file is created', async () => {
    const missing = join(dir, 'nowhere', 'cadence.db');
    expect(complete('cadence', '--db', missing, 'next', '')).toEqual([]);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    expect(await cadence(['--db', missing, 'completion', '__prospects'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('zsh and fish scripts cover the same ground (and pass a syntax check where the shell exists)', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await cadence(['completion', shell]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/command cadence .*db.* completion __prospects/);
      expect(r.stdout).toContain('no-decision');
      expect(r.stdout).toContain('linkedin');
      const has = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
      if (has) {
        const file = join(dir, `completion.${shell}`);
        writeFileSync(file, r.stdout);
        expect(spawnSync(shell, ['-n', file]).status).toBe(0);
      }
    }
    if (spawnSync('sh', ['-c', 'command -v zsh']).status === 0) {
      // Outside a completion widget: stand-ins for compdef and compadd print what would be offered.
      const script = `compdef() { :; }; source ${join(dir, 'completion.zsh')}
        compadd() { print -r -- "$*"; }
        words=(cadence --db ${db} next ''); CURRENT=5; _cadence
        words=(cadence log --channel ''); CURRENT=4; _cadence`;
      const r = spawnSync('zsh', ['-c', script], { encoding: 'utf8', env: { PATH: `${binDir}:${process.env.PATH}`, HOME: dir } });
      expect(r.stdout).toBe('-Q -- Dan\\ Ode Dana\\ Reyes Lee\\ Park\n-- call voicemail email text linkedin meeting social other\n');
    }
    const fish = spawnSync('sh', ['-c', 'command -v fish']).status === 0;
    if (fish) {
      const file = join(dir, 'completion.fish');
      const r = spawnSync('fish', ['-c', `source ${file}; complete -C 'cadence --db ${db} next Da'; complete -C 'cadence log --channel e'`], {
        encoding: 'utf8',
        env: { PATH: `${binDir}:${process.env.PATH}`, HOME: dir },
      });
      expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['Dan Ode', 'Dana Reyes', 'email']);
    }
    expect((await cadence(['completion', 'fish'])).stdout).toMatch(/complete -c cadence -n '__fish_seen_subcommand_from close' -l result -x -a 'won lost no-decision'/);
  });

  it('an unknown shell is a usage error (exit 2)', async () => {
    expectFailure(await cadence(['completion', 'tcsh']), 2, /"tcsh" is not a shell .* bash, zsh, fish/);
    expect((await cadence(['completion'])).code).toBe(2);
  });
});
