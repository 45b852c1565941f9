// Periods: year ranges, `from/between … to/and …`, halves, quarters, `the first N months of`,
// months of a year, and every other year written on its own (a year inside a full date or a
// document code is not a period). Each rule is a linear regex; overlaps keep the longest span.
import type { PeriodRef } from '../../core/types.ts';
import { isoDay, type YMD } from '../common/calendar.ts';
import { MONTH_NAME, monthNumber } from './text.ts';

const YEAR = '(?:19|20)\\d{2}';
const B = '(?<![\\p{L}\\p{N}/.,:+-])'; // a number's left edge: not inside a word, a code, a decimal or a phone number
const E = '(?![\\p{L}\\p{N}]|[/-]\\p{N}|[.,:]\\p{N})';
const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: 4, final: 4 };
const COUNT: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const YEAR_REF = `(${YEAR}|this year|last year)`;

interface Rule {
  id: string;
  /** Example inputs are in the comment above each pattern. */
  pattern: RegExp;
  value(m: RegExpMatchArray, pub: YMD | null): string | null;
}

const yearOf = (ref: string, pub: YMD | null): number | null =>
  /^\d/.test(ref) ? Number(ref) : pub ? (ref.toLowerCase() === 'this year' ? pub.year : pub.year - 1) : null;
const span = (y: number, m1: number, m2: number) => `${isoDay(y, m1, 1)}/${isoDay(y, m2, new Date(Date.UTC(y, m2, 0)).getUTCDate())}`;

const RULES: Rule[] = [
  // 2021-2025, 2021–2026, 2020-25
  { id: 'en.year-range', pattern: new RegExp(`${B}(${YEAR})\\s?[-–—]\\s?((?:19|20)?\\d{2})${E}`, 'gu'),
    value: (m) => {
      const from = Number(m[1]);
      const to = m[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
      return to > from ? `${from}/${to}` : null;
    } },
  // from 2016 to 2020, between 2011 and 2020, from 2012 to date
  { id: 'en.from-to', pattern: new RegExp(`(?<![\\p{L}])(from|between)\\s+(${YEAR})\\s+(?:to|and|through|until)\\s+(${YEAR}|date|now|the present)${E}`, 'giu'),
    value: (m, pub) => {
      const to = /^\d/.test(m[3]!) ? Number(m[3]) : pub?.year;
      return to !== undefined && to > Number(m[2]) ? `${m[2]}/${to}` : null;
    } },
  // the first half of 2024, the second half of this year
  { id: 'en.half', pattern: new RegExp(`(?<![\\p{L}])(first|second)\\s+half\\s+of\\s+(?:the\\s+)?${YEAR_REF}${E}`, 'giu'),
    value: (m, pub) => {
      const y = yearOf(m[2]!, pub);
      return y === null ? null : m[1]!.toLowerCase() === 'first' ? span(y, 1, 6) : span(y, 7, 12);
    } },
  // the first quarter of 2024, Q3 2023, the last quarter of last year
  { id: 'en.quarter', pattern: new RegExp(`(?<![\\p{L}])(?:(first|second|third|fourth|last|final)\\s+quarter\\s+of\\s+(?:the\\s+)?|Q([1-4])\\s*(?:of\\s+)?)${YEAR_REF}${E}`, 'giu'),
    value: (m, pub) => {
      const y = yearOf(m[3]!, pub);
      const q = m[2] ? Number(m[2]) : ORDINAL[m[1]!.toLowerCase()]!;
      return y === null ? null : span(y, q * 3 - 2, q * 3);
    } },
  // the first six months of 2024, the first 9 months of this year
  { id: 'en.first-months', pattern: new RegExp(`(?<![\\p{L}])first\\s+(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+months\\s+of\\s+(?:the\\s+)?${YEAR_REF}${E}`, 'giu'),
    value: (m, pub) => {
      const y = yearOf(m[2]!, pub);
      const n = /^\d/.test(m[1]!) ? Number(m[1]) : COUNT[m[1]!.toLowerCase()]!;
      return y === null || n < 1 || n > 12 ? null : span(y, 1, n);
    } },
  // (in) March 2024, (by) December 2025; not `12 March 2024` (a day)
  { id: 'en.month-year', pattern: new RegExp(`(?<![\\p{N}]\\s?|[\\p{L}])(${MONTH_NAME})\\.?,?\\s+(${YEAR})${E}`, 'gu'),
    value: (m) => {
      const month = monthNumber(m[1]!)!;
      return span(Number(m[2]), month, month);
    } },
  // in 2023, by 2030, the Law on Land 2024, the summer of 1994
  { id: 'en.year', pattern: new RegExp(`${B}(${YEAR})${E}`, 'gu'), value: (m) => m[1]! },
];

/** Periods in `text`; `taken` are spans already read as days or document codes, whose years are not periods. */
export function extractPeriods(text: string, pub: YMD | null, taken: ReadonlyArray<[number, number]>): PeriodRef[] {
  const hits: PeriodRef[] = [];
  const occupied = [...taken];
  const overlaps = (a: number, b: number) => occupied.some(([s, e]) => a < e && s < b);
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const [a, b] = [m.index!, m.index! + m[0].length];
      if (overlaps(a, b)) continue;
      // A year followed by digits after a space is part of a phone number (`+84 24 2024 5678`).
      if (rule.id === 'en.year' && (/^\s\d/.test(text.slice(b, b + 2)) || /\d\s$/.test(text.slice(Math.max(0, a - 2), a)))) continue;
      const value = rule.value(m, pub);
      if (value === null) continue;
      occupied.push([a, b]);
      hits.push({ text: m[0], value, span: [a, b], rule: rule.id, implied: /this year|last year|date|now|present/i.test(m[0]) ? ['year'] : [] });
    }
  }
  hits.sort((x, y) => x.span![0] - y.span![0]);
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.value) ? false : (seen.add(h.value), true)));
}
