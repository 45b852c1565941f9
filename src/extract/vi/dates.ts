// Calendar days the body names, resolved against the publication date: in digits (`15/7`, `8-6-2020`, `ngày 15.3`), in
// words (`mồng tám tháng ba`, `14 tháng 11 năm 2019`), with weekdays (`thứ Năm ngày mồng 4 tháng 5`, `chủ nhật ngày
// 12`), named from the publication day (`hôm qua`, `tối qua`, `thứ Ba tuần trước`) and in the lunar calendar (`mồng 1
// Tết`, `rằm tháng Giêng`, `ngày 10/3 âm lịch`, `23 tháng Chạp`), these through the lunar calendar library.
import type { DateRef } from '../../core/types.ts';
import words from './lexicons/calendar.json' with { type: 'json' };
import { toneKey } from '../../core/fold.ts';
import { findMatches, type Hit, longestSpanWins, refine, type Refiner, type Rule, type RuleContext, runRules } from '../common/rules.ts';
import { addDays, compareDays, daysInMonth, isoDay, isoWeekday, isValidDay, mondayOf, shiftMonth, type YMD } from '../common/calendar.ts';
import { sentenceAt } from '../common/text.ts';
import { DAY_WORDS, dayOf, isLunarMonthName, LUNAR_MARK, lunarDay, MONTH_WORDS, monthOf, numberOf, STEM_BRANCH, stemBranchYear } from './calendar-words.ts';

interface DateValue {
  year: number;
  month: number;
  day: number;
  partOfDay: string | null;
  /** The lunar day (`YYYY-MM-DD` of the lunar calendar) when the text names one; year/month/day are then its Gregorian day. */
  lunar?: string;
  leapMonth?: boolean;
}

const PART_WORDS = String.raw`rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya`;
// `Sáng`, `Chiều nay`, `Tối 15/7`, `thứ Hai (8/6)`, `Chủ nhật, 13/2`, `ngày`, `các ngày`, `hôm`, `mồng`.
const PART = String.raw`(?<part>${PART_WORDS})(?:\s+(?:nay|qua|mai|hôm\s+nay|hôm\s+qua))?`;
const WEEKDAY_WORDS = String.raw`thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật`;
const WEEKDAY = String.raw`(?<wd>${WEEKDAY_WORDS}|cn)`;
const PREFIX = String.raw`(?:${PART}\s*[,(]?\s*)?(?:${WEEKDAY}\s*[,(]?\s*)?(?<day_word>(?:các\s+|hai\s+|ba\s+)?ngày\s+|hôm\s+)?(?:(?<mong>mồng|mùng)\s+)?`;
const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;
/**
 * Most tokens PREFIX spans before the day's number: part of day and its modifier (`rạng sáng`, `hôm qua`: 2 + 2), a comma
 * or parenthesis, the weekday (`chủ nhật`: 2), another, the day word (`các ngày`: 2) and `mồng`. A date phrase starting at
 * a word reaches a digit within this many tokens.
 */
const PREFIX_TOKENS = 11;
/** A day written in digits after PREFIX (which starts with no digit): `\d{1,2}`, then no digit. */
const DAY_DIGITS = [1, 2] as const;
/** First words of the prefixes above: where a date phrase can start besides its number. */
const PREFIX_WORDS = ['rạng', 'sáng', 'trưa', 'chiều', 'tối', 'đêm', 'khuya', 'thứ', 'chủ', 'cn', 'các', 'hai', 'ba', 'ngày', 'hôm', 'mồng', 'mùng'];
const NOT_AFTER = String.raw`(?![\p{N}]|[/.\-]\p{N}|[\-/][\p{L}])`;
/** Words right before a bare `D/M` that make it a day: `từ 26/3`, `đến 4/4`, `(8/6)`, `diễn ra 15/4`. */
const DAY_LEADS = /(?:(?<![\p{L}])(?:từ|đến|tới|trước|sau|hết|hạn|vào|đầu|cuối|giữa|qua|kể từ|chiều|sáng|tối|trưa|đêm|nay|hôm|diễn ra|tổ chức|khai mạc|bế mạc|kết thúc|bắt đầu|khởi công|khánh thành)\s*|\(\s*|–\s*|-\s*)$/iu;
/** Words before a `D/M` that make it a fraction, a score or a number (`chiếm 1/3`, `tỷ số 3/1`, `số 09/04`). */
const NUMBER_LEADS = /(?<![\p{L}])(?:số|chiếm|tỷ lệ|tỉ lệ|tỷ số|tỉ số|đạt|bằng|khoảng|gần|hơn|trên|dưới|còn|được|thắng|thua|hòa|hoà)\s*$/iu;
/** A list of months after `N tháng M`: `trong 2 tháng 10 và 11` counts two months, it names no day. */
const MONTH_LIST_AFTER = /^\s*(?:và|,|-|–|đến|tới)\s*(?:tháng\s+)?\d/iu;
/** Words before a bare `N tháng M` that make `N tháng` a duration (`trong 3 tháng 10 …`, `kéo dài 2 tháng 5 ngày`). */
const DURATION_BEFORE = /(?<![\p{L}])(?:trong|suốt|hơn|gần|khoảng|được|mất|dài|kéo dài|chừng|tròn|đủ)\s+$/iu;
/** A time unit or count after `N tháng M`: `3 tháng 10 ngày` is a duration, not the 3rd of October. */
const DURATION_AFTER = /^\s*(?:ngày|tuần|giờ|phút|lần|lượt|năm(?!\s*\d))(?![\p{L}])/iu;

/** `tới`, `sắp tới`, `vừa qua` right after a day without its year: the coming one or the last one. */
const DIRECTION_AFTER = /^\s+(tới|sắp\s+tới|vừa\s+qua|vừa\s+rồi)(?![\p{L}\p{N}])/iu;

/** A year written after a day or month in words: `năm 2019`, `năm Ất Tỵ`, `/2019`. */
const YEAR_AFTER = String.raw`(?:\s*,?\s*năm\s+(?:(?<y>\d{4})|(?<cc>${STEM_BRANCH}))${E}|\s*\/\s*(?<y2>\d{4})${E})?`;

/** A day the text names in the Gregorian calendar, or in the lunar one when `lunar` is set (then resolved by the library). */
function dayValue(
  ctx: RuleContext,
  spec: { day: number; month: number; year: number | null; lunar: boolean; leapMonth?: boolean; part: string | undefined; cc?: string | undefined; after?: string },
): { value: DateValue; implied: string[] } | null {
  const partOfDay = partOf(spec.part);
  if (spec.lunar || spec.leapMonth || spec.cc) {
    let lunarYear = spec.year;
    if (spec.cc) {
      if (!ctx.published && spec.year === null) return null;
      lunarYear = stemBranchYear(spec.cc, spec.year ?? ctx.published!.year);
      if (lunarYear === null || (spec.year !== null && lunarYear !== spec.year)) return null;
    }
    const found = lunarDay(spec.month, spec.day, spec.leapMonth ?? false, lunarYear, ctx.published);
    if (!found) return null;
    const { solar } = found;
    return {
      value: { ...solar, partOfDay, lunar: isoDay(found.lunarYear, spec.month, spec.day), ...(spec.leapMonth ? { leapMonth: true } : {}) },
      implied: lunarYear === null ? ['year'] : [],
    };
  }
  let year = spec.year ?? ctx.published?.year;
  if (year === undefined || !isValidDay(year, spec.month, spec.day)) return null;
  // `ngày 5/1 tới` in a December article is next January; `ngày 20/12 vừa qua` in a January one is last December.
  if (spec.year === null && ctx.published && spec.after) {
    const direction = DIRECTION_AFTER.exec(spec.after)?.[1]?.toLowerCase();
    const order = compareDays({ year, month: spec.month, day: spec.day }, ctx.published);
    if (direction && /tới/u.test(direction) && order < 0 && isValidDay(year + 1, spec.month, spec.day)) year += 1;
    else if (direction && /vừa/u.test(direction) && order > 0 && isValidDay(year - 1, spec.month, spec.day)) year -= 1;
  }
  return { value: { year, month: spec.month, day: spec.day, partOfDay }, implied: spec.year === null ? ['year'] : [] };
}

/** `năm` as a month (`tháng Năm`) is taken only capitalised or after a day word: `9 tháng năm 2024` is nine months of 2024. */
function monthWordAllowed(written: string, after: string, strong: boolean): boolean {
  if (toneKey(written) !== toneKey('năm')) return true;
  if (/^\s*\d/.test(after)) return false;
  return strong || written.startsWith('N');
}

function hasLunarMark(text: string | undefined): boolean {
  return Boolean(text && text.trim());
}

/** After a day and its month: `nhuận`, a lunar mark, the year (`năm 2019`, `năm Ất Tỵ`, `/2019`). */
const DAY_MONTH_WORDS = String.raw`\s+tháng\s+(?<m>\d{1,2}|${MONTH_WORDS})(?<leap>\s+nhuận)?${E}(?<lunar1>${LUNAR_MARK})?${YEAR_AFTER}(?<lunar>${LUNAR_MARK})?`;

/** After a day named without its month: not a month, a list or a range, then `vừa qua`, `tới`, `này`. */
const DAY_ONLY_AFTER = String.raw`(?!\s*(?:[/.\-–]\s*\d|tháng|tết|và|,\s*\d|đến|âm))(?:\s+(?<rel>vừa\s+qua|vừa\s+rồi|sắp\s+tới|tới(?!\s+(?:ngày\s+|mồng\s+|mùng\s+)?\d)|này)${E})?`;

/** A day with its month in words or digits (the rules `date.words` and `date.words-spelled`). */
function wordsDate(m: RegExpExecArray, ctx: RuleContext): { value: DateValue; implied: string[] } | null {
  const g = m.groups!;
  const strong = Boolean(g.day_word || g.mong);
  const digits = /^\d+$/.test(g.d!);
  // A day in words needs `ngày` or `mồng` before it (`ba tháng tư` alone is three months of something).
  if (!digits && !strong) return null;
  const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
  if (!monthWordAllowed(g.m!, after, strong)) return null;
  // Without a day word, part of day or weekday, `N tháng M` is a day unless a duration goes on (`3 tháng 10 ngày`) or it
  // ends a list of numbers (`1, 2 tháng`).
  if (!strong && !g.part && !g.wd) {
    if (DURATION_AFTER.test(after) || MONTH_LIST_AFTER.test(after)) return null;
    if (/[\p{N}][,.]?\s*$/u.test(ctx.text.slice(Math.max(0, m.index - 3), m.index))) return null;
    if (DURATION_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 12), m.index))) return null;
  }
  const day = dayOf(g.d!);
  const month = monthOf(g.m!);
  if (day === null || month === null) return null;
  const written = g.y ?? g.y2;
  return dayValue(ctx, {
    day,
    month,
    year: written ? Number(written) : null,
    lunar: hasLunarMark(g.lunar) || hasLunarMark(g.lunar1) || isLunarMonthName(g.m!),
    leapMonth: Boolean(g.leap),
    part: g.part,
    cc: g.cc,
    after,
  });
}

/**
 * A day without its month (`chủ nhật ngày 12`, `ngày mùng 2`, `ngày 20 tới`): in the month around publication that fits the
 * weekday, or the direction (`tới`, `vừa qua`), else in the month of publication.
 */
function dayOnly(m: RegExpExecArray, ctx: RuleContext): { value: DateValue; implied: string[] } | null {
  const g = m.groups!;
  if (!ctx.published) return null;
  const weekday = g.wd && toneKey(g.wd) !== 'cn' ? weekdayOf(g.wd) : null;
  const isNgay = Boolean(g.day_word && /ngày/iu.test(g.day_word) && !/các|hai|ba/iu.test(g.day_word));
  if (!(weekday && (isNgay || g.mong)) && !g.mong && !(isNgay && g.rel)) return null;
  // `mùng 1 và 15 hằng tháng`: days of every month, not one day.
  if (/^(?:\s*(?:,|và)\s*\d{1,2})*\s*(?:hằng|hàng|mỗi)\s+tháng/iu.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 30))) return null;
  const day = dayOf(g.d!);
  if (day === null) return null;
  const pub = ctx.published;
  const candidates: YMD[] = [];
  for (const delta of [-1, 0, 1]) {
    const { year, month } = shiftMonth(pub.year, pub.month, delta);
    if (isValidDay(year, month, day)) candidates.push({ year, month, day });
  }
  let chosen: YMD | undefined;
  if (weekday) {
    const fitting = candidates.filter((c) => isoWeekday(c.year, c.month, c.day) === weekday);
    chosen = fitting.sort((a, b) => Math.abs(compareDays(a, pub)) - Math.abs(compareDays(b, pub)))[0];
  } else if (g.rel && /tới/iu.test(g.rel)) chosen = candidates.find((c) => compareDays(c, pub) >= 0);
  else if (g.rel && /qua|rồi/iu.test(g.rel)) chosen = [...candidates].reverse().find((c) => compareDays(c, pub) <= 0);
  else chosen = candidates.find((c) => c.month === pub.month);
  if (!chosen) return null;
  return { value: { ...chosen, partOfDay: partOf(g.part) }, implied: ['year', 'month'] };
}

export const DATE_RULES: Rule<DateValue>[] = [
  {
    // ngày 25/02/2010 · Sáng 8/6/2020 · 15/10/1930 · 8-6-2020 · 10.7.2020 · ngày 15/3 năm 2020 · ngày 10/3/2025 âm lịch ·
    // ngày 3/3/15
    id: 'date.dmy',
    triggers: { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS, numberDigits: DAY_DIGITS },
    pattern: new RegExp(
      `${B}${PREFIX}(?<d>\\d{1,2})(?<sep>[/.\\-])(?<m>\\d{1,2})(?:\\k<sep>(?<y>\\d{4})|\\k<sep>(?<yy>\\d{2})|\\s+năm\\s+(?<y3>\\d{4}))${NOT_AFTER}(?<lunar>${LUNAR_MARK})?`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      // `ngày 15/3 năm 2020` writes the year apart: only after a day word or a part of day (`15/3 năm 2020` alone may be a count).
      if (g.y3 && !(g.day_word || g.part || g.wd || g.mong)) return null;
      // `ngày 3/3/15`: a two-digit year only after `ngày` (elsewhere `3/3/15` may be a code or a ratio), in the century
      // that puts it nearest the publication (at most a few years ahead of it).
      if (g.yy) {
        if (!g.day_word || !/ngày/iu.test(g.day_word) || !ctx.published) return null;
        const yy = Number(g.yy);
        const year = 2000 + yy <= ctx.published.year + 5 ? 2000 + yy : 1900 + yy;
        return dayValue(ctx, { day: Number(g.d), month: Number(g.m), year, lunar: false, part: g.part });
      }
      return dayValue(ctx, { day: Number(g.d), month: Number(g.m), year: Number(g.y ?? g.y3), lunar: hasLunarMark(g.lunar), part: g.part });
    },
  },
  {
    // Chiều 15/7 · ngày 16-1 · ngày 15.3 · thứ Hai (8/6) · từ 26/3 · (8/6) · diễn ra 09/04 · ngày 10/3 âm lịch — a day
    // without a year takes the year of publication.
    id: 'date.dm',
    triggers: { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS, numberDigits: DAY_DIGITS },
    pattern: new RegExp(`${B}${PREFIX}(?<d>\\d{1,2})(?<sep>[/.\\-])(?<m>\\d{1,2})${NOT_AFTER}(?!\\s*(?:năm|/)\\s*\\d)(?<lunar>${LUNAR_MARK})?`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const dayWord = Boolean(g.day_word || g.mong || g.wd);
      const hasLead = dayWord || Boolean(g.part);
      const before = ctx.text.slice(Math.max(0, m.index - 16), m.index);
      // A dash between two numbers is a date only with a day word (`ngày 16-1`): `3-5` alone is a range. A dot only with
      // a day word or a weekday (`ngày 15.3`): `8.30` is a time, `3.5` a decimal.
      if (g.sep === '-' && !(g.part || g.day_word || g.mong)) return null;
      if (g.sep === '.' && !dayWord) return null;
      if (!hasLead && !DAY_LEADS.test(before) && !bareDayMonth(g.d!, g.m!, before, ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 2))) return null;
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      return dayValue(ctx, { day: Number(g.d), month: Number(g.m), year: null, lunar: hasLunarMark(g.lunar), part: g.part, after });
    },
  },
  {
    // ngày 15 tháng 3 năm 1975 · mồng 5 tháng 4 · ngày mùng 1 tháng ba · 14 tháng 11 năm 2019 · thứ năm ngày mồng 4 tháng 5 ·
    // ngày 7 tháng Giêng · 23 tháng Chạp · mùng 5 tháng 5 âm lịch · ngày 15 tháng 2 nhuận
    id: 'date.words',
    triggers: { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS, numberDigits: DAY_DIGITS },
    pattern: new RegExp(`${B}${PREFIX}(?<d>\\d{1,2})${DAY_MONTH_WORDS}`, 'giu'),
    extract: wordsDate,
  },
  {
    // mồng tám tháng ba · ngày mười lăm tháng Năm · ngày hai mươi mốt tháng mười hai năm 2020 — a day in words, after `ngày`
    // or `mồng` (`ba tháng tư` alone is three months of something).
    id: 'date.words-spelled',
    // Started at `ngày`/`mồng` (a part of day or weekday before them is left out of the span).
    triggers: { words: ['ngày', 'mồng', 'mùng'] },
    pattern: new RegExp(`${B}${PREFIX}(?<d>${DAY_WORDS})${DAY_MONTH_WORDS}`, 'giu'),
    extract: wordsDate,
  },
  {
    // chủ nhật ngày 12 · thứ Năm, ngày 4 · ngày mùng 2 · mồng 9 · ngày 12 vừa qua · ngày 20 tới — a day without its month,
    // in the month around publication that fits the weekday or the direction.
    id: 'date.day-only',
    // It takes a weekday or `mồng` before the day: started there (a part of day before them is left out). The day is at
    // most 5 tokens on (`thứ Năm (ngày 12`).
    triggers: { words: ['thứ', 'chủ', 'mồng', 'mùng'], digitWithin: 5 },
    pattern: new RegExp(`${B}${PREFIX}(?<d>\\d{1,2})${E}${DAY_ONLY_AFTER}`, 'giu'),
    extract: dayOnly,
  },
  {
    // ngày 12 vừa qua · ngày 20 tới · ngày 15 này — tried at the direction word and read back to `ngày N` (`ngày` with a
    // number is everywhere; these words far less).
    id: 'date.day-only-directed',
    triggers: { words: ['vừa', 'sắp', 'tới', 'này'] },
    pattern: new RegExp(
      `(?<=${B}(?<pre>(?<day_word>ngày\\s+)(?<d>\\d{1,2})\\s+))(?<rel>vừa\\s+qua|vừa\\s+rồi|sắp\\s+tới|tới(?!\\s+(?:ngày\\s+|mồng\\s+|mùng\\s+)?\\d)|này)${E}`,
      'giu',
    ),
    extract(m, ctx) {
      const found = dayOnly(m, ctx);
      return found && { ...found, start: m.index - m.groups!.pre!.length };
    },
  },
  {
    // mồng tám · mùng Một — a day in words without its month, after `mồng`.
    id: 'date.day-only-spelled',
    triggers: { words: ['mồng', 'mùng'] },
    pattern: new RegExp(`${B}(?<mong>mồng|mùng)\\s+(?<d>${DAY_WORDS})${E}${DAY_ONLY_AFTER}`, 'giu'),
    extract: dayOnly,
  },
  {
    // hôm nay · hôm qua · ngày hôm qua · hôm kia · ngày mai · ngày kia · sáng nay · tối qua · đêm hôm qua · chiều mai
    id: 'date.relative',
    triggers: { words: ['hôm', 'ngày', 'rạng', 'sáng', 'trưa', 'chiều', 'tối', 'đêm', 'khuya'] },
    pattern: new RegExp(
      `${B}(?:(?<part>${PART_WORDS})\\s+(?:(?<hom>(?:ngày\\s+)?hôm)\\s+)?(?<prel>nay|qua|mai|kia)|(?<whole>(?:ngày\\s+)?hôm\\s+(?:nay|qua|kia)|ngày\\s+(?:mai|kia|mốt)))${E}`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      if (!ctx.published) return null;
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      let shift: number | undefined;
      if (g.prel) {
        // `Sáng Mai` is a morning with someone named Mai; `ánh sáng qua` is light passing through.
        if (g.prel !== g.prel.toLowerCase()) return null;
        if (/(?:ánh|chiếu|tỏa|toả|soi|rọi|phát|sáng|tối|đêm)\s+$/iu.test(before)) return null;
        const key = g.hom ? `hôm ${g.prel.toLowerCase()}` : g.prel.toLowerCase();
        shift = (words.partOfDayShifts as Record<string, number>)[key];
      } else {
        const phrase = toneKey(g.whole!);
        if (g.whole!.slice(1) !== g.whole!.slice(1).toLowerCase()) return null;
        // `một ngày kia` is some day; `cho ngày mai` the future.
        if ((phrase === toneKey('ngày kia') || phrase === toneKey('ngày mốt')) && /(?:một|những|có)\s+$/iu.test(before)) return null;
        if (phrase === toneKey('ngày mai') && /(?:cho|vì|của|những|về|hướng tới|hướng đến)\s+$/iu.test(before)) return null;
        shift = RELATIVE_DAYS.get(phrase);
      }
      if (shift === undefined) return null;
      const day = addDays(ctx.published, shift);
      return { value: { ...day, partOfDay: partOf(g.part) }, implied: ['year', 'month', 'day'] };
    },
  },
  {
    // vào thứ Hai · sáng thứ Ba · hôm thứ Năm · thứ Sáu tuần trước · chủ nhật tuần này · thứ tư tới · thứ hai vừa qua ·
    // thứ Bảy — a weekday near publication: the past one unless the sentence speaks of the future (`sẽ`, `dự kiến`). Not
    // one followed by its day (`thứ Năm, mồng năm tháng tư`): the day rules read it.
    id: 'date.weekday',
    // Tried at the weekday and read backwards to its lead (`vào`, `sáng`): those words are everywhere.
    triggers: { words: ['thứ', 'chủ'] },
    pattern: new RegExp(
      `(?<=${B}(?<pre>(?:(?<lead>vào|hôm|${PART_WORDS})\\s+(?:(?:ngày|hôm)\\s+)?)?))(?<wd>${WEEKDAY_WORDS})${E}(?!\\s*[,(]?\\s*(?:ngày|mồng|mùng|\\d))(?:\\s+(?<rel>tuần\\s+(?:này|trước|sau|tới|qua|vừa\\s+qua|rồi|kế\\s+tiếp)|vừa\\s+qua|vừa\\s+rồi|sắp\\s+tới|tới|này|trước|qua)${E})?`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      if (!ctx.published) return null;
      const weekday = weekdayOf(g.wd!);
      if (!weekday) return null;
      const numberWord = g.wd!.split(/\s+/u)[1] ?? '';
      const capitalised = /^\p{Lu}/u.test(numberWord) || (weekday === 7 && /^\p{Lu}/u.test(g.wd!));
      const before = ctx.text.slice(Math.max(0, m.index - 24), m.index);
      if (!g.rel && !g.lead) {
        // A bare weekday is one only capitalised (`thứ Hai`); `lần thứ hai`, `xếp thứ 2` are ordinals.
        if (!capitalised || /\d/.test(numberWord)) return null;
        if (/(?:lần|hạng|xếp|vị trí|đứng|người|ngày|năm|tuần|khóa|khoá|kỳ|đợt|giải|phần|điều|mục|các|những)\s+$/iu.test(before)) return null;
      }
      // The sentence around it, at most SENTENCE_WINDOW characters each side (a text with no full stop is one sentence).
      const sentence = sentenceAt(ctx.sentences, m.index);
      const sentenceText = ctx.text.slice(Math.max(sentence[0], m.index - SENTENCE_WINDOW), Math.min(sentence[1], m.index + SENTENCE_WINDOW));
      // `từ thứ Hai đến thứ Sáu hằng tuần`: days of every week.
      if (!g.rel && (/(?:hằng|hàng|mỗi)\s+tuần|các\s+ngày\s+thứ/iu.test(sentenceText) || /(?:các|những)\s+$/iu.test(before))) return null;
      const pub = ctx.published;
      // Tested as written (lower case): a fold key moves the tone mark (`tới` → `tơí`).
      const rel = g.rel ? g.rel.toLowerCase().replace(/\s+/gu, ' ') : '';
      let day: YMD;
      if (rel.startsWith('tuần')) {
        const weekShift = /này/u.test(rel) ? 0 : /sau|tới|kế/u.test(rel) ? 7 : -7;
        day = addDays(mondayOf(pub), weekShift + weekday - 1);
      } else {
        const today = isoWeekday(pub.year, pub.month, pub.day);
        const ahead = (weekday - today + 7) % 7;
        const behind = (today - weekday + 7) % 7;
        if (/tới/u.test(rel)) day = addDays(pub, ahead === 0 ? 7 : ahead);
        else if (rel === 'này') day = addDays(pub, ahead);
        else if (rel) day = addDays(pub, -(behind === 0 ? 7 : behind));
        else day = FUTURE_WORDS.test(sentenceText) ? addDays(pub, ahead) : addDays(pub, -behind);
      }
      return { value: { ...day, partOfDay: partOf(g.lead) }, implied: ['year', 'month', 'day'], start: m.index - g.pre!.length };
    },
  },
  {
    // thứ Hai đầu tiên của tháng 3 · ngày cuối cùng của tháng 10 năm 2015 · chủ nhật cuối cùng của tháng 9
    id: 'date.nth-of-month',
    // Tried at `đầu`/`cuối` and read back to the weekday or `ngày` (frequent words both).
    triggers: { words: ['đầu', 'cuối'] },
    pattern: new RegExp(
      `(?<=${B}(?<pre>(?:(?<wd>${WEEKDAY_WORDS})|ngày)\\s+))(?<ord>đầu\\s+tiên|cuối\\s+cùng)\\s+(?:của|trong)\\s+tháng\\s+(?<m>\\d{1,2}|${MONTH_WORDS})${E}(?:\\s*(?:/|-|,?\\s*năm)\\s*(?<y>\\d{4})${E})?`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      const month = monthOf(g.m!);
      const year = g.y ? Number(g.y) : ctx.published?.year;
      if (month === null || year === undefined || !isValidDay(year, month, 1)) return null;
      const first = /đầu/iu.test(g.ord!);
      let day = first ? 1 : daysInMonth(year, month);
      if (g.wd) {
        const weekday = weekdayOf(g.wd);
        if (!weekday) return null;
        const at = isoWeekday(year, month, day);
        day = first ? day + ((weekday - at + 7) % 7) : day - ((at - weekday + 7) % 7);
      }
      return { value: { year, month, day, partOfDay: null }, implied: g.y ? [] : ['year'], start: m.index - g.pre!.length };
    },
  },
  {
    // mồng 1 Tết · mùng 3 Tết Nguyên đán · ngày mồng Một Tết Ất Tỵ · 30 Tết · chiều 28 Tết — the days of Tết are the first
    // days of the lunar year; `28 Tết`, `30 Tết` the last days of the lunar year before it (the month of Chạp).
    id: 'date.tet',
    // Tried at `Tết` (rare) and read backwards to the day: a pattern starting at the day would be tried at every number.
    triggers: { words: ['tết'] },
    pattern: new RegExp(
      `(?<=${B}(?<pre>(?:(?<part>${PART_WORDS})\\s+)?(?:ngày\\s+)?(?:(?<mong>mồng|mùng)\\s+(?<d>\\d{1,2}|${DAY_WORDS})|(?<late>\\d{2}|${DAY_WORDS}))\\s+))tết${E}(?:\\s+nguyên\\s+đán)?(?:\\s+(?:năm\\s+)?(?:(?<cc>${STEM_BRANCH})(?:\\s+(?<y>\\d{4}))?|(?<y2>\\d{4}))${E})?`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      const early = g.mong !== undefined;
      const day = dayOf(early ? g.d! : g.late!);
      if (day === null || (early ? day > 10 : day < 20)) return null;
      const tetYear = g.y ?? g.y2 ? Number(g.y ?? g.y2) : null;
      const shift = early ? 0 : -1;
      let lunarYear = tetYear === null ? null : tetYear + shift;
      if (g.cc) {
        const named = stemBranchYear(g.cc, tetYear ?? ctx.published?.year ?? NaN);
        if (named === null || (tetYear !== null && named !== tetYear)) return null;
        lunarYear = named + shift;
      }
      const found = dayValue(ctx, { day, month: early ? 1 : 12, year: lunarYear, lunar: true, part: g.part });
      return found && { ...found, start: m.index - g.pre!.length };
    },
  },
  {
    // rằm tháng Giêng · Rằm tháng Bảy · rằm tháng 8 âm lịch · rằm tháng Giêng năm Giáp Thìn — the full moon, the 15th lunar day.
    id: 'date.full-moon',
    triggers: { words: ['rằm'] },
    pattern: new RegExp(
      `(?<=${B}(?<pre>(?:(?<part>${PART_WORDS})\\s+)?(?:ngày\\s+)?))rằm\\s+tháng\\s+(?<m>\\d{1,2}|${MONTH_WORDS})(?<leap>\\s+nhuận)?${E}(?:${LUNAR_MARK})?${YEAR_AFTER}`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      const month = monthOf(g.m!);
      if (month === null) return null;
      const written = g.y ?? g.y2;
      const found = dayValue(ctx, { day: 15, month, year: written ? Number(written) : null, lunar: true, leapMonth: Boolean(g.leap), part: g.part, cc: g.cc });
      return found && { ...found, start: m.index - g.pre!.length };
    },
  },
];

const RELATIVE_DAYS = new Map(Object.entries(words.relativeDays).map(([k, v]) => [toneKey(k), v]));
/** How far a rule reads around a hit for the words of its sentence: press sentences are shorter, hostile text need not be. */
const SENTENCE_WINDOW = 300;
/** Words that put a sentence in the future: its bare weekday is the coming one. */
const FUTURE_WORDS = /(?<![\p{L}])(?:sẽ|dự kiến|sắp|chuẩn bị|dự định|kế hoạch)(?![\p{L}])/iu;

/** ISO weekday of `thứ Hai` … `chủ nhật`, `thứ 2` … `thứ 7`. */
function weekdayOf(written: string): number | null {
  const key = toneKey(written);
  if (key === toneKey('chủ nhật')) return 7;
  const n = numberOf(written.split(/\s+/u)[1] ?? '');
  return n !== null && n >= 2 && n <= 7 ? n - 1 : null;
}

/**
 * A `D/M` with no day word before it is a day when written as one: a leading zero (`09/04`; fractions and scores have
 * none) or a day past 12 ending a clause (`… vào 15/4.`), and never after a word that makes it a number (`chiếm 1/3`).
 */
function bareDayMonth(d: string, m: string, before: string, after: string): boolean {
  if (NUMBER_LEADS.test(before) || /[\p{N}/.,]\s*$/u.test(before)) return false;
  if ((d.length === 2 && d.startsWith('0')) || (m.length === 2 && m.startsWith('0'))) return true;
  return Number(d) > 12 && /^(?:\s*[.;,!?)]|\s*$)/u.test(after);
}

/**
 * Lists of days sharing a month: `các ngày 24, 26 và 27/3`, `ngày 24-25/3/2020`, `ngày 24 và 25/3`, `từ ngày 4 đến ngày
 * 6/12`, `ngày 1 và 2 tháng 3 năm 2024`, `mồng 4 và mồng 5 tháng Năm`, `đêm 14 rạng sáng 15/8`. A range yields the days it names (its two ends),
 * as `từ ngày 26/3 đến ngày 4/4` does.
 */
export const DAY_LIST = new RegExp(
  `${B}${PREFIX}(?<first>\\d{1,2})(?<more>(?:\\s*,\\s*(?:(?:mồng|mùng)\\s+)?\\d{1,2}){0,10})\\s*(?:,\\s*)?(?:(?:và|-|–|đến|tới)\\s*|(?=rạng\\s+sáng))(?:(?:ngày|sáng|trưa|chiều|tối|đêm|rạng\\s+sáng)\\s+)?(?:(?:mồng|mùng)\\s+)?(?<d>\\d{1,2})(?:(?<msep>[/\\-])(?<m>\\d{1,2})(?:\\k<msep>(?<y>\\d{4}))?${NOT_AFTER}|\\s+tháng\\s+(?<mw>\\d{1,2}|${MONTH_WORDS})${E}(?:\\s*,?\\s*năm\\s+(?<y2>\\d{4})${E})?)`,
  'giu',
);

export const DAY_LIST_TRIGGERS = { words: PREFIX_WORDS, numbers: true, digitWithin: PREFIX_TOKENS, numberDigits: DAY_DIGITS };

function listHits(ctx: RuleContext): Hit<DateValue>[] {
  const hits: Hit<DateValue>[] = [];
  for (const m of findMatches(ctx, DAY_LIST, DAY_LIST_TRIGGERS)) {
    const g = m.groups!;
    const inWords = g.mw !== undefined;
    const lead = Boolean(g.day_word || g.part || g.mong) || DAY_LEADS.test(ctx.text.slice(Math.max(0, m.index - 16), m.index));
    // `ngày 24-25/3`, `Sáng 10 và 11/6`, `từ 20-25/6`: a list needs a day word, a part of day or a lead such as `từ`;
    // `24 và 25 tháng 3` names its month in words and needs none.
    if (!lead && !inWords) continue;
    // `10 và 11-6` names the month after a dash only with a day word; `3-5` alone is a range of numbers.
    if (g.msep === '-' && !g.day_word) continue;
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (inWords && (!monthWordAllowed(g.mw!, after, Boolean(g.day_word || g.mong)) || (!lead && DURATION_AFTER.test(after)))) continue;
    const written = g.y ?? g.y2;
    const year = written ? Number(written) : ctx.published?.year;
    if (year === undefined) continue;
    const month = inWords ? monthOf(g.mw!) : Number(g.m);
    if (month === null || (inWords && isLunarMonthName(g.mw!))) continue;
    const implied = written ? [] : ['year'];
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
  if (word === 'vào' || word === 'hôm') return null;
  return word === 'rạng sáng' ? 'sáng' : word;
}

/** Refiner: a day without a year at the start of a range takes the year of its end (`từ ngày 26/3 đến ngày 4/4/2025`). */
const yearFromRangeEnd: Refiner<DateValue> = (hits, ctx) => {
  for (let i = 0; i + 1 < hits.length; i++) {
    const a = hits[i]!;
    const b = hits[i + 1]!;
    if (!a.implied.includes('year') || b.implied.includes('year') || a.value.lunar || b.value.lunar) continue;
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
    ...(h.value.lunar ? { calendar: 'lunar' as const, lunar: h.value.lunar, ...(h.value.leapMonth ? { leapMonth: true } : {}) } : {}),
    span: [h.start, h.end],
    rule: h.rule,
    implied: h.implied,
  }));
}
