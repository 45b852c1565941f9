// Statistics: a number and the thing it counts. A number is read by one linear regex (thousands
// commas, decimals, a currency before it), then what follows it is read by sticky regexes tried in
// order at its end — the way agency copy writes them, spaced, glued or hyphenated: a range
// (`5-7 percent`), a scale (`1.5 million`, `$3.5bn`, `7-trillion-VND`), a currency (`VND`, `yen`),
// a percentage (`12.5percent`, `4.1-percent`), a unit glued to it (`45.30ha`, `500m`, `20km`) or
// joined by a hyphen (`a 5,000-tonne ship`), a total (`356 out of 382`), and else the counted noun,
// found by looking the next words up in compromise's lexicon (adjectives are skipped, function
// words, durations and names end it; a title or document kind in capitals is a unit too: `three
// Deputy Ministers`). Numbers in words go through the same tail: one word by table, compounds by
// number-words.ts (`two hundred and fifty`), vague counts (`hundreds of`) marked vague with their lower
// bound, fractions (`two-thirds of households`) as a part of a whole.
import type { Statistic } from '../../core/types.ts';
import documentKinds from './lexicons/documents.json' with { type: 'json' };
import { isTitleWord, tagsOf } from './lexicon.ts';
import { numberFromWords } from './number-words.ts';
import { sentenceAt, type Sentence } from './text.ts';

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12, quadrillion: 1e15 };

/** Currency as written (lower-case) → ISO 4217. */
const CURRENCY: Record<string, string> = {
  vnd: 'VND', 'vnđ': 'VND', '₫': 'VND', dong: 'VND', 'đồng': 'VND',
  'us$': 'USD', $: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', 'us dollar': 'USD', 'us dollars': 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP', 'pounds sterling': 'GBP', 'british pounds': 'GBP',
  '¥': 'JPY', jpy: 'JPY', yen: 'JPY', 'japanese yen': 'JPY',
  cny: 'CNY', rmb: 'CNY', yuan: 'CNY', 'chinese yuan': 'CNY',
  '₩': 'KRW', krw: 'KRW', won: 'KRW', 'korean won': 'KRW', 'south korean won': 'KRW',
  '฿': 'THB', thb: 'THB', baht: 'THB', 'thai baht': 'THB',
  sgd: 'SGD', 's$': 'SGD', 'singapore dollars': 'SGD', aud: 'AUD', 'a$': 'AUD', 'australian dollars': 'AUD',
  hkd: 'HKD', 'hk$': 'HKD', twd: 'TWD', 'nt$': 'TWD', cad: 'CAD', 'c$': 'CAD', 'canadian dollars': 'CAD',
  chf: 'CHF', 'swiss francs': 'CHF', inr: 'INR', 'rs.': 'INR', rs: 'INR', rupee: 'INR', rupees: 'INR',
  myr: 'MYR', rm: 'MYR', ringgit: 'MYR', idr: 'IDR', rp: 'IDR', rupiah: 'IDR', php: 'PHP', '₱': 'PHP', peso: 'PHP', pesos: 'PHP',
  lak: 'LAK', kip: 'LAK', khr: 'KHR', riel: 'KHR', riels: 'KHR', rub: 'RUB', rouble: 'RUB', roubles: 'RUB', ruble: 'RUB', rubles: 'RUB',
  nzd: 'NZD',
};
const CURRENCY_BEFORE = 'US\\$|USD|VND|VNĐ|₫|S\\$|A\\$|HK\\$|NT\\$|C\\$|\\$|€|£|¥|₩|฿|₱|EUR|GBP|JPY|CNY|RMB|KRW|THB|SGD|AUD|HKD|TWD|CAD|CHF|INR|Rs\\.?|MYR|RM|IDR|Rp|PHP|LAK|KHR|RUB|NZD';
const DIGITS = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const DIGITS_END = '(?![\\p{N}]|[.,:]\\p{N})';

// 356 | 4,000 | 93.2 | VND 2.3 trillion | US$1.2 billion | VND5 trillion; the left edge is not inside a code, a word or a phone number.
// The scan looks for digits only; the left edge and a currency before them are read in code (a leading look-behind and
// currency alternation made this the costliest regex of the family).
const NUMBER = new RegExp(`(?:${DIGITS})${DIGITS_END}`, 'gu');
const CURRENCY_BEFORE_RE = new RegExp(`(?:^|[^\\p{L}\\p{N}_.,/:+#$-])(${CURRENCY_BEFORE})(\\s?)$`, 'u');
/** Characters that make digits part of something else when glued before them (`COVID-19`, `12.5`, `15/2020`, `+84`). */
const INSIDE_BEFORE = /[\p{L}\p{N}_.,/:+#$-]/u;
// What follows a number, tried in order at its end (sticky).
const RANGE = new RegExp(`(?:\\s?[-–—]\\s?|\\s+to\\s+)(?:${CURRENCY_BEFORE})?\\s?(${DIGITS})${DIGITS_END}`, 'uy');
// `1.5 million`, `7-trillion`, `$3.5bn`; a glued `m` is millions only beside a currency (`$95m`), else metres.
const SCALE_AFTER = /(?:[\s-]?(thousand|million|billion|trillion|quadrillion|mln|bln|bn|tn)|(m))(?![\p{L}\p{N}])/uy;
const CURRENCY_AFTER = /[\s-](VND|VNĐ|dong|đồng|USD|US dollars?|dollars?|euros?|EUR|pounds sterling|British pounds|GBP|(?:Japanese\s)?yen|JPY|(?:Chinese\s)?yuan|CNY|RMB|(?:South\s)?(?:Korean\s)?won|KRW|(?:Thai\s)?baht|THB|SGD|Singapore dollars|AUD|Australian dollars|HKD|CAD|Canadian dollars|CHF|Swiss francs|rupees?|INR|ringgit|MYR|rupiah|IDR|pesos?|PHP|kip|LAK|riels?|KHR|roubles?|rubles?|RUB|NZD)(?![\p{L}])/uy;
const PERCENT = /(?:[\s-]?(?:%|percent|per\s+cent|pct)(?![\p{L}]))/uy;
const PERCENT_POINTS = /[\s-]?percentage[\s-]points?(?![\p{L}])/uy;
// Units of measure glued to the digits (`45.30ha`, `20km`, `500m`, `35kV`): case-sensitive, so `5G` or `3D` are not units.
const GLUED_UNIT = /(ha|km|m|cm|mm|kg|g|mg|MW|GW|kW|kWh|MWh|GWh|TWh|MWp|kV|km2|m2|m3|km²|m²|m³|ml|TEUs?|hp|cc|sq\.?\s?km|sq\.?\s?m|tonnes?|tons?|hectares?)(?![\p{L}\p{N}])/uy;
// `a 5,000-tonne ship`, `a 100-bed hospital`: a hyphenated noun used as an adjective.
const HYPHEN_UNIT = /-(\p{Ll}+)(?![\p{L}\p{N}-])/uy;
/** Hyphenated words after a number that are not the thing counted (`3-fold`, `20-odd`, `5,000-strong`) or are durations. */
const NOT_HYPHEN_UNIT = new Set(['fold', 'odd', 'plus', 'strong', 'way', 'time', 'times', 'old', 'year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'night', 'decade', 'century', 'term']);
// `356/382`, `356 out of 382`, `6,182 of 8,177 communes`, `20 of the 63 provinces`
const TOTAL = /\s?(?:\/|\s(?:out\s+)?of\s+(?:the\s+)?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?![\p{N}]|[.,/:]\p{N})/uy;
const WORD = /\s+([\p{L}][\p{L}\p{M}'’-]*)(?![\p{L}\p{N}])/uy;
// Digits glued to letters or a hyphen (`13th`, `32-year-old`, `64-bit`), a clock time, a phone group.
const REJECT_AFTER = /^(?:[\p{L}]|-|\s?(?:a\.m|p\.m|am|pm|GMT|o['’]clock)(?![\p{L}])|\s\d)/u;
// A number that labels something (`No. 5`, `District 7`, `Route 1A`, `team 1830`) is not a count.
const REJECT_BEFORE = /(?:\d\s|(?:No|Nos|Number|ID|Article|Clause|Chapter|Point|Item|Section|Part|Room|Tel|Hotline|Fax|Phone|District|Ward|Zone|Region|Route|Highway|Road|Line|Lot|Block|Gate|Hall|Terminal|Flight|flight|Level|Grade|Class|Phase|Stage|Package|Book|Volume|Vol|Issue|Page|page|Paragraph|Team|team|Unit|unit|Group|Corps|Division|Brigade|Regiment|Battalion|Army|Fleet|Hill|Km|Station|Platform|Apollo|Resolution|Decree|Decision|Directive|Circular|Law|Conclusion|Regulation|Dispatch|Notice|Plan)\.?:?\s)$/u;
const YEAR = /^(?:1[89]|20)\d{2}$/;

const NUMBER_WORD_LIST = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen'];
const NUMBER_WORD = `(?:${NUMBER_WORD_LIST.join('|')})`;
// The first word may be capitalised (`Three provinces`); written as `[Tt]hree` rather than with the `i` flag, which
// made the scan about three times slower. ASCII `\b` is exact here (the words are ASCII); what stands before the span
// is checked in code, which keeps the scan fast.
const NUMBER_WORD_FIRST = `(?:${NUMBER_WORD_LIST.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|')})`;
const NUMBER_WORDS = new RegExp(`\\b${NUMBER_WORD_FIRST}(?:(?:\\s+and\\s+|\\s+|-)${NUMBER_WORD})*(?![A-Za-z\\u00c0-\\u024f-])`, 'g');
const SIMPLE_NUMBER: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
// `hundreds of`, `tens of thousands of`, `dozens of`: a count the writer did not give; its value is the lower bound.
// Written with both first letters rather than the `i` flag: V8 scans a case-sensitive alternation several times faster.
const VAGUE = /\b(?:([Tt]ens|[Hh]undreds)\s+of\s+)?([Dd]ozens|[Ss]cores|[Tt]ens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Tt]rillions)\s+of(?=\s)/g;
const VAGUE_BASE: Record<string, number> = { dozens: 12, scores: 20, tens: 10, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9, trillions: 1e12 };
// `two-thirds of households`, `a quarter of the provinces`, `one fifth of`: a part of a whole, `value`/`total`.
// The scan looks for the denominator; its numerator (`two-`, `a `, `one `) is read before it in code.
const FRACTION = /\b(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\s+of(?=\s)/g;
const NUMERATOR = /\b([Aa]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine)[\s-]$/;
const DENOMINATOR: Record<string, number> = { half: 2, halve: 2, third: 3, quarter: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const FRACTION_NOT_OF = /^\s+(?:the\s+|a\s+)?(?:century|year|decade|month|day|hour|way|mile|point)s?\b/i;

const STOP_TAGS = new Set(['Preposition', 'Determiner', 'Conjunction', 'Pronoun', 'Copula', 'Modal', 'Auxiliary', 'Adverb', 'QuestionWord', 'Month', 'WeekDay', 'Date', 'Value', 'Cardinal', 'Ordinal', 'Negative', 'Expression']);
const MODIFIER_TAGS = new Set(['Adjective', 'Comparable', 'Superlative', 'Demonym', 'Gerund', 'PastTense', 'Participle']);
const NOUN_TAGS = new Set(['Noun', 'Singular', 'Plural', 'Unit', 'Actor', 'Uncountable', 'Currency', 'Organization', 'Possessive']);
const PLURAL = /[^s]s$/;
const AUXILIARY = new Set(['has', 'does', 'is', 'was', 'says', 'gets', 'goes']);
const ADJECTIVE_SUFFIX = /(?:al|ic|ive|ous|ful|less|able|ible|ese|ian|ish)$/;
const CAPITALISED = /^\p{Lu}/u;
const ACRONYM = /^\p{Lu}{2,5}s?$/u; // MW, TEU, GW written in capitals
const DOCUMENT_KINDS = new Set(documentKinds.kinds.map((k) => k.toLowerCase()).filter((k) => !k.includes(' ')));

/** `Ministers` → `minister`, `Chairmen` → `chairman`, `Deputies` → `deputy`: enough to look a plural title up. */
function singular(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
const isPluralWord = (word: string): boolean => /(?:[^s]s|men)$/.test(word.toLowerCase());
/** A capitalised word that can be the thing counted: a title (`Deputy Ministers`) or a document kind (`Decrees`). */
const isCountableCapital = (word: string): boolean => isTitleWord(singular(word)) || DOCUMENT_KINDS.has(singular(word)) || isTitleWord(word);

type WordKind = 'noun' | 'modifier' | 'stop' | 'duration';
function kindOf(word: string): WordKind {
  if (ACRONYM.test(word)) return 'noun';
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
 * The counted noun after offset `from`: a title or document kind in capitals is the unit as written (`Deputy
 * Ministers`); else up to three capitalised names (`Vietnamese`, `National Assembly`) and two modifiers (`new`,
 * `rural`) are skipped, then a noun group whose last word is its head (`dengue cases`); the unit is the head.
 * `plural`: the count is more than one, so a title must be plural (`3 Deputy Prime Minister Tran …` is no count).
 */
function unitAfter(text: string, from: number, plural: boolean): { unit: string; end: number } | 'duration' | null {
  const words: Array<{ word: string; end: number }> = [];
  let at = from;
  for (let i = 0; i < 7; i++) {
    WORD.lastIndex = at;
    const w = WORD.exec(text);
    if (!w) break;
    words.push({ word: w[1]!, end: WORD.lastIndex });
    at = WORD.lastIndex;
  }
  let i = 0;
  // Capitalised words: a run of titles/kinds is the unit; other names only qualify a lower-case noun after them.
  let caps = 0;
  while (caps < words.length && caps < 4 && CAPITALISED.test(words[caps]!.word) && !ACRONYM.test(words[caps]!.word)) caps++;
  if (caps > 0) {
    let run = 0;
    while (run < caps && isCountableCapital(words[run]!.word)) run++;
    const last = words[run - 1];
    if (last && (!plural || isPluralWord(last.word))) return { unit: text.slice(wordStart(text, from), last.end), end: last.end };
    if (caps > 3 || caps === words.length) return null;
    const next = words[caps]!.word;
    if (CAPITALISED.test(next) || kindOf(next) === 'stop' || kindOf(next) === 'duration') return null;
    i = caps;
  }
  let skipped = 0;
  while (skipped < 2 && i < words.length - 1 && kindOf(words[i]!.word) === 'modifier') { i++; skipped++; }
  let head = words[i];
  if (!head || CAPITALISED.test(head.word) && !ACRONYM.test(head.word)) return null;
  const kind = kindOf(head.word);
  if (kind === 'duration') return 'duration';
  if (kind !== 'noun') return null;
  // A singular-looking noun followed by another noun is a modifier of it (`dengue cases`, `health workers`).
  for (let k = i + 1; k < words.length && k <= i + 2 && !PLURAL.test(head.word) && !tagsOf(head.word).includes('Unit'); k++) {
    const next = words[k]!.word;
    if (CAPITALISED.test(next) && !ACRONYM.test(next)) break;
    const nextKind = kindOf(next);
    if (nextKind === 'duration' || nextKind !== 'noun' || !(tagsOf(next).length > 0 || PLURAL.test(next))) break;
    head = words[k]!;
  }
  return { unit: head.word, end: head.end };
}
/** Offset of the first letter after `from` (the unit's text starts there). */
function wordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const digitsValue = (raw: string) => Number(raw.replace(/,/g, ''));

interface Tail {
  end: number;
  value: number;
  unit: string | null;
  currency?: string;
  total?: number | null;
  rule: string;
}

/**
 * What follows a number read at [start, end): scale, currency, percentage, a glued or hyphenated unit, a total, or the
 * counted noun. `null` when nothing counted follows (a bare year, a duration, a number that labels something).
 */
function readTail(text: string, end: number, value: number, currencyBefore: string | undefined, numberIsYear: boolean): Tail | null {
  let pos = end;
  let scaled = false;
  let glued = false; // a glued `m`: metres unless a currency follows or stood before
  SCALE_AFTER.lastIndex = pos;
  const s = SCALE_AFTER.exec(text);
  if (s) {
    if (s[1]) { value = round(value * SCALE[s[1].toLowerCase()]!); scaled = true; pos = SCALE_AFTER.lastIndex; }
    else if (currencyBefore) { value = round(value * 1e6); scaled = true; pos = SCALE_AFTER.lastIndex; }
    else glued = true;
  }
  let currency = currencyBefore;
  if (!currency) {
    CURRENCY_AFTER.lastIndex = glued ? pos + 1 : pos;
    const c = CURRENCY_AFTER.exec(text);
    // `won` is also a verb: a currency only after a scale (`500 billion won`).
    if (c && (scaled || !/won$/i.test(c[1]!))) {
      currency = CURRENCY[c[1]!.toLowerCase().replace(/^(?:japanese|chinese|thai)\s|^(?:south\s)?korean\s/, '')] ?? CURRENCY[c[1]!.toLowerCase()];
      if (glued) value = round(value * 1e6);
      pos = CURRENCY_AFTER.lastIndex;
    }
  }
  if (currency) return { end: pos, value, unit: currency, currency, rule: 'en.money' };
  if (glued) return { end: pos + 1, value, unit: 'm', rule: 'en.measure' };
  PERCENT.lastIndex = pos;
  if (PERCENT.exec(text)) return { end: PERCENT.lastIndex, value, unit: '%', rule: 'en.percent' };
  PERCENT_POINTS.lastIndex = pos;
  if (PERCENT_POINTS.exec(text)) return { end: PERCENT_POINTS.lastIndex, value, unit: 'percentage points', rule: 'en.percent-points' };
  if (!scaled) {
    GLUED_UNIT.lastIndex = pos;
    const g = GLUED_UNIT.exec(text);
    if (g) return { end: GLUED_UNIT.lastIndex, value, unit: g[1]!, rule: 'en.measure' };
  }
  HYPHEN_UNIT.lastIndex = pos;
  const h = HYPHEN_UNIT.exec(text);
  if (h) {
    const word = h[1]!;
    if (NOT_HYPHEN_UNIT.has(word) || kindOf(word) === 'duration' || kindOf(word) === 'stop') return null;
    return { end: HYPHEN_UNIT.lastIndex, value, unit: word, rule: 'en.hyphen-unit' };
  }
  if (REJECT_AFTER.test(text.slice(pos, pos + 10))) return null;
  // A bare year (`in 2023 the province…`) is a period, not a count.
  if (!scaled && numberIsYear) return null;
  TOTAL.lastIndex = pos;
  const t = TOTAL.exec(text);
  let total: number | null = null;
  if (t) {
    total = digitsValue(t[1]!);
    if (total === 0 || total < value) return null; // `24/7 service`, a score `3/1`: not a part of a whole
    pos = TOTAL.lastIndex;
  }
  const unit = unitAfter(text, pos, value !== 1);
  if (unit === null || unit === 'duration') return null;
  return { end: unit.end, value, unit: unit.unit, total, rule: total === null ? 'en.count' : 'en.count-of-total' };
}

/** Statistics in `text`; numbers inside `taken` spans (document codes, dates) are not counts. */
export function extractStatistics(text: string, sentences: readonly Sentence[], taken: ReadonlyArray<[number, number]> = []): Statistic[] {
  const out: Statistic[] = [];
  const context = (at: number) => sentenceAt(sentences, at)?.text;
  const isTaken = (a: number, b: number) => taken.some(([s, e]) => a < e && s < b);
  const push = (start: number, tail: Tail, extra: Partial<Statistic> = {}) => {
    out.push({
      text: text.slice(start, tail.end), value: tail.value, total: tail.total ?? null, unit: tail.unit!,
      ...(tail.currency ? { currency: tail.currency } : {}), ...extra,
      context: context(start), span: [start, tail.end], rule: tail.rule, implied: [],
    });
  };
  let consumed = 0; // end of the last hit: `382` in `356 out of 382 communes` is not read twice
  for (const m of text.matchAll(NUMBER)) {
    let start = m.index;
    const prev = start > 0 ? text[start - 1]! : ' ';
    // `VND5`, `US$ 95`, `€20`: a currency before the digits starts the hit; other glued characters put it inside a word or code.
    const cur = prev === ' ' || INSIDE_BEFORE.test(prev) || prev.charCodeAt(0) > 127 ? CURRENCY_BEFORE_RE.exec(text.slice(Math.max(0, start - 8), start)) : null;
    if (cur) start -= cur[1]!.length + cur[2]!.length;
    else if (INSIDE_BEFORE.test(prev)) continue;
    if (start < consumed || isTaken(start, m.index + m[0].length)) continue;
    if (REJECT_BEFORE.test(text.slice(Math.max(0, start - 10), start))) continue;
    const raw = m[0];
    if (/^0\d/.test(raw)) continue; // 0243…: a phone or an id
    const currencyBefore = cur ? CURRENCY[cur[1]!.toLowerCase()] : undefined;
    let end = m.index + m[0].length;
    // A range (`5-7 percent`, `300 to 350 students`, `2021-2025`): the lower bound is the value, the span holds both.
    RANGE.lastIndex = end;
    const r = RANGE.exec(text);
    if (r && digitsValue(r[1]!) > digitsValue(raw) && !(YEAR.test(raw) && YEAR.test(r[1]!)) && !isTaken(end, RANGE.lastIndex)) {
      const tail = readTail(text, RANGE.lastIndex, digitsValue(r[1]!), currencyBefore, false);
      if (tail) {
        const scale = tail.value / digitsValue(r[1]!);
        consumed = tail.end;
        push(start, { ...tail, value: round(digitsValue(raw) * scale) });
        continue;
      }
    }
    if (r && /^\s?[-–—]/.test(r[0]) && YEAR.test(raw)) continue; // `2021-2025`: a period
    const tail = readTail(text, end, digitsValue(raw), currencyBefore, YEAR.test(raw) && !currencyBefore);
    if (!tail) continue;
    end = tail.end;
    consumed = end;
    push(start, tail);
  }
  wordStatistics(text, out, isTaken, push);
  return out.sort((a, b) => a.span![0] - b.span![0]);
}

const DETERMINER_BEFORE = /(?:the|these|those|both|all|its|their|our|his|her|first|last|next|other)\s+$/i;

/**
 * Numbers in words: vague counts (`hundreds of people`), fractions (`two-thirds of households`), then `three
 * provinces`, `two hundred and fifty volunteers`, `two billion USD` (one word by table, compounds by compromise). A lone
 * `one` is not a count, nor is a number after a determiner (`the two sides` refers to things already named).
 */
function wordStatistics(text: string, out: Statistic[], isTaken: (a: number, b: number) => boolean, push: (start: number, tail: Tail, extra?: Partial<Statistic>) => void): void {
  const covered = out.map((s) => s.span!);
  const inside = (a: number) => covered.some(([s, e]) => a >= s && a < e);
  for (const m of text.matchAll(VAGUE)) {
    if (inside(m.index) || isTaken(m.index, m.index + m[0].length)) continue;
    const value = (m[1] ? VAGUE_BASE[m[1].toLowerCase()]! : 1) * VAGUE_BASE[m[2]!.toLowerCase()]!;
    const tail = readTail(text, m.index + m[0].length, value, undefined, false);
    if (!tail || tail.rule !== 'en.count' && tail.rule !== 'en.money') continue;
    covered.push([m.index, tail.end]);
    push(m.index, { ...tail, rule: 'en.vague' }, { qualifier: 'at-least', vague: true });
  }
  for (const m of text.matchAll(FRACTION)) {
    const n = NUMERATOR.exec(text.slice(Math.max(0, m.index - 7), m.index));
    if (!n) continue;
    const start = m.index - n[0].length;
    const after = m.index + m[0].length;
    if (inside(start) || FRACTION_NOT_OF.test(text.slice(after, after + 20))) continue;
    const word = n[1]!.toLowerCase();
    const numerator = word === 'a' || word === 'one' ? 1 : SIMPLE_NUMBER[word]!;
    const total = DENOMINATOR[m[1]!.replace(/s$/, '')];
    if (!total || numerator >= total) continue;
    // The whole the fraction is of: `of (the) households`, `of the country's 63 provinces` → provinces.
    const of = /^\s+(?:(?:the|all|its|their)\s+)?(?:[\p{L}]+['’]s\s+)?(?:\d[\d,.]*\s+(?:(?:thousand|million|billion)\s+)?)?/u.exec(text.slice(after, after + 60));
    const unit = unitAfter(text, after + (of ? of[0].length - 1 : 0), true);
    if (unit === null || unit === 'duration') continue;
    covered.push([start, unit.end]);
    push(start, { end: unit.end, value: numerator, total, unit: unit.unit, rule: 'en.fraction' });
  }
  for (const m of text.matchAll(NUMBER_WORDS)) {
    const word = m[0].toLowerCase();
    if (word === 'one' || word === 'zero' || inside(m.index)) continue;
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (/[-\p{L}\p{N}]$|\p{N}\s$/u.test(before)) continue; // `8 million`: the digits rule read it; `twenty-first`
    if (DETERMINER_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (isTaken(m.index, m.index + m[0].length)) continue;
    const parsed = SIMPLE_NUMBER[word] ?? numberFromWords(m[0]);
    if (parsed === null) continue;
    // `hundred`/`dozen` alone need `a` before them (`a hundred`), else they are the vague plural's singular or a noun.
    if (/^(?:hundred|thousand|million|billion|trillion|dozen)$/.test(word) && !/\ba\s+$/i.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    const tail = readTail(text, m.index + m[0].length, parsed, undefined, false);
    if (!tail || tail.unit === 'm' && parsed < 1e6) continue;
    covered.push([m.index, tail.end]);
    push(m.index, { ...tail, rule: tail.rule === 'en.count' ? 'en.number-words' : tail.rule });
  }
}
