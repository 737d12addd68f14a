// `cadence summary` on a crafted week, seeded with `cadence import` (TZ Europe/Berlin).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI, cadence, cli, inTerminal, json, tempDb } from './helpers.js';

const NOW = '2026-03-05T12:00'; // Thursday; the week is Mon 2 Mar 00:00 to Mon 9 Mar 00:00 local
let db: string;
let run: ReturnType<typeof cli>;

const at = (local: string) => new Date(local).toISOString();
let touchId = 0;
function t(prospectId: number, local: string, channel: string, outcome: string, extra: Record<string, unknown> = {}) {
  return { id: ++touchId, prospectId, at: at(local), channel, direction: 'out', outcome, ...extra };
}
const p = (id: number, name: string, stage: string, extra: Record<string, unknown> = {}) => ({ id, name, stage, company: `${name} Co`, ...extra });

const seed = {
  version: 1,
  prospects: [
    p(1, 'Ana Alvarez', 'proposal', { stageHistory: [{ from: 'discovery', to: 'proposal', at: at('2026-03-04T10:00') }] }),
    p(2, 'Ben Barrage', 'proposal'),
    p(3, 'Cy Channels', 'lead'),
    p(4, 'Dee Responder', 'lead'),
    p(5, 'Eve Lastweek', 'discovery', { stageHistory: [{ from: 'lead', to: 'discovery', at: at('2026-02-25T10:00') }] }),
    p(6, 'Fay Won', 'won', { stageHistory: [{ from: 'negotiation', to: 'won', at: at('2026-03-04T11:00') }] }),
    p(7, 'Gus Ghost', 'lead'),
    p(8, 'Hal Lost', 'lost', { stageHistory: [{ from: 'proposal', to: 'lost', at: at('2026-02-20T11:00') }] }),
  ],
  touches: [
    // Ana: value, a reply, an answer, a booked meeting.
    t(1, '2026-03-02T09:00', 'email', 'sent', { value: { kind: 'resource', text: 'Churn report' } }),
    t(1, '2026-03-03T10:00', 'email', 'replied', { direction: 'in' }),
    t(1, '2026-03-03T11:00', 'email', 'sent', { value: { kind: 'answer', text: 'Pricing sheet' } }),
    t(1, '2026-03-04T14:00', 'call', 'meeting-booked'),
    // Ben: three unanswered touches within 48 hours.
    t(2, '2026-03-02T09:00', 'email', 'sent'),
    t(2, '2026-03-02T15:00', 'call', 'no-answer'),
    t(2, '2026-03-03T08:00', 'linkedin', 'sent'),
    // Cy: three channels within 7 days, one of them last week.
    t(3, '2026-02-27T10:00', 'email', 'sent'),
    t(3, '2026-03-03T10:00', 'call', 'left-message'),
    t(3, '2026-03-05T10:00', 'linkedin', 'sent'),
    // Dee: many touches, but each after a response; the likes are light.
    t(4, '2026-03-02T09:00', 'email', 'sent'),
    t(4, '2026-03-02T16:00', 'email', 'replied', { direction: 'in' }),
    t(4, '2026-03-03T09:00', 'call', 'connected'),
    t(4, '2026-03-03T10:00', 'email', 'sent', { value: { kind: 'insight', text: 'Benchmarks' } }),
    t(4, '2026-03-04T09:00', 'social', 'sent'),
    t(4, '2026-03-04T09:30', 'social', 'sent'),
    // Eve: a barrage last week only.
    t(5, '2026-02-24T09:00', 'email', 'sent'),
    t(5, '2026-02-24T10:00', 'call', 'no-answer'),
    t(5, '2026-02-24T11:00', 'linkedin', 'sent'),
    // Fay: a connected meeting.
    t(6, '2026-03-04T09:00', 'meeting', 'connected'),
    // Gus: four unanswered touches weeks ago: the loop is to be closed.
    t(7, '2026-01-05T10:00', 'email', 'sent'),
    t(7, '2026-01-09T10:00', 'email', 'sent'),
    t(7, '2026-01-19T10:00', 'email', 'sent'),
    t(7, '2026-02-02T10:00', 'email', 'sent'),
    t(8, '2026-02-19T10:00', 'email', 'sent'),
  ],
  values: [],
};

beforeAll(async () => {
  const tmp = tempDb();
  db = tmp.db;
  run = cli(db, NOW);
  const file = join(tmp.dir, 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  const r = await run('import', file);
  expect(r.code, r.stderr).toBe(0);
});

describe('cadence summary', () => {
  it('JSON: every count of the crafted week', async () => {
    const s = json(await run('summary', '--format', 'json'));
    expect(s.from).toBe(at('2026-03-02T00:00'));
    expect(s.until).toBe(at('2026-03-09T00:00'));
    expect(s.touches).toBe(16);
    expect(s.byChannel).toEqual({ call: 4, voicemail: 0, email: 7, text: 0, linkedin: 2, meeting: 1, social: 2, other: 0 });
    expect(s.prospectsTouched).toBe(5);
    expect(s.responses).toBe(5);
    expect(s.responseRate).toBeCloseTo(3 / 5);
    expect(s.valueShare).toBeCloseTo(3 / 14);
    expect(s.meetingsBooked).toBe(1);
    expect(s.stageMoves.map((m: any) => [m.name, m.from, m.to])).toEqual([
      ['Ana Alvarez', 'discovery', 'proposal'],
      ['Fay Won', 'negotiation', 'won'],
    ]);
    expect(s.dealsClosed.map((d: any) => [d.name, d.result])).toEqual([['Fay Won', 'won']]);
    expect(s.pestering.map((x: any) => [x.name, x.kind])).toEqual([
      ['Ben Barrage', 'touches'],
      ['Cy Channels', 'channels'],
    ]);
    expect(s.closeTheLoop.map((x: any) => x.name)).toContain('Gus Ghost');
    const nextMonday = Date.parse(at('2026-03-09T09:00'));
    for (const d of s.dueNextWeek) {
      expect(Date.parse(d.due)).toBeGreaterThanOrEqual(nextMonday);
      expect(Date.parse(d.due)).toBeLessThan(nextMonday + 7 * 86_400_000);
    }
    expect(s.dueNextWeek.map((d: any) => d.name)).not.toContain('Hal Lost');
  });

  it('--json means JSON too; --format wins over it', async () => {
    expect(json(await run('--json', 'summary')).touches).toBe(16);
    expect((await run('--json', 'summary', '--format', 'md')).stdout).toMatch(/^## Week of Mon 2 Mar 2026/);
  });

  it('piped, it is Markdown without ANSI codes, and says the same', async () => {
    const r = await run('summary');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).toMatch(/^## Week of Mon 2 Mar 2026\n/);
    expect(r.stdout).toContain('- **Touches:** 16 with 5 prospects (email 7, call 4, linkedin 2, social 2, meeting 1)');
    expect(r.stdout).toContain('- **Responses:** 5 (3 of 5 prospects reached responded, 60%)');
    expect(r.stdout).toContain('- **Carried value:** 3 of 14 outbound touches (21%)');
    expect(r.stdout).toContain('- **Meetings booked:** 1');
    expect(r.stdout).toContain('- **Deals closed:** Fay Won (won)');
    expect(r.stdout).toMatch(/### Pestering\n\n- \*\*Ben Barrage\*\*: 3 unanswered touches within 48 hours/);
    expect(r.stdout).toMatch(/- \*\*Cy Channels\*\*: unanswered touches on 3 channels within 7 days/);
    expect(r.stdout.split('### Pestering')[1]).not.toContain('Dee Responder');
    expect(r.stdout).toMatch(/### Close the loop\n\n(- .*\n)*- \*\*Gus Ghost\*\*/);
    expect(r.stdout.split('\n').length).toBeLessThan(40);
  });

  it('--since/--until pick another window; --until a date runs through that day', async () => {
    const s = json(await run('summary', '--since', '2026-02-23', '--until', '2026-02-27', '--format', 'json'));
    expect(s.from).toBe(at('2026-02-23T00:00'));
    expect(s.until).toBe(at('2026-02-28T00:00'));
    expect(s.touches).toBe(4); // Eve's three and Cy's first
    expect(s.pestering.map((x: any) => x.name)).toEqual(['Eve Lastweek']);
    expect(s.stageMoves.map((x: any) => x.name)).toEqual(['Eve Lastweek']);
  });

  it('rejects a bad window with exit 2', async () => {
    expect((await run('summary', '--since', 'yesterday')).code).toBe(2);
    expect((await run('summary', '--since', '2026-03-05', '--until', '2026-03-01')).code).toBe(2);
    expect((await run('summary', '--format', 'pdf')).code).toBe(2);
  });

  it('an empty or missing database summarises to zeros and creates nothing', async () => {
    const fresh = tempDb();
    const s = json(await cadence(['--db', fresh.db, '--now', NOW, 'summary', '--format', 'json']));
    expect(s).toMatchObject({ touches: 0, responses: 0, valueShare: 0, pestering: [], dueNextWeek: [] });
  });

  it('on a terminal it is coloured text; NO_COLOR and --no-color turn colour off', () => {
    // Spawned on a pseudo-terminal: colour depends on stdout being a TTY.
    const tty = inTerminal(['--db', db, '--now', NOW, 'summary']);
    expect(tty.code).toBe(0);
    expect(tty.transcript).toMatch(ANSI);
    expect(tty.transcript).toContain('Week of Mon 2 Mar 2026');
    expect(tty.transcript).not.toContain('## Week');
    const plain = inTerminal(['--db', db, '--now', NOW, 'summary'], { env: { NO_COLOR: '1' } });
    expect(plain.transcript).not.toMatch(ANSI);
    expect(inTerminal(['--db', db, '--now', NOW, '--no-color', 'summary']).transcript).not.toMatch(ANSI);
  });
});

describe('cadence summary on a long book', () => {
  it('names what to bring for every prospect due (JSON: all of them; Markdown: the rows shown), as next would', async () => {
    const tmp = tempDb();
    const book = {
      version: 1,
      prospects: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `Pat ${i + 1}`, stage: 'discovery', tags: i % 2 ? ['saas'] : [] })),
      touches: Array.from({ length: 30 }, (_, i) => ({
        id: i + 1,
        prospectId: i + 1,
        at: at(`2026-02-${String(2 + (i % 20)).padStart(2, '0')}T10:00`),
        channel: 'email',
        direction: 'out',
        outcome: 'sent',
        ...(i % 3 ? { value: { kind: 'resource', text: 'Churn report' } } : {}),
      })),
      values: [
        { id: 1, title: 'Churn report', tags: ['saas'] },
        { id: 2, title: 'Onboarding checklist', tags: ['saas'] },
        { id: 3, title: 'Pricing guide', tags: [] },
      ],
    };
    const file = join(tmp.dir, 'book.json');
    writeFileSync(file, JSON.stringify(book));
    const long = cli(tmp.db, NOW);
    expect((await long('import', file)).code).toBe(0);
    const s = json(await long('summary', '--format', 'json'));
    expect(s.dueNextWeek.length).toBeGreaterThan(20);
    for (const d of s.dueNextWeek) {
      const next = json(await cli(tmp.db, '2026-03-09T09:00')('next', String(d.prospectId), '--json'));
      expect(d.what, d.name).toBe(next.suggestions[0] ?? null);
      expect(d.what, d.name).not.toBeNull();
    }
    const md = (await long('summary')).stdout;
    const first = s.dueNextWeek[0];
    expect(md).toContain(first.what.replace(/\s+$/, '').slice(0, 30));
    // Markdown shows the first 7 rows of JSON's list, in its order, and counts the rest.
    const due = md.split('### Due next week')[1]!.split('###')[0]!;
    const names = [...due.matchAll(/^- \*\*(.+?)\*\*:/gm)].map((m) => m[1]);
    expect(names).toEqual(s.dueNextWeek.slice(0, 7).map((d: { name: string }) => d.name));
    expect(due).toContain(`- ...and ${s.dueNextWeek.length - 7} more (cadence summary --format json lists them all)`);
    expect(s.totals).toEqual({ dueNextWeek: s.dueNextWeek.length, closeTheLoop: s.closeTheLoop.length });
  });
});

describe('cadence summary run again in the week', () => {
  it('says the same, and follows every change made since (a touch, a stage, a tag, the library, a new prospect)', async () => {
    const tmp = tempDb();
    const file = join(tmp.dir, 'seed.json');
    writeFileSync(file, JSON.stringify(seed));
    const again = cli(tmp.db, NOW);
    expect((await again('import', file)).code).toBe(0);
    const md = async () => {
      const r = await again('summary', '--format', 'md');
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const first = await md();
    expect(await md()).toBe(first);
    const due = (text: string) => text.split('### Due next week')[1]!.split('###')[0]!;
    // Gus's loop is closed with a debrief: he leaves "Close the loop".
    expect(first).toMatch(/### Close the loop\n\n(- .*\n)*- \*\*Gus Ghost\*\*/);
    expect((await again('log', 'Gus Ghost', '--channel', 'email', '--outcome', 'sent', '--value', 'debrief:Closing the file')).code).toBe(0);
    expect(await md()).not.toContain('Gus Ghost');
    // A prospect added now is due on Monday.
    expect((await again('prospect', 'add', 'Ivy New', '--tag', 'saas')).code).toBe(0);
    expect(due(await md())).toContain('**Ivy New**');
    // A library item for her tag becomes what to bring her.
    expect((await again('value', 'add', 'SaaS churn study', '--tag', 'saas')).code).toBe(0);
    expect(due(await md())).toMatch(/\*\*Ivy New\*\*.*SaaS churn study/);
    // Lost: off the list (and a deal closed this week).
    expect((await again('prospect', 'set', 'Ivy New', '--stage', 'lost')).code).toBe(0);
    const last = await md();
    expect(due(last)).not.toContain('Ivy New');
    expect(last).toContain('Ivy New (lost)');
  });
});

describe('cadence summary in another locale', () => {
  it('orders names as the locale of its environment does (LANG), one summary after another', async () => {
    const tmp = tempDb();
    const book = {
      version: 1,
      prospects: ['Zoe Ng', 'Östen Berg', 'Zara Li', 'Ödön Kis'].map((name, i) => ({ id: i + 1, name, stage: 'lead' })),
      // Four unanswered emails each to the first two, long ago: both loops are to be closed; three
      // calls this Monday morning each to the others: both pester.
      touches: [
        ...[1, 2].flatMap((p) =>
          ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'].map((d, i) => ({ id: p * 10 + i, prospectId: p, at: at(`${d}T10:00`), channel: 'email', direction: 'out', outcome: 'sent' })),
        ),
        ...[3, 4].flatMap((p) =>
          [9, 10, 11].map((h, i) => ({ id: p * 10 + i, prospectId: p, at: at(`2026-03-02T${String(h).padStart(2, '0')}:00`), channel: 'call', direction: 'out', outcome: 'no-answer' })),
        ),
      ],
      values: [],
    };
    const file = join(tmp.dir, 'book.json');
    writeFileSync(file, JSON.stringify(book));
    expect((await cli(tmp.db, NOW)('import', file)).code).toBe(0);
    // In one process: the locale comes from the environment the command is given.
    const names = async (lang: string) => {
      const r = await cadence(['--db', tmp.db, '--now', NOW, 'summary', '--format', 'json'], { env: { LANG: lang } });
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      const listed = (list: { name: string }[]) => list.map((l) => l.name);
      return [...listed(s.closeTheLoop), ...listed(s.pestering)];
    };
    expect(await names('en_US.UTF-8')).toEqual(['Östen Berg', 'Zoe Ng', 'Ödön Kis', 'Zara Li']);
    expect(await names('sv_SE.UTF-8')).toEqual(['Zoe Ng', 'Östen Berg', 'Zara Li', 'Ödön Kis']);
    expect(await names('en_US.UTF-8')).toEqual(['Östen Berg', 'Zoe Ng', 'Ödön Kis', 'Zara Li']);

  });
});
