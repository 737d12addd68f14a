// Concrete things to send instead of a bare check-in: library items that fit the
// prospect and that it has not received, a hint from its history, or ideas by value kind.
import type { Digest } from '../digest.js';
import type { ValueItem } from '../types.js';
import { parseDebrief } from '../debrief.js';
import { bare, clip, formatDay, norm, quoted } from './format.js';

/** At most this many library items: a short list gets read. */
const MAX_ITEMS = 3;
const HINT_WORDS = 20;

/** At most `max` of them (the first ones of the full list: a short list skips the hint when the library fills it). */
export function suggestValue(digest: Digest, library: readonly ValueItem[], T: Date, max = Infinity): string[] {
  if (max <= 0) return [];
  const out = librarySuggestions(digest, library, max);
  if (out.length < max) {
    const hint = historyHint(digest, T);
    if (hint) out.push(hint);
  }
  return out.length ? out : genericIdeas(digest.prospect.name).slice(0, max);
}

/** The library newest first with normalised titles and tags, worked out once per library (the agenda asks 10,000 times). */
const prepared = new WeakMap<readonly ValueItem[], Prepared[]>();

interface Prepared {
  item: ValueItem;
  key: string;
  tags: string[];
}

function newestFirst(library: readonly ValueItem[]): Prepared[] {
  let list = prepared.get(library);
  if (!list) {
    list = [...library]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id))
      .map((item) => ({ item, key: norm(item.title), tags: item.tags.map((t) => t.toLowerCase()) }));
    prepared.set(library, list);
  }
  return list;
}

/** norm, remembered: the agenda normalises the same few titles for 10,000 prospects. */
const normed = new Map<string, string>();
function normOnce(text: string): string {
  let key = normed.get(text);
  if (key === undefined) normed.set(text, (key = norm(text)));
  return key;
}

export function librarySuggestions(digest: Digest, library: readonly ValueItem[], max = Infinity): string[] {
  const most = Math.min(MAX_ITEMS, max);
  const who = digest.prospect.name;
  // What was sent is looked at only for items that would fit.
  let sentKeys: Set<string> | undefined;
  const sent = (key: string) => {
    if (!sentKeys) {
      sentKeys = new Set();
      for (const v of digest.sentValues) if (v.text) sentKeys.add(normOnce(v.text));
    }
    return sentKeys.has(key);
  };
  const theirTags = new Set(digest.prospect.tags.map((t) => t.toLowerCase()));
  const matching: { item: ValueItem; tags: string[] }[] = [];
  const untagged: { item: ValueItem; tags: string[] }[] = [];
  for (const p of newestFirst(library)) {
    if (p.tags.length === 0) {
      if (untagged.length < most && !sent(p.key)) untagged.push({ item: p.item, tags: [] });
      continue;
    }
    // Most items fit nobody in particular: test before building the list of shared tags.
    if (!theirTags.size || !p.tags.some((t) => theirTags.has(t)) || sent(p.key)) continue;
    matching.push({ item: p.item, tags: p.item.tags.filter((_, i) => theirTags.has(p.tags[i]!)) });
    if (matching.length === most) break;
  }
  // Only when nothing is tagged for them do generic (untagged) items beat no suggestion.
  const picks = matching.length ? matching : untagged;
  return picks.map(({ item, tags }) => {
    const url = item.url ? ` ${item.url}` : '';
    const tagNote = tags.length ? ` (${tags.length === 1 ? 'tag' : 'tags'}: ${tags.join(', ')})` : '';
    return `Send '${item.title}'${url}${tagNote} - not sent to ${who} yet.`;
  });
}

/** The newest of: the gap named in the last debrief, or the last thing the buyer wrote. */
export function historyHint(digest: Digest, T: Date): string | null {
  const who = digest.prospect.name;
  const { lastDebrief, lastBuyerMessage } = digest.history;
  const candidates: { at: string; text: string }[] = [];
  if (lastDebrief?.text?.trim()) {
    const p = parseDebrief(lastDebrief.text);
    const gap = p.gaps ?? p.other;
    const day = formatDay(new Date(lastDebrief.at), T);
    if (gap) candidates.push({ at: lastDebrief.at, text: `Address where it fell short in the debrief of ${day}: ${quoted(clip(bare(gap), HINT_WORDS))}` });
    else if (p.nextSteps) candidates.push({ at: lastDebrief.at, text: `Move on the next steps from the debrief of ${day}: ${quoted(clip(bare(p.nextSteps), HINT_WORDS))}` });
  }
  const said = lastBuyerMessage?.note?.trim() || lastBuyerMessage?.valueText?.trim();
  if (lastBuyerMessage && said) {
    const day = formatDay(new Date(lastBuyerMessage.at), T);
    candidates.push({ at: lastBuyerMessage.at, text: `Build on what ${who} wrote on ${day} (${lastBuyerMessage.channel}): ${quoted(clip(bare(said), HINT_WORDS))}` });
  }
  candidates.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return candidates[0]?.text ?? null;
}

function genericIdeas(who: string): string[] {
  return [
    `Share an insight about ${who}'s industry: a number or trend that bears on a decision they face (--value insight:<what>).`,
    `Send a resource that answers a question they raised: an article, checklist or benchmark (--value resource:<title>).`,
    `Offer an intro to a customer or expert who solved the same problem (--value intro:<who>).`,
    `Invite them to an event, webinar or roundtable for their role (--value event:<name>).`,
    `Add it to your library with \`cadence value add <title> --tag <tag>\` so the next suggestion is ready.`,
  ];
}
