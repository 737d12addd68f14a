import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../src/cli/render/summary.js';
import { paint } from '../../src/cli/render/color.js';
import { buildDebrief, formatDebrief, parseDebrief } from '../../src/domain/debrief.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import {
  byName,
  nextWeekOf,
  nextWeekStart,
  pestering as pesteringOf,
  summarize,
  TopK,
  weekAround,
  type SummaryTouch,
  type SummaryVerdict,
} from '../../src/domain/summary.js';
import type { Channel, Direction, Outcome, ValueKind, Verdict } from '../../src/domain/types.js';
import { CHANNELS, STAGES, VERDICTS } from '../../src/domain/types.js';

let nextId = 1;
function touch(
  prospectId: number,
  at: string,
  channel: Channel,
  outcome: Outcome,
  opts: { direction?: Direction; kind?: ValueKind } = {},
): SummaryTouch {
  return {
    id: nextId++,
    prospectId,
    at: new Date(at).toISOString(),
    channel,
    direction: opts.direction ?? 'out',
    outcome,
    kind: opts.kind ?? 'none',
  };
}

const nameOf = (id: number) => `P${id}`;
const pestering = (ts: SummaryTouch[], from: Date, until: Date, rules: typeof DEFAULT_RULES) => pesteringOf(ts, from, until, rules, nameOf);

// Local times (TZ is pinned to Europe/Berlin by vitest.config.ts).
const FROM = new Date('2026-03-02T00:00');
const UNTIL = new Date('2026-03-09T00:00');

describe('the week', () => {
  it('runs Monday 00:00 to the next Monday 00:00 local, whatever day now is', () => {
    for (const now of ['2026-03-02T00:00', '2026-03-05T12:00', '2026-03-08T23:59']) {
      const w = weekAround(new Date(now));
      expect(w.from.getTime()).toBe(FROM.getTime());
      expect(w.until.getTime()).toBe(UNTIL.getTime());
    }
  });
  it('"next week" starts on the following Monday at 09:00', () => {
    expect(nextWeekStart(UNTIL).getTime()).toBe(new Date('2026-03-09T09:00').getTime());
    expect(nextWeekStart(new Date('2026-03-05T12:00')).getTime()).toBe(new Date('2026-03-09T09:00').getTime());
  });
});

describe('pestering (SPEC section 6 barrage, replayed over the week)', () => {
  const rules = DEFAULT_RULES;
  it('3 unanswered touches within 48 hours is a barrage', () => {
    const ts = [
      touch(1, '2026-03-02T09:00', 'email', 'sent'),
      touch(1, '2026-03-02T15:00', 'call', 'no-answer'),
      touch(1, '2026-03-03T08:00', 'email', 'sent'),
    ];
    const p = pestering(ts, FROM, UNTIL, rules);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ prospectId: 1, kind: 'touches', touches: 3, at: ts[2]!.at });
  });
  it('unanswered touches on 3 channels within 7 days is a barrage, counting last week\'s touches', () => {
    const ts = [
      touch(2, '2026-02-27T10:00', 'email', 'sent'),
      touch(2, '2026-03-02T10:00', 'call', 'left-message'),
      touch(2, '2026-03-05T10:00', 'linkedin', 'sent'),
    ];
    expect(pestering(ts, FROM, UNTIL, rules)).toMatchObject([{ prospectId: 2, kind: 'channels', channels: ['email', 'call', 'linkedin'] }]);
  });
  it('a response resets the count: answering the buyer is never pestering', () => {
    const ts = [
      touch(3, '2026-03-02T09:00', 'email', 'sent'),
      touch(3, '2026-03-02T10:00', 'email', 'replied', { direction: 'in' }),
      touch(3, '2026-03-02T11:00', 'email', 'sent', { kind: 'answer' }),
      touch(3, '2026-03-02T12:00', 'call', 'connected'),
      touch(3, '2026-03-02T13:00', 'linkedin', 'sent', { kind: 'resource' }),
      touch(3, '2026-03-02T14:00', 'email', 'replied', { direction: 'in' }),
      touch(3, '2026-03-02T15:00', 'text', 'sent', { kind: 'answer' }),
    ];
    expect(pestering(ts, FROM, UNTIL, rules)).toEqual([]);
  });
  it('uses the advice\'s half-open windows: a touch exactly 48 hours or 7 days before has left them', () => {
    const cases = [
      { kind: 'touches', first: ['2026-03-02T09:00', 'email'], mid: ['2026-03-03T09:00', 'email'], last: ['2026-03-04T09:00', 'email'] },
      { kind: 'channels', first: ['2026-02-26T10:00', 'email'], mid: ['2026-03-02T10:00', 'call'], last: ['2026-03-05T10:00', 'linkedin'] },
    ] as const;
    for (const { kind, first, mid, last } of cases) {
      const ts = (lastAt: string) => [first, mid, [lastAt, last[1]] as const].map(([at, channel]) => touch(9, at, channel, 'sent'));
      expect(pestering(ts(last[0]), FROM, UNTIL, rules)).toEqual([]);
      const aMinuteEarlier = new Date(new Date(last[0]).getTime() - 60_000).toISOString();
      expect(pestering(ts(aMinuteEarlier), FROM, UNTIL, rules)).toMatchObject([{ kind, touches: 3 }]);
    }
  });
  it('light (social) touches never count, however many', () => {
    const ts = [1, 2, 3, 4, 5].map((h) => touch(4, `2026-03-03T1${h}:00`, 'social', 'sent'));
    ts.push(touch(4, '2026-03-03T16:00', 'email', 'sent'), touch(4, '2026-03-03T17:00', 'call', 'no-answer'));
    expect(pestering(ts, FROM, UNTIL, rules)).toEqual([]);
  });
  it('a barrage that ended before the week is not this week\'s', () => {
    const ts = [
      touch(5, '2026-02-24T09:00', 'email', 'sent'),
      touch(5, '2026-02-24T10:00', 'call', 'no-answer'),
      touch(5, '2026-02-24T11:00', 'linkedin', 'sent'),
      touch(5, '2026-03-04T11:00', 'email', 'sent'),
    ];
    expect(pestering(ts, FROM, UNTIL, rules)).toEqual([]);
  });
  it('follows the configured numbers', () => {
    const ts = [touch(6, '2026-03-02T09:00', 'email', 'sent'), touch(6, '2026-03-02T10:00', 'email', 'sent')];
    expect(pestering(ts, FROM, UNTIL, rules)).toEqual([]);
    expect(pestering(ts, FROM, UNTIL, { ...rules, barrageTouches: 2 })).toHaveLength(1);
  });
});

describe('pestering, in name order', () => {
  // Three unanswered emails on Monday morning from each: every one of them pesters.
  const NAMES = ['Zoë', 'ana', 'Émile', 'Ana', 'A\u00adna', 'bob', 'Emile', '李雷', 'Øyvind'];
  const week = (ids: number[]) => ids.flatMap((id) => [9, 10, 11].map((h) => touch(id, `2026-03-02T${String(h).padStart(2, '0')}:0${id % 10}`, 'email', 'sent')));
  it('lists the prospects by name', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(NAMES.map((_, i) => i + 1), { minLength: 1 }), (ids) => {
        const name = (id: number) => NAMES[id - 1]!;
        const listed = pesteringOf(week(ids), FROM, UNTIL, DEFAULT_RULES, name);
        expect(listed.map((p) => p.name)).toEqual(ids.map(name).sort(byName));
      }),
    );
  });
});

function advice(id: number, verdict: Verdict, waitUntil: string | null = null): SummaryVerdict {
  return { prospectId: id, name: `P${id}`, stage: 'lead', verdict, waitUntil: waitUntil && new Date(waitUntil).toISOString(), channel: 'email' };
}

describe('summarize', () => {
  const touches = [
    touch(1, '2026-02-27T10:00', 'email', 'sent'), // last week: only for the barrage window
    touch(1, '2026-03-02T09:00', 'email', 'sent', { kind: 'resource' }),
    touch(1, '2026-03-02T12:00', 'email', 'replied', { direction: 'in' }),
    touch(1, '2026-03-03T09:00', 'call', 'meeting-booked'),
    touch(2, '2026-03-04T09:00', 'linkedin', 'sent'),
    touch(2, '2026-03-04T10:00', 'social', 'sent'),
    touch(3, '2026-03-05T10:00', 'email', 'replied', { direction: 'in' }),
  ];
  const s = summarize({
    from: FROM,
    until: UNTIL,
    touches,
    stageMoves: [
      { prospectId: 1, name: 'P1', from: 'discovery', to: 'proposal', at: '2026-03-03T10:00:00.000Z' },
      { prospectId: 4, name: 'P4', from: 'negotiation', to: 'won', at: '2026-03-04T10:00:00.000Z' },
      { prospectId: 5, name: 'P5', from: 'proposal', to: 'lost', at: '2026-03-04T11:00:00.000Z' },
    ],
    nameOf,
    ahead: nextWeekOf(
      [
        advice(1, 'go'),
        advice(2, 'wait', '2026-03-11T09:00'),
        advice(3, 'wait', '2026-03-20T09:00'),
        advice(4, 'close-loop'),
        advice(5, 'stop'),
        advice(6, 'send-value'),
      ],
      new Date('2026-03-09T09:00'),
    ),
    rules: DEFAULT_RULES,
  });

  it('counts only the window', () => {
    expect(s.from).toBe(FROM.toISOString());
    expect(s.until).toBe(UNTIL.toISOString());
    expect(s.touches).toBe(6);
    expect(s.outbound).toBe(4);
    expect(s.inbound).toBe(2);
    expect(s.byChannel).toMatchObject({ email: 3, call: 1, linkedin: 1, social: 1, text: 0 });
    expect(s.prospectsTouched).toBe(3);
  });
  it('responses, response rate (prospects reached who responded), value share and meetings', () => {
    expect(s.responses).toBe(3); // two buyer replies and a booked meeting
    expect(s.prospectsReached).toBe(2);
    expect(s.prospectsResponded).toBe(1);
    expect(s.responseRate).toBe(0.5);
    expect(s.valueTouches).toBe(1);
    expect(s.valueShare).toBe(0.25);
    expect(s.meetingsBooked).toBe(1);
  });
  it('stage moves and closed deals', () => {
    expect(s.stageMoves).toHaveLength(3);
    expect(s.dealsClosed.map((d) => [d.name, d.result])).toEqual([
      ['P4', 'won'],
      ['P5', 'lost'],
    ]);
  });
  it('who is due next week (waits that end within it included), and whose loop to close', () => {
    expect(s.dueNextWeek.map((d) => [d.name, d.verdict])).toEqual([
      ['P1', 'go'],
      ['P6', 'send-value'],
      ['P2', 'wait'],
    ]);
    // What to bring and why are sentences the caller adds for the rows it shows.
    expect(s.dueNextWeek.map((d) => d.what)).toEqual([null, null, null]);
    expect(s.dueNextWeek.map((d) => d.due)).toEqual(['2026-03-09T09:00', '2026-03-09T09:00', '2026-03-11T09:00'].map((d) => new Date(d).toISOString()));
    expect(s.closeTheLoop.map((l) => l.name)).toEqual(['P4']);
    expect(s.pestering).toEqual([]);
  });
  it('an empty week has zero shares, not NaN', () => {
    const e = summarize({ from: FROM, until: UNTIL, touches: [], stageMoves: [], nameOf, ahead: nextWeekOf([], new Date()), rules: DEFAULT_RULES });
    expect(e).toMatchObject({ touches: 0, responses: 0, valueShare: 0, responseRate: null });
  });
});

describe('debrief text', () => {
  it('holds the five points and reads back', () => {
    const text = buildDebrief({
      result: 'lost',
      decision: 'They stay with spreadsheets.',
      liked: 'the timeline view',
      gaps: 'no SSO; price',
      nextSteps: 'check in after budget',
      revisit: '2027-03-01',
    });
    expect(text).toBe(
      'Result: lost; Decision: They stay with spreadsheets; Liked: the timeline view; Gaps: no SSO, price; Next steps: check in after budget; Revisit: 2027-03-01',
    );
    expect(parseDebrief(text)).toEqual({
      result: 'lost',
      decision: 'They stay with spreadsheets',
      liked: 'the timeline view',
      gaps: 'no SSO, price',
      nextSteps: 'check in after budget',
      revisit: '2027-03-01',
    });
    expect(formatDebrief(text)).toEqual([
      'Result: lost',
      'Decision: They stay with spreadsheets',
      'Liked: the timeline view',
      'Gaps: no SSO, price',
      'Next steps: check in after budget',
      'Revisit: 2027-03-01',
    ]);
  });
  it('leaves out points not given, and shows unlabelled text as it is', () => {
    expect(buildDebrief({ result: 'won', decision: null, liked: null, gaps: null, nextSteps: null, revisit: null })).toBe('Result: won');
    expect(formatDebrief('Thanks for your time, closing the file.')).toEqual(['Thanks for your time, closing the file.']);
    expect(formatDebrief(null)).toEqual([]);
    expect(parseDebrief('Result: won. Liked: speed')).toMatchObject({ result: 'won', liked: 'speed' });
  });
});

describe('rendering a busy week stays on one screen', () => {
  const moves = Array.from({ length: 40 }, (_, i) => ({
    prospectId: i, name: `P${i}`, from: 'lead' as const, to: i % 4 === 0 ? ('won' as const) : ('discovery' as const), at: FROM.toISOString(),
  }));
  const many = Array.from({ length: 30 }, (_, i) => advice(100 + i, 'send-value'));
  const s = summarize({
    from: FROM,
    until: UNTIL,
    touches: [],
    stageMoves: moves,
    nameOf,
    ahead: nextWeekOf(many, new Date('2026-03-09T09:00')),
    rules: DEFAULT_RULES,
  });
  it('counts moves and deals instead of naming them all, and cuts long lists', () => {
    const md = renderMarkdown(s);
    expect(md).toContain('- **Stage moves:** 40: 30 to discovery, 10 to won');
    expect(md).toContain('- **Deals closed:** 10: 10 won, 0 lost');
    expect(md).toContain('...and 23 more (cadence summary --format json lists them all)');
    expect(md.split('\n').length).toBeLessThan(30);
    expect(renderText(s, paint(false))).not.toMatch(/\u001b\[/);
    expect(renderText(s, paint(true))).toMatch(/\u001b\[1m/);
  });
});

describe('TopK', () => {
  it('keeps the first k of a stable sort, and counts all it was offered, whatever the list and k', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), i: fc.nat() })), fc.nat({ max: 12 }), (xs, k) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const top = new TopK(k, byKey);
        for (const x of xs) top.offer(x);
        expect(top.first()).toEqual([...xs].sort(byKey).slice(0, k));
        expect(top.offered).toBe(xs.length);
      }),
    );
  });
});

describe('the lists of next week, kept short as they are gathered', () => {
  const MONDAY = new Date('2026-03-09T09:00');
  const verdictArb = fc.record({
    prospectId: fc.nat(),
    name: fc.constantFrom('Ana', 'ana', 'Émile', 'Eva', 'Zoë', 'bob', 'Bob'),
    stage: fc.constantFrom(...STAGES),
    verdict: fc.constantFrom(...VERDICTS),
    // A wait decided for a moment ends after it (see placement).
    waitUntil: fc.option(fc.integer({ min: 1, max: 20 * 24 }).map((h) => new Date(MONDAY.getTime() + h * 3_600_000).toISOString())),
    channel: fc.constantFrom(...CHANNELS),
  });
  it('are the first rows of the full lists, with the full counts', () => {
    fc.assert(
      fc.property(fc.array(verdictArb, { maxLength: 60 }), fc.nat({ max: 10 }), (verdicts, k) => {
        const all = nextWeekOf(verdicts, MONDAY);
        const cut = nextWeekOf(verdicts, MONDAY, k);
        expect(cut.dueNextWeek).toEqual(all.dueNextWeek.slice(0, k));
        expect(cut.closeTheLoop).toEqual(all.closeTheLoop.slice(0, k));
        expect(cut.totals).toEqual({ dueNextWeek: all.dueNextWeek.length, closeTheLoop: all.closeTheLoop.length });
        // Due: not stopped, not closing, and due before the week after ends; soonest first.
        const weekEnd = new Date(MONDAY.getTime() + 7 * 86_400_000).toISOString();
        const due = verdicts.filter((v) => v.verdict !== 'stop' && v.verdict !== 'close-loop' && (v.verdict !== 'wait' || (v.waitUntil ?? weekEnd) < weekEnd));
        expect(all.dueNextWeek).toHaveLength(due.length);
        expect(all.dueNextWeek.map((d) => d.due)).toEqual(all.dueNextWeek.map((d) => d.due).sort());
      }),
    );
  });
});
