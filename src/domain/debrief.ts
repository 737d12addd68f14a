// The five-point debrief that `cadence close` records as one touch's value text:
// "Result: lost; Decision: ...; Liked: ...; Gaps: ...; Next steps: ...; Revisit: 2027-03-01".
// One place writes and reads it: `close`, `prospect show`, the draft and the suggestions.
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

/** The points read back from a debrief's text; anything unlabelled is kept as `other`. */
export interface DebriefPoints {
  result?: string;
  decision?: string;
  liked?: string;
  gaps?: string;
  nextSteps?: string;
  revisit?: string;
  other?: string;
}

/** Labels as `close` writes them, and as reps type them by hand in a logged debrief. */
const READ_LABELS: [RegExp, keyof DebriefPoints][] = [
  [/^result$/, 'result'],
  [/^(decision|decisions|decided|direction)$/, 'decision'],
  [/^(liked|likes|what they liked|strengths)$/, 'liked'],
  [/^(gaps?|fell short|shortfalls?|concerns?|missing)$/, 'gaps'],
  [/^(next[ -]?steps?|next)$/, 'nextSteps'],
  [/^(revisit|follow[ -]?up)$/, 'revisit'],
];

/**
 * Reads a debrief (written by `close`, or typed by hand): parts split on new lines, and on
 * ";", "|" or "." only when a "label:" follows, so prose keeps its punctuation.
 */
export function parseDebrief(text: string | null): DebriefPoints {
  const points: DebriefPoints = {};
  if (!text?.trim()) return points;
  const others: string[] = [];
  for (const raw of text.split(/\r?\n|[;|.]\s*(?=[A-Za-z][A-Za-z -]{0,20}:)/)) {
    const part = raw.trim().replace(/^[-*•]\s*/, '');
    if (!part) continue;
    const m = /^([A-Za-z][A-Za-z -]{0,20}):\s*(.*)$/s.exec(part);
    const key = m ? READ_LABELS.find(([re]) => re.test(m[1]!.trim().toLowerCase()))?.[1] : undefined;
    const value = m?.[2]?.trim().replace(/[;.]$/, '').trim();
    if (key && value) points[key] = points[key] ? `${points[key]}; ${value}` : value;
    else if (!key) others.push(part);
  }
  if (others.length) points.other = others.join(' ');
  return points;
}

/**
 * The debrief as lines for `prospect show`, one point per line ("Liked: the onboarding").
 * Unlabelled text is returned as its single line, so any debrief touch can be shown.
 */
export function formatDebrief(text: string | null): string[] {
  const p = parseDebrief(text);
  const lines = LABELS.filter(([key]) => p[key]).map(([key, label]) => `${label}: ${p[key]}`);
  if (p.other) lines.push(p.other);
  return lines;
}
