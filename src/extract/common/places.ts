// Place names: the one gazetteer (lexicons/places.json) and the province a statistic is about.
//
// Provinces and centrally-run cities (the 63 of 2008–2025, the units the press of those years
// reports by), so that statistics can be queried by place. Extract tags a statistic with the
// first province its sentence names, else the one its article title names (tagPlaces). Names are
// matched with diacritics and đ folded but case kept: proper nouns are capitalised, and that keeps the common
// words `hòa bình` (peace) and `thái bình` apart from the provinces Hòa Bình and Thái Bình.
// "Hồ Chí Minh" alone is the person far more often than the city, so the city needs `TP`/`Thành phố`.
import gazetteer from './lexicons/places.json' with { type: 'json' };
import { foldDiacritics } from '../../core/fold.ts';
import type { Statistic } from '../../core/types.ts';

interface PlaceEntry {
  name: string;
  aliases?: string[];
}

const PLACES: readonly PlaceEntry[] = gazetteer.provinces;

const byFolded = new Map<string, string>();
for (const place of PLACES) {
  for (const form of [place.name, ...(place.aliases ?? [])]) byFolded.set(foldDiacritics(form), place.name);
}

/** Every folded form of a place name (aliases included) → its canonical name. */
export const placeForms: ReadonlyMap<string, string> = byFolded;

// Forms by their first run of letters (`TP` for `TP.HCM`, `Ha` for `Ha Noi`), longest first, so
// that `Bà Rịa - Vũng Tàu` wins over `Vũng Tàu` and `Thành phố Hồ Chí Minh` over nothing shorter.
// A look-up by hash at each word start, instead of a regular expression of 80 alternatives tried
// at every character (four times the time on a sentence, measured).
const formsByFirstRun = new Map<string, string[]>();
for (const form of [...byFolded.keys()].sort((a, b) => b.length - a.length)) {
  const run = /^\p{L}+/u.exec(form)![0];
  const forms = formsByFirstRun.get(run);
  if (forms) forms.push(form);
  else formsByFirstRun.set(run, [form]);
}

// A name can only start at a run whose first unit opens some form: other runs (most words: lower case) are passed
// over without slicing and hashing them.
const opensForm = new Uint8Array(0x10000);
for (const run of formsByFirstRun.keys()) opensForm[run.charCodeAt(0)] = 1;

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

// Character classes of BMP units, each computed on its first sighting: a table read instead of a regex test on a
// new one-character string for each character outside ASCII (the text is folded, but quotes and dashes remain).
const IS_LETTER = 1, IS_WORD = 2, IS_SPACE = 4, KNOWN = 8;
const bmpClasses = new Uint8Array(0x10000);
function bmpClass(unit: number): number {
  const known = bmpClasses[unit]!;
  if (known !== 0) return known;
  let cls = KNOWN;
  if (unit < 0x80) {
    const letter = (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
    if (letter) cls |= IS_LETTER;
    if (letter || (unit >= 48 && unit <= 57) || unit === 95) cls |= IS_WORD;
    if (unit === 32 || (unit >= 9 && unit <= 13)) cls |= IS_SPACE;
  } else {
    const ch = String.fromCharCode(unit); // a lone surrogate is none of the three, as when tested alone
    if (LETTER.test(ch)) cls |= IS_LETTER;
    if (LETTER_OR_DIGIT.test(ch)) cls |= IS_WORD;
    if (SPACE.test(ch)) cls |= IS_SPACE;
  }
  return (bmpClasses[unit] = cls);
}

/** The code point at `i` (a pair of UTF-16 units counts as one). */
const codeAt = (text: string, i: number) => text.codePointAt(i)!;
const isLetter = (code: number) => (code < 0x10000 ? (bmpClass(code) & IS_LETTER) !== 0 : LETTER.test(String.fromCodePoint(code)));
const isWordChar = (code: number) =>
  code < 0 ? false : code < 0x10000 ? (bmpClass(code) & IS_WORD) !== 0 : LETTER_OR_DIGIT.test(String.fromCodePoint(code));
const isSpace = (code: number) => (bmpClass(code) & IS_SPACE) !== 0;

/** The code point that ends just before `i`, or -1 at the start. */
function codeBefore(text: string, i: number): number {
  if (i === 0) return -1;
  const unit = text.charCodeAt(i - 1);
  return unit >= 0xdc00 && unit <= 0xdfff && i >= 2 ? codeAt(text, i - 2) : unit;
}

/** Where `form` (from its unit `from` on) ends when read at `at` in `text` (a space in it: any run of spaces), or -1. */
function matchRest(text: string, at: number, form: string, from: number): number {
  let t = at;
  for (let f = from; f < form.length; f++) {
    if (form.charCodeAt(f) === 32) {
      if (t >= text.length || !isSpace(text.charCodeAt(t))) return -1;
      while (t < text.length && isSpace(text.charCodeAt(t))) t++;
    } else if (text.charCodeAt(t++) !== form.charCodeAt(f)) return -1;
  }
  return t;
}

/** Spaces, then `word`, right after `at` (`Thái Bình Dương` is the Pacific, not the province). */
function spacesThen(text: string, at: number, word: string): boolean {
  let t = at;
  while (t < text.length && isSpace(text.charCodeAt(t))) t++;
  return t > at && text.startsWith(word, t);
}

/** `Thai` and spaces right before `at` (`Thái Bình Dương`: not `Bình Dương`). */
function thaiBefore(text: string, at: number): boolean {
  let t = at;
  while (t > 0 && isSpace(text.charCodeAt(t - 1))) t--;
  return t < at && t >= 4 && text.startsWith('Thai', t - 4);
}

/**
 * The canonical name of the first province or city named in `text`, or null. A name counts where
 * it stands as whole words: no letter, digit or `_` right before or after it.
 */
export function findPlace(text: string): string | null {
  const folded = foldDiacritics(text); // diacritics and đ removed, case and punctuation kept
  const length = folded.length;
  for (let i = 0; i < length; i++) {
    const code = codeAt(folded, i);
    if (!isLetter(code)) {
      if (code > 0xffff) i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < length) {
      const c = codeAt(folded, runEnd);
      if (!isLetter(c)) break;
      runEnd += c > 0xffff ? 2 : 1;
    }
    const forms = opensForm[folded.charCodeAt(i)] === 0 || isWordChar(codeBefore(folded, i)) ? undefined : formsByFirstRun.get(folded.slice(i, runEnd));
    if (forms) {
      for (const form of forms) {
        const end = matchRest(folded, runEnd, form, runEnd - i);
        if (end < 0 || (end < length && isWordChar(codeAt(folded, end))) || spacesThen(folded, end, 'Duong') || thaiBefore(folded, i)) continue;
        return byFolded.get(folded.slice(i, end).replace(/\s+/g, ' ')) ?? null;
      }
    }
    i = runEnd - 1; // no name starts inside a run of letters
  }
  return null;
}

/** Canonical names, for help texts and validation. */
export const placeNames: readonly string[] = PLACES.map((p) => p.name);

/** Every place name the phrase readers know: each province's forms and the other places. */
export const placePhrases: readonly string[] = [...PLACES.flatMap((p) => [p.name, ...(p.aliases ?? [])]), ...gazetteer.otherPlaces];

/**
 * Gives each statistic without a place the province its sentence names, else the one the article's
 * title names (looked for once, and only when a number needs it).
 */
export function tagPlaces(statistics: Statistic[], title: string | null | undefined): void {
  let titlePlace: string | null | undefined = title ? undefined : null;
  // Statistics of one sentence share its context (a third of them on the bench corpus): each is read once.
  const bySentence = new Map<string, string | null>();
  for (const stat of statistics) {
    if (stat.place != null) continue;
    let place: string | null = null;
    if (stat.context) {
      const known = bySentence.get(stat.context);
      if (known !== undefined) place = known;
      else bySentence.set(stat.context, (place = findPlace(stat.context)));
    }
    if (place == null) place = titlePlace === undefined ? (titlePlace = findPlace(title!)) : titlePlace;
    stat.place = place;
  }
}
