const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Thu 5 Mar 2026" in local time. */
export function day(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${DAYS[x.getDay()]} ${x.getDate()} ${MONTHS[x.getMonth()]} ${x.getFullYear()}`;
}

/** "Thu 5 Mar 2026 14:00" in local time. */
export function dayTime(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${day(x)} ${pad(x.getHours())}:${pad(x.getMinutes())}`;
}

/** A buyer date (YYYY-MM-DD) as "Thu 5 Mar 2026". */
export function calendarDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return day(new Date(y, m - 1, d));
}
