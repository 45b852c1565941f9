// Years, year ranges, half-years, quarters and months.
import type { PeriodRef } from '../../pipeline/types.ts';
import { parseNumberWords } from './numbers.ts';
import { daysInMonth, isoDay, longestSpanWins, refine, runRules, type Refiner, type Rule, type RuleContext } from './rules.ts';

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
    // tháng 7/2020 · tháng 12 năm 2019 · tháng 7-2020
    id: 'period.month',
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
    pattern: new RegExp(`${B}năm\\s+(?<y>${YEAR})${E}(?![/.,]\\d)`, 'giu'),
    extract(m) {
      return { value: m.groups!.y! };
    },
  },
  {
    // Xuân Ất Tỵ 2025 · tầm nhìn 2045 · (2020) — a bare year when nothing counted follows it.
    id: 'period.bare-year',
    pattern: new RegExp(`${B}(?<y>(?:19[0-9]{2}|20[0-9]{2}|2100))${E}(?![/.,:]\\d)`, 'gu'),
    extract(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 2), m.index);
      if (/[/.\-–:+]\s?$/.test(before) && !/[-–]\s$/.test(before)) return null;
      const after = ctx.text.slice(m.index + 4, m.index + 40);
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
