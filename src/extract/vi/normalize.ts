// Normalisation shared by every Vietnamese rule: NFC, tone-mark folding for comparison,
// Unicode word boundaries, tokens with offsets, sentences, and abbreviations.
import abbreviations from './lexicons/abbreviations.json' with { type: 'json' };

/** Start-of-word guard: JavaScript's `\b` is ASCII-only, so `\bđồng` would match inside `Hội đồng`. */
export const WORD_START = '(?<![\\p{L}\\p{N}_])';
/** End-of-word guard. */
export const WORD_END = '(?![\\p{L}\\p{N}_])';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;

/** NFC, the form every offset refers to. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Comparison key that folds tone-mark placement (`uỷ` = `ủy`, `hoà` = `hòa`), case and spaces:
 * each syllable keeps its letters and vowel-quality marks, its tone mark is moved to the end.
 */
export function foldKey(text: string): string {
  if (text.length > 64) return computeFoldKey(text);
  let key = foldCache.get(text);
  if (key === undefined) {
    key = computeFoldKey(text);
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(text, key);
  }
  return key;
}

// Rules fold the same words and phrases again and again: fold each distinct string once.
const foldCache = new Map<string, string>();

function computeFoldKey(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .split(/[\s\u00a0]+/u)
    .filter(Boolean)
    .map((syllable) => {
      const tones = syllable.match(TONE_MARKS);
      return (syllable.replace(TONE_MARKS, '') + (tones ? tones.join('') : '')).normalize('NFC');
    })
    .join(' ');
}

/** Key with every diacritic removed and `đ` → `d` (for string distance and diacritic-free search). */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Remove tone marks only (keeps â, ă, ê, ô, ơ, ư, đ), character by character: same length as the input. */
export function stripTones(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = ch.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

const ABBREVIATIONS: Record<string, string> = abbreviations;

/** `UBND` → `Ủy ban nhân dân`; null when the abbreviation is unknown. */
export function expandAbbreviation(abbreviation: string): string | null {
  return ABBREVIATIONS[abbreviation] ?? null;
}

/** Expand every known abbreviation written as a whole word (`UBND TP` → `Ủy ban nhân dân Thành phố`). */
export function expandAbbreviations(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}_])\p{Lu}[\p{Lu}\p{Ll}]*(?![\p{L}\p{N}_])/gu, (word) => ABBREVIATIONS[word] ?? word);
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
// numbers with their separators, or one punctuation character.
const TOKEN_RE = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[.\-/&][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,/\-:][\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

// Words repeat a lot in a text: each distinct word is folded and classified once (bounded cache shared across texts).
const wordCache = new Map<string, { key: string; kind: TokenKind }>();
const NEWLINE = 10;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '…']);
const QUOTES = new Set(['"', '“', '”', '«', '»']);

/** Split NFC text into tokens. Linear: one pass of a regex without nested quantifiers. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let sentenceStart = true;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const word = m[0];
    const start = m.index;
    let newlineBefore = false;
    for (let k = previousEnd; k < start; k++) {
      if (text.charCodeAt(k) === NEWLINE) {
        newlineBefore = true;
        break;
      }
    }
    if (newlineBefore) sentenceStart = true;
    let cached = wordCache.get(word);
    if (cached === undefined) {
      cached = { key: foldKey(word), kind: classify(word) };
      if (wordCache.size > 50_000) wordCache.clear();
      wordCache.set(word, cached);
    }
    const kind = cached.kind;
    tokens.push({ text: word, start, end: start + word.length, kind, key: cached.key, sentenceStart, newlineBefore });
    if (kind === 'punct') {
      sentenceStart = SENTENCE_END.has(word);
      // An opening quote keeps the sentence start for the word after it.
      if (QUOTES.has(word) && tokens.length > 1) sentenceStart = tokens[tokens.length - 2]!.kind === 'punct';
    } else sentenceStart = false;
    previousEnd = start + word.length;
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
  return new Set(phrases.map(foldKey));
}
