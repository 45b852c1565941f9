// Calendar days: chrono's English month-name parsers, run only on the sentences where a month
// stands next to a number (it is the costly part and most sentences have none), plus exact rules
// for ISO days and day-first numeric dates (`12/3/2024`), which is how Vietnamese editions write
// them and which chrono would read month-first.
import * as chrono from 'chrono-node/en';
import type { DateRef } from '../../core/types.ts';
import { isoDay, isValidDay, type YMD } from '../common/calendar.ts';
import { MONTH_NAME, WEEKDAYS, sentenceAt, tenseAt, yearFor, type Sentence } from './text.ts';

// A hit must name its day with a month (`March 12`, `12 March 2024`, `Sept. 2`): not `today`, `next week`, `on Monday`.
const NAMES_A_DAY = new RegExp(`(?<![\\p{L}])(?:${MONTH_NAME}\\.?\\s+\\d|\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME}(?![\\p{L}]))`, 'u');
// 2024-03-12 (ISO, year first)
const ISO_DAY = /(?<![\p{L}\p{N}/.-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\p{L}\p{N}/-])/gu;
// 12/3/2024, 12-3-2024 (day first); not inside codes such as 15/2020/ND-CP.
const NUMERIC_DAY = /(?<![\p{L}\p{N}/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?![\p{L}\p{N}/-])/gu;

// chrono's casual English parser cut down to the parsers of days named with a month (`March 12`, `12 March 2024`,
// `the 5th of June`, `April 10 to 14`) and the refiners that merge ranges and drop overlaps. The rest (times, time
// zones, relative phrases) can yield nothing that is kept, and its large time-zone regex alone costs ~250 ms of CPU
// when V8 compiles it to native code on the second parse.
const MONTH_DAY_PARSERS = new Set(['ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser']);
const KEPT_REFINERS = new Set(['OverlapRemovalRefiner', 'ENMergeDateRangeRefiner', 'UnlikelyFormatFilter', 'ENUnlikelyFormatFilter']);
const monthDays = (() => {
  const parser = chrono.casual.clone();
  const parsers = parser.parsers.filter((p) => MONTH_DAY_PARSERS.has(p.constructor.name));
  // Should a chrono release rename its classes, keep the whole parser rather than none.
  if (parsers.length === MONTH_DAY_PARSERS.size) {
    parser.parsers = parsers;
    parser.refiners = parser.refiners.filter((r) => KEPT_REFINERS.has(r.constructor.name));
  }
  return parser;
})();

const PIECE = 300;
/**
 * A sentence cut into pieces of about PIECE characters for chrono, whose time grows faster than the length of
 * its input (a run-on list of dates); cuts fall at a space between two words, never next to a digit or a month.
 */
function pieces(s: Sentence): Sentence[] {
  if (s.text.length <= PIECE * 1.5) return [s];
  const out: Sentence[] = [];
  let from = 0;
  while (s.text.length - from > PIECE * 1.5) {
    let cut = -1;
    for (let i = from + PIECE; i < Math.min(s.text.length - 1, from + PIECE * 1.5); i++) {
      if (s.text[i] !== ' ') continue;
      const before = /(\S+)$/.exec(s.text.slice(Math.max(from, i - 12), i))?.[1] ?? '';
      const after = /^\S+/.exec(s.text.slice(i + 1, i + 13))?.[0] ?? '';
      if (/\d/.test(before + after) || MONTH_WORD.test(before) || MONTH_WORD.test(after)) continue;
      cut = i;
      break;
    }
    if (cut < 0) cut = from + PIECE; // a run of dates with no safe cut: cut anyway, one date may be lost
    out.push({ start: s.start + from, end: s.start + cut, text: s.text.slice(from, cut) });
    from = cut;
  }
  out.push({ start: s.start + from, end: s.end, text: s.text.slice(from) });
  return out;
}
const MONTH_WORD = new RegExp(`^${MONTH_NAME}\\.?,?$`, 'u');

export function extractDates(text: string, sentences: readonly Sentence[], pub: YMD | null): DateRef[] {
  const out: DateRef[] = [];
  const seen = new Set<string>();
  const push = (hit: DateRef) => {
    if (seen.has(hit.value)) return;
    seen.add(hit.value);
    out.push(hit);
  };
  const instant = pub ? new Date(Date.UTC(pub.year, pub.month - 1, pub.day, 5)) : new Date(Date.UTC(2000, 0, 1, 5));
  for (const s of sentences) {
    if (!NAMES_A_DAY.test(s.text)) continue; // chrono is the costly part: only where a month stands next to a number
    for (const piece of pieces(s)) for (const r of monthDays.parse(piece.text, { instant, timezone: 420 })) {
      if (!NAMES_A_DAY.test(r.text)) continue;
      const at = piece.start + r.index;
      for (const [component, rule] of [[r.start, 'en.chrono'], [r.end, 'en.chrono.end']] as const) {
        if (!component || !component.isCertain('day') || !component.isCertain('month')) continue;
        const yearStated = component.isCertain('year');
        const month = component.get('month')!;
        const day = component.get('day')!;
        // A day without its year takes the year of publication (gold rule), not chrono's nearest guess; only a past clause
        // naming a day more than a week after publication is of the year before (`on December 28`, published January 3).
        const year = yearStated ? component.get('year')! : pub ? yearFor(pub, month * 100 + day, month * 100 + day, () => tenseAt(s.text, at - s.start), 7) : undefined;
        if (year === undefined) continue;
        if (!isValidDay(year, month, day)) continue;
        push({ text: r.text, value: isoDay(year, month, day), span: [at, at + r.text.length], rule, implied: yearStated ? [] : ['year'] });
      }
    }
  }
  if (pub) for (const hit of relativeDays(text, sentences, pub)) push(hit);
  for (const m of text.matchAll(ISO_DAY)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDay(year, month, day)) push({ text: m[0], value: isoDay(year, month, day), span: [m.index, m.index + m[0].length], rule: 'en.iso-date', implied: [] });
  }
  for (const m of text.matchAll(NUMERIC_DAY)) {
    const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (isValidDay(year, month, day)) push({ text: m[0], value: isoDay(year, month, day), span: [m.index, m.index + m[0].length], rule: 'en.numeric-date', implied: [] });
  }
  return out;
}

// `on Thursday`, `last Monday`, `Friday's meeting`, `next Tuesday`; not `every Monday`, `Mondays`, `a Sunday`, `Good Friday`, nor a weekday written
// beside its date (`Thursday, March 14`: the date is read as such). The scan looks for the name; the words before it are
// read in code (a leading look-behind would be tried at every offset of the text).
const WEEKDAY = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}])(?!\s*(?:,|\()?\s*(?:\d{1,2}(?:st|nd|rd|th)?(?:\/|\s+(?:of\s+)?[A-Z])|[A-Z][a-z]{2,8}\.?\s+\d))/gu;
const WEEKDAY_LEAD = /\b([Ll]ast|[Nn]ext|[Tt]his|[Pp]revious|[Cc]oming|[Ee]very|[Ee]ach)\s+$/;
const NOT_A_DAY_BEFORE = /(?:\b(?:Black|Good|Cyber|Super|Ash|Palm|Easter|Holy|Bloody|[Tt]he|[Aa]|to|through|until|from|between)\s+|\p{L})$/u;
// `yesterday`, `tomorrow`, `the day before yesterday`; `today` only where it names the day (`earlier today`, `this morning`).
const RELATIVE_DAY = /\b(yesterday|tomorrow|today|this\s+(?:morning|afternoon|evening))\b/gi;
const DAY_MS = 86_400_000;
const WEEKDAY_RANGE_AFTER = /^\s*(?:to|through|until|-|–)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/;

/**
 * Days named relative to publication: weekdays resolve to the nearest such day, before publication where their clause is
 * past or has no tense (news reports what happened), after it where the clause is future (`will meet on Friday`); the day
 * of publication itself counts as either (`said on Thursday`, published on a Thursday). `last`/`next` skip it.
 */
function relativeDays(text: string, sentences: readonly Sentence[], pub: YMD): DateRef[] {
  const out: DateRef[] = [];
  const base = Date.UTC(pub.year, pub.month - 1, pub.day);
  const dayAt = (offset: number) => {
    const d = new Date(base + offset * DAY_MS);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  const pubWeekday = new Date(base).getUTCDay();
  for (const m of text.matchAll(WEEKDAY)) {
    let start = m.index;
    const before = text.slice(Math.max(0, start - 12), start);
    // `from Monday to Friday`, `Monday through Thursday`: office hours or a schedule more often than days.
    if (NOT_A_DAY_BEFORE.test(before)) continue;
    if (WEEKDAY_RANGE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
    const leadMatch = WEEKDAY_LEAD.exec(before);
    const lead = leadMatch?.[1]!.toLowerCase();
    if (lead === 'every' || lead === 'each') continue;
    if (leadMatch) start -= leadMatch[0].length;
    const target = WEEKDAYS[m[1]!.toLowerCase()]!;
    const back = (pubWeekday - target + 7) % 7; // days back to the latest such day, 0 when publication falls on it
    let offset: number;
    if (lead === 'last' || lead === 'previous') offset = -(back || 7);
    else if (lead === 'next' || lead === 'coming') offset = (7 - back) % 7 || 7;
    else {
      const s = sentenceAt(sentences, m.index);
      const tense = s ? tenseAt(s.text, m.index - s.start) : 'none';
      offset = tense === 'future' ? (7 - back) % 7 : -back;
    }
    const end = m.index + m[0].length;
    out.push({ text: text.slice(start, end), value: dayAt(offset), span: [start, end], rule: 'en.weekday', implied: ['year', 'month', 'day'] });
  }
  for (const m of text.matchAll(RELATIVE_DAY)) {
    const word = m[1]!.toLowerCase();
    const end = m.index + m[0].length;
    let start = m.index;
    let offset: number;
    if (word === 'yesterday' || word === 'tomorrow') {
      // `the day before yesterday`, `the day after tomorrow`
      const further = /\bthe\s+day\s+(?:before|after)\s+$/i.exec(text.slice(Math.max(0, start - 20), start));
      if (further) start -= further[0].length;
      offset = (word === 'yesterday' ? -1 : 1) * (further ? 2 : 1);
    } else if (word === 'today') {
      const named = /\b(?:earlier|later)\s+$/i.exec(text.slice(Math.max(0, start - 10), start));
      if (!named) continue; // `Vietnam today`: nowadays
      start -= named[0].length;
      offset = 0;
    } else offset = 0; // this morning
    out.push({ text: text.slice(start, end), value: dayAt(offset), span: [start, end], rule: 'en.relative-day', implied: ['year', 'month', 'day'] });
  }
  return out;
}
