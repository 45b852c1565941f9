// Vietnamese numbers: `27.739` (dot groups thousands), `93,2` (comma is the decimal mark), `1,5 triệu`, `600 nghìn`,
// and numbers in words — one reader for every family (statistics, money, days, months, ordinals):
// `hai mươi mốt nghìn không trăm ba mươi`, `một trăm linh năm`, `ba chục`, `hai triệu rưỡi`, `3 tỷ 200 triệu`,
// `1,5 nghìn tỷ`, `một phẩy năm triệu`, `10k`. The reader knows the grammar of the numeral only; whether `năm` is
// five or a year, `một` one or `a`, is for the caller to decide from the words around (see NumberPhrase.ambiguous).
import units from './lexicons/units.json' with { type: 'json' };
import { toneKey } from '../../core/fold.ts';
import { tokenize, type Token } from '../common/text.ts';

const MULTIPLIERS = new Map(Object.entries(units.multipliers).map(([k, v]) => [toneKey(k), v]));

/** A numeral as the press writes it: thousands groups with dots, decimals with a comma (or the reverse when unambiguous). */
export const NUMERAL_SOURCE = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?![\d.])`;

const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const COMMA_DECIMAL = /^\d+(?:,\d+)?$/;
const DOT_DECIMAL = /^\d+\.\d{1,2}$/;
/** `1,200,000` (two or more comma groups, an optional dot decimal) or `5,000`: English-style thousands, which a comma decimal never is. */
const COMMA_GROUPS = /^\d{1,3}(?:(?:,\d{3}){2,}(?:\.\d{1,2})?|,000)$/;
const LEADING_ZERO = /^0\d/;

/**
 * Parse one numeral. Returns null for malformed numbers (`1.2.3.4`, `12.34.567`) and for
 * numbers with a leading zero that are not decimals (`0243`, phone numbers).
 */
export function parseNumeral(raw: string): number | null {
  // Most numerals are plain digits: no pattern to try.
  let plain = raw.length > 0 && raw.length < 16;
  for (let i = 0; plain && i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    plain = c >= 48 && c <= 57;
  }
  if (plain) return raw.length > 1 && raw.charCodeAt(0) === 48 ? null : Number(raw);
  const s = raw.trim();
  if (LEADING_ZERO.test(s)) return null;
  // 27.739 / 2.310.000 / 1.234,5
  if (DOT_GROUPS.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  // 1,200,000 / 5,000
  if (COMMA_GROUPS.test(s)) return Number(s.replace(/,/g, ''));
  // 93,2 / 440
  if (COMMA_DECIMAL.test(s)) return Number(s.replace(',', '.'));
  // English-style decimal in Vietnamese text (`3.5`): only one or two decimals, never a thousands group.
  if (DOT_DECIMAL.test(s)) return Number(s);
  return null;
}

/** Multiplier of a scale word (`nghìn` → 1000, `tỷ` → 1e9, `nghìn tỷ` → 1e12), else null. */
export function multiplierOf(word: string): number | null {
  return MULTIPLIERS.get(toneKey(word)) ?? null;
}

/** Scale words as a regex alternation, longest first (`nghìn tỷ` before `nghìn`). */
export const MULTIPLIER_SOURCE = Object.keys(units.multipliers)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');

/** Format a value the way analysts read it back (no float noise: 93.2 not 93.200000001). */
export function roundValue(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------------------------
// The grammar of numbers in words.

const enum W {
  /** không 0 … chín 9: a digit wherever it stands. */
  Digit,
  /** mốt 1, tư 4, lăm/nhăm 5: a digit only in the units place (`hai mươi mốt`, `mười lăm`) or after a scale (`nghìn tư`). */
  UnitDigit,
  /** mười: ten, the tens place of 10–19. */
  Ten,
  /** mươi: times ten (`hai mươi`). */
  Tens,
  /** chục: ten, times ten after a digit (`ba chục` 30). */
  Chuc,
  /** trăm: hundred. */
  Hundred,
  /** linh/lẻ: an empty tens place (`một trăm linh năm` 105). */
  Zero,
  /** nghìn/ngàn, vạn, triệu, tỷ/tỉ. */
  Scale,
  /** rưỡi: and a half of the last scale (`hai triệu rưỡi`). */
  Half,
  /** phẩy/chấm: the decimal mark said aloud (`một phẩy năm triệu`). */
  Point,
}

interface WordEntry {
  kind: W;
  value: number;
}

const WORDS = new Map<string, WordEntry>();
function define(kind: W, entries: Record<string, number>): void {
  for (const [word, value] of Object.entries(entries)) WORDS.set(toneKey(word), { kind, value });
}
define(W.Digit, { không: 0, một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9 });
define(W.UnitDigit, { mốt: 1, tư: 4, lăm: 5, nhăm: 5 });
define(W.Ten, { mười: 10 });
define(W.Tens, { mươi: 10 });
define(W.Chuc, { chục: 10 });
define(W.Hundred, { trăm: 100 });
define(W.Zero, { linh: 0, lẻ: 0 });
define(W.Scale, { nghìn: 1e3, ngàn: 1e3, vạn: 1e4, triệu: 1e6, tỷ: 1e9, tỉ: 1e9 });
define(W.Half, { rưỡi: 0.5, rưởi: 0.5 });
define(W.Point, { phẩy: 0, chấm: 0 });

/** Scales glued to digits in informal and market copy: `10k`, `100K`, `5tr`, `1,2M` (a capital M only: `100m` is metres). */
const GLUED_SCALES = new Map([['k', 1e3], ['tr', 1e6], ['m', 1e6]]);

/**
 * Second syllables that make a scale word part of another word: `tỷ lệ`, `tỷ trọng`, `tỷ giá`, `tỷ phú`,
 * `triệu phú`, `triệu chứng`, `vạn vật`. A number before them counts the compound (`5 tỷ phú`), it is not multiplied.
 */
const SCALE_COMPOUND_ENDS = new Set(['lệ', 'trọng', 'giá', 'số', 'suất', 'phú', 'chứng', 'tập', 'hồi', 'vật', 'sự', 'tuế'].map((w) => toneKey(w)));
/**
 * Syllables after `tư` that make it part of a word (`tư vấn`, `tư nhân`, `tư duy`): `ba tư vấn viên` is three consultants,
 * not 34. Before anything else `hai tư` is 24 (`hai mươi tư` shortened).
 */
const TU_COMPOUND_ENDS = new Set(['vấn', 'nhân', 'duy', 'pháp', 'liệu', 'cách', 'thế', 'tưởng', 'lệnh', 'sản', 'bản', 'thục', 'gia', 'lợi', 'thù', 'hữu', 'tình', 'trang', 'chất', 'doanh', 'dinh', 'hiềm', 'tâm', 'túi', 'văn', 'lự', 'mã', 'lệnh', 'thái', 'tế', 'trị', 'dung', 'kỷ', 'lập', 'vị', 'biện', 'thất'].map((w) => toneKey(w)));

const NAM = toneKey('năm');
const MOT = toneKey('một');
const KHONG = toneKey('không');
const TU = toneKey('tư');
const MOT_UNIT = toneKey('mốt');

/** Fold key of the token at i, if any. */
function keyAt(tokens: readonly Token[], i: number): string | undefined {
  return tokens[i]?.key;
}

/** A number phrase the reader found: its value and where it stands. */
export interface NumberPhrase {
  value: number;
  /** [start, end) character offsets of the phrase in the text the tokens come from. */
  start: number;
  end: number;
  /** Token indexes: the phrase is tokens[firstToken … endToken - 1]. */
  firstToken: number;
  endToken: number;
  /** Some of the phrase is written in words (`hai mươi`, `3 tỷ`: both have words). */
  hasWords: boolean;
  /** Some of the phrase is written in digits. */
  hasDigits: boolean;
  /** A scale word multiplied it (`nghìn`, `triệu`, `tỷ`, `10k`). */
  scaled: boolean;
  /**
   * One word that also means something else: `một` (one / a), `năm` (five / year), `tư` (four / private, fourth).
   * The caller decides from the words around it (`năm khẩu súng` is five, `năm nay` a year).
   */
  ambiguous: boolean;
  /**
   * `hai ba người`, `năm sáu chiếc`: two neighbouring digits say "two or three", `hai ba trăm` "two or three hundred";
   * value is the lower, upper the higher.
   */
  upper?: number;
}

export interface ReadOptions {
  /**
   * A scale word may open the phrase with the value of one of it: `hàng chục` (10), `hàng trăm nghìn` (100,000),
   * `hơn chục`, `gần trăm`. Off by default: a bare `trăm` or `nghìn` is rarely a number by itself.
   */
  bare?: boolean;
  /**
   * The phrase stands where a day, month or rank number stands (after `thứ`, `tháng`, `mồng`, `lần thứ`): the units-place
   * forms `tư`, `mốt`, `lăm` read alone (`tháng tư` 4, `thứ tư` 4).
   */
  ordinal?: boolean;
}

/** How the group reader ended: a value and the next token, or nothing. */
interface Group {
  value: number;
  next: number;
  words: boolean;
  /** The group is one digit word on its own (`hai`, `ba`), which after a scale is the shortened form (`hai nghìn tư`). */
  single: boolean;
}

function entryAt(tokens: readonly Token[], k: number, from: number): WordEntry | undefined {
  const t = tokens[k];
  if (!t || (k > from && t.newlineBefore)) return undefined;
  if (t.kind === 'num' || t.kind === 'punct') return undefined;
  return WORDS.get(t.key);
}

/** Is the token at k a plain numeral (digits only, Vietnamese or unambiguous English grouping)? */
function numeralAt(tokens: readonly Token[], k: number, from: number): number | null {
  const t = tokens[k];
  if (!t || t.kind !== 'num' || (k > from && t.newlineBefore)) return null;
  return parseNumeral(t.text);
}

/** A units-place digit: any digit but `không`, and `năm` only where it cannot be `year` (after `linh`). */
function unitsDigit(e: WordEntry | undefined, allowNam: boolean, key: string | undefined): number | null {
  if (!e) return null;
  if (e.kind === W.UnitDigit) return e.value;
  if (e.kind !== W.Digit || key === KHONG) return null;
  if (key === NAM && !allowNam) return null;
  return e.value;
}

/**
 * One group below a thousand at token k: a numeral (`200`, `1,5`), or words (`hai`, `mười lăm`, `ba mươi mốt`,
 * `một trăm linh năm`, `không trăm ba mươi`, `ba chục`, `một trăm rưỡi`, `một phẩy năm`). Null when nothing reads.
 */
function readGroup(tokens: readonly Token[], k: number, from: number, options: ReadOptions, afterScale: boolean): Group | null {
  const numeral = numeralAt(tokens, k, from);
  if (numeral !== null) {
    // `5 trăm`, `3 chục`: a small numeral times a hundred or ten.
    const next = entryAt(tokens, k + 1, from);
    if (next && (next.kind === W.Hundred || next.kind === W.Chuc) && Number.isInteger(numeral) && numeral < 10) {
      return { value: numeral * next.value, next: k + 2, words: true, single: false };
    }
    // `2 chấm 23`, `1 phẩy 5`
    if (next?.kind === W.Point && /^\d+$/.test(tokens[k]!.text)) return withPoint(tokens, { value: numeral, next: k + 1, words: false, single: false }, from);
    return { value: numeral, next: k + 1, words: false, single: false };
  }
  const first = entryAt(tokens, k, from);
  if (!first) return null;
  let value = 0;
  let at = k;
  if (first.kind === W.Digit) {
    const d = first.value;
    const next = entryAt(tokens, k + 1, from);
    if (next?.kind === W.Hundred) {
      // `không trăm ba mươi`, `một trăm linh năm`, `hai trăm`
      value = d * 100;
      at = k + 2;
      const tail = readTens(tokens, at, from, true);
      if (tail) {
        value += tail.value;
        at = tail.next;
      } else {
        const short = shortTail(tokens, at, from, 100);
        if (short !== 0) {
          value += short;
          at++;
        }
      }
      return { value, next: at, words: true, single: false };
    }
    if (keyAt(tokens, k) === KHONG && next?.kind !== W.Point) return null;
    if (next?.kind === W.Tens && d >= 2) {
      value = d * 10;
      at = k + 2;
      const u = unitsDigit(entryAt(tokens, at, from), false, keyAt(tokens, at));
      if (u !== null) {
        value += u;
        at++;
      }
      return withPoint(tokens, { value, next: at, words: true, single: false }, from);
    }
    if (next?.kind === W.Chuc && d >= 1) {
      value = d * 10;
      at = k + 2;
      if (entryAt(tokens, at, from)?.kind === W.Half) {
        value += 5;
        at++;
      }
      return { value, next: at, words: true, single: false };
    }
    // Days said aloud: `ngày hai ba` 23, `hai chín` 29 (tens and units without `mươi`, where a day stands).
    if (options.ordinal && k === from && (d === 2 || d === 3) && next?.kind === W.Digit && keyAt(tokens, k + 1) !== KHONG && !isNumberWordAt(tokens, k + 2, from)) {
      return { value: d * 10 + next.value, next: k + 2, words: true, single: false };
    }
    // `hai mốt` 21, `hai lăm` 25, `hai tư` 24: the tens without `mươi`.
    if (next?.kind === W.UnitDigit && d >= 2 && !(keyAt(tokens, k + 1) === TU && TU_COMPOUND_ENDS.has(keyAt(tokens, k + 2) ?? ''))) {
      return { value: d * 10 + next.value, next: k + 2, words: true, single: false };
    }
    return withPoint(tokens, { value: d, next: k + 1, words: true, single: true }, from);
  }
  if (first.kind === W.Ten) {
    value = 10;
    at = k + 1;
    const e = entryAt(tokens, at, from);
    // `mười một`, `mười lăm`, `mười tư`; not `mười năm` (ten years) nor `mười mốt`.
    if (e && keyAt(tokens, at) !== MOT_UNIT) {
      const u = unitsDigit(e, false, keyAt(tokens, at));
      if (u !== null && u > 0) {
        value += u;
        at++;
      }
    }
    return withPoint(tokens, { value, next: at, words: true, single: false }, from);
  }
  if (first.kind === W.Zero && afterScale) {
    // `một nghìn linh năm` 1005
    const u = unitsDigit(entryAt(tokens, k + 1, from), true, keyAt(tokens, k + 1));
    if (u === null) return null;
    return { value: u, next: k + 2, words: true, single: false };
  }
  if (first.kind === W.UnitDigit && options.ordinal && k === from) {
    return { value: first.value, next: k + 1, words: true, single: true };
  }
  if (options.bare && k === from && (first.kind === W.Hundred || first.kind === W.Chuc)) {
    // `hàng trăm`, `hơn chục`, `trăm mốt`
    value = first.value;
    at = k + 1;
    const tail = shortTail(tokens, at, from, first.value);
    if (tail !== 0) at++;
    return { value: value + tail, next: at, words: true, single: false };
  }
  return null;
}

/**
 * What a word right after a bare `trăm`/`chục` adds: `rưỡi` a half (`một trăm rưỡi` 150), or one digit ending the phrase,
 * the next place down (`trăm mốt` 110, `hai trăm tư` 240). Not `năm` (`một trăm năm` is a hundred years), `một`, `không`.
 */
function shortTail(tokens: readonly Token[], k: number, from: number, place: number): number {
  const e = entryAt(tokens, k, from);
  if (!e) return 0;
  if (e.kind === W.Half) return place / 2;
  if (e.kind !== W.Digit && e.kind !== W.UnitDigit) return 0;
  const key = tokens[k]!.key;
  if (key === NAM || key === MOT || key === KHONG || isNumberWordAt(tokens, k + 1, from) || place < 100) return 0;
  return (e.value * place) / 10;
}

/** After `trăm`: `linh năm`, `mười hai`, `ba mươi`, `ba mươi mốt`. Null when no tens or units follow. */
function readTens(tokens: readonly Token[], k: number, from: number, afterHundred: boolean): { value: number; next: number } | null {
  const e = entryAt(tokens, k, from);
  if (!e) return null;
  const key = tokens[k]!.key;
  if (e.kind === W.Zero && afterHundred) {
    const u = unitsDigit(entryAt(tokens, k + 1, from), true, tokens[k + 1]?.key);
    return u === null ? null : { value: u, next: k + 2 };
  }
  if (e.kind === W.Ten) {
    const u = unitsDigit(entryAt(tokens, k + 1, from), false, tokens[k + 1]?.key);
    return u !== null && u > 0 && tokens[k + 1]?.key !== MOT_UNIT ? { value: 10 + u, next: k + 2 } : { value: 10, next: k + 1 };
  }
  if (e.kind === W.Digit && key !== KHONG) {
    const next = entryAt(tokens, k + 1, from);
    if (next?.kind === W.Tens && e.value >= 2) {
      const u = unitsDigit(entryAt(tokens, k + 2, from), false, tokens[k + 2]?.key);
      return u !== null ? { value: e.value * 10 + u, next: k + 3 } : { value: e.value * 10, next: k + 2 };
    }
  }
  return null;
}

/** `một phẩy năm`, `hai chấm 23`: a decimal part said aloud after a group. */
function withPoint(tokens: readonly Token[], group: Group, from: number): Group {
  const k = group.next;
  if (entryAt(tokens, k, from)?.kind !== W.Point) return group;
  const next = tokens[k + 1];
  if (!next || next.newlineBefore) return group;
  if (next.kind === 'num') {
    if (!/^\d+$/.test(next.text)) return group;
    return { value: Number(`${group.value}.${next.text}`), next: k + 2, words: true, single: false };
  }
  // Digit by digit: `không chấm bảy bảy` 0.77, `ba phẩy năm` 3.5.
  let digits = '';
  let at = k + 1;
  for (let e = entryAt(tokens, at, from); e && (e.kind === W.Digit || e.kind === W.UnitDigit) && digits.length < 6; e = entryAt(tokens, at, from)) {
    digits += String(e.value);
    at++;
  }
  if (digits === '') return group;
  return { value: Number(`${group.value}.${digits}`), next: at, words: true, single: false };
}

/** The scale at token k (`nghìn`, `tỷ`, a `k` glued to digits), or 0; `tỷ lệ`, `triệu phú` are not scales. */
function scaleAt(tokens: readonly Token[], k: number, from: number): number {
  const t = tokens[k];
  if (!t || t.newlineBefore) return 0;
  const glued = GLUED_SCALES.get(t.key);
  if (glued !== undefined) {
    const before = tokens[k - 1];
    if (t.key === 'm' && t.text !== 'M') return 0;
    return before && before.kind === 'num' && before.end === t.start && k - 1 >= from ? glued : 0;
  }
  const e = entryAt(tokens, k, from);
  if (!e || e.kind !== W.Scale) return 0;
  const after = tokens[k + 1];
  if (after && !after.newlineBefore && SCALE_COMPOUND_ENDS.has(after.key) && after.start > t.end) return 0;
  return e.value;
}

/** Does a number word stand at k (so that a shortened form before it is not the end of the phrase)? */
function isNumberWordAt(tokens: readonly Token[], k: number, from: number): boolean {
  return entryAt(tokens, k, from) !== undefined || numeralAt(tokens, k, from) !== null;
}

/**
 * Read the number phrase that starts at token `from`: `hai mươi mốt nghìn không trăm ba mươi` 21030,
 * `3 tỷ 200 triệu` 3.2e9, `hai triệu rưỡi` 2.5e6, `1,5 nghìn tỷ` 1.5e12, `một trăm linh năm` 105, `ba chục` 30,
 * `hai nghìn tư` 2400, `10k` 10000. Returns the longest phrase that reads as a whole number, or null.
 */
export function readNumber(tokens: readonly Token[], from: number, options: ReadOptions = {}): NumberPhrase | null {
  let group = readGroup(tokens, from, from, options, false);
  let bareScale = 0;
  if (!group) {
    // `hàng nghìn`, `hàng triệu`: a scale on its own is one of it.
    if (!options.bare) return null;
    bareScale = scaleAt(tokens, from, from);
    if (bareScale === 0) return null;
    group = { value: 1, next: from, words: true, single: false };
  }
  let hasDigits = numeralAt(tokens, from, from) !== null;
  let hasWords = group.words || !hasDigits;
  let total = 0;
  let section = 0;
  let sectionScale = 0;
  let small = group.value;
  let k = group.next;
  let scaled = false;
  let end = k;
  let value = small;
  let upper: number | undefined;
  // `hai ba người`: two neighbouring digits, "two or three"; `hai ba trăm`, `năm sáu nghìn`: of the places after them.
  if (group.single && !options.ordinal) {
    const e = entryAt(tokens, k, from);
    if (e?.kind === W.Digit && e.value === small + 1 && small >= 1) {
      if (!isNumberWordAt(tokens, k + 1, from) && scaleAt(tokens, k + 1, from) === 0) {
        upper = e.value;
        end = k + 1;
        k = end;
      } else {
        const higher = readNumber(tokens, k, options);
        const place = higher ? higher.value / e.value : 0;
        if (higher && higher.upper === undefined && place >= 10 && Number.isInteger(Math.log10(place))) {
          const phrase: NumberPhrase = { ...higher, value: small * place, upper: higher.value, start: tokens[from]!.start, firstToken: from };
          return phrase;
        }
      }
    }
  }
  for (let guard = 0; guard < 12 && upper === undefined; guard++) {
    const scale = scaleAt(tokens, k, from);
    if (scale === 0) break;
    if (small > 0 || bareScale > 0) {
      if (sectionScale !== 0 && sectionScale <= scale) {
        // `nghìn tỷ` after a group with no scale of its own multiplies the whole section; `ba nghìn hai triệu` does not read.
        break;
      }
      total += section;
      section = (small || 1) * scale;
      sectionScale = scale;
      bareScale = 0;
    } else if (section > 0 && sectionScale < scale) {
      // `1,5 nghìn tỷ`: the section (1,500) times a billion.
      section *= scale;
      sectionScale *= scale;
    } else break;
    small = 0;
    scaled = true;
    hasWords ||= tokens[k]!.kind !== 'num';
    k++;
    end = k;
    value = total + section;
    // `hai triệu rưỡi`, `nghìn rưỡi`
    const half = entryAt(tokens, k, from);
    if (half?.kind === W.Half) {
      section += sectionScale / 2;
      k++;
      end = k;
      value = total + section;
      continue;
    }
    // `hai nghìn tư` 2,400, `ba triệu hai` 3.2 million: one digit word after a scale, ending the phrase, is the next
    // place down. Not `năm` (`một nghìn năm` is a thousand years) nor `một`.
    const e = entryAt(tokens, k, from);
    if (e && (e.kind === W.Digit || e.kind === W.UnitDigit) && !isNumberWordAt(tokens, k + 1, from)) {
      const key = tokens[k]!.key;
      if (e.value >= 1 && key !== NAM && key !== MOT && sectionScale >= 100) {
        section += (e.value * sectionScale) / 10;
        end = k + 1;
        value = total + section;
      }
      break;
    }
    // The next group: words (`hai nghìn ba trăm`, `một nghìn linh năm`), or digits before a smaller scale (`3 tỷ 200 triệu`).
    const next = readGroup(tokens, k, from, options, true);
    if (!next) continue;
    const nextScale = scaleAt(tokens, next.next, from);
    if (next.single || (!next.words && nextScale === 0)) break;
    if (nextScale !== 0 && nextScale >= sectionScale) break;
    small = next.value;
    hasDigits ||= !next.words;
    hasWords ||= next.words;
    k = next.next;
    end = k;
    value = total + section + small;
  }
  const first = tokens[from]!;
  const last = tokens[end - 1]!;
  const single = end - from === 1 && first.kind !== 'num';
  const phrase: NumberPhrase = {
    value: roundValue(value),
    start: first.start,
    end: last.end,
    firstToken: from,
    endToken: end,
    hasWords,
    hasDigits,
    scaled,
    ambiguous: single && (first.key === MOT || first.key === NAM || first.key === TU),
  };
  if (upper !== undefined) phrase.upper = upper;
  return phrase;
}

/** Fold keys of the words that open a number phrase (the digit words and `mười`), for callers' trigger sets. */
export const NUMBER_OPENERS: readonly string[] = [...WORDS].filter(([, e]) => e.kind === W.Digit || e.kind === W.Ten).map(([k]) => k);
/** Fold keys of the scale words (`chục`, `trăm`, `nghìn`, `ngàn`, `vạn`, `triệu`, `tỷ`, `tỉ`). */
export const SCALE_WORDS: readonly string[] = [...WORDS].filter(([, e]) => e.kind === W.Scale || e.kind === W.Hundred || e.kind === W.Chuc).map(([k]) => k);

/**
 * readNumber for callers that hold a character offset (a regex match): the phrase starting at the token that starts at
 * `offset`, or null when no token starts there.
 */
export function readNumberAt(tokens: readonly Token[], offset: number, options: ReadOptions = {}): NumberPhrase | null {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tokens[mid]!.start;
    if (start < offset) lo = mid + 1;
    else if (start > offset) hi = mid - 1;
    else return readNumber(tokens, mid, options);
  }
  return null;
}

/** Is this token a word that can open a number phrase (a digit word, `mười`)? Cheap pre-check before readNumber. */
export function opensNumber(token: Token): boolean {
  const e = WORDS.get(token.key);
  return e !== undefined && (e.kind === W.Digit || e.kind === W.Ten);
}

/** Is this token a scale word (`chục`, `trăm`, `nghìn`, `ngàn`, `vạn`, `triệu`, `tỷ`)? */
export function isScaleWord(token: Token): boolean {
  const e = WORDS.get(token.key);
  return e !== undefined && (e.kind === W.Scale || e.kind === W.Hundred || e.kind === W.Chuc);
}

/**
 * Value of a whole text written as a number (`hai mươi lăm` 25, `một trăm linh năm` 105, `2 triệu rưỡi`); null when the
 * text is not one number from end to end. For tests and for callers that hold a phrase, not tokens.
 */
export function parseVietnameseNumber(text: string, options: ReadOptions = {}): number | null {
  const tokens = tokenize(text.normalize('NFC'));
  if (tokens.length === 0) return null;
  const phrase = readNumber(tokens, 0, options);
  return phrase && phrase.endToken === tokens.length && phrase.upper === undefined ? phrase.value : null;
}

/**
 * Value of a run of number words: `hai` 2, `mười hai` 12, `hai mươi lăm` 25, `một trăm linh năm` 105,
 * `ba trăm` 300. Null when the words do not form one number.
 */
export function parseNumberWords(words: readonly string[]): number | null {
  if (words.length === 0) return null;
  return parseVietnameseNumber(words.join(' '), { ordinal: words.length === 1 });
}

/**
 * Does this token carry a number on (a digit, `mười`, `mươi`, `trăm`, `chục`, `linh`, a scale)? After a phrase that ended
 * before it, the words did not read as one number (`hai ba trăm`, `một trăm năm`). `tư`, `mốt`, `lăm` do not: after a
 * phrase they start another word (`ba tư vấn viên`).
 */
export function continuesNumber(token: Token): boolean {
  const e = WORDS.get(token.key);
  return e !== undefined && e.kind !== W.UnitDigit && e.kind !== W.Point && e.kind !== W.Half;
}

/** Is this word a number word (`hai`, `mươi`, `trăm`, `nghìn`, `rưỡi` …)? */
export function isNumberWord(word: string): boolean {
  return WORDS.has(toneKey(word));
}
