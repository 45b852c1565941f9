// Vietnamese numbers: `27.739` (dot groups thousands), `93,2` (comma is the decimal mark),
// `1,5 triệu`, `600 nghìn`, and number words (`hai`, `mười hai`, `hai mươi lăm`, `một trăm`).
import units from './lexicons/units.json' with { type: 'json' };
import { toneKey } from '../../core/fold.ts';

const MULTIPLIERS = new Map(Object.entries(units.multipliers).map(([k, v]) => [toneKey(k), v]));
const NUMBER_WORDS = new Map(Object.entries(units.numberWords).map(([k, v]) => [toneKey(k), v]));

/** A numeral as the press writes it: thousands groups with dots, decimals with a comma (or the reverse when unambiguous). */
export const NUMERAL_SOURCE = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?![\d.])`;

/**
 * Parse one numeral. Returns null for malformed numbers (`1.2.3.4`, `12.34.567`) and for
 * numbers with a leading zero that are not decimals (`0243`, phone numbers).
 */
export function parseNumeral(raw: string): number | null {
  const s = raw.trim();
  // 27.739 / 2.310.000 / 1.234,5
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) {
    if (/^0\d/.test(s)) return null;
    return Number(s.replace(/\./g, '').replace(',', '.'));
  }
  // 93,2 / 440
  if (/^\d+(?:,\d+)?$/.test(s)) {
    if (/^0\d/.test(s)) return null;
    return Number(s.replace(',', '.'));
  }
  // English-style decimal in Vietnamese text (`3.5`): only one or two decimals, never a thousands group.
  if (/^\d+\.\d{1,2}$/.test(s)) {
    if (/^0\d/.test(s)) return null;
    return Number(s);
  }
  return null;
}

/** Multiplier of a scale word (`nghìn` → 1000, `tỷ` → 1e9, `nghìn tỷ` → 1e12), else null. */
export function multiplierOf(word: string): number | null {
  return MULTIPLIERS.get(toneKey(word)) ?? null;
}

/** Scale words as a regex alternation, longest first (`nghìn tỷ` before `nghìn`). */
export const MULTIPLIER_SOURCE = Object.keys(units.multipliers)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');

/**
 * Value of a run of number words: `hai` 2, `mười hai` 12, `hai mươi lăm` 25, `một trăm linh năm` 105,
 * `ba trăm` 300. Null when the words do not form a number.
 */
export function parseNumberWords(words: readonly string[]): number | null {
  if (words.length === 0) return null;
  const values = words.map((w) => NUMBER_WORDS.get(toneKey(w)));
  if (values.some((v) => v === undefined)) return null;
  const keys = words.map((w) => toneKey(w));
  let total = 0;
  let current = 0;
  let sawAny = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = values[i]!;
    if (key === toneKey('trăm')) {
      current = (current || 1) * 100;
      total += current;
      current = 0;
    } else if (key === toneKey('mươi')) {
      if (current === 0) return null;
      current *= 10;
    } else if (key === toneKey('mười')) {
      current += 10;
    } else if (key === toneKey('linh') || key === toneKey('lẻ')) {
      // `một trăm linh năm`: placeholder for an empty tens digit
    } else {
      current += v;
    }
    sawAny = true;
  }
  return sawAny ? total + current : null;
}

/** Is this word a number word? */
export function isNumberWord(word: string): boolean {
  return NUMBER_WORDS.has(toneKey(word));
}

/** Format a value the way analysts read it back (no float noise: 93.2 not 93.200000001). */
export function roundValue(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
