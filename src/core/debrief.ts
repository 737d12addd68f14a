// The five-point debrief that `cadence close` records as one touch's value text:
// "Result: lost; Decision: ...; Liked: ...; Gaps: ...; Next steps: ...; Revisit: 2027-03-01".
// Parts are joined with "; " because the advice engine's reader (core/advice/debrief.ts)
// splits on ";" before a label, so both read the same text the same way.
import type { CloseResult } from './types.js';

export interface DebriefFields {
  result: CloseResult | null;
  decision: string | null;
  liked: string | null;
  gaps: string | null;
  nextSteps: string | null;
  /** YYYY-MM-DD */
  revisit: string | null;
}

const LABELS: [keyof DebriefFields, string][] = [
  ['result', 'Result'],
  ['decision', 'Decision'],
  ['liked', 'Liked'],
  ['gaps', 'Gaps'],
  ['nextSteps', 'Next steps'],
  ['revisit', 'Revisit'],
];

/** The debrief text; points not given are left out rather than padded with "n/a". */
export function buildDebrief(f: DebriefFields): string {
  return LABELS.filter(([key]) => f[key])
    .map(([key, label]) => `${label}: ${tidy(f[key]!)}`)
    .join('; ');
}

/** A user's "; " inside a point would start a false label: keep it a comma. Trailing stops go too. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;\s*/g, ', ').replace(/[.\s]+$/, '').trim();
}

const LABEL_RE = /(?:^|[;.\n]\s*)(result|decision|liked|gaps|next steps|revisit):\s*/gi;

/** Reads the points back; text with no labels at all (a hand-logged debrief) comes back as null. */
export function parseDebrief(text: string | null): DebriefFields | null {
  if (!text) return null;
  const hits = [...text.matchAll(LABEL_RE)];
  if (!hits.length) return null;
  const out: DebriefFields = { result: null, decision: null, liked: null, gaps: null, nextSteps: null, revisit: null };
  hits.forEach((m, i) => {
    const label = m[1]!.toLowerCase();
    const key = LABELS.find(([, l]) => l.toLowerCase() === label)![0];
    const start = m.index! + m[0].length;
    const end = hits[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim().replace(/[;.]$/, '').trim();
    if (value) (out as unknown as Record<string, string>)[key] = value;
  });
  return out;
}

/**
 * The debrief as lines for `prospect show`, one point per line ("Liked: the onboarding").
 * Unlabelled text is returned as its single line, so any debrief touch can be shown.
 */
export function formatDebrief(text: string | null): string[] {
  const f = parseDebrief(text);
  if (!f) return text?.trim() ? [text.trim()] : [];
  return LABELS.filter(([key]) => f[key]).map(([key, label]) => `${label}: ${f[key]}`);
}
