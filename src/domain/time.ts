// Clock units and the local calendar: how cadence turns a moment into a day, and a day into words.
// Hand-rolled on purpose: Intl formatting differs between Node builds (ICU), and the
// details must read the same on every machine, in the process's local time zone.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar day of a moment, as YYYY-MM-DD (how a buyer date is kept). */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 00:00 local time on a YYYY-MM-DD day: localDay's way back. */
export function startOfLocalDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

function yearSuffix(d: Date, ref?: Date): string {
  return ref && ref.getFullYear() !== d.getFullYear() ? ` ${d.getFullYear()}` : '';
}

/** "Thursday 5 March" (the year is added when it differs from `ref`'s). */
export function formatDay(d: Date, ref?: Date): string {
  return `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}${yearSuffix(d, ref)}`;
}

/** "Thu 5 Mar 14:00" (the year is added when it differs from `ref`'s). */
export function formatMoment(d: Date, ref?: Date): string {
  const day = DAYS[d.getDay()]!.slice(0, 3);
  const month = MONTHS[d.getMonth()]!.slice(0, 3);
  return `${day} ${d.getDate()} ${month}${yearSuffix(d, ref)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Thu 5 Mar 2026" in local time: a day in lists and timelines. */
export function day(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${DAYS[x.getDay()]!.slice(0, 3)} ${x.getDate()} ${MONTHS[x.getMonth()]!.slice(0, 3)} ${x.getFullYear()}`;
}

/** "Thu 5 Mar 2026 14:00" in local time. */
export function dayTime(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${day(x)} ${pad(x.getHours())}:${pad(x.getMinutes())}`;
}

/** A buyer date (YYYY-MM-DD) as "Thu 5 Mar 2026". */
export function calendarDay(ymd: string): string {
  return day(startOfLocalDay(ymd));
}
