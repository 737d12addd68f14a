// Reads the five debrief points back out of a debrief touch's text.
// `cadence close` writes them as labelled parts ("decision: ...; liked: ...; gaps: ...");
// free text without labels is kept whole as "where things stand".

export interface DebriefPoints {
  result?: string;
  decision?: string;
  liked?: string;
  gaps?: string;
  nextSteps?: string;
  revisit?: string;
  /** Text without a recognised label. */
  other?: string;
}

const LABELS: [RegExp, keyof DebriefPoints][] = [
  [/^result$/, 'result'],
  [/^(decision|decisions|decided|direction)$/, 'decision'],
  [/^(liked|likes|what they liked|strengths)$/, 'liked'],
  [/^(gaps?|fell short|shortfalls?|concerns?|missing)$/, 'gaps'],
  [/^(next[ -]?steps?|next)$/, 'nextSteps'],
  [/^(revisit|follow[ -]?up)$/, 'revisit'],
];

export function parseDebrief(text: string | null): DebriefPoints {
  const points: DebriefPoints = {};
  if (!text?.trim()) return points;
  const others: string[] = [];
  // Split on new lines, and on ";" or "|" only when a "label:" follows, so prose keeps its semicolons.
  const parts = text.split(/\r?\n|[;|]\s*(?=[A-Za-z][A-Za-z -]{0,20}:)/);
  for (const raw of parts) {
    const part = raw.trim().replace(/^[-*•]\s*/, '');
    if (!part) continue;
    const m = /^([A-Za-z][A-Za-z -]{0,20}):\s*(.*)$/s.exec(part);
    const key = m ? LABELS.find(([re]) => re.test(m[1]!.trim().toLowerCase()))?.[1] : undefined;
    const value = m?.[2]?.trim();
    if (key && value) points[key] = points[key] ? `${points[key]}; ${value}` : value;
    else if (!key) others.push(part);
  }
  if (others.length) points.other = others.join(' ');
  return points;
}
