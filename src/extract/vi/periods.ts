// Years, year ranges, half-years, quarters and months.
import type { PeriodRef } from '../../core/types.ts';
import { parseNumberWords } from './numbers.ts';
import { daysInMonth, isoDay } from '../common/calendar.ts';
import { longestSpanWins, refine, type Refiner, type Rule, type RuleContext, runRules } from '../common/rules.ts';

const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;
/** A year as the press writes it in periods (no thousands dot). */
const YEAR = String.raw`(?:1[0-9]{3}|20[0-9]{2}|2100)`;
const DASH = String.raw`\s*(?:-|–|—|đến|tới)\s*`;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function yearRange(a: number, b: number): string | null {
  if (b <= a || b - a > 100) return null;
  return `${a}/${b}`;
}

function monthSpan(year: number, fromMonth: number, toMonth: number): string {
  return `${isoDay(year, fromMonth, 1)}/${isoDay(year, toMonth, daysInMonth(year, toMonth))}`;
}

export const PERIOD_RULES: Rule<string>[] = [
  {
    // 6 tháng đầu năm 2020 · 9 tháng năm 2024 · sáu tháng cuối năm · 3 tháng đầu năm nay
    id: 'period.months-of-year',
    triggers: { words: ['ba', 'sáu', 'chín', 'mười'], numbers: true },
    pattern: new RegExp(`${B}(?<n>\\d{1,2}|ba|sáu|chín|mười)\\s+tháng\\s+(?:(?<side>đầu|cuối)\\s+)?năm(?:\\s+(?<y>${YEAR})|\\s+(?<now>nay))?${E}`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const n = /\d/.test(g.n!) ? Number(g.n) : parseNumberWords([g.n!]);
      if (!n || n < 1 || n > 11) return null;
      // `9 tháng năm 2024` without đầu/cuối is the first nine months; without a year it needs `đầu`/`cuối`.
      if (!g.side && !g.y) return null;
      const year = g.y ? Number(g.y) : ctx.published?.year;
      if (!year) return null;
      const value = g.side === 'cuối' || g.side === 'Cuối' ? monthSpan(year, 13 - n, 12) : monthSpan(year, 1, n);
      return { value, implied: g.y ? [] : ['year'] };
    },
  },
  {
    // nửa đầu năm 2020 · nửa cuối năm
    id: 'period.half',
    triggers: { words: ['nửa'] },
    pattern: new RegExp(`${B}nửa\\s+(?<side>đầu|cuối|sau)\\s+năm(?:\\s+(?<y>${YEAR}))?${E}`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const year = g.y ? Number(g.y) : ctx.published?.year;
      if (!year) return null;
      const value = g.side!.toLowerCase() === 'đầu' ? monthSpan(year, 1, 6) : monthSpan(year, 7, 12);
      return { value, implied: g.y ? [] : ['year'] };
    },
  },
  {
    // quý I/2024 · quý II năm 2023 · quý 3/2022 · quý IV
    id: 'period.quarter',
    triggers: { words: ['quý'] },
    pattern: new RegExp(`${B}quý\\s+(?<q>IV|I{1,3}|[1-4])(?:\\s*(?:/|năm|-)\\s*(?<y>${YEAR}))?${E}`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const q = ROMAN[g.q!.toLowerCase()];
      const year = g.y ? Number(g.y) : ctx.published?.year;
      if (!q || !year) return null;
      return { value: monthSpan(year, q * 3 - 2, q * 3), implied: g.y ? [] : ['year'] };
    },
  },
  {
    // từ tháng 4 đến tháng 7 · từ tháng 1 đến tháng 3/2023 · tháng 10/2023 - tháng 2/2024 — one span; a missing year comes from the other end, else from publication.
    id: 'period.month-range',
    triggers: { words: ['từ', 'tháng'], digitWithin: 2 },
    pattern: new RegExp(`${B}(?:từ\\s+)?tháng\\s+(?<m1>\\d{1,2})(?:\\s*(?:/|-|\\s+năm\\s+)(?<y1>${YEAR}))?${DASH}tháng\\s+(?<m2>\\d{1,2})(?:\\s*(?:/|-|\\s+năm\\s+)(?<y2>${YEAR}))?${E}(?![/.,]\\d)`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const m1 = Number(g.m1);
      const m2 = Number(g.m2);
      const y2 = g.y2 ? Number(g.y2) : g.y1 ? Number(g.y1) : ctx.published?.year;
      if (!y2 || m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return null;
      const y1 = g.y1 ? Number(g.y1) : m1 <= m2 ? y2 : y2 - 1;
      if (y1 > y2 || (y1 === y2 && m1 >= m2)) return null;
      return { value: `${isoDay(y1, m1, 1)}/${isoDay(y2, m2, daysInMonth(y2, m2))}`, implied: g.y1 || g.y2 ? [] : ['year'] };
    },
  },
  {
    // trong tháng 11 · tháng 2 · từ tháng 7 — a month without a year is in the year of publication. Not `6 tháng` (a duration)
    // nor `ngày 15 tháng 3` (a day).
    id: 'period.month-no-year',
    triggers: { words: ['tháng'], digitWithin: 1 },
    pattern: new RegExp(`${B}tháng\\s+(?<mo>\\d{1,2})${E}(?!\\s*(?:/|-|năm|,\\s*năm)\\s*\\d)(?![/.,:\\-]\\d)`, 'giu'),
    extract(m, ctx) {
      const month = Number(m.groups!.mo);
      if (!ctx.published || month < 1 || month > 12) return null;
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      if (/(?:\p{N}|ngày\s*\p{N}{1,2}|mùng\s*\p{N}{1,2}|các|mấy|vài|những|nhiều)\s*$/iu.test(before)) return null;
      return { value: monthSpan(ctx.published.year, month, month), implied: ['year'] };
    },
  },
  {
    // tháng 7/2020 · tháng 12 năm 2019 · tháng 7-2020
    id: 'period.month',
    triggers: { words: ['tháng'], digitWithin: 1 },
    pattern: new RegExp(`${B}tháng\\s+(?<mo>\\d{1,2})\\s*(?:/|-|\\s+năm\\s+)(?<y>${YEAR})${E}`, 'giu'),
    extract(m) {
      const g = m.groups!;
      const month = Number(g.mo);
      if (month < 1 || month > 12) return null;
      return { value: monthSpan(Number(g.y), month, month) };
    },
  },
  {
    // giai đoạn 2016 - 2020 · nhiệm kỳ 2015-2020 · Từ 2013-2020 · (2016 - 2020) · từ năm 2012 đến năm 2015 · năm học 2025 - 2026
    id: 'period.year-range',
    triggers: { words: ['giai', 'nhiệm', 'năm', 'niên', 'khóa', 'khoá', 'thời', 'từ'], numbers: true, digitWithin: 2 },
    pattern: new RegExp(`${B}(?:(?:giai\\s+đoạn|nhiệm\\s+kỳ|năm\\s+học|niên\\s+khóa|niên\\s+khoá|khóa|khoá|thời\\s+kỳ)\\s+|(?:từ\\s+)?(?:năm\\s+)?)(?<a>${YEAR})${DASH}(?:năm\\s+)?(?<b>${YEAR})${E}(?![/.,]\\d)`, 'giu'),
    extract(m) {
      const g = m.groups!;
      const value = yearRange(Number(g.a), Number(g.b));
      return value ? { value } : null;
    },
  },
  {
    // từ năm 2012 đến nay · từ 2012 tới nay · kể từ năm 2012 đến nay — ends in the year of publication.
    id: 'period.since',
    triggers: { words: ['kể', 'từ'], digitWithin: 3 },
    pattern: new RegExp(`${B}(?:kể\\s+)?từ\\s+(?:năm\\s+)?(?<a>${YEAR})\\s+(?:đến|tới)\\s+(?:nay|bây\\s+giờ|hiện\\s+nay|hiện\\s+tại)${E}`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      if (!ctx.published) return null;
      const value = yearRange(Number(g.a), ctx.published.year);
      return value ? { value, implied: ['end'] } : null;
    },
  },
  {
    // năm 2020 · Năm 2021 · trong năm 1975 · đến năm 2030
    id: 'period.year',
    triggers: { words: ['năm'], digitWithin: 1 },
    pattern: new RegExp(`${B}năm\\s+(?<y>${YEAR})${E}(?![/.,]\\d)`, 'giu'),
    extract(m) {
      return { value: m.groups!.y! };
    },
  },
  {
    // Xuân Ất Tỵ 2025 · tầm nhìn 2045 · (2020) — a bare year when nothing counted follows it.
    id: 'period.bare-year',
    triggers: { numbers: true },
    pattern: new RegExp(`${B}(?<y>(?:19[0-9]{2}|20[0-9]{2}|2100))${E}(?![/.,:]\\d)`, 'gu'),
    extract(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 2), m.index);
      if (/[/.\-–:+]\s?$/.test(before) && !/[-–]\s$/.test(before)) return null;
      const after = ctx.text.slice(m.index + 4, m.index + 40);
      // After a name (`Triển lãm Quốc phòng quốc tế Việt Nam 2024 diễn ra`, `Xuân Ất Tỵ 2025`) the year is part of the name.
      const afterName = /\p{Lu}[\p{L}\p{M}]*\s+$/u.test(ctx.text.slice(Math.max(0, m.index - 20), m.index));
      if (afterName && !/^\s*\p{N}/u.test(after)) return { value: m.groups!.y! };
      // `2000 người` is a count; `1010 năm` a duration. A year is followed by punctuation, a capital, or a function word.
      const next = /^\s*([\p{L}]+)/u.exec(after);
      if (next && /^\p{Ll}/u.test(next[1]!) && !BARE_YEAR_FOLLOWERS.has(next[1]!.toLowerCase())) return null;
      if (/^\s*[/\-–]?\s*\d/.test(after)) return null;
      return { value: m.groups!.y! };
    },
  },
];

const BARE_YEAR_FOLLOWERS = new Set(['và', 'với', 'của', 'là', 'đã', 'có', 'được', 'để', 'thì', 'mà', 'tới', 'này', 'trở', 'cho', 'sẽ', 'nhằm', 'đến', 'khi', 'tại', 'ở', 'vừa', 'cũng', 'nay', 'qua', 'trước', 'sau']);

/** Refiner: nothing inside a document code or a full date (`ngày 30/6/2020` is a day, not the year 2020). */
const dropInClaimed: Refiner<string> = (hits, ctx) => hits.filter((h) => !ctx.claimed.overlaps(h.start, h.end) && !ctx.codes.overlaps(h.start, h.end));

const REFINERS: Refiner<string>[] = [dropInClaimed, longestSpanWins];

export function extractPeriods(ctx: RuleContext): PeriodRef[] {
  const hits = refine(runRules(PERIOD_RULES, ctx), REFINERS, ctx);
  for (const h of hits) ctx.claimed.add(h.start, h.end);
  return hits.map((h) => ({ text: ctx.text.slice(h.start, h.end), value: h.value, span: [h.start, h.end], rule: h.rule, implied: h.implied }));
}
