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
