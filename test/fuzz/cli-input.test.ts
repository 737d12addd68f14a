// Fuzzing through the cli (in this process: main() with its own streams, on a real database file): names
// and flag values a rep (or a script) might pass. Whatever the input,
// cadence either does the thing (exit 0) or refuses with exit 2 and ONE line on stderr starting
// "cadence: " (no stack trace), and a refused command writes nothing (the database snapshot is unchanged).
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { nameKey, parseName } from '../../src/domain/parse.js';
import { cleanupScratch, cliInProcess as cli, count, expectOneCleanLine, g, integrity, scratchDir, snapshot, type Run } from '../fault/helpers.js';

afterAll(cleanupScratch);

const NOW = '2026-03-02T10:00';

/** What can travel in argv: no NUL, well-formed UTF-16 (no lone surrogate). */
const argvSafe = (s: string) => !s.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

const NASTY_NAMES = [
  "Robert'); DROP TABLE prospects;--",
  "O'Brien & Søn",
  '" OR 1=1 --',
  '%_%',
  'back\\slash',
  'semi;colon',
  '$(rm -rf ~)',
  '`whoami`',
  'Zoë Ødegaard',
  'Jose\u0301 Garci\u0301a', // decomposed accents: stored NFC
  '李小龙',
  'مرحبا بالعالم',
  '👩‍💻 Dev Lead',
  '\u200bZero Width',
  '  spaced   out  ',
  'tab\tand\nnewline',
  'bell\u0007',
  'esc\u001b[31mred',
  'del\u007f',
  '12345',
  '42 Street',
  '-dash first',
  '--help',
  '',
  ' ',
  'x'.repeat(200),
  'x'.repeat(201),
  'y'.repeat(5000),
  'DANA REYES', // the seeded prospect, another case: a duplicate
];

const names = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_NAMES) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...`'";%_\\-*()[]{}<>|&$\`\n\t\r `.split('')), maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 150, maxLength: 400 }) },
  )
  .filter(argvSafe);

function expected(name: string, existing: string[]): { ok: true; name: string } | { ok: false } {
  try {
    const n = parseName(name);
    if (existing.some((e) => nameKey(e) === nameKey(n))) return { ok: false };
    return { ok: true, name: n };
  } catch (e) {
    if (e instanceof UsageError) return { ok: false };
    throw e;
  }
}

function prospectNames(db: string): string[] {
  return ((snapshot(db).prospects ?? []) as { name: string }[]).map((p) => p.name);
}

/** A refused command: exit 2, one clean line, and the database exactly as before. */
function expectRefused(r: Run, before: ReturnType<typeof snapshot>, db: string, what: string): void {
  expect(r.code, `${what}\nstderr: ${r.stderr}`).toBe(2);
  expectOneCleanLine(r.stderr);
  expect(snapshot(db), `${what}: a refused command changed the database`).toEqual(before);
}

let home: string;
let db: string;

beforeAll(async () => {
  home = scratchDir('cadence-fuzz-');
  db = join(home, 'cadence.db');
  const add = await cli(['prospect', 'add', 'Dana Reyes', '--company', 'Acme', '--tag', 'saas', ...g(db, NOW)], { home });
  expect(add.code, add.stderr).toBe(0);
  const log = await cli(['log', 'Dana Reyes', '--channel', 'email', '--outcome', 'sent', '--value', 'insight:seed', '--at', '2026-02-23T09:00', ...g(db, NOW)], { home });
  expect(log.code, log.stderr).toBe(0);
});

describe('names through the cli', () => {
  it('prospect add <name>: stored as parseName says (trimmed, collapsed, NFC) or refused with exit 2 and nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const before = snapshot(db);
        const want = expected(name, prospectNames(db));
        // `--` so a name that starts with "-" is a name, not an option.
        const r = await cli([...g(db, NOW), '--json', 'prospect', 'add', '--', name], { home });
        if (!want.ok) return expectRefused(r, before, db, `prospect add ${JSON.stringify(name)}`);
        expect(r.code, `prospect add ${JSON.stringify(name)}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toBe('');
        expect((JSON.parse(r.stdout) as { name: string }).name).toBe(want.name);
        expect(prospectNames(db)).toContain(want.name);
        // And it can be found again by the name as typed.
        const show = await cli([...g(db, NOW), '--json', 'prospect', 'show', '--', name], { home });
        expect(show.code, `prospect show ${JSON.stringify(name)}: ${show.stderr}`).toBe(0);
        expect((JSON.parse(show.stdout) as { prospect: { name: string } }).prospect.name).toBe(want.name);
      }),
      { numRuns: 15, seed: 7, endOnFailure: true },
    );
    expect(integrity(db)).toBe('ok');
  }, 120_000);

  it('log <name> --create: the same rules, and the touch lands on the new prospect', async () => {
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const before = snapshot(db);
        const existing = prospectNames(db);
        const want = expected(name, []);
        const r = await cli([...g(db, NOW), '--json', 'log', '--channel', 'email', '--outcome', 'sent', '--create', '--', name], { home });
        if (!want.ok) return expectRefused(r, before, db, `log --create ${JSON.stringify(name)}`);
        expect(r.code, `log --create ${JSON.stringify(name)}: ${r.stderr}`).toBe(0);
        const isNew = !existing.some((e) => nameKey(e) === nameKey(want.name));
        expect(count(db, 'prospects')).toBe((before.prospects as unknown[]).length + (isNew ? 1 : 0));
        expect(count(db, 'touches')).toBe((before.touches as unknown[]).length + 1);
      }),
      { numRuns: 12, seed: 11, endOnFailure: true },
    );
  }, 120_000);

  it('a name that looks like an option without `--` is a usage error, not a crash', async () => {
    const before = snapshot(db);
    expectRefused(await cli(['prospect', 'add', '-Dana', ...g(db, NOW)], { home }), before, db, 'prospect add -Dana');
  });
});

/** Random text for a flag value: near-misses of valid values, unicode, newlines, ANSI escapes. */
const flagText = fc
  .oneof(
    fc.constantFrom(
      '2026-02-30',
      '2026-02-29T10:00',
      '2026-03-02T25:00',
      '2026-03-02T10:00\nrm -rf',
      '2026-03-02T10:00+99:00',
      'tomorrow',
      '',
      ' ',
      'email\n',
      'EMAIL',
      'e-mail',
      'insight',
      'insight:',
      'none:text',
      'resource:Churn report: 2026',
      'checkin:hi',
      'debrief:Decision: no',
      'in',
      'sideways',
      'replied',
      'not-interested',
      'lost',
      'won ',
      '\u001b[31mred',
      'x'.repeat(3000),
      '2026-03-02',
      '2026-03-02T09:00:00Z',
      '99999-01-01',
    ),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(...'0123456789-:TZ+. \n'.split('')), maxLength: 25 }),
  )
  .filter(argvSafe);

const LOG_FLAGS = ['--at', '--value', '--channel', '--outcome', '--direction', '--buyer-date', '--stage', '--note', '--now'] as const;

describe('flag values through the cli', () => {
  it('log with one random flag value: logged (one more touch) or refused (exit 2, one line, nothing written)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LOG_FLAGS), flagText, async (flag, value) => {
        const before = snapshot(db);
        const base: Record<string, string> = { '--channel': 'email', '--outcome': 'sent', '--value': 'insight:fuzz' };
        base[flag] = value;
        const args = ['log', 'Dana Reyes', ...Object.entries(base).flat()];
        const r = await cli([...args, ...(flag === '--now' ? ['--db', db] : g(db, NOW))], { home });
        const what = `log ${flag} ${JSON.stringify(value)}`;
        if (r.code === 0) {
          expect(count(db, 'touches'), what).toBe((before.touches as unknown[]).length + 1);
          return;
        }
        expectRefused(r, before, db, what);
      }),
      { numRuns: 18, seed: 3, endOnFailure: true },
    );
  }, 120_000);

  it('next with random --at/--value/--channel: advice (exit 0) or exit 2 with one line; never a write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('--at', '--value', '--channel'), flagText, async (flag, value) => {
        const before = snapshot(db);
        const r = await cli(['next', 'Dana Reyes', flag, value, '--json', ...g(db, NOW)], { home });
        const what = `next ${flag} ${JSON.stringify(value)}`;
        if (r.code === 0) {
          const advice = JSON.parse(r.stdout) as { verdict: string };
          expect(['go', 'wait', 'send-value', 'close-loop', 'stop']).toContain(advice.verdict);
        } else {
          expect(r.code, `${what}: ${r.stderr}`).toBe(2);
          expectOneCleanLine(r.stderr);
        }
        expect(snapshot(db), `${what} wrote to the database`).toEqual(before);
      }),
      { numRuns: 14, seed: 5, endOnFailure: true },
    );
  }, 120_000);
});
