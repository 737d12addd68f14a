// Library suggestions: the per-tag-set shortcut gives what walking the whole library for each
// prospect gave (the reference below is that earlier walk, kept as the specification).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest.js';
import { wordsOf } from '../../src/domain/fold.js';
import { norm } from '../../src/domain/advice/format.js';
import { librarySuggestions } from '../../src/domain/advice/suggest.js';
import type { Touch, Value, ValueItem } from '../../src/domain/types.js';

/** A delivered touch carrying `value`. */
const touchOf = (i: number, value: Value): Touch => ({
  id: i + 1,
  prospectId: 1,
  at: `2026-01-01T0${i % 10}:00:00.000Z`,
  channel: 'email',
  direction: 'out',
  outcome: 'sent',
  value,
  note: null,
  buyerDate: null,
});

function reference(tags: string[], sentValues: Value[], name: string, library: ValueItem[], max: number): string[] {
  const most = Math.min(3, max);
  const sent = new Set(sentValues.filter((v) => v.text).map((v) => norm(v.text)));
  const theirTags = new Set(tags.map((t) => t.toLowerCase()));
  const newest = [...library].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const matching: { item: ValueItem; tags: string[] }[] = [];
  const untagged: { item: ValueItem; tags: string[] }[] = [];
  for (const item of newest) {
    const lower = item.tags.map((t) => t.toLowerCase());
    if (lower.length === 0) {
      if (untagged.length < most && !sent.has(norm(item.title))) untagged.push({ item, tags: [] });
      continue;
    }
    if (!theirTags.size || !lower.some((t) => theirTags.has(t)) || sent.has(norm(item.title))) continue;
    matching.push({ item, tags: item.tags.filter((_, i) => theirTags.has(lower[i]!)) });
    if (matching.length === most) break;
  }
  const picks = matching.length ? matching : untagged;
  return picks.map(({ item, tags: shared }) => {
    const url = item.url ? ` ${item.url}` : '';
    const tagNote = shared.length ? ` (${shared.length === 1 ? 'tag' : 'tags'}: ${shared.join(', ')})` : '';
    return `Send '${item.title}'${url}${tagNote} - not sent to ${name} yet.`;
  });
}

const TAGS = ['saas', 'SaaS', 'fintech', 'emea', 'Health care'];
const TITLES = ['Churn report', 'churn  report', 'Pricing guide', 'ROI calculator', 'Intro to Sam', 'Analyst report'];

const itemArb = fc.record({
  title: fc.constantFrom(...TITLES),
  url: fc.option(fc.constant('https://example.com/x'), { nil: null }),
  tags: fc.subarray(TAGS),
  day: fc.integer({ min: 1, max: 5 }),
});

describe('library suggestions', () => {
  it('equal the walk over the whole library, for any library, tags, values sent and limit', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 12 }),
        fc.array(fc.subarray(TAGS), { minLength: 1, maxLength: 4 }),
        fc.subarray(TITLES),
        fc.integer({ min: 1, max: 4 }),
        (items, tagSets, sentTitles, max) => {
          // One library asked for several prospects, as the agenda does (the shortcut is per library).
          const library: ValueItem[] = items.map((x, i) => ({
            id: i + 1,
            title: x.title,
            url: x.url,
            tags: x.tags,
            createdAt: `2026-01-0${x.day}T00:00:00.000Z`,
          }));
          const sentValues: Value[] = sentTitles.map((text) => ({ kind: 'resource', text }));
          for (const tags of [...tagSets, ...tagSets]) {
            const prospect = { id: 1, name: 'Dana', stage: 'lead', company: null, tags };
            const log = { touches: sentValues.map((value, i) => touchOf(i, value)), buyerDateEvents: [] };
            const digest = { prospect, sentValues, sentTexts: new Set(wordsOf(log).sent) } as unknown as Digest;
            expect(librarySuggestions(digest, library, max)).toEqual(reference(tags, sentValues, 'Dana', library, max));
            expect(librarySuggestions(digest, library, 0)).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
