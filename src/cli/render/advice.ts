import type { Advice, Verdict } from '../../domain/types.js';
import type { Paint } from './color.js';
import { day, dayTime } from '../../domain/time.js';

const VERDICT_WORDS: Record<Verdict, string> = {
  go: 'Go',
  wait: 'Wait',
  'send-value': 'Send something useful',
  'close-loop': 'Close the loop',
  stop: 'Stop',
};

export function verdictColor(v: Verdict, p: Paint): (s: string) => string {
  return v === 'go' ? p.green : v === 'wait' ? p.yellow : v === 'send-value' ? p.cyan : v === 'close-loop' ? p.magenta : p.red;
}

/** One line that leads with the verdict: "Wait until Thu 5 Mar 2026 10:00: <the main reason>". */
export function adviceHeadline(a: Advice, p: Paint): string {
  const until = a.waitUntil ? ` until ${untilText(a.waitUntil)}` : '';
  const head = verdictColor(a.verdict, p)(p.bold(`${VERDICT_WORDS[a.verdict]}${until}`));
  const why = a.reasons[0]?.detail;
  return why ? `${head}: ${why}` : head;
}

/** Midnight reads as a day; any other time keeps its clock. */
export function untilText(iso: string): string {
  const d = new Date(iso);
  return d.getHours() === 0 && d.getMinutes() === 0 ? day(d) : dayTime(d);
}

export function renderAdvice(a: Advice, p: Paint, explain: boolean): string {
  // The verdict leads, on one line; then what was scored.
  const lines = [adviceHeadline(a, p)];
  lines.push(p.dim(`  for ${a.prospect.name} (${a.prospect.stage}), ${a.planned.channel} on ${dayTime(a.planned.at)}`));
  const rest = explain ? a.reasons : a.reasons.slice(1);
  if (explain) {
    lines.push('', p.bold('Score terms'));
    const width = Math.max(...rest.map((r) => r.term.length), 4);
    lines.push(`  ${'base'.padEnd(width)}  ${String(a.base).padStart(4)}`);
    for (const r of rest) lines.push(`  ${r.term.padEnd(width)}  ${signed(r.points).padStart(4)}  ${p.dim(r.detail)}`);
    lines.push(`  ${'score'.padEnd(width)}  ${String(a.score).padStart(4)}${a.verdict === 'stop' ? p.dim('  (stop always scores 0)') : ''}`);
  } else {
    for (const r of rest) lines.push(`  - ${r.detail}`);
    lines.push(p.dim(`  score ${a.score}; --explain shows every term`));
  }
  if (a.suggestions.length) {
    lines.push('', p.bold('Ideas'));
    for (const s of a.suggestions) lines.push(`  - ${s}`);
  }
  if (a.draft) lines.push('', p.bold('Close-the-loop draft'), ...a.draft.split('\n').map((l) => `  ${l}`));
  return lines.join('\n');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
