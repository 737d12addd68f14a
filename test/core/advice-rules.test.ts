// One test per verdict rule (SPEC section 6, in precedence.ts's order), each at its boundary. TZ is Europe/Berlin
// (vitest.config.ts), so `new Date(y, m, d, h, min)` below is Berlin local time.
// March 2026: Mon 2, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9; DST starts Sun 29 March.
import { describe, expect, it } from 'vitest';
import type { Advice, Channel, Direction, Outcome, Stage, Touch, ValueItem } from '../../src/domain/types.js';
import type { Digest, DncMark } from '../../src/domain/digest.js';
import { digestFromTouches } from '../../src/domain/fold.js';
import { ConfigError, DEFAULT_RULES, rulesFromConfig, type Rules } from '../../src/domain/rules.js';
import { parseValue } from '../../src/domain/parse.js';
import { advise, defaultChannel } from '../../src/domain/advice/index.js';
import { barrageOf, gapDays } from '../../src/domain/advice/timing.js';

// --- tiny builders -------------------------------------------------------------------
let ids = 0;
function touch(at: Date, channel: Channel, outcome: Outcome, o: { dir?: Direction; value?: string; note?: string; buyerDate?: string } = {}): Touch {
  return {
    id: ++ids,
    prospectId: 1,
    at: at.toISOString(),
    channel,
    direction: o.dir ?? 'out',
    outcome,
    value: parseValue(o.value ?? 'none'),
    note: o.note ?? null,
    buyerDate: o.buyerDate ?? null,
  };
}
const out = (at: Date, channel: Channel = 'email', outcome: Outcome = 'sent', value?: string) => touch(at, channel, outcome, { value });
const inn = (at: Date, outcome: Outcome = 'replied', channel: Channel = 'email') => touch(at, channel, outcome, { dir: 'in' });
const L = (d: number, h = 10, min = 0, month = 2) => new Date(2026, month, d, h, min);

interface Opts {
  stage?: Stage;
  tags?: string[];
  flagDnc?: DncMark | null;
  buyerDate?: { date: string; setAt: Date } | null;
  channel?: Channel;
  value?: string;
  library?: ValueItem[];
  rules?: Rules;
  name?: string;
}
function digestOf(touches: Touch[], T: Date, o: Opts = {}): Digest {
  return digestFromTouches(
    {
      prospect: { id: 1, name: o.name ?? 'Acme', stage: o.stage ?? 'discovery', company: 'Acme Corp', tags: o.tags ?? [] },
      flagDnc: o.flagDnc ?? null,
      dncClearedAt: null,
      buyerDate: o.buyerDate ? { date: o.buyerDate.date, setAt: o.buyerDate.setAt.toISOString() } : null,
      touches,
    },
    T,
  );
}
function run(touches: Touch[], T: Date, o: Opts = {}): Advice {
  const digest = digestOf(touches, T, o);
  const rules = o.rules ?? DEFAULT_RULES;
  const advice = advise({
    digest,
    planned: { at: T, channel: o.channel ?? defaultChannel(digest), value: parseValue(o.value ?? 'none') },
    library: o.library ?? [],
    rules,
  });
  // The score contract holds for every advice below.
  expect(advice.reasons.length).toBeGreaterThan(0);
  const sum = advice.reasons.reduce((s, r) => s + r.points, advice.base);
  expect(advice.score).toBe(advice.verdict === 'stop' ? 0 : Math.min(100, Math.max(0, sum)));
  expect(advice.waitUntil !== null).toBe(advice.verdict === 'wait');
  if (advice.waitUntil) expect(Date.parse(advice.waitUntil)).toBeGreaterThan(T.getTime());
  return advice;
}
const terms = (a: Advice) => a.reasons.map((r) => r.term);
const iso = (d: Date) => d.toISOString();

// --- rules ---------------------------------------------------------------------------
describe('do-not-contact is stop, score 0', () => {
  it('stops on the prospect flag even when the buyer wrote last', () => {
    const a = run([out(L(2)), inn(L(3))], L(5), { flagDnc: { at: iso(L(1)), scope: 'prospect' } });
    expect(a.verdict).toBe('stop');
    expect(a.score).toBe(0);
    expect(a.reasons[0]!.term).toBe('do-not-contact');
    expect(a.reasons[0]!.detail).toContain('Tuesday 3 March');
    expect(a.reasons[0]!.detail).toContain('cadence prospect set Acme --clear-do-not-contact');
  });
  it('stops on a company mark and on a do-not-contact touch', () => {
    const company = run([], L(5), { flagDnc: { at: iso(L(1)), scope: 'company' } });
    expect(company.verdict).toBe('stop');
    expect(company.reasons[0]!.detail).toContain('Acme Corp');
    const byTouch = run([out(L(2)), out(L(3), 'call', 'do-not-contact')], L(16), { value: 'insight:x' });
    expect(byTouch.verdict).toBe('stop');
    expect(byTouch.reasons[0]!.detail).not.toContain('clear-do-not-contact');
  });
  it('quotes a name with a space in the clear command', () => {
    const a = run([inn(L(4))], L(5), { name: 'Dana Reyes', flagDnc: { at: iso(L(1)), scope: 'prospect' } });
    expect(a.reasons[0]!.detail).toContain('cadence prospect set "Dana Reyes" --clear-do-not-contact');
  });
});

describe('buyer-replied: the buyer wrote last: go, whatever the gap or date', () => {
  it('goes one minute after an outbound touch, on a Saturday, before the buyer date', () => {
    const a = run([out(L(7, 9)), inn(L(7, 9, 30))], L(7, 9, 31), { buyerDate: { date: '2026-04-01', setAt: L(2) } });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('buyer-replied');
    expect(a.score).toBeGreaterThanOrEqual(50);
    expect(terms(a)).not.toContain('value'); // answering needs no extra value
  });
  it('does not apply to a buyer message saying not now', () => {
    const a = run([out(L(2)), inn(L(3), 'not-now')], L(5));
    expect(a.verdict).toBe('wait');
    expect(a.reasons[0]!.term).toBe('not-now');
  });
});

describe('buyer-date-ahead and buyer-date-arrived: the buyer date', () => {
  const setAt = L(2);
  it('waits until 00:00 of a buyer date tomorrow', () => {
    const a = run([out(L(2, 9))], L(5, 23, 59), { buyerDate: { date: '2026-03-06', setAt } });
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(new Date(2026, 2, 6)));
    expect(a.reasons[0]).toMatchObject({ term: 'buyer-date' });
    expect(a.reasons[0]!.points).toBeLessThan(0);
    expect(a.reasons[0]!.detail).toContain('Friday 6 March');
  });
  it('goes on the buyer date itself (today), even with a plain check-in', () => {
    const a = run([out(L(2, 9))], new Date(2026, 2, 6, 0, 0), { buyerDate: { date: '2026-03-06', setAt } });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('buyer-date');
    expect(a.reasons[0]!.points).toBeGreaterThan(0);
    expect(a.score).toBeGreaterThanOrEqual(50);
  });
  it('falls through once something went out after the date was set', () => {
    const a = run([out(L(2, 9)), out(L(3, 10))], L(16), { buyerDate: { date: '2026-03-06', setAt } });
    expect(a.verdict).toBe('send-value');
    const debriefOnly = run([out(L(2, 9)), out(L(3, 10), 'email', 'sent', 'debrief:closing')], L(16), {
      stage: 'won',
      buyerDate: { date: '2026-03-06', setAt },
    });
    expect(debriefOnly.verdict).toBe('go'); // a debrief is not an outbound touch for buyer-date-arrived
  });
});

describe('not-now: not now without a date waits 30 x 24 h', () => {
  // 2 March 10:00 + 30 x 24 h crosses the DST change: 1 April 11:00 local.
  const touches = () => [out(L(2, 9)), inn(L(2, 10), 'not-now')];
  it('waits the minute before', () => {
    const a = run(touches(), new Date(2026, 3, 1, 10, 59), { value: 'insight:pricing' });
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(new Date(2026, 3, 1, 11, 0)));
    expect(a.reasons[0]!.term).toBe('not-now');
  });
  it('lets go at exactly 30 days', () => {
    const a = run(touches(), new Date(2026, 3, 1, 11, 0), { value: 'insight:pricing' });
    expect(a.verdict).toBe('go');
  });
  it('does not apply when a buyer date exists', () => {
    const a = run(touches(), L(16), { value: 'insight:pricing', buyerDate: { date: '2026-03-10', setAt: L(2, 10) } });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('buyer-date');
  });
});

describe('not-interested', () => {
  it('closes the loop, with a draft', () => {
    const a = run([out(L(2)), inn(L(3), 'not-interested')], L(5));
    expect(a.verdict).toBe('close-loop');
    expect(a.reasons[0]!.term).toBe('not-interested');
    expect(a.draft).toContain("I'll stop reaching out");
  });
  it('stops once a debrief went out after it', () => {
    const a = run([out(L(2)), inn(L(3), 'not-interested'), out(L(4), 'email', 'sent', 'debrief')], L(5));
    expect(a.verdict).toBe('stop');
    expect(a.score).toBe(0);
    expect(a.draft).toBeNull();
  });
});

describe('lost is stop', () => {
  it('stops a lost deal', () => {
    const a = run([out(L(2))], L(16), { stage: 'lost', value: 'insight:x' });
    expect(a.verdict).toBe('stop');
    expect(a.reasons[0]!.term).toBe('lost');
  });
  it('still answers a lost buyer who writes back', () => {
    expect(run([out(L(2)), inn(L(3))], L(5), { stage: 'lost' }).verdict).toBe('go');
  });
});

describe('loop-closed: a closed loop is stop, except for customers', () => {
  const touches = () => [out(L(2)), inn(L(3)), out(L(4), 'email', 'sent', 'debrief:decision: later')];
  it('stops after a debrief that follows the latest response', () => {
    const a = run(touches(), L(20), { value: 'insight:x' });
    expect(a.verdict).toBe('stop');
    expect(a.reasons[0]!.term).toBe('loop-closed');
  });
  it('does not stop a won customer', () => {
    expect(run(touches(), L(20), { stage: 'won', value: 'insight:x' }).verdict).toBe('go');
  });
  it('does not stop when the buyer responded after the debrief', () => {
    const a = run([...touches(), out(L(10), 'call', 'connected')], L(20), { value: 'insight:x' });
    expect(a.verdict).toBe('go');
  });
});

describe('weekend waits until Monday 00:00', () => {
  it('waits from Saturday and Sunday 23:59', () => {
    for (const T of [L(7, 10), L(8, 23, 59)]) {
      const a = run([], T, { value: 'insight:x' });
      expect(a.verdict).toBe('wait');
      expect(a.waitUntil).toBe(iso(new Date(2026, 2, 9, 0, 0)));
      expect(a.reasons[0]!.term).toBe('weekend');
    }
  });
  it('does not wait on Friday 23:59 or Monday 00:00', () => {
    expect(run([], L(6, 23, 59), { value: 'insight:x' }).verdict).toBe('go');
    expect(run([], L(9, 0, 0), { value: 'insight:x' }).verdict).toBe('go');
  });
});

describe('light-touch: a light touch goes, one per 7 days', () => {
  const touches = () => [out(L(5, 9)), touch(L(26, 10, 0, 1), 'social', 'sent')];
  it('waits the minute before 7 days after the last light touch', () => {
    const a = run(touches(), L(5, 9, 59), { channel: 'social' });
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(L(5, 10)));
    expect(a.reasons[0]!.term).toBe('light-touch');
  });
  it('goes at exactly 7 days, whatever the gap, with no value', () => {
    const a = run(touches(), L(5, 10), { channel: 'social' });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('light-touch');
    expect(terms(a)).not.toContain('value');
    expect(a.score).toBeGreaterThanOrEqual(50);
  });
});

describe('fresh-conversation', () => {
  const touches = () => [out(L(5, 10), 'call', 'connected')];
  it('goes with value right after a call that connected', () => {
    const a = run(touches(), L(5, 11), { value: 'resource:Pricing sheet' });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('fresh-conversation');
  });
  it('lets a plain check-in fall through to the gap', () => {
    const a = run(touches(), L(5, 11));
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(L(10, 10))); // Thu + 3 business days = Tue
  });
});

describe('gap-or-barrage: the gap', () => {
  it('waits the minute before the gap ends and goes at its end', () => {
    const before = run([out(L(2, 10))], L(5, 9, 59), { value: 'insight:x' });
    expect(before.verdict).toBe('wait');
    expect(before.waitUntil).toBe(iso(L(5, 10)));
    expect(before.reasons[0]!.term).toBe('gap');
    expect(before.reasons[0]!.detail).toContain('discovery');
    expect(before.reasons[0]!.detail).toContain('1 unanswered');
    expect(run([out(L(2, 10))], L(5, 10), { value: 'insight:x' }).verdict).toBe('go');
  });
  it('counts business days across a weekend, same clock time', () => {
    const a = run([out(L(6, 14, 30))], L(9, 9), { stage: 'lead', value: 'insight:x' });
    expect(a.waitUntil).toBe(iso(L(11, 14, 30))); // Fri + 3 business days = Wed
    const one = rulesFromConfig({ gapBase: { lead: 1 } });
    const b = run([out(L(6, 14, 30))], L(9, 9), { stage: 'lead', value: 'insight:x', rules: one });
    expect(b.waitUntil).toBe(iso(L(9, 14, 30))); // Fri + 1 business day = Mon
  });
  it('doubles with each unanswered touch, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => gapDays(DEFAULT_RULES, 'discovery', n))).toEqual([3, 3, 6, 12, 20, 20]);
    expect(gapDays(DEFAULT_RULES, 'negotiation', 2)).toBe(4);
    expect(gapDays(DEFAULT_RULES, 'won', 1)).toBe(10);
    const a = run([out(L(2, 10)), out(L(5, 10), 'call', 'no-answer')], L(9, 10), { value: 'insight:x' });
    expect(a.waitUntil).toBe(iso(L(13, 10))); // 2 unanswered: 6 business days after Thu 5
  });
  it('waits for a barrage by count (48 h) until enough touches leave the window', () => {
    // A gap of one business day, so the barrage is what holds.
    const rules = rulesFromConfig({ gapBase: { discovery: 1 }, gapCap: 1 });
    const touches = () => [out(L(3, 9)), out(L(3, 12)), out(L(3, 15))];
    const a = run(touches(), L(3, 16), { value: 'insight:x', rules });
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(L(5, 9))); // oldest + 48 h
    expect(a.reasons[0]!.term).toBe('barrage');
    expect(terms(a)).toContain('gap');
    expect(run(touches(), L(5, 8, 59), { value: 'insight:x', rules }).waitUntil).toBe(iso(L(5, 9)));
    expect(run(touches(), L(5, 9), { value: 'insight:x', rules }).verdict).toBe('go');
    // Two touches are not a barrage.
    const two = run([out(L(3, 12)), out(L(3, 15))], L(4, 15, 30), { value: 'insight:x', rules });
    expect(two.verdict).toBe('go');
  });
  it('waits for a barrage by channels (7 days) until a channel leaves the window', () => {
    const rules = rulesFromConfig({ gapBase: { discovery: 1 }, gapCap: 1, barrageTouches: 100, closeAfter: 10 });
    const touches = () => [out(L(2, 10), 'email'), out(L(3, 10), 'call', 'no-answer'), out(L(4, 10), 'email'), out(L(5, 10), 'linkedin')];
    const a = run(touches(), L(6, 11), { value: 'insight:x', rules });
    expect(a.verdict).toBe('wait');
    // Channels drop out at their latest touch + 7 days: call first, on Tue 10 March 10:00.
    expect(a.waitUntil).toBe(iso(L(10, 10)));
    expect(a.reasons[0]!.term).toBe('barrage');
    expect(a.reasons[0]!.detail).toContain('3 channels');
    expect(run(touches(), L(10, 9, 59), { value: 'insight:x', rules }).waitUntil).toBe(iso(L(10, 10)));
    expect(run(touches(), L(10, 10), { value: 'insight:x', rules }).verdict).toBe('go');
  });
  it('computes exact barrage ends with the default rules', () => {
    const T = L(5, 12);
    const d = digestOf([out(L(4, 9)), out(L(4, 13), 'call', 'no-answer'), out(L(5, 11), 'linkedin')], T);
    const b = barrageOf(d, DEFAULT_RULES, T);
    expect(b.byCount?.until).toEqual(L(6, 9));
    expect(b.byChannels?.until).toEqual(L(11, 9));
    expect(b.byChannels?.channels).toEqual(['email', 'call', 'linkedin']);
    // A touch at exactly T − 48 h is outside the window.
    expect(barrageOf(d, DEFAULT_RULES, L(6, 9)).byCount).toBeNull();
  });
  it('once the gap has passed, says so with a term that speaks for reaching out', () => {
    for (const value of ['none', 'insight:x']) {
      const a = run([out(L(2, 10))], L(5, 10), { value });
      expect(a.reasons.find((r) => r.term === 'gap')).toMatchObject({ points: 10 });
      expect(a.reasons.find((r) => r.term === 'gap')?.detail).toContain('ended on Thu 5 Mar 10:00');
    }
    // Not when the buyer wrote last: the gap was never the question.
    expect(terms(run([out(L(2, 10)), inn(L(3, 10))], L(5, 10)))).not.toContain('gap');
  });
  it('ignores light touches for the gap', () => {
    const a = run([out(L(2, 10)), touch(L(5, 9), 'social', 'sent')], L(5, 10), { value: 'insight:x' });
    expect(a.verdict).toBe('go');
  });
});

describe('close-after-silence: close the loop at closeAfter unanswered', () => {
  const mondays = (n: number) => [5, 12, 19, 26].slice(0, n).map((d) => out(L(d, 10, 0, 0)));
  it('3 unanswered is not yet close-loop', () => {
    const a = run(mondays(3), L(24, 10, 0, 1));
    expect(a.verdict).toBe('send-value');
    expect(a.draft).toBeNull();
  });
  it('4 unanswered is close-loop with a draft', () => {
    const a = run(mondays(4), L(24, 10, 0, 1));
    expect(a.verdict).toBe('close-loop');
    expect(a.reasons[0]!.term).toBe('unanswered');
    expect(a.reasons[0]!.detail).toContain('4 touches');
    expect(a.draft).toMatch(/^Hi Acme,/);
    expect(a.suggestions[0]).toContain('--value debrief');
  });
  it('waits out the 20-day capped gap first', () => {
    const a = run(mondays(4), L(23, 9, 59, 1));
    expect(a.verdict).toBe('wait');
    expect(a.waitUntil).toBe(iso(L(23, 10, 0, 1))); // Mon 26 Jan + 20 business days
  });
});

describe('no-value, repeat and new-value', () => {
  const library: ValueItem[] = [
    { id: 1, title: 'Churn benchmark 2026', url: 'https://ex.com/churn', tags: ['saas'], createdAt: '2026-01-10T00:00:00Z' },
    { id: 2, title: 'Pricing teardown', url: null, tags: ['saas', 'fintech'], createdAt: '2026-02-10T00:00:00Z' },
    { id: 3, title: 'Generic guide', url: null, tags: [], createdAt: '2026-02-20T00:00:00Z' },
    { id: 4, title: 'Retail report', url: null, tags: ['retail'], createdAt: '2026-02-21T00:00:00Z' },
  ];
  it('no-value: a plain check-in is send-value with library suggestions, newest first', () => {
    const a = run([out(L(2, 10), 'email', 'sent', 'resource:pricing TEARDOWN')], L(16), { tags: ['saas'], library });
    expect(a.verdict).toBe('send-value');
    expect(a.reasons[0]).toEqual({ term: 'value', points: -25, detail: 'A check-in with nothing for the buyer adds no value.' });
    expect(a.score).toBeLessThan(50);
    expect(a.suggestions).toEqual(["Send 'Churn benchmark 2026' https://ex.com/churn (tag: saas) - not sent to Acme yet."]);
  });
  it('no-value: falls back to untagged items, then to generic ideas', () => {
    const a = run([out(L(2, 10))], L(16), { tags: ['health'], library });
    expect(a.suggestions[0]).toBe("Send 'Generic guide' - not sent to Acme yet.");
    const b = run([out(L(2, 10))], L(16), { tags: ['health'] });
    expect(b.suggestions.join(' ')).toMatch(/insight/);
  });
  it('repeat: the same value again is send-value', () => {
    const a = run([out(L(2, 10), 'email', 'sent', 'resource:Churn benchmark')], L(16), { value: 'resource:churn  Benchmark' });
    expect(a.verdict).toBe('send-value');
    expect(a.reasons[0]!.term).toBe('value');
    expect(a.reasons[0]!.points).toBeLessThan(0);
    expect(a.reasons[0]!.detail).toContain('already sent');
  });
  it('new-value: something new is go', () => {
    const a = run([out(L(2, 10), 'email', 'sent', 'resource:Churn benchmark')], L(16), { value: 'insight:Churn benchmark' });
    expect(a.verdict).toBe('go');
    expect(a.reasons[0]!.term).toBe('value');
    expect(a.reasons[0]!.points).toBeGreaterThan(0);
    expect(a.score).toBeGreaterThanOrEqual(50);
  });
  it('quarter end makes a plain check-in score lower, and says whose deadline it is', () => {
    const a = run([out(L(2, 10))], L(24, 10));
    expect(a.verdict).toBe('send-value');
    const q = a.reasons.find((r) => r.term === 'quarter-end');
    expect(q?.points).toBeLessThan(0);
    expect(q?.detail).toContain('your deadline');
    expect(q?.detail).toContain('Tuesday 31 March');
    expect(terms(run([out(L(2, 10))], L(17, 10)))).not.toContain('quarter-end');
  });
});

describe('score coefficients from config.json', () => {
  const checkIn = () => [out(L(2, 10))];
  it('a coefficient sets the points of its term, and so the score', () => {
    const byDefault = run(checkIn(), L(16));
    expect(byDefault.reasons[0]).toMatchObject({ term: 'value', points: -25 });
    const a = run(checkIn(), L(16), { rules: rulesFromConfig({ value: -40 }) });
    expect(a.verdict).toBe('send-value');
    expect(a.reasons[0]).toMatchObject({ term: 'value', points: -40 });
    expect(a.score).toBe(byDefault.score - 15);
    // Only that coefficient: the other terms keep their points.
    expect(a.reasons.slice(1)).toEqual(byDefault.reasons.slice(1));
  });
  it('the unanswered coefficient is multiplied by the count, up to 5', () => {
    const rules = rulesFromConfig({ unanswered: -7 });
    const mondays = (n: number) => [5, 12, 19, 26, 2, 9].slice(0, n).map((d, i) => out(L(d, 10, 0, i < 4 ? 0 : 1)));
    const two = run(mondays(2), L(24, 10, 0, 1), { rules, value: 'insight:x' });
    expect(two.reasons.find((r) => r.term === 'unanswered')?.points).toBe(-14);
    const six = run(mondays(6), L(24, 10, 0, 1), { rules: rulesFromConfig({ unanswered: -7, closeAfter: 10, gapCap: 1 }), value: 'insight:x' });
    expect(six.reasons.find((r) => r.term === 'unanswered')?.points).toBe(-35);
  });
  it('a stop still scores 0, its term taking the whole base away', () => {
    const a = run([out(L(2))], L(16), { stage: 'lost', rules: rulesFromConfig({ base: 70, value: 30 }) });
    expect(a).toMatchObject({ verdict: 'stop', score: 0, reasons: [{ term: 'lost', points: -70 }] });
  });
  it('a bad coefficient is a ConfigError naming the key; negative ones down to -100 are fine', () => {
    for (const bad of [101, -101, 2.5, '10', null]) {
      expect(() => rulesFromConfig({ 'value-new': bad })).toThrow(ConfigError);
      expect(() => rulesFromConfig({ 'value-new': bad })).toThrow(`config.json: "value-new" must be a whole number from -100 to 100, not ${JSON.stringify(bad)}.`);
    }
    expect(rulesFromConfig({ 'value-new': -100, barrage: 100 }).coefficients).toMatchObject({ 'value-new': -100, barrage: 100 });
    expect(() => rulesFromConfig({ valueNew: 5 })).toThrow(/unknown key "valueNew"; the keys are base, .*value-new/);
    expect(() => rulesFromConfig({ coefficients: {} })).toThrow(/unknown key "coefficients"/);
  });
});

describe('defaultChannel', () => {
  it('is the latest non-light outbound channel, else email', () => {
    expect(defaultChannel(digestOf([out(L(2), 'call', 'no-answer'), touch(L(3), 'social', 'sent')], L(5)))).toBe('call');
    expect(defaultChannel(digestOf([], L(5)))).toBe('email');
  });
});
