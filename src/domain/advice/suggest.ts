// Concrete things to send instead of a bare check-in: library items that fit the
// prospect and that it has not received, a hint from its history, or ideas by value kind.
import { parseDebrief } from '../debrief.js';
import type { Digest } from '../digest.js';
import { formatDay } from '../time.js';
import type { ValueItem } from '../types.js';
import { bare, clip, norm, quoted } from './format.js';

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

/** The library newest first with normalised titles and tags, worked out once per library (the agenda asks once per prospect). */
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

/** A library item that fits a set of tags: sharing some of them (`shared`, as the item spells them), or untagged. */
interface Fit {
  item: ValueItem;
  key: string;
  shared: string[];
}

/** Per library, per set of prospect tags: the items that share a tag, and the untagged ones, newest first. */
const fitsByLibrary = new WeakMap<readonly ValueItem[], Map<string, { tagged: Fit[]; untagged: Fit[] }>>();

/** Worked out once per set of tags: the agenda asks for the same few sets thousands of times. */
function fitsFor(library: readonly ValueItem[], tags: readonly string[]): { tagged: Fit[]; untagged: Fit[] } {
  let byTags = fitsByLibrary.get(library);
  if (!byTags) fitsByLibrary.set(library, (byTags = new Map()));
  const cacheKey = tags.join('\u0000');
  let fits = byTags.get(cacheKey);
  if (!fits) {
    const theirTags = new Set(tags.map((t) => t.toLowerCase()));
    fits = { tagged: [], untagged: [] };
    for (const p of newestFirst(library)) {
      if (p.tags.length === 0) fits.untagged.push({ item: p.item, key: p.key, shared: [] });
      else if (p.tags.some((t) => theirTags.has(t))) {
        fits.tagged.push({ item: p.item, key: p.key, shared: p.item.tags.filter((_, i) => theirTags.has(p.tags[i]!)) });
      }
    }
    byTags.set(cacheKey, fits);
  }
  return fits;
}

export function librarySuggestions(digest: Digest, library: readonly ValueItem[], max = Infinity): string[] {
  const most = Math.min(MAX_ITEMS, max);
  const who = digest.prospect.name;
  // What was sent is looked at only for items that would fit.
  const sent = (key: string) => digest.sentTexts.has(key);
  const firstUnsent = (list: Fit[]) => {
    const out: Fit[] = [];
    for (const f of list) {
      if (out.length === most) break;
      if (!sent(f.key)) out.push(f);
    }
    return out;
  };
  const { tagged, untagged } = fitsFor(library, digest.prospect.tags);
  // Only when nothing is tagged for them do generic (untagged) items beat no suggestion.
  let picks = firstUnsent(tagged);
  if (!picks.length) picks = firstUnsent(untagged);
  return picks.map(({ item, shared }) => {
    const url = item.url ? ` ${item.url}` : '';
    const tagNote = shared.length ? ` (${shared.length === 1 ? 'tag' : 'tags'}: ${shared.join(', ')})` : '';
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
