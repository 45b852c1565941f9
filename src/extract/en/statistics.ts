// Statistics: a number and the thing it counts. Digits are read by one linear regex (thousands
// commas, decimals, `million`/`billion`, currencies before or after, `%`/`percent`, `356 out of 382`);
// the counted noun is found by looking the next words up in compromise's lexicon (adjectives are
// skipped, function words, durations and capitalised names end it). Numbers written in words
// (`two hundred and fifty volunteers`) are rare and irregular: compromise parses the compound ones.
import nlp from 'compromise';
import type { Statistic } from '../../core/types.ts';
import { tagsOf } from './lexicon.ts';
import { sentenceAt, type Sentence } from './text.ts';

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCY: Record<string, string> = { vnd: 'VND', 'us$': 'USD', $: 'USD', usd: 'USD', '€': 'EUR', eur: 'EUR', dong: 'VND', 'đồng': 'VND', dollars: 'USD', 'us dollars': 'USD', euros: 'EUR', euro: 'EUR' };

// 356 | 4,000 | 93.2 | VND 2.3 trillion | US$ 95 million | $95m | VND2.3 trillion; the left edge is not inside a code, a word or a phone number.
const NUMBER = /(?<![\p{L}\p{N}_.,/:+#-])(?:(?<cur>VND|US\$|USD|\$|€|EUR)\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{N}]|[.,:]\p{N})(?:\s?(?<scale>thousand|million|billion|trillion|mln|bln|bn|tn)|(?<scale2>m))?(?![\p{L}])/gu;
// What follows a number, tried in order at its end (sticky).
const PERCENT = /\s?(?:%|percent(?![\p{L}])|per\s+cent(?![\p{L}]))/uy;
const CURRENCY_AFTER = /\s(VND|USD|US dollars|dollars|dong|đồng|euros?|EUR)(?![\p{L}])/uy;
const TOTAL = /\s?(?:\/|\sout\s+of\s)\s?(\d{1,3}(?:,\d{3})+|\d+)(?![\p{N}]|[.,/:]\p{N})/uy;
const WORD = /\s+([\p{Ll}][\p{Ll}\p{M}'’-]*|\p{Lu}{2,5}s?)(?![\p{L}\p{N}])/uy;
// Digits glued to letters or a hyphen (`13th`, `32-year-old`, `64-bit`, `45-50`), a clock time, a phone group.
const REJECT_AFTER = /^(?:[\p{L}]|-|\s?(?:a\.m|p\.m|am|pm|GMT)(?![\p{L}])|\s\d)/u;
const REJECT_BEFORE = /(?:\d\s|(?:No|Nos|ID|Article|Clause|Chapter|Point|Room|Tel|Hotline|Fax|Phone)\.?:?\s)$/u;

const NUMBER_WORD = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|hundreds|thousands|millions)';
// ASCII `\b` is exact here (the words are ASCII); what stands before the span is checked in code, which keeps the scan fast.
const NUMBER_WORDS = new RegExp(`\\b${NUMBER_WORD}(?:(?:\\s+and\\s+|\\s+|-)${NUMBER_WORD})*(?![\\p{L}-])`, 'giu');
const SIMPLE_NUMBER: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12 };

const STOP_TAGS = new Set(['Preposition', 'Determiner', 'Conjunction', 'Pronoun', 'Copula', 'Modal', 'Auxiliary', 'Adverb', 'QuestionWord', 'Month', 'WeekDay', 'Date', 'Value', 'Cardinal', 'Ordinal', 'Negative', 'Expression']);
const MODIFIER_TAGS = new Set(['Adjective', 'Comparable', 'Superlative', 'Demonym', 'Gerund', 'PastTense', 'Participle']);
const NOUN_TAGS = new Set(['Noun', 'Singular', 'Plural', 'Unit', 'Actor', 'Uncountable', 'Currency', 'Organization', 'Possessive']);
const PLURAL = /[^s]s$/;
const AUXILIARY = new Set(['has', 'does', 'is', 'was', 'says', 'gets', 'goes']);
const ADJECTIVE_SUFFIX = /(?:al|ic|ive|ous|ful|less|able|ible|ese|ian|ish)$/;

type WordKind = 'noun' | 'modifier' | 'stop' | 'duration';
function kindOf(word: string): WordKind {
  if (/^\p{Lu}/u.test(word)) return 'noun'; // MW, TEU, km written in capitals
  const tags = tagsOf(word);
  if (tags.includes('Duration')) return 'duration';
  if (tags.some((t) => NOUN_TAGS.has(t))) return 'noun';
  if (tags.some((t) => STOP_TAGS.has(t))) return 'stop';
  if (tags.some((t) => MODIFIER_TAGS.has(t))) return 'modifier';
  // After a number a verb-looking plural is a noun (`250 volunteers`, `3 visits`), but not `20 have`, `5 is`.
  if ((tags.includes('PresentTense') || tags.includes('Infinitive')) && PLURAL.test(word) && !AUXILIARY.has(word)) return 'noun';
  if (tags.length > 0) return 'stop';
  if (/ly$/.test(word)) return 'stop';
  if (/ed$/.test(word) || ADJECTIVE_SUFFIX.test(word)) return 'modifier';
  return 'noun';
}

/**
 * The counted noun after offset `from`: up to two modifiers are skipped (`new`, `rural`), then a noun group whose
 * last word is its head (`dengue cases`, `housing units`); the unit is the head, the hit's text keeps the group.
 */
function unitAfter(text: string, from: number): { unit: string; end: number } | 'duration' | null {
  const words: Array<{ word: string; end: number }> = [];
  let at = from;
  for (let i = 0; i < 5; i++) {
    WORD.lastIndex = at;
    const w = WORD.exec(text);
    if (!w) break;
    words.push({ word: w[1]!, end: WORD.lastIndex });
    at = WORD.lastIndex;
  }
  let i = 0;
  while (i < 2 && i < words.length - 1 && kindOf(words[i]!.word) === 'modifier') i++;
  let head = words[i];
  if (!head) return null;
  const kind = kindOf(head.word);
  if (kind === 'duration') return 'duration';
  if (kind !== 'noun') return null;
  // A singular-looking noun followed by another noun is a modifier of it (`dengue cases`, `health workers`).
  for (let k = i + 1; k < words.length && k <= i + 2 && !PLURAL.test(head.word) && !tagsOf(head.word).includes('Unit'); k++) {
    const next = words[k]!.word;
    const nextKind = kindOf(next);
    if (nextKind === 'duration' || nextKind !== 'noun' || !(tagsOf(next).length > 0 || PLURAL.test(next))) break;
    head = words[k]!;
  }
  return { unit: head.word, end: head.end };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Statistics in `text`; numbers inside `taken` spans (document codes, dates) are not counts. */
export function extractStatistics(text: string, sentences: readonly Sentence[], taken: ReadonlyArray<[number, number]> = []): Statistic[] {
  const out: Statistic[] = [];
  let consumed = 0; // end of the last hit: `382` in `356 out of 382 communes` is not read twice
  const context = (at: number) => sentenceAt(sentences, at)?.text;
  for (const m of text.matchAll(NUMBER)) {
    const g = m.groups!;
    const start = m.index;
    if (start < consumed || taken.some(([a, b]) => start < b && a < start + m[0].length)) continue;
    let end = start + m[0].length;
    const after = text.slice(end, end + 6);
    if (REJECT_AFTER.test(after)) continue;
    if (g.scale2 && !g.cur) continue; // `12m`: metres, not millions
    if (REJECT_BEFORE.test(text.slice(Math.max(0, start - 10), start))) continue;
    const raw = g.num!;
    if (/^0\d/.test(raw)) continue; // 0243…: a phone or an id
    const base = Number(raw.replace(/,/g, ''));
    const scale = g.scale ?? g.scale2;
    const value = round(base * (scale ? SCALE[scale]! : 1));
    let currency = g.cur ? CURRENCY[g.cur.toLowerCase()] : undefined;
    if (!currency) {
      CURRENCY_AFTER.lastIndex = end;
      const c = CURRENCY_AFTER.exec(text);
      if (c) {
        currency = CURRENCY[c[1]!.toLowerCase()];
        end = CURRENCY_AFTER.lastIndex;
      }
    }
    const push = (unit: string, stop: number, total: number | null = null, rule = 'en.count') => {
      consumed = stop;
      out.push({ text: text.slice(start, stop), value, total, unit, context: context(start), span: [start, stop], rule, implied: [] });
    };
    if (currency) {
      push(currency, end, null, 'en.money');
      continue;
    }
    PERCENT.lastIndex = end;
    if (PERCENT.exec(text)) {
      push('%', PERCENT.lastIndex, null, 'en.percent');
      continue;
    }
    // A bare year (`in 2023 the province…`) is a period, not a count.
    if (!scale && /^(?:1[89]|20)\d{2}$/.test(raw)) continue;
    TOTAL.lastIndex = end;
    const t = TOTAL.exec(text);
    let total: number | null = null;
    if (t) {
      total = Number(t[1]!.replace(/,/g, ''));
      if (total === 0 || total < value) continue; // `24/7 service`, a score `3/1`: not a part of a whole
      end = TOTAL.lastIndex;
    }
    const unit = unitAfter(text, end);
    if (unit === null || unit === 'duration') continue;
    push(unit.unit, unit.end, total, total === null ? 'en.count' : 'en.count-of-total');
  }
  out.push(...numberWordStatistics(text, context));
  return out.sort((a, b) => a.span![0] - b.span![0]);
}

/** `three provinces`, `two hundred and fifty volunteers`: one word by table, compounds by compromise; a lone `one` is not a count. */
function numberWordStatistics(text: string, context: (at: number) => string | undefined): Statistic[] {
  const out: Statistic[] = [];
  for (const m of text.matchAll(NUMBER_WORDS)) {
    if (/^(?:one|zero)$/i.test(m[0])) continue;
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (/[-\p{L}\p{N}]$|\p{N}\s$/u.test(before)) continue; // `8 million`: the digits rule read it; `twenty-first`
    // `the two sides`, `both three`: a determiner makes it a reference to things already named, not a count.
    if (/(?:the|these|those|both|all|its|their|our|his|her)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const unit = unitAfter(text, m.index + m[0].length);
    if (unit === null || unit === 'duration') continue;
    const parsed = SIMPLE_NUMBER[m[0].toLowerCase()] ?? (nlp(m[0]) as unknown as { numbers(): { get(): unknown[] } }).numbers().get()[0];
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) continue;
    out.push({ text: text.slice(m.index, unit.end), value: parsed, total: null, unit: unit.unit, context: context(m.index), span: [m.index, unit.end], rule: 'en.number-words', implied: [] });
  }
  return out;
}
