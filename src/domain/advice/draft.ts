// The close-the-loop note: short, honest that outreach stops, covering the debrief points,
// and easy to answer in one word. Deterministic, so the same history gives the same note.
import { parseDebrief, type DebriefPoints } from '../debrief.js';
import type { Digest } from '../digest.js';
import { formatDay, startOfLocalDay } from '../time.js';
import { bare, clip, wordCount } from './format.js';

/** A close-the-loop note is read in seconds or not at all. */
export const DRAFT_MAX_WORDS = 120;

const RESULT_PHRASES: Record<string, string> = {
  won: 'you chose to go ahead',
  lost: 'you decided not to go ahead',
  'no-decision': 'no decision was made',
};

/**
 * The note for `close-loop` (also usable on its own, e.g. to preview `cadence close`).
 * `now` decides whether the buyer date is still ahead and so worth naming as the follow-up.
 */
export function closeLoopDraft(digest: Digest, now: Date): string {
  const name = digest.prospect.name.trim();
  const first = name.includes(' ') ? name.split(' ')[0]! : name;
  const points = parseDebrief(digest.history.lastDebrief?.text ?? null);
  const revisit =
    digest.buyerDate && startOfLocalDay(digest.buyerDate.date).getTime() > now.getTime()
      ? formatDay(startOfLocalDay(digest.buyerDate.date), now)
      : null;
  const saidNo = digest.latestResponse?.outcome === 'not-interested';

  // Long debrief text is clipped harder until the note fits.
  for (const words of [15, 10, 6, 3]) {
    for (const withOptional of [true, false]) {
      const text = compose(first, points, revisit, saidNo, words, withOptional);
      if (wordCount(text) < DRAFT_MAX_WORDS) return text;
    }
  }
  return compose(first, {}, revisit, saidNo, 3, false);
}

function compose(
  first: string,
  p: DebriefPoints,
  revisit: string | null,
  saidNo: boolean,
  words: number,
  withOptional: boolean,
): string {
  const say = (s: string) => clip(bare(s), words);
  const lines: string[] = [];
  lines.push(`Hi ${first},`, '');

  lines.push(
    revisit
      ? `I'll stop reaching out for now and check back on ${revisit}, as you suggested.`
      : `I'll stop reaching out after this note, so here is where things stand.`,
  );

  const decision = p.decision ?? p.other;
  if (decision) lines.push(`So far: ${say(decision)}.`);
  else if (p.result && RESULT_PHRASES[p.result.trim().toLowerCase()]) {
    lines.push(`So far: ${RESULT_PHRASES[p.result.trim().toLowerCase()]}, and that's fine.`);
  } else if (saidNo) lines.push(`So far: you told me this isn't a fit right now, and I respect that.`);
  else lines.push(`So far: no decision has been made, and that's fine.`);

  if (p.liked) lines.push(`What worked for you: ${say(p.liked)}.`);
  else if (withOptional) lines.push(`If any part was useful, I'm glad to hear which.`);

  if (p.gaps) lines.push(`Where we fell short: ${say(p.gaps)}. Thank you for being clear about it.`);
  else if (withOptional) lines.push(`If we fell short somewhere, a word on where would help me.`);

  lines.push(p.nextSteps ? `Next steps: ${say(p.nextSteps)}.` : `Next steps: none needed from you.`);

  if (!revisit) lines.push(`If things change, I'm glad to pick this up again.`);
  lines.push(`A one-word reply — 'later', 'no' or 'yes' — is plenty.`);
  return lines.join('\n');
}
