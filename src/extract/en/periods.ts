// Periods: year ranges, `from/between … to/and …`, decades, halves, quarters, `the first N months`,
// month ranges (`January-April`), months of a year, months on their own (`in July`), `last year`,
// `this month`, and every other year written on its own (a year inside a full date or a document
// code is not a period). What the text writes without a year (`the first quarter`, `in July`)
// takes the year of publication, moved by the tense of its clause when the span would otherwise
// lie on the wrong side of publication (text.ts `yearFor`). Each rule is a linear regex; overlaps
// keep the span of the rule listed first.
import type { PeriodRef } from '../../core/types.ts';
import { isoDay, daysInMonth, type YMD } from '../common/calendar.ts';
import { MONTH_NAME, monthNumber, sentenceAt, tenseAt, yearFor, type Sentence, type Tense } from './text.ts';

const YEAR = '(?:19|20)\\d{2}';
const B = '(?<![\\p{L}\\p{N}/.,:+-])'; // a number's left edge: not inside a word, a code, a decimal or a phone number
const E = '(?![\\p{L}\\p{N}]|[/-]\\p{N}|[.,:]\\p{N})';
const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, final: 4 };
const COUNT: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
/** A year as written or named: `2024`, `this year`, `last year`, `next year`, `the year` (the one the text is about: publication's). */
const YEAR_REF = `(${YEAR}|this\\s+year|last\\s+year|next\\s+year|the\\s+year|the\\s+same\\s+year)`;
/** Full month names only, for months standing alone (`in Mar` is rare; `May` needs the preposition before it anyway). */
const MONTH_FULL = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept)';
/** Words after which a month name alone is the month (`in July`, `Since May`, `early March`): `May` alone is a verb too. */
const MONTH_LEAD = ['in', 'since', 'by', 'until', 'till', 'through', 'throughout', 'during', 'from', 'to', 'of', 'before', 'after', 'for', 'last', 'this', 'next', 'early', 'late', 'earlier', 'later', 'end', 'beginning', 'start', 'middle']
  .map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|');
const MONTH_LEAD_BEFORE = new RegExp(`(?:\\b(?:${MONTH_LEAD})\\s+|[Mm]id-)$`);
// `the first half of the month`, `the first quarter of the century`, `the first four months of his term`: not the year's.
const NOT_OF = '(?!\\s+of\\b)';
// A month followed by a day is a date, not a month (`March 12`, `March 12-14`).
const NO_DAY = '(?!\\.?,?\\s*\\d{1,2}(?!\\d))';

interface Context {
  pub: YMD | null;
  /** Tense of the clause the match starts in. */
  tense(): Tense;
}
interface Rule {
  id: string;
  /** What the text before the match must end with (checked in code: a leading look-behind is tried at every offset). */
  after?: RegExp;
  /** What the text before the match must not end with. */
  notAfter?: RegExp;
  /** Example inputs are in the comment above each pattern. */
  pattern: RegExp;
  value(m: RegExpMatchArray, ctx: Context): string | null;
}

const span = (y: number, m1: number, m2: number, y2 = y) => `${isoDay(y, m1, 1)}/${isoDay(y2, m2, daysInMonth(y2, m2))}`;
/** The year of a named or implied year reference, or, when the text gives none, the publication year moved by tense. */
function yearOf(ref: string | undefined, ctx: Context, m1: number, m2: number): number | null {
  if (ref && /^\d/.test(ref)) return Number(ref);
  if (!ctx.pub) return null;
  const r = ref?.toLowerCase().replace(/\s+/g, ' ');
  if (r === 'last year') return ctx.pub.year - 1;
  if (r === 'next year') return ctx.pub.year + 1;
  if (r === 'this year') return ctx.pub.year;
  return yearFor(ctx.pub, m1 * 100 + 1, m2 * 100 + 31, ctx.tense);
}
const monthOf = (name: string) => monthNumber(name.replace(/\.$/, ''));

const RULES: Rule[] = [
  // 2021-2025, 2021–2026, 2020-25, the 2021-25 period
  { id: 'en.year-range', pattern: new RegExp(`${B}(${YEAR})\\s?[-–—/]\\s?((?:19|20)?\\d{2})${E}`, 'gu'),
    value: (m) => {
      const from = Number(m[1]);
      const to = m[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
      return to > from && to - from <= 50 ? `${from}/${to}` : null;
    } },
  // from 2016 to 2020, between 2011 and 2020, from 2012 to date
  { id: 'en.from-to', pattern: new RegExp(`(?<![\\p{L}])(from|between)\\s+(${YEAR})\\s+(?:to|and|through|until)\\s+(${YEAR}|date|now|the present)${E}`, 'giu'),
    value: (m, { pub }) => {
      const to = /^\d/.test(m[3]!) ? Number(m[3]) : pub?.year;
      return to !== undefined && to > Number(m[2]) ? `${m[2]}/${to}` : null;
    } },
  // the 1990s, the 2010s
  { id: 'en.decade', pattern: new RegExp(`(?<![\\p{L}\\p{N}])((?:1[5-9]|20)\\d0)['’]?s(?![\\p{L}\\p{N}])`, 'gu'),
    value: (m) => `${m[1]}/${Number(m[1]) + 9}` },
  // January-April 2024, from January to April, Jan–Apr, between March and May last year
  { id: 'en.month-range', notAfter: /\d\s?$/, pattern: new RegExp(`\\b(?:[Bb]etween\\s+(${MONTH_NAME})\\.?\\s+and\\s+(${MONTH_NAME})|(?:[Ff]rom\\s+)?(${MONTH_NAME})\\.?\\s*(?:[-–—]|\\s(?:to|through|till|until)\\s)\\s*(${MONTH_NAME}))\\.?${NO_DAY}(?:,?\\s+(?:of\\s+)?${YEAR_REF})?(?![A-Za-z0-9])`, 'g'),
    value: (m, ctx) => {
      const m1 = monthOf(m[1] ?? m[3]!)!;
      const m2 = monthOf(m[2] ?? m[4]!)!;
      if (m1 === m2) return null;
      const y2 = yearOf(m[5], ctx, m1, m2);
      if (y2 === null) return null;
      // `November-February`: the range crosses a new year, which is the year written.
      return m2 > m1 ? span(y2, m1, m2) : span(y2 - 1, m1, m2, y2);
    } },
  // the first half of 2024, the second half of this year, the first half, H1 2024, H2
  { id: 'en.half', pattern: new RegExp(`\\b(?:([Ff]irst|[Ss]econd)\\s+half(?:\\s+of\\s+(?:the\\s+)?${YEAR_REF})?${NOT_OF}|H([12])(?:\\s*(?:of\\s+)?(${YEAR}))?)(?![A-Za-z0-9])`, 'g'),
    value: (m, ctx) => {
      const first = m[1] ? m[1].toLowerCase() === 'first' : m[3] === '1';
      // `first half` alone is the year's only where the text is about a period (`in the first half`), not a match or a month.
      const y = yearOf(m[2] ?? m[4], ctx, first ? 1 : 7, first ? 6 : 12);
      return y === null ? null : first ? span(y, 1, 6) : span(y, 7, 12);
    } },
  // the first quarter of 2024, Q3 2023, the fourth quarter, Q1, the last quarter of last year, the last quarter (the one before publication's)
  { id: 'en.quarter', pattern: new RegExp(`\\b(?:([Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ll]ast|[Ff]inal)\\s+quarter(?:\\s+of\\s+(?:the\\s+)?${YEAR_REF})?${NOT_OF}|Q([1-4])(?:\\s*(?:of\\s+|/)?(${YEAR}))?)(?![A-Za-z0-9])`, 'g'),
    value: (m, ctx) => {
      const word = m[1]?.toLowerCase();
      if (word === 'last' && !m[2]) {
        // `in the last quarter`: the quarter before the one of publication.
        if (!ctx.pub) return null;
        const q = Math.ceil(ctx.pub.month / 3) - 1;
        return q === 0 ? span(ctx.pub.year - 1, 10, 12) : span(ctx.pub.year, q * 3 - 2, q * 3);
      }
      const q = m[3] ? Number(m[3]) : word === 'last' ? 4 : ORDINAL[word!]!;
      const y = yearOf(m[2] ?? m[4], ctx, q * 3 - 2, q * 3);
      return y === null ? null : span(y, q * 3 - 2, q * 3);
    } },
  // the first six months of 2024, the first 9 months of this year, the first four months
  { id: 'en.first-months', pattern: new RegExp(`(?<![\\p{L}])first\\s+(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+months(?:\\s+of\\s+(?:the\\s+)?${YEAR_REF})?${NOT_OF}(?![\\p{L}\\p{N}])`, 'giu'),
    value: (m, ctx) => {
      const n = /^\d/.test(m[1]!) ? Number(m[1]) : COUNT[m[1]!.toLowerCase()]!;
      if (n < 1 || n > 12) return null;
      const y = yearOf(m[2], ctx, 1, n);
      return y === null ? null : span(y, 1, n);
    } },
  // (in) March 2024, (by) December 2025, July this year, December last year; not `12 March 2024` (a day)
  { id: 'en.month-year', pattern: new RegExp(`(?<![\\p{N}]\\s?|[\\p{L}])(${MONTH_NAME})\\.?,?\\s+(?:of\\s+)?(${YEAR}|this\\s+year|last\\s+year|next\\s+year)${E}`, 'gu'),
    value: (m, ctx) => {
      const month = monthOf(m[1]!)!;
      const y = yearOf(m[2], ctx, month, month);
      return y === null ? null : span(y, month, month);
    } },
  // in July, since May, by the end of June, early March, mid-July, last December, next April; not `July 4` (a day)
  { id: 'en.month', after: MONTH_LEAD_BEFORE, pattern: new RegExp(`\\b(${MONTH_FULL})(?![A-Za-z])${NO_DAY}(?!\\s+(?:${YEAR}|this\\s+year|last\\s+year|next\\s+year))`, 'g'),
    value: (m, ctx) => {
      if (!ctx.pub) return null;
      const month = monthOf(m[1]!)!;
      const before = m.input!.slice(Math.max(0, m.index! - 6), m.index!).toLowerCase();
      let y: number;
      // `last July`: the most recent July before the month of publication; `next July`: the first after it.
      if (/last\s+$/.test(before)) y = month < ctx.pub.month ? ctx.pub.year : ctx.pub.year - 1;
      else if (/next\s+$/.test(before)) y = month > ctx.pub.month ? ctx.pub.year : ctx.pub.year + 1;
      else if (/this\s+$/.test(before)) y = ctx.pub.year;
      else y = yearOf(undefined, ctx, month, month)!;
      return span(y, month, month);
    } },
  // last year, this year, next year (`next month` is left out: a reference to a month the text does not name)
  { id: 'en.relative-year', pattern: /\b([Ll]ast|[Tt]his|[Nn]ext)\s+year\b/g,
    value: (m, { pub }) => (pub ? String(pub.year + { last: -1, this: 0, next: 1 }[m[1]!.toLowerCase() as 'last']!) : null) },
  // in 2023, by 2030, the Law on Land 2024, the summer of 1994; not `No. 1930`, `team 2024`
  { id: 'en.year', pattern: new RegExp(`${B}(${YEAR})${E}`, 'gu'), value: (m) => m[1]! },
  // in 1858, since 1885, from 1802 to …: older years only after a word that introduces a year
  { id: 'en.old-year', after: /\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Yy]ear|[Tt]o|[Aa]nd|[Oo]f)\s+$/,
    pattern: /\b(1[0-8]\d{2})(?![\p{L}\p{N}]|[/-]\p{N}|[.,:]\p{N}|\s+(?:\p{Ll}+\s+)?(?:people|persons|households|km|ha|tonnes|hectares|cases|units|members|workers|students|VND|USD|dong))/gu, value: (m) => m[1]! },
];
// A year after a word that numbers something is a number, not a year (`No. 1930`, `team 2024`, `Route 1945`).
const LABEL_BEFORE = /(?:\b(?:No|Nos|Number|number|team|Team|unit|Unit|Route|Highway|Road|Street|Room|Flight|flight|Hotline|code|Code|ID|Km|km|Lot|Block|Platform|Line|Hill|Height|Article)\.?\s*|#\s*)$/u;

/** Every period mention in `text`, in order (a period named twice is here twice); `taken` are spans already read as days or document codes, whose years are not periods. */
export function extractPeriods(text: string, pub: YMD | null, taken: ReadonlyArray<[number, number]>, sentences: readonly Sentence[] = []): PeriodRef[] {
  const hits: PeriodRef[] = [];
  const occupied = [...taken];
  const overlaps = (a: number, b: number) => occupied.some(([s, e]) => a < e && s < b);
  // One context for every match (a closure per match costs more than the match here); `at` is the match's offset.
  let at = 0;
  const ctx: Context = {
    pub,
    tense: () => {
      const s = sentenceAt(sentences, at);
      return s ? tenseAt(s.text, at - s.start) : 'none';
    },
  };
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const [a, b] = [m.index!, m.index! + m[0].length];
      if (overlaps(a, b)) continue;
      if (rule.after && !rule.after.test(text.slice(Math.max(0, a - 14), a))) continue;
      if (rule.notAfter?.test(text.slice(Math.max(0, a - 2), a))) continue;
      if (rule.id === 'en.year' || rule.id === 'en.old-year') {
        // A year followed by digits after a space is part of a phone number (`+84 24 2024 5678`).
        if (/^\s\d/.test(text.slice(b, b + 2)) || /\d\s$/.test(text.slice(Math.max(0, a - 2), a))) continue;
        if (LABEL_BEFORE.test(text.slice(Math.max(0, a - 12), a))) continue;
      }
      at = a;
      const value = rule.value(m, ctx);
      if (value === null) continue;
      occupied.push([a, b]);
      const written = /\d{4}/.test(m[0]);
      hits.push({ text: m[0], value, span: [a, b], rule: rule.id, implied: written && !/this year|last year|next year|date|now|present/i.test(m[0]) ? [] : ['year'] });
    }
  }
  return hits.sort((x, y) => x.span![0] - y.span![0]);
}
