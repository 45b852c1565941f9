// The Vietnamese lunar calendar (âm lịch), through @dqcai/vn-lunar: Hồ Ngọc Đức's month tables computed for the
// meridian of Vietnam (UTC+7), which is why Tết falls a day or a month apart from the Chinese calendar (UTC+8) in some
// years (1968, 1985, 2007, 2030). The tables are never re-derived here: a day the library cannot confirm is not given.
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import type { YMD } from './calendar.ts';

/** The lunar calendar the library covers (its tables span 1200–2199). */
const FIRST_YEAR = 1200;
const LAST_YEAR = 2199;

/**
 * The Gregorian day of a lunar day (`year` is the lunar year, the one its Tết opens), or null when that day does not
 * exist: a 30th in a 29-day month, a leap month the year has not, a year outside the tables. The library itself
 * rolls an impossible day over into the next month (`30 tháng Chạp` of 2024 came out as Tết 2025), so each answer is
 * converted back and kept only when it names the same lunar day.
 */
export function lunarToSolar(year: number, month: number, day: number, leapMonth = false): YMD | null {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  const solar = getSolarDate(day, month, year, leapMonth);
  if (!solar.year) return null;
  const back = getLunarDate(solar.day, solar.month, solar.year);
  if (back.year !== year || back.month !== month || back.day !== day || back.leap !== leapMonth) return null;
  return { year: solar.year, month: solar.month, day: solar.day };
}

/** Number of days in a lunar month (29 or 30), or null when the month does not exist. */
export function lunarMonthLength(year: number, month: number, leapMonth = false): number | null {
  if (!lunarToSolar(year, month, 1, leapMonth)) return null;
  return lunarToSolar(year, month, 30, leapMonth) ? 30 : 29;
}
