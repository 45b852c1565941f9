// Counted quantities: a number with the thing it counts (`27.739 cuộc giám sát`, `356/382 xã`, `93,2%`,
// `1,5 triệu người`, `718 tỷ đồng`, `hai nhiệm vụ`, `năm khẩu súng`, `3 Nghị định`, `Hai thứ trưởng`), money in any
// currency with its ISO code (`hai mươi đô la`, `$10`, `50 Euro`), vague counts marked as such (`hàng chục người`:
// at least 10). The sentence is the context.
// Not statistics: dates, periods, document numbers, durations and anniversaries (`10 năm`), ordinals and names of
// units (`lần thứ 2`, `Quân khu 5`, `Bão số 4`, `Nghị định 15`), times of day, phone numbers, malformed numbers.
import type { Statistic } from '../../core/types.ts';
import units from './lexicons/units.json' with { type: 'json' };
import documentKinds from './lexicons/document-kinds.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };
import { isSpaceCode, keySet, letterBefore, sentenceAt } from '../common/text.ts';
import { toneKey } from '../../core/fold.ts';
import { type Hit, longestSpanWins, refine, type Refiner, type RuleContext, spanKey } from '../common/rules.ts';
import { continuesNumber, isScaleWord, NUMBER_OPENERS, type NumberPhrase, opensNumber, parseNumeral, readNumber, roundValue, SCALE_WORDS } from './numbers.ts';
import { CURRENCY_BEFORE_OPENERS, currencyAfter, currencyBefore, gluedAmount } from './money.ts';
import { matchPhrase, phraseIndex } from './organisations.ts';
import { periodOf } from '../common/statistic-shares.ts';

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
/** What a lone `năm` (five or year) may count: classifiers and counted nouns. */
const COUNTED_KEYS = keySet([...units.countedNouns, ...units.classifiers]);
const NUMBER_COMPOUNDS = keySet(units.numberCompounds);
const RELATIONAL_NOUNS = keySet(units.relationalNouns);
const YEAR_CONTEXT = keySet(units.yearContext);
const NOT_COUNTED_AFTER_WORDS = keySet(units.notCountedAfterWords);
const VAGUE_LEADS = new Map(Object.entries(units.vagueLeads).map(([w, n]) => [toneKey(w), n]));
const QUALIFIER_LEADS = keySet(units.qualifierLeads);
/**
 * Units read as whole phrases, capitals allowed: document kinds (`3 Nghị định`), titles (`Hai thứ trưởng`, `3 Trung
 * tướng`) and meetings or courses whose first word is otherwise a time word (`7 kỳ họp`).
 */
const UNIT_PHRASES = phraseIndex([...documentKinds.kinds, ...titles.heads, ...units.countedPhrases]);
/** Document kinds written with a capital label the number after them (`Nghị định 15`, `Chỉ thị 05`). */
const DOCUMENT_KINDS = keySet(documentKinds.kinds);
/** Units written in capitals that are still units: currencies and a few measures. */
const UPPER_UNITS = new Set(['USD', 'EUR', 'VND', 'VNĐ', 'ĐVT', 'MW', 'KW', 'GW', 'TEU', 'CCU', 'MWH', 'GWH', 'TWH']);

/** Currencies written with hundredths (`2 đô la và 23 xen`); đồng, yên, won have none. */
const CENTS_CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'AUD', 'SGD', 'CAD', 'HKD', 'NZD', 'CHF', 'INR', 'CNY', 'RUB', 'MYR', 'TWD']);
const CENT_WORDS = keySet(['xen', 'xu', 'cent', 'cents', 'penny', 'pence', 'paise', 'kopek']);
const VA = toneKey('và');
const LAN = toneKey('lần');
const SO = toneKey('số');
const AM = toneKey('âm');
const NUA = toneKey('nửa');
const TU = toneKey('tư');
const PHAN = toneKey('phần');
const TRAM = toneKey('trăm');
const GIO = toneKey('giờ');
const G = 'g';
const COUNTING_BEFORE_SO = keySet(['tổng', 'có', 'với', 'gồm', 'được', 'trong']);

type Qualifier = NonNullable<Statistic['qualifier']>;

interface StatValue {
  value: number;
  total: number | null;
  unit: string;
  currency?: string;
  vague?: boolean;
  qualifier?: Qualifier;
}

/** Characters that may not stand right before a numeral: it would be part of a code, a range or a bigger number. */
function isNumeralNeighbour(c: number): boolean {
  if (c === 95 || c === 46 || c === 44 || c === 47 || c === 58 || c === 43 || c === 45) return true; // _ . , / : + -
  if (c < 48) return false;
  return !isSpaceCode(c) && NUMERAL_NEIGHBOUR.test(String.fromCharCode(c));
}
const NUMERAL_NEIGHBOUR = /[\p{L}\p{N}]/u;
/** A numeral token that is a number and nothing else, or `a/b`. */
const FRACTION = /^([\d.,]+)\/([\d.,]+)$/;
const ALL_DIGITS = /^\d+$/;

/** Where a statistic's number starts and what it is, before its unit is read. */
interface Amount {
  /** Start offset of the whole statistic (a lead word or a currency symbol before the number). */
  start: number;
  value: number;
  total: number | null;
  /** Token after the number. */
  next: number;
  /** End offset of the number. */
  end: number;
  rule: string;
  words: boolean;
  /** A currency written before the amount. */
  currency?: { code: string; text: string };
  vague?: boolean;
  qualifier?: Qualifier;
  /** A lone `năm`: five only before a counted noun. */
  loneNam?: boolean;
  /** Digits written as a year (`2024`) with nothing multiplying them. */
  yearLike?: boolean;
}

/** What a word token may open: each token is looked up once in START. */
const enum Opens {
  Number = 1,
  Lead,
  Scale,
  Currency,
  Minus,
}
const START = new Map<string, Opens>();
for (const k of CURRENCY_BEFORE_OPENERS) START.set(k, Opens.Currency);
for (const k of SCALE_WORDS) START.set(k, Opens.Scale);
for (const k of [...VAGUE_LEADS.keys(), AM, NUA]) START.set(k, Opens.Lead);
for (const k of NUMBER_OPENERS) START.set(k, Opens.Number);
START.set('-', Opens.Minus);
START.set('\u2212', Opens.Minus);

/** An amount to read the unit of; or the token to go on from when a number phrase is not a statistic; or nothing. */
type Attempt = Amount | { skipTo: number } | null;

/**
 * Every statistic in the text, in one pass over the tokens: numerals, number words, vague counts (`hàng chục`),
 * bare scales after a qualifier (`hơn chục`), `âm` (minus) and currency symbols before an amount. A number phrase that
 * is not a statistic is skipped whole, so its tail (`… không trăm ba mươi người`) is not read as another number.
 */
function statisticHits(ctx: RuleContext): Hit<StatValue>[] {
  const tokens = ctx.tokens;
  const claimed = ctx.claimed;
  const hits: Hit<StatValue>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let amount: Attempt = null;
    if (t.kind === 'num') {
      // A number inside a date, a period or a document code is never a statistic.
      if (claimed.overlaps(t.start, t.start + 1)) continue;
      amount = numeralAmount(ctx, i);
    } else {
      const opens = START.get(t.key);
      if (opens === undefined) {
        // `USD1,23`: a code glued to its amount is one word token.
        if (t.kind === 'upper' && t.text.length > 3 && isDigitCode(t.text.charCodeAt(t.text.length - 1))) amount = prefixedAmount(ctx, i);
        else continue;
      } else if (opens === Opens.Number) amount = wordAmount(ctx, i);
      else if (opens === Opens.Lead) amount = leadAmount(ctx, i);
      else if (opens === Opens.Scale) amount = bareAmount(ctx, i);
      else if (opens === Opens.Minus) amount = minusAmount(ctx, i);
      else amount = prefixedAmount(ctx, i);
    }
    if (amount === null) continue;
    if ('skipTo' in amount) {
      i = Math.max(i, amount.skipTo - 1);
      continue;
    }
    let skipTo = amount.next - 1;
    const hit = withUnit(ctx, amount);
    if (hit) {
      hits.push(hit);
      while (skipTo + 1 < tokens.length && tokens[skipTo + 1]!.start < hit.end) skipTo++;
    }
    i = Math.max(i, skipTo);
  }
  return hits;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** 27.739 · 356/382 · 1,5 triệu · 3 tỷ 200 triệu · 2 triệu rưỡi · 10k — a numeral and the scale words after it. */
function numeralAmount(ctx: RuleContext, i: number): Amount | null {
  const tokens = ctx.tokens;
  const t = tokens[i]!;
  const text = ctx.text;
  if (t.start > 0 && isNumeralNeighbour(text.charCodeAt(t.start - 1))) return null;
  // `10-NQ/TW`, `3-tấn`: a number joined to letters by a dash is part of a code.
  if (text.charCodeAt(t.end) === 45 && /\p{L}/u.test(text[t.end + 1] ?? '')) return null;
  // `0912 345 678`, `1900 1234`: digits grouped by spaces are one number (a phone, a hotline), not a count.
  const previous = tokens[i - 1];
  if (previous && previous.kind === 'num' && t.start - previous.end === 1 && text.charCodeAt(previous.end) === 32 && ALL_DIGITS.test(previous.text) && ALL_DIGITS.test(t.text)) return null;
  const fraction = FRACTION.exec(t.text);
  if (fraction) {
    const value = parseNumeral(fraction[1]!);
    const total = parseNumeral(fraction[2]!);
    if (value === null || total === null || total === 0 || total < value) return null;
    return { start: t.start, value, total, next: i + 1, end: t.end, rule: 'statistic.numeral', words: false };
  }
  // `356 / 382`
  const slash = tokens[i + 1];
  if (slash && slash.text === '/' && slash.start - t.end <= 1 && tokens[i + 2]?.kind === 'num' && tokens[i + 2]!.start - slash.end <= 1) {
    const value = parseNumeral(t.text);
    const total = parseNumeral(tokens[i + 2]!.text);
    const after = tokens[i + 3];
    if (after && after.text === '/' && tokens[i + 4]?.kind === 'num') return null;
    if (value === null || total === null || total === 0 || total < value) return null;
    return { start: t.start, value, total, next: i + 3, end: tokens[i + 2]!.end, rule: 'statistic.numeral', words: false };
  }
  const phrase = readNumber(tokens, i);
  if (!phrase) return null;
  return {
    start: t.start,
    value: phrase.value,
    total: null,
    next: phrase.endToken,
    end: phrase.end,
    rule: 'statistic.numeral',
    words: false,
    yearLike: !phrase.scaled && phrase.endToken === i + 1 && /^(?:19|20)\d\d$/.test(t.text),
  };
}

/** hai nhiệm vụ · mười lăm chiến sĩ · ba mươi lăm xã · hai mươi mốt nghìn không trăm ba mươi người · năm khẩu súng. */
function wordAmount(ctx: RuleContext, i: number): Attempt {
  const tokens = ctx.tokens;
  const t = tokens[i]!;
  const phrase = readNumber(tokens, i);
  if (!phrase) return null;
  // `BA%`, `HAI`: letters in capitals are a code or a heading, not a number.
  if (t.kind === 'upper') return skipPhrase(phrase);
  // `ông Ba`, `quận Hai Bà Trưng`, `Ba Đình`: a capitalised number word after a word inside a sentence is a name.
  if (t.kind === 'cap' && !t.sentenceStart && tokens[i - 1]?.kind !== 'punct') return skipPhrase(phrase);
  const after = tokens[phrase.endToken];
  // `ba lô`, `chín chắn`: the number word is half of another word.
  if (phrase.endToken === i + 1 && after && NUMBER_COMPOUNDS.has(`${t.key} ${after.key}`)) return null;
  if (phrase.ambiguous) {
    // `một` alone is `a` (`một số`, `một đơn vị`); `tư` alone is `private` or `fourth`.
    if (t.key !== toneKey('năm')) return null;
    const before = tokens[i - 1];
    // `mỗi năm`, `trong năm`, `một trăm năm`: the year.
    if (before && !t.sentenceStart && (YEAR_CONTEXT.has(before.key) || continuesNumber(before))) return null;
  }
  // `hai ba trăm`: a number word right after the phrase means it did not read as one number.
  if (after && (continuesNumber(after) || after.kind === 'num') && !after.newlineBefore) return skipPhrase(phrase);
  const amount: Amount = { start: phrase.start, value: phrase.value, total: null, next: phrase.endToken, end: phrase.end, rule: 'statistic.words', words: true };
  if (phrase.ambiguous) amount.loneNam = true;
  if (phrase.upper !== undefined) amount.qualifier = 'approx';
  return amount;
}

/** A phrase that is not a statistic is passed over whole. */
function skipPhrase(phrase: NumberPhrase): Attempt {
  return { skipTo: phrase.endToken };
}

/** hàng chục · hàng trăm nghìn · vài chục · mấy trăm · cả nghìn (vague, the least they guarantee) · âm 5 (minus) · nửa triệu (half). */
function leadAmount(ctx: RuleContext, i: number): Amount | null {
  const tokens = ctx.tokens;
  const lead = tokens[i]!;
  const next = tokens[i + 1];
  if (!next || next.newlineBefore) return null;
  if (lead.key === AM) {
    if (next.kind !== 'num' && !opensNumber(next)) return null;
    const phrase = readNumber(tokens, i + 1);
    if (!phrase || phrase.ambiguous) return null;
    return { start: lead.start, value: -phrase.value, total: null, next: phrase.endToken, end: phrase.end, rule: 'statistic.numeral', words: phrase.hasWords };
  }
  if (!isScaleWord(next)) return null;
  const phrase = readNumber(tokens, i + 1, { bare: true });
  if (!phrase) return null;
  if (lead.key === NUA) {
    // `nửa triệu người`: half a million, a count like any other.
    return { start: lead.start, value: roundValue(phrase.value / 2), total: null, next: phrase.endToken, end: phrase.end, rule: 'statistic.words', words: true };
  }
  const least = VAGUE_LEADS.get(lead.key)!;
  return {
    start: lead.start,
    value: roundValue(phrase.value * least),
    total: null,
    next: phrase.endToken,
    end: phrase.end,
    rule: 'statistic.vague',
    words: true,
    vague: true,
    qualifier: 'at-least',
  };
}

/** hơn chục người · gần trăm hộ · khoảng nghìn tỷ đồng: a scale word alone after a qualifier is one of it. */
function bareAmount(ctx: RuleContext, i: number): Amount | null {
  const tokens = ctx.tokens;
  const before = tokens[i - 1];
  if (!before || tokens[i]!.newlineBefore || !QUALIFIER_LEADS.has(before.key)) return null;
  const phrase = readNumber(tokens, i, { bare: true });
  if (!phrase) return null;
  return { start: phrase.start, value: phrase.value, total: null, next: phrase.endToken, end: phrase.end, rule: 'statistic.words', words: true };
}

/** -5 độ C · −2%: a minus sign glued to a numeral, after a space (not `2020-2025`, not a list dash `- 5 xã`). */
function minusAmount(ctx: RuleContext, i: number): Amount | null {
  const tokens = ctx.tokens;
  const minus = tokens[i]!;
  const next = tokens[i + 1];
  if (!next || next.kind !== 'num' || next.start !== minus.end) return null;
  const before = minus.start > 0 ? ctx.text.charCodeAt(minus.start - 1) : 32;
  if (!isSpaceCode(before)) return null;
  if (tokens[i - 1]?.kind === 'num' || ctx.claimed.overlaps(next.start, next.start + 1)) return null;
  const phrase = readNumber(tokens, i + 1);
  if (!phrase || phrase.value === 0) return null;
  return { start: minus.start, value: -phrase.value, total: null, next: phrase.endToken, end: phrase.end, rule: 'statistic.numeral', words: false };
}

/** $10 · US$ 5 triệu · €20 · USD 1,23 · EUR29,99: a currency written before its amount. */
function prefixedAmount(ctx: RuleContext, i: number): Amount | null {
  const tokens = ctx.tokens;
  const t = tokens[i]!;
  const glued = gluedAmount(ctx.text, t.start);
  if (glued) {
    let next = i + 1;
    while (next < tokens.length && tokens[next]!.start < glued.end) next++;
    return { start: t.start, value: glued.value, total: null, next, end: glued.end, rule: 'statistic.money', words: false, currency: { code: glued.code, text: glued.symbol } };
  }
  const currency = currencyBefore(tokens, i);
  if (!currency) return null;
  const first = tokens[currency.endToken];
  if (!first || first.newlineBefore || first.start - currency.end > 1) return null;
  if (first.kind !== 'num' && !opensNumber(first)) return null;
  const phrase = readNumber(tokens, currency.endToken);
  if (!phrase || phrase.ambiguous || phrase.value === 0) return null;
  return {
    start: currency.start,
    value: phrase.value,
    total: null,
    next: phrase.endToken,
    end: phrase.end,
    rule: 'statistic.money',
    words: phrase.hasWords,
    currency: { code: currency.code, text: ctx.text.slice(currency.start, currency.end) },
  };
}

/** The amount with what it counts: `%`, a currency, a unit phrase from the lexicons, or the words after it. */
function withUnit(ctx: RuleContext, amount: Amount): Hit<StatValue> | null {
  const tokens = ctx.tokens;
  const value = roundValue(amount.value);
  if (amount.currency) {
    const cents = centsAfter(ctx, amount.next, amount.currency.code);
    return statisticHit(amount, cents ? roundValue(value + cents.value) : value, cents ? cents.end : amount.end, amount.currency.text, amount.currency.code);
  }
  const next = tokens[amount.next];
  // 93,2% · 5 phần trăm
  if (next && !next.newlineBefore) {
    const gap = next.start - amount.end;
    const percent = next.text === '%' && (gap === 0 || (gap === 1 && isSpaceCode(ctx.text.charCodeAt(amount.end))))
      ? next.end
      : next.key === PHAN && gap > 0 && tokens[amount.next + 1]?.key === TRAM && !tokens[amount.next + 1]!.newlineBefore
        ? tokens[amount.next + 1]!.end
        : -1;
    if (percent >= 0) {
      if (!amount.vague && isLabelled(ctx, amount.start)) return null;
      return statisticHit(amount, value, percent, '%', null);
    }
    // `35°C`, `-5 °C`
    if (next.text === '°' && gap <= 1) {
      const scale = tokens[amount.next + 1];
      const end = scale && scale.start === next.end && (scale.text === 'C' || scale.text === 'F') ? scale.end : next.end;
      return statisticHit(amount, value, end, ctx.text.slice(next.start, end), null);
    }
    // `hai phần ba`, `1 phần 4`: a fraction, not a count of `phần`.
    if (next.key === PHAN && tokens[amount.next + 1] && (tokens[amount.next + 1]!.kind === 'num' || continuesNumber(tokens[amount.next + 1]!) || tokens[amount.next + 1]!.key === TU)) return null;
  }
  const currency = next && !next.newlineBefore ? currencyAfter(tokens, amount.next) : null;
  if (currency) {
    if (!amount.vague && isLabelled(ctx, amount.start, amount.total === null)) return null;
    const cents = centsAfter(ctx, currency.endToken, currency.code);
    const written = ctx.text.slice(currency.start, currency.end);
    return statisticHit(amount, cents ? roundValue(value + cents.value) : value, cents ? cents.end : currency.end, written, currency.code);
  }
  // `29C-123.45`, `12A`: letters glued to a number that are not a unit make a code (a plate, a road, a class).
  if (next && next.start === amount.end && next.kind !== 'punct' && /^\p{Lu}/u.test(next.text) && !UPPER_UNITS.has(next.text.toUpperCase()) && !MEASURES.has(next.key)) return null;
  const phraseLength = next && !next.newlineBefore ? matchPhrase(tokens, amount.next, UNIT_PHRASES) : 0;
  let unit: { text: string; end: number; key: string } | null;
  let lexical = false;
  if (phraseLength > 0) {
    const last = tokens[amount.next + phraseLength - 1]!;
    unit = { text: ctx.text.slice(next!.start, last.end), end: last.end, key: toneKey(ctx.text.slice(next!.start, last.end)) };
    lexical = true;
  } else {
    unit = readUnit(ctx, amount.end, amount.value);
  }
  if (!amount.vague && isLabelled(ctx, amount.start, unit !== null && amount.total === null)) return null;
  // A year written after a name (`Triển lãm Quốc phòng quốc tế Việt Nam 2024`) is part of the name, not a count.
  if (amount.yearLike && /\p{Lu}[\p{L}\p{M}]*\s+$/u.test(ctx.text.slice(Math.max(0, amount.start - 20), amount.start))) return null;
  // `600 nghìn` alone still counts what the sentence counts, but with no unit it is not analysable.
  if (!unit) return null;
  if (amount.words && !lexical) {
    const first = unit.key.split(' ')[0]!;
    // `Hai bên nhất trí`, `hai phía`: the parties of a relation, not a count; `ba tôi`, `ba sẵn sàng`: no count at all.
    if (amount.value <= 10 && RELATIONAL_NOUNS.has(first)) return null;
    if (NOT_COUNTED_AFTER_WORDS.has(first) || NOT_COUNTED_AFTER_WORDS.has(unit.key.split(' ', 2).join(' '))) return null;
  }
  // `năm khẩu súng`, `năm người`: a lone `năm` is five only before a classifier or a counted noun.
  if (amount.loneNam && !lexical && !isCountedUnit(unit.key)) return null;
  return statisticHit(amount, value, unit.end, unit.text, null);
}

/**
 * `2 đô la và 23 xen`, `2 đô 23 xu`, `hai đô 23`, `20 Rupees 43`: the hundredths after a currency that has them, when
 * they end the amount (a cent word after them, or punctuation).
 */
function centsAfter(ctx: RuleContext, k: number, code: string): { value: number; end: number } | null {
  if (!CENTS_CURRENCIES.has(code)) return null;
  const tokens = ctx.tokens;
  let j = k;
  const and = tokens[j]?.key === VA;
  if (and) j++;
  const t = tokens[j];
  if (!t || t.newlineBefore || (t.kind !== 'num' && !opensNumber(t))) return null;
  let cents: number;
  let endToken: number;
  if (t.kind === 'num') {
    if (!/^\d{1,2}$/.test(t.text)) return null;
    cents = Number(t.text);
    endToken = j + 1;
  } else {
    const phrase = readNumber(tokens, j);
    if (!phrase || phrase.ambiguous || !Number.isInteger(phrase.value) || phrase.value >= 100 || phrase.upper !== undefined) return null;
    cents = phrase.value;
    endToken = phrase.endToken;
  }
  if (cents < 1) return null;
  const after = tokens[endToken];
  if (after && !after.newlineBefore && CENT_WORDS.has(after.key)) return { value: cents / 100, end: after.end };
  if (!and && (!after || after.newlineBefore || (after.kind === 'punct' && after.text !== '%' && after.text !== '/'))) return { value: cents / 100, end: tokens[endToken - 1]!.end };
  return null;
}

function statisticHit(amount: Amount, value: number, end: number, unit: string, currency: string | null): Hit<StatValue> {
  const stat: StatValue = { value, total: amount.total, unit };
  if (currency) stat.currency = currency;
  if (amount.vague) stat.vague = true;
  if (amount.qualifier) stat.qualifier = amount.qualifier;
  return { start: amount.start, end, rule: amount.rule, implied: [], value: stat };
}

function isCountedUnit(key: string): boolean {
  const words = key.split(' ');
  return COUNTED_KEYS.has(words[0]!) || (words.length > 1 && COUNTED_KEYS.has(`${words[0]} ${words[1]}`)) || MEASURES.has(words[0]!);
}

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
  // `8 giờ 30`: the minutes of a time of day.
  if (last === GIO && /\p{N}\s*$/u.test(text.slice(floor, start))) return true;
  const pair = previousWord === null ? null : toneKey(`${previousWord} ${lastWord}`);
  if (pair !== null && LABEL_WORDS.has(pair)) return true;
  // `Nghị định 15`, `Chỉ thị 05`, `Luật 2024`: the number of a document, when its kind is written as a name.
  if (pair !== null && DOCUMENT_KINDS.has(pair) && /^\p{Lu}/u.test(previousWord!)) return true;
  return DOCUMENT_KINDS.has(last) && /^\p{Lu}/u.test(lastWord);
}

/** Fold key of a word the unit reader matched (group 1 of its pattern). */
function matchedKey(ctx: RuleContext, m: RegExpExecArray): string {
  const word = m[1]!;
  return spanKey(ctx, m.index + m[0].length - word.length, word);
}

/** The thing counted: the words after the number up to punctuation or a function word (at most four words). */
function readUnit(ctx: RuleContext, from: number, value: number): { text: string; end: number; key: string } | null {
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
      // `17h`, `8h30`, `10g`: a time of day; `500 g`, `250g` are grams.
      if (/^[hg]\d{1,2}$/u.test(word)) return null;
      if (CLOCK_UNITS.has(key) && (key !== G || (m[0].length === word.length && Number.isInteger(value) && value <= 24))) return null;
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
  const unit = text.slice(from, end).trim();
  return { text: unit, end, key: toneKey(unit) };
}

/** Refiner: numbers inside dates, periods and document references are not statistics. */
const dropClaimed: Refiner<StatValue> = (hits, ctx) => hits.filter((h) => !ctx.claimed.overlaps(h.start, h.start + 1));

const REFINERS: Refiner<StatValue>[] = [dropClaimed, longestSpanWins];

export function extractStatistics(ctx: RuleContext, periods: Array<{ span?: [number, number]; value: string }>): Statistic[] {
  const hits: Hit<StatValue>[] = refine(statisticHits(ctx), REFINERS, ctx);
  return hits.map((h) => {
    const [sentenceStart, sentenceEnd] = sentenceAt(ctx.sentences, h.start);
    // A sentence can be a whole unpunctuated page: keep the context to a readable window.
    const s = Math.max(sentenceStart, h.start - 400);
    const e = Math.min(sentenceEnd, h.end + 400);
    const inSentence = periodsWithin(periods, s, e, 8);
    const stat: Statistic = {
      text: ctx.text.slice(h.start, h.end),
      value: h.value.value,
      unit: h.value.unit,
      context: ctx.text.slice(s, e).trim(),
      // One right after the number (`xuống còn 2,1% năm 2023`), else the nearest before: Vietnamese fronts the period
      // (`Năm 2022, lượng khách đạt …`).
      period: periodOf(ctx.text, inSentence, h.start, h.end, BASELINE_BEFORE, 12),
      span: [h.start, h.end],
      rule: h.rule,
      implied: [],
    };
    if (h.value.total !== null) stat.total = h.value.total;
    if (h.value.currency) stat.currency = h.value.currency;
    if (h.value.qualifier) stat.qualifier = h.value.qualifier;
    if (h.value.vague) stat.vague = true;
    return stat;
  });
}

// A period the number is compared with or multiplied by, not the one it is of: `so với năm 2021`, `gấp 3 lần năm 2021`.
const BASELINE_BEFORE = /(?:so\s+với|so|hơn|bằng|gấp\s+\S+\s+lần|cùng\s+kỳ)\s*$/iu;

/** Periods whose span lies in [s, e), at most `most`; periods are in text order, so a binary search finds the first. */
function periodsWithin(periods: Array<{ span?: [number, number]; value: string }>, s: number, e: number, most: number): Array<{ span?: [number, number]; value: string }> {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((periods[mid]!.span?.[0] ?? 0) < s) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<{ span?: [number, number]; value: string }> = [];
  for (let i = lo; i < periods.length && out.length < most; i++) {
    const span = periods[i]!.span;
    if (!span || span[0] >= e) break;
    if (span[1] <= e) out.push(periods[i]!);
  }
  return out;
}
