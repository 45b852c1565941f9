// Folding: the keys text is compared and grouped by. Two meanings, two names:
// - toneKey: tone-mark placement, case and spaces folded; letters keep their vowel marks and đ
//   (`Ủy ban` = `Uỷ ban`, but `Đảng` ≠ `Dang`). The extract rules compare Vietnamese words by it.
// - plainKey: every diacritic, đ, case and extra space removed (`Thành ủy` → `thanh uy`). Units,
//   names, places and codes are stored and looked up by it, so users can type without diacritics.
// foldDiacritics is plainKey's letter fold alone (case and everything else kept), done by table.
import { ownCopy } from './strings.ts';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Comparison key that folds tone-mark placement (`uỷ` = `ủy`, `hoà` = `hòa`), case and spaces:
 * each syllable keeps its letters and vowel-quality marks, its tone mark is moved to the end.
 */
export function toneKey(text: string): string {
  if (text.length > 64) return computeToneKey(text);
  // A word of printable ASCII (no space) folds to its lower case, on the spot. Text with a digit (numbers,
  // dates, document codes: nearly all distinct) is folded each time: the cache keeps the vocabulary.
  const kind = asciiOrDigits(text);
  if (kind === ASCII_WORD) return text.toLowerCase();
  if (kind === WITH_DIGIT) return computeToneKey(text);
  let key = toneRecent.get(text);
  if (key !== undefined) return key;
  key = toneOld.get(text) ?? ownCopy(computeToneKey(text));
  toneRecent.set(ownCopy(text), key);
  if (toneRecent.size >= TONE_GENERATION) {
    toneOld = toneRecent;
    toneRecent = new Map();
  }
  return key;
}

// Rules fold the same words and phrases again and again: fold each distinct string once. Two generations
// bound the memory: a string used since the last turnover is carried into the new generation, the rest is
// dropped with the old one (at most 2 × TONE_GENERATION entries, a few MB).
const TONE_GENERATION = 16_384;
let toneRecent = new Map<string, string>();
let toneOld = new Map<string, string>();

const ASCII_WORD = 1, WITH_DIGIT = 2, OTHER_TEXT = 0;
/** ASCII_WORD: printable ASCII only, no space; else WITH_DIGIT when the text has an ASCII digit; else OTHER_TEXT. */
function asciiOrDigits(text: string): number {
  let ascii = true;
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) ascii = false;
    else if (c >= 48 && c <= 57) digit = true;
  }
  return ascii ? ASCII_WORD : digit ? WITH_DIGIT : OTHER_TEXT;
}

// Each syllable folds on its own (NFD changes no space; the one case rule that reads its neighbours, Greek final
// sigma, may look across a format character JavaScript counts as a space, so text with a capital sigma is folded
// whole), so a phrase's key is its syllables' keys joined: titles longer than the phrase cache takes, and codes
// with digits, are folded from cached syllables instead of through NFD, a regex and NFC each time.
const SPACES = /[\s\u00a0]+/u;
function computeToneKey(text: string): string {
  if (text.includes('\u03a3')) return foldPhrase(text);
  let key = '';
  for (const syllable of text.split(SPACES)) {
    if (syllable === '') continue;
    const folded = syllableKey(syllable);
    key = key === '' ? folded : `${key} ${folded}`;
  }
  return key;
}

/** toneKey of one syllable (no space in it), cached by the same two generations as whole phrases. */
function syllableKey(syllable: string): string {
  let key = syllableRecent.get(syllable);
  if (key !== undefined) return key;
  key = syllableOld.get(syllable) ?? ownCopy(foldSyllable(syllable));
  if (syllable.length <= 32) {
    syllableRecent.set(ownCopy(syllable), key);
    if (syllableRecent.size >= TONE_GENERATION) {
      syllableOld = syllableRecent;
      syllableRecent = new Map();
    }
  }
  return key;
}
let syllableRecent = new Map<string, string>();
let syllableOld = new Map<string, string>();

/** The whole text lower-cased at once, then split (the fold before syllables were cached). */
function foldPhrase(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .split(SPACES)
    .filter(Boolean)
    .map((syllable) => {
      const tones = syllable.match(TONE_MARKS);
      return (syllable.replace(TONE_MARKS, '') + (tones ? tones.join('') : '')).normalize('NFC');
    })
    .join(' ');
}

function foldSyllable(text: string): string {
  const syllable = text.normalize('NFD').toLowerCase();
  const tones = syllable.match(TONE_MARKS);
  return (syllable.replace(TONE_MARKS, '') + (tones ? tones.join('') : '')).normalize('NFC');
}

/** Diacritics, đ and case removed, spaces collapsed: how units, names, places and codes are stored for comparison. */
export function plainKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The Latin letter blocks whose letters with diacritics fold to an ASCII base letter. */
export const LATIN_LETTER_BLOCKS: ReadonlyArray<readonly [number, number]> = [[0xc0, 0x24f], [0x1e00, 0x1eff]];

/** What a Latin letter becomes without its diacritics (0: it has none to lose), for units below U+1F00. */
const LETTER_FOLD = (() => {
  const table = new Uint16Array(0x1f00);
  const baseLetter = /^[A-Za-z]\p{M}+$/u;
  for (const [first, last] of LATIN_LETTER_BLOCKS) {
    for (let unit = first; unit <= last; unit++) {
      const decomposed = String.fromCharCode(unit).normalize('NFD');
      if (baseLetter.test(decomposed)) table[unit] = decomposed.charCodeAt(0);
    }
  }
  table[0x111] = 0x64; // đ
  table[0x110] = 0x44; // Đ
  return table;
})();

/**
 * Latin letters without their diacritics (`Thanh Hoá` → `Thanh Hoa`, `Đắk Lắk` → `Dak Lak`), case
 * and everything else kept; combining marks (decomposed input) dropped. What plainKey does to the
 * letters, in one pass over a table instead of NFD and a Unicode regex (several times faster on a
 * sentence): place names are matched in every number's sentence with it. The units are written to a
 * buffer and made a string once: appending each piece to a string cost three times as much (a
 * sentence of the bench corpus: 11 µs → 3.7 µs).
 */
export function foldDiacritics(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && !changes(text.charCodeAt(i))) i++;
  if (i === n) return text;
  const out = n <= MAX_KEPT_BUFFER ? (foldBuffer.length >= n ? foldBuffer : (foldBuffer = new Uint16Array(Math.min(MAX_KEPT_BUFFER, n * 2)))) : new Uint16Array(n);
  let k = 0;
  for (let j = 0; j < i; j++) out[k++] = text.charCodeAt(j);
  for (; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xc0) {
      out[k++] = unit;
      continue;
    }
    const folded = unit < 0x1f00 ? LETTER_FOLD[unit]! : 0;
    if (folded !== 0) out[k++] = folded;
    else if (unit < 0x300 || unit > 0x36f) out[k++] = unit;
  }
  let folded = '';
  for (let from = 0; from < k; from += CHUNK) folded += String.fromCharCode.apply(null, out.subarray(from, Math.min(k, from + CHUNK)) as unknown as number[]);
  return folded;
}

/** Does foldDiacritics change or drop this unit? */
function changes(unit: number): boolean {
  return unit >= 0xc0 && ((unit < 0x1f00 && LETTER_FOLD[unit] !== 0) || (unit >= 0x300 && unit <= 0x36f));
}

/** The buffer foldDiacritics writes to, kept between calls up to this many units (a longer text gets its own). */
const MAX_KEPT_BUFFER = 1 << 16;
let foldBuffer = new Uint16Array(1024);
/** Units per String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 4096;
