// `cadence summary` as Markdown (for standup notes: `cadence summary >> standup.md`) or as
// text for the terminal. Both come from one list of facts so they always say the same thing.
import type { Summary } from '../../domain/summary.js';
import { STAGES } from '../../domain/types.js';
import type { Paint } from './color.js';
import { day, dayTime } from '../../domain/time.js';

/** Lists longer than this are cut, so the summary fits one screen; JSON has them all. */
/** Rows per list: the summary must fit a standup note. */
export const MAX_ROWS = 8;
/** Stage moves and deals named one by one up to this many; beyond, counted. */
const MAX_NAMED = 6;

interface Fact {
  label: string;
  text: string;
}

interface Section {
  title: string;
  rows: { name: string; text: string }[];
  /** Rows in all: more than `rows` holds when the summary kept only the first few. */
  total: number;
  empty: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Midnight reads as a day, any other moment keeps its clock. */
function when(iso: string): string {
  const d = new Date(iso);
  return d.getHours() === 0 && d.getMinutes() === 0 ? day(d) : dayTime(d);
}

export function title(s: Summary): string {
  const from = new Date(s.from);
  const until = new Date(s.until);
  const lastDay = new Date(until.getTime() - 1);
  const isWeek =
    from.getDay() === 1 && from.getHours() === 0 && from.getMinutes() === 0 && until.getTime() - from.getTime() <= 8 * 86_400_000 &&
    until.getDay() === 1 && until.getHours() === 0 && until.getMinutes() === 0;
  if (isWeek) return `Week of ${day(from)}`;
  const end = until.getHours() === 0 && until.getMinutes() === 0 ? day(lastDay) : dayTime(until);
  return `${when(s.from)} to ${end}`;
}

function facts(s: Summary): Fact[] {
  const channels = Object.entries(s.byChannel)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const rate =
    s.responseRate === null
      ? 'no outreach'
      : `${s.prospectsResponded} of ${plural(s.prospectsReached, 'prospect')} reached responded, ${pct(s.responseRate)}`;
  return [
    { label: 'Touches', text: `${s.touches} with ${plural(s.prospectsTouched, 'prospect')}${channels ? ` (${channels})` : ''}` },
    { label: 'Responses', text: `${s.responses} (${rate})` },
    {
      label: 'Carried value',
      text: s.outbound ? `${s.valueTouches} of ${plural(s.outbound, 'outbound touch', 'outbound touches')} (${pct(s.valueShare)})` : 'no outbound touches',
    },
    { label: 'Meetings booked', text: String(s.meetingsBooked) },
    { label: 'Stage moves', text: stageMoves(s) },
    { label: 'Deals closed', text: dealsClosed(s) },
  ];
}

/** A handful by name; a busy week as counts per destination stage (one line, one screen). */
function stageMoves(s: Summary): string {
  const moves = s.stageMoves;
  if (!moves.length) return 'none';
  if (moves.length <= MAX_NAMED) return moves.map((m) => `${m.name} ${m.from ?? 'new'} → ${m.to}`).join('; ');
  const to = STAGES.map((st) => [st, moves.filter((m) => m.to === st).length] as const).filter(([, n]) => n > 0);
  return `${moves.length}: ${to.map(([st, n]) => `${n} to ${st}`).join(', ')}`;
}

function dealsClosed(s: Summary): string {
  const deals = s.dealsClosed;
  if (!deals.length) return 'none';
  if (deals.length <= MAX_NAMED) return deals.map((d) => `${d.name} (${d.result})`).join(', ');
  const won = deals.filter((d) => d.result === 'won').length;
  return `${deals.length}: ${won} won, ${deals.length - won} lost`;
}

function sections(s: Summary): Section[] {
  return [
    {
      title: 'Due next week',
      empty: 'Nobody is due.',
      total: s.totals.dueNextWeek,
      rows: s.dueNextWeek.map((d) => ({
        name: d.name,
        text: `${when(d.due)} by ${d.channel}${d.verdict === 'send-value' ? ', with something useful' : ''}${d.what ? `. ${d.what}` : ''}`,
      })),
    },
    {
      title: 'Close the loop',
      empty: 'No loops to close.',
      total: s.totals.closeTheLoop,
      rows: s.closeTheLoop.map((l) => ({ name: l.name, text: l.detail ?? 'send a short close-the-loop note' })),
    },
    {
      title: 'Pestering',
      empty: 'Nobody was pestered.',
      total: s.pestering.length,
      rows: s.pestering.map((p) => ({ name: p.name, text: `${p.detail}, by ${dayTime(p.at)}` })),
    },
  ];
}

/** At most MAX_ROWS lines: the first rows, and a line that counts the rest of the `total`. */
function cut<T>(rows: T[], total: number): { shown: T[]; more: number } {
  return total > MAX_ROWS ? { shown: rows.slice(0, MAX_ROWS - 1), more: total - MAX_ROWS + 1 } : { shown: rows, more: 0 };
}

const MORE = (n: number) => `...and ${n} more (cadence summary --format json lists them all)`;

/** Markdown that renders as it reads; names are escaped so "*Acme*" stays literal. */
export function renderMarkdown(s: Summary): string {
  const md = (x: string) => x.replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const lines = [`## ${title(s)}`, ''];
  for (const f of facts(s)) lines.push(`- **${f.label}:** ${md(f.text)}`);
  for (const sec of sections(s)) {
    lines.push('', `### ${sec.title}`, '');
    if (!sec.rows.length) lines.push(sec.empty);
    const { shown, more } = cut(sec.rows, sec.total);
    for (const r of shown) lines.push(`- **${md(r.name)}**: ${md(r.text)}`);
    if (more) lines.push(`- ${MORE(more)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderText(s: Summary, p: Paint): string {
  const list = facts(s);
  const width = Math.max(...list.map((f) => f.label.length)) + 2;
  const lines = [p.bold(title(s)), ''];
  for (const f of list) lines.push(`${p.dim(f.label.padEnd(width))}${f.text}`);
  const colors: Record<string, (x: string) => string> = { 'Due next week': p.green, 'Close the loop': p.magenta, Pestering: p.red };
  for (const sec of sections(s)) {
    lines.push('', p.bold(colors[sec.title]!(sec.title)));
    if (!sec.rows.length) lines.push(`  ${p.dim(sec.empty)}`);
    const { shown, more } = cut(sec.rows, sec.total);
    for (const r of shown) lines.push(`  ${p.bold(r.name)}: ${r.text}`);
    if (more) lines.push(`  ${p.dim(MORE(more))}`);
  }
  return `${lines.join('\n')}\n`;
}
