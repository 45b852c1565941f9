// Counted quantities: a number with the thing it counts (`27.739 cuộc giám sát`, `356/382 xã`,
// `93,2%`, `1,5 triệu người`, `718 tỷ đồng`, `hai nhiệm vụ`), the sentence as context.
// Not statistics: dates, periods, document numbers, durations and anniversaries (`10 năm`),
// ordinals and names of units (`lần thứ 2`, `Quân khu 5`, `Bão số 4`), phone numbers, malformed numbers.
import type { Statistic } from '../../core/types.ts';
import units from './lexicons/units.json' with { type: 'json' };
import { alternation, isSpaceCode, keySet, letterBefore, sentenceAt } from '../common/text.ts';
import { toneKey } from '../../core/fold.ts';
import { type Hit, longestSpanWins, refine, type Refiner, type Rule, type RuleContext, runRules, spanKey } from '../common/rules.ts';
import { MULTIPLIER_SOURCE, NUMERAL_SOURCE, multiplierOf, parseNumberWords, parseNumeral, roundValue } from './numbers.ts';

const TIME_UNITS = keySet(units.timeUnits);
const LABEL_WORDS = keySet(units.labelWords);
const STOP_WORDS = keySet(units.stopWords);
const AMBIGUOUS_LABELS = keySet(units.ambiguousLabels);
const UNIT_COMPOUNDS = keySet(units.unitCompounds);
const COUNTABLE_TIME_UNITS = keySet(units.countableTimeUnits);
const STOP_PHRASES = keySet(units.stopPhrases);
const MEASURES = keySet(units.measures);
/** Counted nouns of two syllables: a third syllable after one is the first half of a modifier word, so it is left out. */
const TWO_SYLLABLE_NOUNS = keySet(units.countedNouns.filter((n) => n.split(' ').length === 2));
const CLOCK_UNITS = keySet(units.clockUnits);
const MULTIPLIER_RE = new RegExp(MULTIPLIER_SOURCE, 'gu');
const COUNTED = alternation(units.countedNouns);
const NUMBER_WORD = alternation(Object.keys(units.numberWords));
/** Units written in capitals that are still units: currencies and a few measures. */
const UPPER_UNITS = new Set(['USD', 'EUR', 'VND', 'VNĐ', 'ĐVT', 'MW', 'KW', 'GW', 'TEU', 'CCU']);

const LAN = toneKey('lần');
const SO = toneKey('số');
const COUNTING_BEFORE_SO = keySet(['tổng', 'có', 'với', 'gồm', 'được', 'trong']);

interface StatValue {
  value: number;
  total: number | null;
  unit: string;
}

const B = String.raw`(?<![\p{L}\p{N}_.,/:+\-])`;
const AFTER_NUMERAL = String.raw`(?![\p{N}]|[.,:]\p{N}|-\p{L})`;

export const STATISTIC_RULES: Rule<StatValue>[] = [
  {
    // 27.739 cuộc giám sát · 356/382 xã · 93,2% · 1,5 triệu người · 718 tỷ đồng · 600 nghìn dân
    id: 'statistic.numeral',
    triggers: { numbers: true },
    pattern: new RegExp(
      `${B}(?<num>${NUMERAL_SOURCE})${AFTER_NUMERAL}(?:\\s*/\\s*(?<total>${NUMERAL_SOURCE})${AFTER_NUMERAL})?(?!\\s*/\\s*\\p{N})(?<pct>\\s?%|\\s+phần\\s+trăm)?(?<mult>(?:\\s+(?:${MULTIPLIER_SOURCE})(?![\\p{L}])){1,2})?`,
      'giu',
    ),
    extract(m, ctx) {
      const g = m.groups!;
      let value = parseNumeral(g.num!);
      if (value === null) return null;
      const total = g.total ? parseNumeral(g.total) : null;
      if (g.total && (total === null || total === 0 || total < value)) return null;
      // `1,2 triệu tỷ đồng`: scale words multiply.
      if (g.mult) for (const w of g.mult.match(MULTIPLIER_RE) ?? []) value *= multiplierOf(w) ?? 1;
      const end = m.index + m[0].length;
      if (g.pct) {
        if (isLabelled(ctx, m.index)) return null;
        return { value: { value: roundValue(value), total, unit: '%' } };
      }
      const unit = readUnit(ctx, end);
      if (isLabelled(ctx, m.index, unit !== null && !g.total)) return null;
      // A year written after a name (`Triển lãm Quốc phòng quốc tế Việt Nam 2024`) is part of the name, not a count.
      if (!g.mult && !g.total && /^(?:19|20)\d\d$/.test(g.num!) && /\p{Lu}[\p{L}\p{M}]*\s+$/u.test(ctx.text.slice(Math.max(0, m.index - 20), m.index))) return null;
      if (!unit) {
        // `600 nghìn` alone still counts what the sentence counts, but with no unit it is not analysable.
        return null;
      }
      return { value: { value: roundValue(value), total, unit: unit.text }, end: unit.end };
    },
  },
  {
    // hai nhiệm vụ · mười hai đơn vị · ba mươi lăm xã — number words count only before a known counted noun.
    id: 'statistic.words',
    triggers: { words: Object.keys(units.numberWords) },
    pattern: new RegExp(`(?<![\\p{L}\\p{N}_])(?<words>(?:(?:${NUMBER_WORD})\\s+){1,5})(?<unit>${COUNTED})(?![\\p{L}\\p{N}_])`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      const words = g.words!.trim().split(/\s+/u);
      // `một` alone is `a/one` (`một số`, `một đơn vị`): too often not a count.
      if (words.length === 1 && toneKey(words[0]!) === toneKey('một')) return null;
      // `năm` is also `year`: `năm xã` only when another number word leads it (`hai mươi lăm`).
      if (words.length === 1 && toneKey(words[0]!) === toneKey('năm')) return null;
      const value = parseNumberWords(words);
      if (value === null || value === 0) return null;
      if (isLabelled(ctx, m.index)) return null;
      const unit = readUnit(ctx, m.index + g.words!.length);
      if (!unit) return null;
      return { value: { value, total: null, unit: unit.text }, end: unit.end };
    },
  },
];

/**
 * Is the number at `offset` the label of a named unit or an ordinal (`Quân khu 5`, `Bão số 4`, `lần thứ 2`)?
 * A label word that is also a verb (`đã cấp 150 tấn`) labels only when no unit follows the number (`cấp 12, giật cấp 15`).
 */
function isLabelled(ctx: RuleContext, offset: number, unitFollows = false): boolean {
  // The last two runs of letters in the 30 characters before the number, read backwards from it.
  const text = ctx.text;
  const floor = Math.max(0, offset - 30);
  let end = offset;
  while (end > floor && isSpaceCode(text.charCodeAt(end - 1))) end--;
  // Only a word right before the number (spaces aside) can label it.
  if (letterBefore(text, end, floor) === 0) return false;
  let start = end;
  for (let n = letterBefore(text, start, floor); n > 0; n = letterBefore(text, start, floor)) start -= n;
  const lastWord = text.slice(start, end);
  let previousEnd = start;
  while (previousEnd > floor && letterBefore(text, previousEnd, floor) === 0) previousEnd--;
  let previousStart = previousEnd;
  for (let n = letterBefore(text, previousStart, floor); n > 0; n = letterBefore(text, previousStart, floor)) previousStart -= n;
  const previousWord = previousEnd > previousStart ? text.slice(previousStart, previousEnd) : null;
  const last = spanKey(ctx, start, lastWord);
  // `tổng số 40 cá nhân` counts; `Đoàn Kiểm tra số 1` labels.
  // `trong số 85 bị cáo` counts too.
  if (last === SO && COUNTING_BEFORE_SO.has(previousWord === null ? '' : spanKey(ctx, previousStart, previousWord))) return false;
  if (unitFollows && AMBIGUOUS_LABELS.has(last)) return false;
  if (LABEL_WORDS.has(last)) return true;
  return previousWord !== null && LABEL_WORDS.has(toneKey(`${previousWord} ${lastWord}`));
}

/** Fold key of a word the unit reader matched (group 1 of its pattern). */
function matchedKey(ctx: RuleContext, m: RegExpExecArray): string {
  const word = m[1]!;
  return spanKey(ctx, m.index + m[0].length - word.length, word);
}

/** The thing counted: the words after the number up to punctuation or a function word (at most four words). */
function readUnit(ctx: RuleContext, from: number): { text: string; end: number } | null {
  const text = ctx.text;
  const re = /\s*([\p{L}\p{M}][\p{L}\p{M}\p{N}]*)/uy;
  const words: string[] = [];
  let at = from;
  let end = from;
  while (words.length < 3) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    const word = m[1]!;
    const key = matchedKey(ctx, m);
    if (words.length === 0 && STOP_WORDS.has(key)) {
      re.lastIndex = m.index + m[0].length;
      const next = re.exec(text);
      if (next && UNIT_COMPOUNDS.has(`${key} ${matchedKey(ctx, next)}`)) {
        words.push(word, next[1]!);
        at = end = next.index + next[0].length;
        continue;
      }
    }
    // `312 buổi sinh hoạt` counts sessions; `3 buổi` alone is a duration.
    if (words.length === 0 && COUNTABLE_TIME_UNITS.has(key)) {
      re.lastIndex = m.index + m[0].length;
      const next = re.exec(text);
      if (!next || STOP_WORDS.has(matchedKey(ctx, next)) || !/^\p{Ll}/u.test(next[1]!) || TIME_UNITS.has(matchedKey(ctx, next))) return null;
      words.push(word);
      at = end = m.index + m[0].length;
      continue;
    }
    if (words.length === 0) {
      if (TIME_UNITS.has(key) || STOP_WORDS.has(key)) return null;
      // `17h`, `8h30`, `10g`: a time of day.
      if (CLOCK_UNITS.has(key) || /^[hg]\d{1,2}$/u.test(word)) return null;
      // `45 lần bay` counts flights; `tăng 2 lần`, `gấp 3 lần so với` are ratios.
      if (key === LAN) {
        re.lastIndex = m.index + m[0].length;
        const next = re.exec(text);
        if (!next || /^\s*\n/u.test(next[0]) || STOP_WORDS.has(matchedKey(ctx, next)) || !/^\p{Ll}/u.test(next[1]!)) return null;
      }
      if (/^\p{Lu}/u.test(word) && !UPPER_UNITS.has(word.toUpperCase()) && !/^\p{Lu}\p{Ll}/u.test(word)) {
        // An abbreviation such as `DN`, `HTX` counts; a capitalised word starts a name, not a unit.
      } else if (/^\p{Lu}\p{Ll}/u.test(word) && word !== 'Đảng') {
        return null;
      }
    } else if (STOP_WORDS.has(key) || STOP_PHRASES.has(key) || /^\p{Lu}\p{Ll}/u.test(word) && word !== 'Đảng') {
      break;
    } else {
      // A two-syllable verb ends the thing counted (`đại biểu tán thành`, `công dân nhập ngũ`).
      re.lastIndex = m.index + m[0].length;
      const next = re.exec(text);
      if (next && STOP_PHRASES.has(`${key} ${matchedKey(ctx, next)}`)) break;
    }
    words.push(word);
    at = end = m.index + m[0].length;
    // `124 kg ma túy`, `2.000 tỷ đồng để …`: a measure or a currency is the whole unit.
    if (words.length === 1 && MEASURES.has(key)) break;
  }
  if (words.length === 0) return null;
  // Vietnamese words are mostly two syllables: `chương trình công tác` read as three is cut back to `chương trình`.
  if (words.length === 3 && TWO_SYLLABLE_NOUNS.has(toneKey(`${words[0]} ${words[1]}`))) {
    const second = text.indexOf(words[1]!, from + text.slice(from).indexOf(words[0]!) + words[0]!.length);
    end = second + words[1]!.length;
  }
  return { text: text.slice(from, end).trim(), end };
}

/** Refiner: numbers inside dates, periods and document references are not statistics. */
const dropClaimed: Refiner<StatValue> = (hits, ctx) => hits.filter((h) => !ctx.claimed.overlaps(h.start, h.start + 1));

const REFINERS: Refiner<StatValue>[] = [dropClaimed, longestSpanWins];

export function extractStatistics(ctx: RuleContext, periods: Array<{ span?: [number, number]; value: string }>): Statistic[] {
  const hits: Hit<StatValue>[] = refine(runRules(STATISTIC_RULES, ctx), REFINERS, ctx);
  return hits.map((h) => {
    const [sentenceStart, sentenceEnd] = sentenceAt(ctx.sentences, h.start);
    // A sentence can be a whole unpunctuated page: keep the context to a readable window.
    const s = Math.max(sentenceStart, h.start - 400);
    const e = Math.min(sentenceEnd, h.end + 400);
    const inSentence = periodsWithin(periods, s, e);
    const stat: Statistic = {
      text: ctx.text.slice(h.start, h.end),
      value: h.value.value,
      unit: h.value.unit,
      context: ctx.text.slice(s, e).trim(),
      period: inSentence.length === 1 ? inSentence[0]!.value : null,
      span: [h.start, h.end],
      rule: h.rule,
      implied: [],
    };
    if (h.value.total !== null) stat.total = h.value.total;
    return stat;
  });
}

/** Periods whose span lies in [s, e); periods are in text order, so a binary search finds the first. */
function periodsWithin(periods: Array<{ span?: [number, number]; value: string }>, s: number, e: number): Array<{ value: string }> {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((periods[mid]!.span?.[0] ?? 0) < s) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<{ value: string }> = [];
  for (let i = lo; i < periods.length && out.length < 2; i++) {
    const span = periods[i]!.span;
    if (!span || span[0] >= e) break;
    if (span[1] <= e) out.push(periods[i]!);
  }
  return out;
}
