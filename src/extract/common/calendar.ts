// Calendar helpers the date, period and document rules of every language share.

export interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Parse `published` (ISO date or datetime) into its calendar day as written (the offset is the outlet's). */
export function parsePublished(published: string | null): YMD | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Is this a real calendar day? (`31/2` is not.) */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1000 || year > 2200) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(year: number, month: number): number {
  // Years 0–99 are read by Date.UTC as 1900–1999, and months outside 1–12 roll over: leave those to it.
  if (!Number.isInteger(year) || year < 100 || !Number.isInteger(month) || month < 1 || month > 12) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number (days since 1970-01-01) of a calendar day: arithmetic on days without time zones. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The calendar day of a day number. */
export function fromDayNumber(n: number): YMD {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `days` days after (before, when negative) a day. */
export function addDays(from: YMD, days: number): YMD {
  return fromDayNumber(dayNumber(from.year, from.month, from.day) + days);
}

/** ISO weekday: 1 Monday … 7 Sunday (Vietnamese `thứ hai` … `chủ nhật`, a week starting on Monday). */
export function isoWeekday(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(year, month, day) + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the week that holds the day. */
export function mondayOf(day: YMD): YMD {
  return addDays(day, 1 - isoWeekday(day.year, day.month, day.day));
}

/** The month `delta` months from year/month (`delta` may be negative). */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `YYYY-MM-DD/YYYY-MM-DD` from the first day of one month to the last day of another. */
export function monthSpan(year: number, fromMonth: number, toMonth: number, toYear = year): string {
  return `${isoDay(year, fromMonth, 1)}/${isoDay(toYear, toMonth, daysInMonth(toYear, toMonth))}`;
}

/** `YYYY-MM-DD/YYYY-MM-DD` between two days. */
export function daySpan(from: YMD, to: YMD): string {
  return `${isoDay(from.year, from.month, from.day)}/${isoDay(to.year, to.month, to.day)}`;
}

/** Is the first day before the second? */
export function compareDays(a: YMD, b: YMD): number {
  return dayNumber(a.year, a.month, a.day) - dayNumber(b.year, b.month, b.day);
}
