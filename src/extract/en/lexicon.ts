// Word look-ups by hash: compromise's own lexicon (the part of its tagger that is a table) tells
// a plural noun from a preposition or an adjective, and a first name from an ordinary word, at the
// cost of a Map get instead of tagging a whole sentence.
import { compromiseTables } from './compromise-tables.ts';
import surnames from '../vi/lexicons/surnames.json' with { type: 'json' };
import { placePhrases } from '../common/places.ts';
import countries from '../vi/lexicons/countries.json' with { type: 'json' };
import { foldDiacritics } from '../../core/fold.ts';
import names from './lexicons/names.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };

const COMPROMISE = compromiseTables();
const LEXICON = COMPROMISE.lexicon;
const NO_TAGS: readonly string[] = [];

/** compromise's tags for a word (any case), `[]` when it does not know it. */
export function tagsOf(word: string): readonly string[] {
  return LEXICON.get(word.toLowerCase()) ?? NO_TAGS;
}

const FIRST_NAME_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName']);
const CALENDAR = new Set(['Month', 'WeekDay', 'Date', 'Holiday']);
/** `Anders`, `Joe`, `Cara` (but not `April` or `May`: months and weekdays are names of days first). */
export function isFirstName(word: string): boolean {
  const tags = tagsOf(word);
  return tags.some((t) => FIRST_NAME_TAGS.has(t)) && !tags.some((t) => CALENDAR.has(t));
}

/** Lower-case without diacritics; ASCII words (most of an English text) skip the NFD round trip. */
export const fold = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s : foldDiacritics(s)).toLowerCase();

/** Vietnamese surnames without diacritics, lower-case (`nguyen`, `to`, `bui`). */
const SURNAMES = new Set(surnames.map((s) => foldDiacritics(s).toLowerCase()));
export const isSurname = (word: string): boolean => SURNAMES.has(fold(word));
// Onset, vowels, final: the shape of every Vietnamese syllable once its marks are stripped (`nguyen`, `thuong`, `anh`).
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptiouy])?$/;
/** Could this word be a Vietnamese syllable? (`Windows`, `Monde` cannot.) */
export const isVietSyllable = (word: string): boolean => SYLLABLE.test(fold(word));

const ORG_WORDS = new Set([...names.orgWords, ...COMPROMISE.orgWords]);
const PLACE_WORDS = new Set([...names.placeWords, ...COMPROMISE.placeWords]);
/** A word that makes the capitalised run it stands in an organisation or a place (`Committee`, `City`, `Bay`). */
export const isOrgOrPlaceWord = (word: string): boolean => {
  const f = fold(word);
  return ORG_WORDS.has(f) || PLACE_WORDS.has(f);
};

/** Place names, folded: of two to four words from the Vietnamese lists (`ha noi`, `ho chi minh`, `quang ninh`), and
 * the English spellings (`hanoi`, `vietnam`). One-syllable Vietnamese places (`Duc`, `Hue`) are also given names: not here. */
const PLACES = new Set<string>();
for (const p of [...placePhrases, ...countries.countries]) {
  const f = fold(p);
  if (f.includes(' ')) PLACES.add(f);
}
for (const p of names.places) PLACES.add(fold(p));
export const isPlace = (words: string): boolean => PLACES.has(fold(words));
const PLACE_FIRST_WORDS = new Set([...PLACES].map((p) => p.split(' ')[0]!));
/** Could a place name start with this word? (Saves joining word windows for the other words.) */
export const startsPlace = (word: string): boolean => PLACE_FIRST_WORDS.has(fold(word));
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Demonym']);
/** compromise knows it as a country, city or demonym (`Japan`, `Vientiane`, `Lao`). */
export const isPlaceLike = (word: string): boolean => tagsOf(word).some((t) => PLACE_TAGS.has(t)) && !isSurname(word);

export const TITLE_HEADS = new Set(titles.heads);
export const TITLE_MODIFIERS = new Set(titles.modifiers);
export const HONORIFICS = new Set(titles.honorifics);
const RANK_ABBREVIATIONS = new Set(titles.rankAbbreviations);
/** `Gen.`, `Lt.`, `Sen.`: a rank written short, whose full stop ends no sentence. */
export const isRankAbbreviation = (word: string): boolean => RANK_ABBREVIATIONS.has(word.toLowerCase());

/**
 * The singular of a plural title word (`Ministers` → `minister`, `Secretaries` → `secretary`, `deputies` → `deputy`),
 * lower-case and without a possessive; the word itself when it is not a plural head.
 */
function singularHead(word: string): string {
  const w = word.toLowerCase().replace(/[’']s?$/, '');
  if (TITLE_HEADS.has(w) || w.length < 4 || !w.endsWith('s')) return w;
  if (w.endsWith('ies') && TITLE_HEADS.has(w.slice(0, -3) + 'y')) return w.slice(0, -3) + 'y';
  if (TITLE_HEADS.has(w.slice(0, -1))) return w.slice(0, -1);
  return w;
}

/** A word that ends a title (`Minister`, `chief`), in the plural too (`Ministers`), or a hyphenated one holding one (`Secretary-General`). */
export const isHead = (word: string): boolean => {
  const w = singularHead(word);
  if (TITLE_HEADS.has(w)) return true;
  return w.includes('-') && w.split('-').some((part) => TITLE_HEADS.has(singularHead(part)));
};
/** Is this title word a plural (`Deputy Prime Ministers`, `members`)? */
export const isPluralHead = (word: string): boolean => {
  const w = word.toLowerCase();
  return !TITLE_HEADS.has(w) && TITLE_HEADS.has(singularHead(word));
};

export const isTitleWord = (word: string): boolean => {
  const w = word.toLowerCase();
  return TITLE_HEADS.has(w) || TITLE_MODIFIERS.has(w) || isHead(word);
};
const IN_TITLE = new Set(titles.inTitle);
/** A lower-case word a title may hold besides its title words (`provincial`, `municipal`). */
export const isInTitle = (word: string): boolean => IN_TITLE.has(word.toLowerCase()) || isTitleWord(word);

const FUNCTION_TAGS = new Set(['Preposition', 'Determiner', 'Conjunction', 'Pronoun', 'Adverb', 'Copula', 'Modal', 'Auxiliary', 'QuestionWord', 'Month', 'WeekDay', 'Date', 'Gerund']);
/** `On`, `The`, `According`, `Monday`: a capitalised word that cannot be part of a title or a name. */
export const isFunctionWord = (word: string): boolean => tagsOf(word).some((t) => FUNCTION_TAGS.has(t)) && !isSurname(word) && !isTitleWord(word);
