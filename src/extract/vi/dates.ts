// Calendar days the body names, resolved against the publication date.
import * as chrono from 'chrono-node';
import type { DateRef } from '../../core/types.ts';
import { findMatches, type Hit, longestSpanWins, refine, type Refiner, type Rule, type RuleContext, runRules } from '../common/rules.ts';
import { isoDay, isValidDay } from '../common/calendar.ts';

interface DateValue {
  year: number;
  month: number;
  day: number;
  partOfDay: string | null;
}

// `Sáng`, `Chiều nay`, `Tối 15/7`, `thứ Hai (8/6)`, `Chủ nhật, 13/2`, `ngày`, `các ngày`, `hôm`.
const PART = String.raw`(?<part>rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya)(?:\s+(?:nay|qua|mai|hôm\s+nay|hôm\s+qua))?`;
const WEEKDAY = String.raw`(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)`;
const PREFIX = String.raw`(?:${PART}\s*[,(]?\s*)?(?:${WEEKDAY}\s*[,(]?\s*)?(?<day_word>(?:các\s+|hai\s+|ba\s+)?ngày\s+|hôm\s+)?`;
const B = String.raw`(?<![\p{L}\p{N}_])`;
/**
 * Most tokens PREFIX spans before the day's number: part of day and its modifier (`rạng sáng`, `hôm qua`: 2 + 2), a comma
 * or parenthesis, the weekday (`chủ nhật`: 2), another, and the day word (`các ngày`: 2). A date phrase starting at a word
 * reaches a digit within this many tokens (one more in `date.words`, for its `ngày`).
 */
const PREFIX_TOKENS = 10;
/** First words of the prefixes above: where a date phrase can start besides its number. */
const PREFIX_WORDS = ['rạng', 'sáng', 'trưa', 'chiều', 'tối', 'đêm', 'khuya', 'thứ', 'chủ', 'cn', 'các', 'hai', 'ba', 'ngày', 'hôm'];
const NOT_AFTER = String.raw`(?![\p{N}]|[/.\-]\p{N}|[\-/][\p{L}])`;
/** Words right before a bare `D/M` that make it a day: `từ 26/3`, `đến 4/4`, `(8/6)`. */
const DAY_LEADS = /(?:(?<![\p{L}])(?:từ|đến|tới|trước|sau|hết|hạn|vào|đầu|cuối|giữa|qua|kể từ|chiều|sáng|tối|trưa|đêm|nay)\s*|\(\s*|–\s*|-\s*)$/iu;

export const DATE_RULES: Rule<DateValue>[] = [
  {
    // ngày 25/02/2010 · Sáng 8/6/2020 · 15/10/1930 · 8-6-2020 · 10.7.2020
    id: 'date.dmy',
    triggers: { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS },
    pattern: new RegExp(`${B}${PREFIX}(?<d>\\d{1,2})(?<sep>[/.\\-])(?<m>\\d{1,2})\\k<sep>(?<y>\\d{4})${NOT_AFTER}`, 'giu'),
    extract(m) {
      const g = m.groups!;
      const day = Number(g.d);
      const month = Number(g.m);
      const year = Number(g.y);
      if (!isValidDay(year, month, day)) return null;
      return { value: { year, month, day, partOfDay: partOf(g.part) } };
    },
  },
  {
    // Chiều 15/7 · ngày 16-1 · thứ Hai (8/6) · từ 26/3 · (8/6) — a day without a year takes the year of publication.
    id: 'date.dm',
    triggers: { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS },
    pattern: new RegExp(`${B}${PREFIX}(?<d>\\d{1,2})(?<sep>[/\\-])(?<m>\\d{1,2})${NOT_AFTER}(?!\\s*(?:năm|/)\\s*\\d)`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const hasLead = Boolean(g.part || g.day_word) || /thứ|chủ\s+nhật|cn/iu.test(m[0].slice(0, m[0].indexOf(g.d!)));
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // A dash between two numbers is a date only with a day word (`ngày 16-1`): `3-5` alone is a range.
      if (g.sep === '-' && !(g.part || g.day_word)) return null;
      if (!hasLead && !DAY_LEADS.test(before)) return null;
      if (!ctx.published) return null;
      const day = Number(g.d);
      const month = Number(g.m);
      if (!isValidDay(ctx.published.year, month, day)) return null;
      return { value: { year: ctx.published.year, month, day, partOfDay: partOf(g.part) }, implied: ['year'] };
    },
  },
  {
    // ngày 15 tháng 3 năm 1975 · ngày 2 tháng 9 — chrono's Vietnamese locale reads the phrase.
    id: 'date.words',
    triggers: { words: PREFIX_WORDS, digitWithin: PREFIX_TOKENS + 1 },
    pattern: new RegExp(`${B}${PREFIX.replace('(?<day_word>', '(?<day_word_unused>')}ngày\\s+(?<d>\\d{1,2})\\s+tháng\\s+(?<m>\\d{1,2})(?:\\s+năm\\s+(?<y>\\d{4}))?(?![\\p{N}])`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const reference = ctx.published ?? { year: Number(g.y ?? NaN), month: 1, day: 1 };
      if (!Number.isFinite(reference.year)) return null;
      const phrase = m[0].slice(m[0].toLowerCase().lastIndexOf('ngày'));
      const parsed = chrono.vi.parse(phrase, { instant: new Date(Date.UTC(reference.year, reference.month - 1, reference.day, 5)), timezone: 420 })[0];
      const day = parsed?.start.get('day') ?? Number(g.d);
      const month = parsed?.start.get('month') ?? Number(g.m);
      const year = g.y ? Number(g.y) : reference.year;
      if (day !== Number(g.d) || month !== Number(g.m) || !isValidDay(year, month, day)) return null;
      return { value: { year, month, day, partOfDay: partOf(g.part) }, implied: g.y ? [] : ['year'] };
    },
  },
];

/**
 * Lists of days sharing a month: `các ngày 24, 26 và 27/3`, `ngày 24-25/3/2020`, `ngày 24 và 25/3`, `từ ngày 4 đến ngày 6/12`.
 * A range yields the days it names (its two ends), as `từ ngày 26/3 đến ngày 4/4` does.
 */
export const DAY_LIST = new RegExp(
  `${B}${PREFIX}(?<first>\\d{1,2})(?<more>(?:\\s*,\\s*\\d{1,2}){0,10})\\s*(?:,\\s*)?(?:và|-|–|đến|tới)\\s*(?:(?:ngày|sáng|trưa|chiều|tối|đêm|rạng\\s+sáng)\\s+)?(?<d>\\d{1,2})(?<msep>[/\\-])(?<m>\\d{1,2})(?:\\k<msep>(?<y>\\d{4}))?${NOT_AFTER}`,
  'giu',
);

export const DAY_LIST_TRIGGERS = { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS };

function listHits(ctx: RuleContext): Hit<DateValue>[] {
  const hits: Hit<DateValue>[] = [];
  for (const m of findMatches(ctx, DAY_LIST, DAY_LIST_TRIGGERS)) {
    const g = m.groups!;
    // `ngày 24-25/3`, `Sáng 10 và 11/6`, `từ 20-25/6`: a list needs a day word, a part of day or a lead such as `từ`.
    if (!g.day_word && !g.part && !DAY_LEADS.test(ctx.text.slice(Math.max(0, m.index - 12), m.index))) continue;
    // `10 và 11-6` names the month after a dash only with a day word; `3-5` alone is a range of numbers.
    if (g.msep === '-' && !g.day_word) continue;
    const year = g.y ? Number(g.y) : ctx.published?.year;
    if (year === undefined) continue;
    const month = Number(g.m);
    const implied = g.y ? [] : ['year'];
    const lastDay = Number(g.d);
    const firstDay = Number(g.first);
    const isRange = /^\s*(?:-|–|đến|tới)/u.test(m[0].slice(m[0].indexOf(g.first!) + g.first!.length + g.more!.length).replace(/^\s*,/, ''));
    const days = [firstDay, ...[...g.more!.matchAll(/\d{1,2}/g)].map((x) => Number(x[0])), lastDay];
    if (isRange && lastDay <= firstDay) continue;
    if (!days.every((d) => isValidDay(year, month, d))) continue;
    // Each day gets its own span where the text writes it, so the list reads as several dates.
    let cursor = m.index + m[0].indexOf(g.first!);
    for (const d of days) {
      const at = ctx.text.indexOf(String(d), cursor);
      const inText = at >= 0 && at < m.index + m[0].length;
      const start = inText ? at : m.index;
      const end = d === lastDay ? m.index + m[0].length : inText ? at + String(d).length : m.index + m[0].length;
      if (inText) cursor = at + String(d).length;
      hits.push({ start, end, rule: 'date.list', implied, value: { year, month, day: d, partOfDay: partOf(g.part) } });
    }
  }
  return hits;
}

function partOf(part: string | undefined): string | null {
  if (!part) return null;
  const word = part.toLowerCase().replace(/\s+/g, ' ');
  return word === 'rạng sáng' ? 'sáng' : word;
}

/** Refiner: a day without a year at the start of a range takes the year of its end (`từ ngày 26/3 đến ngày 4/4/2025`). */
const yearFromRangeEnd: Refiner<DateValue> = (hits, ctx) => {
  for (let i = 0; i + 1 < hits.length; i++) {
    const a = hits[i]!;
    const b = hits[i + 1]!;
    if (!a.implied.includes('year') || b.implied.includes('year')) continue;
    const between = ctx.text.slice(a.end, b.start);
    if (!/^\s*(?:-|–|đến|tới)\s*(?:ngày\s*)?$/iu.test(between)) continue;
    const year = b.value.month < a.value.month ? b.value.year - 1 : b.value.year;
    if (isValidDay(year, a.value.month, a.value.day)) a.value = { ...a.value, year };
  }
  return hits;
};

/** Refiner: nothing inside a document code (`100/2019/NĐ-CP`). */
const dropInCodes: Refiner<DateValue> = (hits, ctx) => hits.filter((h) => !ctx.codes.overlaps(h.start, h.end));

const REFINERS: Refiner<DateValue>[] = [dropInCodes, longestSpanWins, yearFromRangeEnd];

export function extractDates(ctx: RuleContext): Array<DateRef> {
  const hits = refine([...listHits(ctx), ...runRules(DATE_RULES, ctx)], REFINERS, ctx);
  for (const h of hits) ctx.claimed.add(h.start, h.end);
  return hits.map((h) => ({
    text: ctx.text.slice(h.start, h.end),
    value: isoDay(h.value.year, h.value.month, h.value.day),
    partOfDay: h.value.partOfDay,
    span: [h.start, h.end],
    rule: h.rule,
    implied: h.implied,
  }));
}
