// The close-the-loop draft, and suggestions that never repeat what was sent (TZ Europe/Berlin).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest.js';
import { digestFromTouches } from '../../src/domain/fold.js';
import { parseValue } from '../../src/domain/parse.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import type { Channel, Direction, Outcome, Touch, ValueItem } from '../../src/domain/types.js';
import { advise, closeLoopDraft } from '../../src/domain/advice/index.js';

let ids = 0;
function touch(at: Date, channel: Channel, outcome: Outcome, o: { dir?: Direction; value?: string; note?: string } = {}): Touch {
  return {
    id: ++ids,
    prospectId: 1,
    at: at.toISOString(),
    channel,
    direction: o.dir ?? 'out',
    outcome,
    value: parseValue(o.value ?? 'none'),
    note: o.note ?? null,
    buyerDate: null,
  };
}
const L = (month: number, d: number, h = 10) => new Date(2026, month, d, h);

function digestOf(touches: Touch[], T: Date, o: { name?: string; tags?: string[]; buyerDate?: string } = {}): Digest {
  return digestFromTouches(
    {
      prospect: { id: 1, name: o.name ?? 'Dana Reyes', stage: 'discovery', company: 'Acme', tags: o.tags ?? [] },
      flagDnc: null,
      dncClearedAt: null,
      buyerDate: o.buyerDate ? { date: o.buyerDate, setAt: L(0, 2).toISOString() } : null,
      touches,
    },
    T,
  );
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const GUILT = [
  /just checking/i,
  /checking in/i,
  /haven'?t heard/i,
  /circling back/i,
  /bump/i,
  /sorry to bother/i,
  /last chance/i,
  /must be busy/i,
  /didn'?t (get|hear)/i,
  /ignor/i,
  /\burgent/i,
  /limited time/i,
];
const unanswered = () => [5, 12, 19, 26].map((d) => touch(L(0, d), 'email', 'sent'));
const T = L(1, 24);

function checkDraft(draft: string, firstName: string) {
  expect(words(draft)).toBeLessThan(120);
  expect(draft).toContain(firstName);
  expect(draft).toMatch(/stop reaching out/);
  expect(draft).toMatch(/one-word reply/);
  for (const g of GUILT) expect(draft).not.toMatch(g);
}

describe('close-the-loop draft', () => {
  it('is what advise returns for close-loop, short, named and honest', () => {
    const a = advise({
      digest: digestOf(unanswered(), T),
      planned: { at: T, channel: 'email', value: { kind: 'none', text: null } },
      library: [],
      rules: DEFAULT_RULES,
    });
    expect(a.verdict).toBe('close-loop');
    checkDraft(a.draft!, 'Dana');
    expect(a.draft).toMatch(/^Hi Dana,/);
    expect(a.draft).toContain('If things change');
  });

  it('uses the whole name when it is one word', () => {
    checkDraft(closeLoopDraft(digestOf(unanswered(), T, { name: 'Acme' }), T), 'Hi Acme,');
  });

  it('names the follow-up date when a buyer date is ahead', () => {
    const draft = closeLoopDraft(digestOf(unanswered(), T, { buyerDate: '2026-06-01' }), T);
    checkDraft(draft, 'Dana');
    expect(draft).toContain('Monday 1 June');
    expect(draft).not.toContain('If things change');
  });

  it('covers the debrief points from the last debrief', () => {
    const debrief =
      'debrief:decision: staying with the current vendor this year; liked: the reporting dashboards; gaps: no SSO; next steps: revisit after their renewal';
    const touches = [touch(L(0, 5), 'email', 'sent', { value: debrief }), touch(L(0, 20), 'call', 'connected'), touch(L(0, 21), 'email', 'not-interested', { dir: 'in' })];
    const a = advise({
      digest: digestOf(touches, T),
      planned: { at: T, channel: 'email', value: { kind: 'none', text: null } },
      library: [],
      rules: DEFAULT_RULES,
    });
    expect(a.verdict).toBe('close-loop');
    checkDraft(a.draft!, 'Dana');
    for (const point of ['staying with the current vendor this year', 'the reporting dashboards', 'no SSO', 'revisit after their renewal']) {
      expect(a.draft).toContain(point);
    }
  });

  it('acknowledges a no without a debrief', () => {
    const touches = [touch(L(0, 5), 'email', 'sent'), touch(L(0, 21), 'email', 'not-interested', { dir: 'in' })];
    const draft = closeLoopDraft(digestOf(touches, T), T);
    checkDraft(draft, 'Dana');
    expect(draft).toContain("isn't a fit");
  });

  it('stays under 120 words whatever the debrief says, and is deterministic', () => {
    const text = fc.array(fc.constantFrom('decision:', 'liked:', 'gaps:', 'next steps:', ';', 'word', 'the', 'pricing', '\n'), { maxLength: 400 });
    fc.assert(
      fc.property(text, fc.constantFrom('Dana Reyes', 'Acme', 'Jean-Luc de la Tour'), (parts, name) => {
        const raw = parts.join(' ').trim();
        const touches = [touch(L(0, 5), 'email', 'sent', { value: raw ? `debrief:${raw}` : 'debrief' }), ...unanswered()];
        const d = digestOf(touches, T, { name });
        const draft = closeLoopDraft(d, T);
        checkDraft(draft, name.split(' ')[0]!);
        expect(closeLoopDraft(d, T)).toBe(draft);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggestions', () => {
  const library: ValueItem[] = [
    { id: 1, title: 'Churn benchmark 2026', url: null, tags: ['saas'], createdAt: '2026-01-10T00:00:00Z' },
    { id: 2, title: 'SaaS pricing teardown', url: 'https://ex.com/pricing', tags: ['saas'], createdAt: '2026-02-01T00:00:00Z' },
    { id: 3, title: 'Security checklist', url: null, tags: ['saas', 'security'], createdAt: '2026-01-20T00:00:00Z' },
    { id: 4, title: 'Onboarding playbook', url: null, tags: ['saas'], createdAt: '2026-01-05T00:00:00Z' },
    { id: 5, title: 'Untagged guide', url: null, tags: [], createdAt: '2026-02-05T00:00:00Z' },
  ];
  const plan = (digest: Digest, at: Date) =>
    advise({ digest, planned: { at, channel: 'email', value: { kind: 'none', text: null } }, library, rules: DEFAULT_RULES });

  it('never includes an already sent title, lists at most 3, newest first, with the tag', () => {
    const touches = [touch(L(1, 2), 'email', 'sent', { value: 'resource:churn benchmark 2026' })];
    const a = plan(digestOf(touches, L(1, 16), { tags: ['saas'] }), L(1, 16));
    expect(a.verdict).toBe('send-value');
    const items = a.suggestions.filter((s) => s.startsWith('Send '));
    expect(items).toEqual([
      "Send 'SaaS pricing teardown' https://ex.com/pricing (tag: saas) - not sent to Dana Reyes yet.",
      "Send 'Security checklist' (tag: saas) - not sent to Dana Reyes yet.",
      "Send 'Onboarding playbook' (tag: saas) - not sent to Dana Reyes yet.",
    ]);
    expect(a.suggestions.join('\n').toLowerCase()).not.toContain('churn benchmark');
  });

  it('adds a hint from what the buyer last wrote, and answers a buyer with suggestions', () => {
    const touches = [touch(L(1, 2), 'email', 'sent'), touch(L(1, 3), 'email', 'replied', { dir: 'in', note: 'Do you integrate with Okta?' })];
    const a = plan(digestOf(touches, L(1, 4), { tags: ['saas'] }), L(1, 4));
    expect(a.verdict).toBe('go');
    expect(a.suggestions.at(-1)).toBe('Build on what Dana Reyes wrote on Tuesday 3 February (email): "Do you integrate with Okta?"');
  });

  it('adds the gap named in the last debrief', () => {
    const touches = [touch(L(1, 2), 'email', 'sent', { value: 'debrief:decision: wait; gaps: no SSO yet' }), touch(L(1, 5), 'call', 'connected')];
    const a = plan(digestOf(touches, L(1, 16), { tags: ['none'] }), L(1, 16));
    expect(a.verdict).toBe('send-value');
    expect(a.suggestions).toContain('Address where it fell short in the debrief of Monday 2 February: "no SSO yet".');
  });

  it('gives generic ideas by value kind when there is nothing else', () => {
    const a = advise({
      digest: digestOf([touch(L(1, 2), 'email', 'sent')], L(1, 16)),
      planned: { at: L(1, 16), channel: 'email', value: { kind: 'none', text: null } },
      library: [],
      rules: DEFAULT_RULES,
    });
    const all = a.suggestions.join('\n');
    for (const kind of ['insight', 'resource', 'intro', 'event']) expect(all).toContain(`--value ${kind}:`);
  });
});
