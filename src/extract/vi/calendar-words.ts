// The words Vietnamese dates and periods share: month names (`tháng tư`, `tháng Giêng`, `tháng Chạp`), days in words
// (`mồng tám`, `hai mươi mốt`), sexagenary year names (`Ất Tỵ`), and the lunar day nearest the publication day.
// Number words are read by the one number-word reader (numbers.ts); the patterns here only bound where they stand.
import words from './lexicons/calendar.json' with { type: 'json' };
import { toneKey } from '../../core/fold.ts';
import { parseNumberWords } from './numbers.ts';
import { dayNumber, type YMD } from '../common/calendar.ts';
import { lunarToSolar } from '../common/lunar.ts';

const UNIT = String.raw`(?:một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín)`;
/** A day of the month in words, 1–31: `tám`, `mười lăm`, `hai mươi mốt`, `ba mươi`. The value is checked after reading. */
export const DAY_WORDS = String.raw`(?:(?:hai|ba)\s+mươi(?:\s+${UNIT})?|mười(?:\s+${UNIT})?|${UNIT})`;
/** A month name: `Giêng`, `Chạp`, `mười một`, `tư`, … (longest first, so `mười hai` is not read as `mười`). */
export const MONTH_WORDS = String.raw`(?:giêng|chạp|mười\s+một|mười\s+hai|mười|một|hai|ba|bốn|tư|năm|sáu|bảy|bẩy|tám|chín)`;
/** A lunar marker after a day or a month: `âm lịch`, `(âm lịch)`, `ÂL` (not a bare `âm`: `ngày 15/3, âm nhạc …`). */
export const LUNAR_MARK = String.raw`\s*[(,]?\s*(?:âm\s+lịch|ÂL)(?![\p{L}\p{N}])(?:\s*\))?`;

const MONTH_NAMES = new Map(Object.entries(words.monthNames).map(([k, v]) => [toneKey(k), v]));
const LUNAR_MONTH_NAMES = new Set(words.lunarMonthNames.map((w) => toneKey(w)));

/** Value of a number written in digits or words (the number-word reader), or null. */
export function numberOf(written: string): number | null {
  if (/^\d+$/.test(written)) return Number(written);
  return parseNumberWords(written.trim().split(/\s+/u));
}

/** Month number of a written month (`4`, `tư`, `Giêng`, `mười hai`), or null. */
export function monthOf(written: string): number | null {
  const named = MONTH_NAMES.get(toneKey(written));
  const n = named ?? numberOf(written);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

/** Is this month named only in the lunar calendar (`Chạp`)? */
export function isLunarMonthName(written: string): boolean {
  return LUNAR_MONTH_NAMES.has(toneKey(written));
}

/** Day of the month of a written day (`5`, `năm`, `hai mươi mốt`), or null outside 1–31. */
export function dayOf(written: string): number | null {
  const n = numberOf(written);
  return n !== null && n >= 1 && n <= 31 ? n : null;
}

const STEMS = words.stems.map((w) => toneKey(w));
const BRANCHES = new Map(words.branches.flatMap((spellings, i) => spellings.map((w) => [toneKey(w), i] as const)));
/** A sexagenary year name: `Ất Tỵ`, `Giáp Thìn`, `Canh Tý`. */
export const STEM_BRANCH = `(?:${words.stems.join('|')})\\s+(?:${words.branches.flat().join('|')})`;

/**
 * The lunar year named `Ất Tỵ` nearest `near` (a cycle is 60 years), or null when the words are not a year name.
 * Stem and branch follow the year: 4 CE is Giáp Tý, so stem = (year − 4) mod 10 and branch = (year − 4) mod 12.
 */
export function stemBranchYear(written: string, near: number): number | null {
  const [stemWord, branchWord] = toneKey(written).split(' ');
  const stem = STEMS.indexOf(stemWord ?? '');
  const branch = BRANCHES.get(branchWord ?? '');
  if (stem < 0 || branch === undefined || stem % 2 !== branch % 2) return null;
  for (let year = near - 30; year < near + 30; year++) {
    if ((((year - 4) % 10) + 10) % 10 === stem && (((year - 4) % 12) + 12) % 12 === branch) return year;
  }
  return null;
}

export interface LunarDay {
  /** The Gregorian day. */
  solar: YMD;
  /** The lunar year the day is in (the year its Tết opens). */
  lunarYear: number;
}

/**
 * A lunar day as the text writes it, in the Gregorian calendar. With a written lunar year it is that year's; without,
 * the one of the lunar years around the publication day whose day is nearest to it (`23 tháng Chạp` in a January
 * article is the Chạp that has just begun, of the previous lunar year; `mồng 1 Tết` in December is the coming Tết).
 */
export function lunarDay(month: number, day: number, leapMonth: boolean, lunarYear: number | null, published: YMD | null): LunarDay | null {
  if (lunarYear !== null) {
    const solar = lunarToSolar(lunarYear, month, day, leapMonth);
    return solar ? { solar, lunarYear } : null;
  }
  if (!published) return null;
  const pub = dayNumber(published.year, published.month, published.day);
  let best: LunarDay | null = null;
  let bestDistance = Infinity;
  for (const year of [published.year - 1, published.year, published.year + 1]) {
    const solar = lunarToSolar(year, month, day, leapMonth);
    if (!solar) continue;
    const distance = Math.abs(dayNumber(solar.year, solar.month, solar.day) - pub);
    if (distance < bestDistance) {
      best = { solar, lunarYear: year };
      bestDistance = distance;
    }
  }
  return best;
}
