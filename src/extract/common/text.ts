// Text machinery shared by the rules of every language: NFC, Unicode word boundaries, phrase
// alternations (in either tone-mark placement), tokens with offsets and fold keys, sentences.
import { ownCopy } from '../../core/strings.ts';
import { toneKey } from '../../core/fold.ts';

/** Start-of-word guard: JavaScript's `\b` is ASCII-only, so `\bđồng` would match inside `Hội đồng`. */
export const WORD_START = '(?<![\\p{L}\\p{N}_])';
/** End-of-word guard. */
export const WORD_END = '(?![\\p{L}\\p{N}_])';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Characters that NFC leaves alone wherever they stand (Unicode's NFC quick check answers Yes and their combining
 * class is 0): Latin below U+0300, the precomposed Vietnamese letters, and the usual typographic punctuation.
 */
export function isNfcInert(code: number): boolean {
  return code < 0x300 || (code >= 0x1ea0 && code <= 0x1ef9) || (code >= 0x2010 && code <= 0x2027) || code === 0x20ab;
}

/** NFC, the form every offset refers to. Text made only of inert characters is NFC already: ICU is not called. */
export function nfc(text: string): string {
  for (let i = 0; i < text.length; i++) if (!isNfcInert(text.charCodeAt(i))) return text.normalize('NFC');
  return text;
}

/** Escape a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * An alternation that matches any of the phrases, longest first, in either tone-mark placement
 * and with flexible spaces. Use it inside a RegExp with the `u` flag.
 */
export function alternation(phrases: readonly string[]): string {
  const variants = new Set<string>();
  for (const phrase of phrases) {
    const base = nfc(phrase);
    variants.add(base);
    variants.add(toOldToneStyle(base));
    variants.add(toNewToneStyle(base));
  }
  return [...variants]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/ +/g, '\\s+'))
    .join('|');
}

// `oà`/`uỷ` (old) ↔ `òa`/`ủy` (new): the two placements of the tone mark in the press.
const OLD_TO_NEW: Array<[RegExp, (m: string) => string]> = [
  [/([oO])([àáảãạ])/g, (m) => moveTone(m, 0)],
  [/([oO])([èéẻẽẹ])/g, (m) => moveTone(m, 0)],
  [/([uU])([ỳýỷỹỵ])/g, (m) => moveTone(m, 0)],
];
const NEW_TO_OLD: Array<[RegExp, (m: string) => string]> = [
  [/([òóỏõọÒÓỎÕỌ])([aAeE])(?![\p{L}])/gu, (m) => moveTone(m, 1)],
  [/([ùúủũụÙÚỦŨỤ])([yY])(?![\p{L}])/gu, (m) => moveTone(m, 1)],
];

function moveTone(pair: string, to: 0 | 1): string {
  const d = pair.normalize('NFD');
  const tones = d.match(TONE_MARKS)?.join('') ?? '';
  const bare = d.replace(TONE_MARKS, '');
  const chars = [...bare.normalize('NFC')];
  if (chars.length !== 2) return pair;
  const [a, b] = chars as [string, string];
  return to === 0 ? (a + (b + tones).normalize('NFC')).normalize('NFC') : ((a + tones).normalize('NFC') + b).normalize('NFC');
}

function toNewToneStyle(text: string): string {
  let out = text;
  for (const [re, fn] of OLD_TO_NEW) out = out.replace(re, fn);
  return out;
}
function toOldToneStyle(text: string): string {
  let out = text;
  for (const [re, fn] of NEW_TO_OLD) out = out.replace(re, fn);
  return out;
}

export type TokenKind = 'cap' | 'lower' | 'upper' | 'num' | 'punct';

/** A word, number or punctuation mark with its [start, end) offsets in the text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Lower-case, tone-folded form, for lexicon look-ups. */
  key: string;
  /** True when a sentence ends right before this token (or it is the first one). */
  sentenceStart: boolean;
  /** True when there is a line break between the previous token and this one. */
  newlineBefore: boolean;
}

// Words (letters, combining marks, and the digits/hyphens/slashes inside codes and abbreviations),
// numbers with their separators, or one punctuation character. This is the grammar `tokenize` reads; the
// scanner below implements it with a character-class table (a regex exec per token costs more than the token).
export const TOKEN_RE = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[.\-/&][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,/\-:][\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

// Character classes of TOKEN_RE, each computed once: per UTF-16 unit in the BMP, per code point above it.
const SPACE = 1;
const LETTER = 2; // \p{L} or \p{M}
const DIGIT = 4; // \p{N}
const OTHER = 8;
/** Table mark for surrogate units: their class depends on the unit next to them. */
const SURROGATE = 16;
const bmpClasses = new Uint8Array(65536);
const astralClasses = new Map<number, number>();
function classOfChar(ch: string): number {
  if (/\s/u.test(ch)) return SPACE;
  if (/[\p{L}\p{M}]/u.test(ch)) return LETTER;
  if (/\p{N}/u.test(ch)) return DIGIT;
  return OTHER;
}

/** Class of the code point at i; its length in UTF-16 units is left in `codePointLength`. */
let codePointLength = 1;
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const cls = bmpClasses[code]!;
  // Known BMP characters (the usual case) need one table read; surrogates and first sightings take the slow path.
  if (cls !== 0 && cls !== SURROGATE) {
    codePointLength = 1;
    return cls;
  }
  return classAtSlow(text, i, code);
}

function classAtSlow(text: string, i: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      codePointLength = 2;
      const cp = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let cls = astralClasses.get(cp);
      if (cls === undefined) {
        cls = classOfChar(String.fromCodePoint(cp));
        astralClasses.set(cp, cls);
      }
      return cls;
    }
  }
  codePointLength = 1;
  return unitClass(code);
}

/** Class of one UTF-16 unit on its own (a lone surrogate is OTHER). */
function unitClass(code: number): number {
  const cls = bmpClasses[code]!;
  if (cls === SURROGATE) return OTHER;
  if (cls !== 0) return cls;
  if (code >= 0xd800 && code <= 0xdfff) {
    bmpClasses[code] = SURROGATE;
    return OTHER;
  }
  return (bmpClasses[code] = classOfChar(String.fromCharCode(code)));
}

/** Is this UTF-16 unit white space (`\s`)? */
export function isSpaceCode(code: number): boolean {
  return unitClass(code) === SPACE;
}

/**
 * Length (1 or 2 units) of the code point ending at `end` when it is a letter or a mark (`[\p{L}\p{M}]`), else 0.
 * The text before `floor` is out of view: a surrogate pair it cuts is not a letter, as in a slice from `floor`.
 */
export function letterBefore(text: string, end: number, floor: number): number {
  if (end <= floor) return 0;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xdc00 && code <= 0xdfff && end - 2 >= floor) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return classAt(text, end - 2) === LETTER ? 2 : 0;
  }
  return unitClass(code) === LETTER ? 1 : 0;
}

/** End of the run of code points of the classes in `mask` starting at i. */
function skipClass(text: string, i: number, mask: number): number {
  while (i < text.length && (classAt(text, i) & mask) !== 0) i += codePointLength;
  return i;
}

const isWordJoiner = (c: number) => c === 46 || c === 45 || c === 47 || c === 38; // . - / &
const isNumberJoiner = (c: number) => c === 46 || c === 44 || c === 47 || c === 45 || c === 58; // . , / - :

const NEWLINE = 10;
/** Punctuation that ends a sentence, and quotes (an opening quote keeps the sentence start): shared with `tokensBetween`. */
export const SENTENCE_END: ReadonlySet<string> = new Set(['.', '!', '?', ':', ';', '…']);
export const QUOTES: ReadonlySet<string> = new Set(['"', '“', '”', '«', '»']);

/** A distinct word: its text, fold key and kind, computed once (with what a punctuation mark does to sentences). */
interface WordEntry {
  text: string;
  key: string;
  kind: TokenKind;
  endsSentence: boolean;
  quote: boolean;
}

// Words repeat a lot, within a text and across texts: each distinct word is looked up in an open-addressing table
// keyed by a hash of its characters, so a word seen before costs neither a new string nor a Map hash. Bounded:
// the table starts afresh when half full (65,536 slots stay below V8's limit for a fast array).
const WORD_SLOTS = 1 << 16;
let wordTable: Array<WordEntry | undefined> = new Array<WordEntry | undefined>(WORD_SLOTS).fill(undefined);
let wordCount = 0;

function wordAt(text: string, start: number, end: number): WordEntry {
  let h = 0;
  let digits = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    h = (Math.imul(h, 31) + c) | 0;
    if (c >= 48 && c <= 57) digits = true;
  }
  // Numbers, dates and codes rarely repeat: they are not kept, so the table holds the vocabulary.
  if (digits) return newWord(text.slice(start, end));
  const mask = WORD_SLOTS - 1;
  const length = end - start;
  let slot = (h ^ (h >>> 16)) & mask;
  for (let entry = wordTable[slot]; entry !== undefined; entry = wordTable[slot]) {
    if (entry.text.length === length) {
      let k = 0;
      while (k < length && entry.text.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === length) return entry;
    }
    slot = (slot + 1) & mask;
  }
  if (wordCount >= WORD_SLOTS >> 1) {
    wordTable = new Array<WordEntry | undefined>(WORD_SLOTS).fill(undefined);
    wordCount = 0;
    slot = (h ^ (h >>> 16)) & mask;
  }
  const entry = newWord(ownCopy(text.slice(start, end)));
  wordTable[slot] = entry;
  wordCount++;
  return entry;
}

function newWord(word: string): WordEntry {
  return { text: word, key: toneKey(word), kind: classify(word), endsSentence: SENTENCE_END.has(word), quote: QUOTES.has(word) };
}

/** Split NFC text into tokens (the grammar of TOKEN_RE). Linear: one pass over the characters. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let sentenceStart = true;
  let newlineBefore = false;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === SPACE) {
      if (text.charCodeAt(i) === NEWLINE) newlineBefore = true;
      i += 1;
      continue;
    }
    const start = i;
    i += codePointLength;
    if (cls === LETTER) {
      i = skipClass(text, i, LETTER | DIGIT);
      while (i + 1 < n && isWordJoiner(text.charCodeAt(i)) && (classAt(text, i + 1) & (LETTER | DIGIT)) !== 0) i = skipClass(text, i + 1, LETTER | DIGIT);
    } else if (cls === DIGIT) {
      i = skipClass(text, i, DIGIT);
      while (i + 1 < n && isNumberJoiner(text.charCodeAt(i)) && classAt(text, i + 1) === DIGIT) i = skipClass(text, i + 1, DIGIT);
    }
    const word = wordAt(text, start, i);
    if (newlineBefore) sentenceStart = true;
    const kind = word.kind;
    tokens.push({ text: word.text, start, end: i, kind, key: word.key, sentenceStart, newlineBefore });
    if (kind === 'punct') {
      sentenceStart = word.endsSentence;
      // An opening quote keeps the sentence start for the word after it.
      if (word.quote && tokens.length > 1) sentenceStart = tokens[tokens.length - 2]!.kind === 'punct';
    } else sentenceStart = false;
    newlineBefore = false;
  }
  return tokens;
}

function classify(word: string): TokenKind {
  const first = word[0] ?? '';
  if (/\p{N}/u.test(first)) return 'num';
  if (!/\p{L}/u.test(first)) return 'punct';
  if (/^\p{Lu}[\p{Ll}\p{M}]*$/u.test(word)) return 'cap';
  if (/^[\p{Ll}\p{M}]+$/u.test(word)) return 'lower';
  if (/^\p{Lu}/u.test(word) && /\p{Lu}.*\p{Lu}|\p{N}|[.\-/&]/u.test(word)) return 'upper';
  return /^\p{Lu}/u.test(word) ? 'cap' : 'lower';
}

/** [start, end) of each sentence: ends at . ! ? ; followed by space, or at a line break. */
export function sentenceBounds(text: string): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  const re = /[.!?;…]+["”’)]*(?=\s)|\n+/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (end > start) bounds.push([start, end]);
    start = end;
  }
  if (start < text.length) bounds.push([start, text.length]);
  return bounds;
}

/** The sentence containing `offset` (binary search over sentenceBounds output). */
export function sentenceAt(bounds: Array<[number, number]>, offset: number): [number, number] {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = bounds[mid]!;
    if (offset < b[0]) hi = mid - 1;
    else if (offset >= b[1]) lo = mid + 1;
    else return b;
  }
  return [offset, offset];
}

/** Set of fold keys for lexicon look-ups. */
export function keySet(phrases: readonly string[]): Set<string> {
  return new Set(phrases.map((p) => toneKey(p)));
}
