// Organisation and title phrases read token by token: `Ban Dân vận Thành ủy Hà Nội`,
// `Ủy ban MTTQ Việt Nam Thành phố`, `Bộ Văn hóa, Thể thao và Du lịch`, `Quân khu 5`.
// Vietnamese capitalises only the first syllable of each word of a name, so a lower-case
// syllable belongs to the name only as part of a known word (compounds.json).
import compounds from './lexicons/compounds.json' with { type: 'json' };
import countries from './lexicons/countries.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };
import { toneKey } from '../../core/fold.ts';
import { placePhrases } from '../common/places.ts';
import { type Token } from '../common/text.ts';

/**
 * A lexicon of phrases as a trie of fold keys: matching at a token is one look-up per word read,
 * however many phrases share the first word.
 */
export interface PhraseIndex {
  /**
   * Children by the next word's fold key, in a prototype-less object rather than a Map: V8 internalises a string
   * looked up as a property name (the token's key then points at the table's copy), so the token keys, which repeat,
   * are found by pointer after their first look-up — a Map compares their characters each time (about 4 times
   * slower per look-up, measured over the bench corpus's tokens).
   */
  next: KeyTable<PhraseIndex>;
  /** Some phrase goes on past this node. */
  more: boolean;
  /** A phrase ends here. */
  end: boolean;
}

/** A look-up table by fold key (see PhraseIndex.next for why an object). */
export type KeyTable<T> = Record<string, T | undefined>;

export function keyTable<T>(entries: Iterable<readonly [string, T]>): KeyTable<T> {
  const table = Object.create(null) as KeyTable<T>;
  for (const [key, value] of entries) table[key] = value;
  return table;
}

/** A set of fold keys as a look-up table (`table[key] === true`). */
export function keySet(words: Iterable<string>): KeyTable<true> {
  return keyTable([...words].map((w) => [toneKey(w), true] as const));
}

/** The first words of the phrases of an index. */
export function firstWords(index: PhraseIndex): string[] {
  return Object.keys(index.next);
}

export function phraseIndex(phrases: readonly string[]): PhraseIndex {
  const root: PhraseIndex = { next: keyTable([]), more: false, end: false };
  for (const p of phrases) {
    const keys = toneKey(p).split(' ').filter(Boolean);
    if (keys.length === 0) continue;
    let node = root;
    for (const key of keys) {
      let child = node.next[key];
      if (!child) {
        node.next[key] = child = { next: keyTable([]), more: false, end: false };
        node.more = true;
      }
      node = child;
    }
    node.end = true;
  }
  return root;
}

const COMPOUNDS = phraseIndex(compounds.words);
const LOWER_WORDS = phraseIndex(compounds.lowerWords);
const PLACES = phraseIndex([...placePhrases, ...countries.countries]);
const COUNTRIES = phraseIndex(countries.countries);
const TITLE_HEADS = phraseIndex(titles.heads);
/** Words that open another organisation: `và` before them joins two bodies, not one name. */
const ORG_HEADS = new Set(['ban', 'bộ', 'sở', 'ủy ban', 'uỷ ban', 'hội đồng', 'mặt trận', 'đảng ủy', 'đảng uỷ', 'hội', 'cục', 'tổng cục', 'viện', 'tòa án', 'toà án', 'thành ủy', 'thành uỷ', 'tỉnh ủy', 'tỉnh uỷ', 'quốc hội', 'chính phủ', 'văn phòng', 'học viện', 'trường', 'công an'].map(toneKey));
/** After these the next number belongs to the name (`Quân khu 5`, `Sư đoàn 304`, `Đoàn Kiểm tra số 1`). */
const NUMBERED_NAME_ENDS = new Set(['khu', 'đoàn', 'đội', 'vùng', 'số', 'quân đoàn', 'trung ương'].map(toneKey));
/** `Ủy ban Pháp luật của Quốc hội`: `của` inside a name, before the body that owns the committee. */
const OF_KEY = toneKey('của');
const OWNER_BODIES = phraseIndex(['Quốc hội', 'Chính phủ', 'Ủy ban Thường vụ Quốc hội']);
const KIEM_KEY = toneKey('kiêm');
const NUMBER_WORD = toneKey('số');
/** Lower-case words a title head takes before its organisation (`Phó Chủ tịch thường trực UBND tỉnh`, `Chủ tịch xã`). */
const HEAD_LOWER_WORDS = phraseIndex(compounds.headLowerWords);
/** Lower-case compounds that are verbs in running text: after a title they start the clause, not the organisation. */
const VERB_WORDS = phraseIndex(compounds.verbs);
const BELONGS_TO = phraseIndex(['thuộc', 'trực thuộc']);

/** Length in tokens of the longest phrase of `index` starting at token i (0 when none); a phrase does not cross a line break. */
export function matchPhrase(tokens: readonly Token[], i: number, index: PhraseIndex): number {
  const first = tokens[i];
  if (!first) return 0;
  let node = index.next[first.key];
  if (!node) return 0;
  let longest = node.end ? 1 : 0;
  for (let k = 1; node.more; k++) {
    const t = tokens[i + k];
    if (!t || t.newlineBefore) break;
    const child: PhraseIndex | undefined = node.next[t.key];
    if (!child) break;
    node = child;
    if (node.end) longest = k + 1;
  }
  return longest;
}

export function compoundAt(tokens: readonly Token[], i: number): number {
  return matchPhrase(tokens, i, COMPOUNDS);
}
export function placeAt(tokens: readonly Token[], i: number): number {
  return matchPhrase(tokens, i, PLACES);
}
/** Length of a foreign country's name at token i (0 when none). */
export function countryAt(tokens: readonly Token[], i: number): number {
  return matchPhrase(tokens, i, COUNTRIES);
}

/** A unit of an organisation phrase: [start, end) token indexes, and whether it is one capitalised word that could be part of a name. */
export interface OrgPiece {
  start: number;
  end: number;
  nameLike: boolean;
}

/**
 * Read an organisation (or title continuation) phrase from token i on, at most `maxTokens` tokens.
 * Returns its pieces; an empty list when token i cannot start one.
 */
/** How far a phrase read after a title head may reach (documents' issuers take the plain reading). */
export interface OrgPhraseOptions {
  /**
   * A title's organisation: lower-case words of two syllables or more that the compound lexicon knows (`Tòa án nhân dân
   * tối cao`, `Cảnh sát hình sự`), but no verb (`kiểm tra`, `chỉ đạo`); an abbreviation in brackets (`Ủy ban nhân dân (UBND)
   * tỉnh`); `thuộc`/`trực thuộc` before another body; the lower-case words a head takes (`thường trực`, `phụ trách`) first.
   * It stops before `kiêm` and another head, which starts a second title of the same person.
   */
  title?: boolean;
}

export function readOrgPhrase(tokens: readonly Token[], i: number, maxTokens = 24, options: OrgPhraseOptions = {}): OrgPiece[] {
  const pieces: OrgPiece[] = [];
  let j = i;
  const limit = Math.min(tokens.length, i + maxTokens);
  const title = options.title === true;
  while (j < limit) {
    const t = tokens[j]!;
    if (j > i && t.newlineBefore) break;
    if (t.kind === 'cap') {
      const place = placeAt(tokens, j);
      const compound = compoundAt(tokens, j);
      const len = Math.max(place, compound);
      if (len > 1) {
        pieces.push({ start: j, end: j + len, nameLike: false });
        j += len;
        continue;
      }
      pieces.push({ start: j, end: j + 1, nameLike: compound === 0 && place === 0 });
      j += 1;
      continue;
    }
    if (t.kind === 'upper') {
      pieces.push({ start: j, end: j + 1, nameLike: false });
      j += 1;
      continue;
    }
    if (t.kind === 'lower') {
      if (title && t.key === KIEM_KEY && matchPhrase(tokens, j + 1, TITLE_HEADS) > 0) break;
      if (pieces.length === 0) {
        const headWords = title ? matchPhrase(tokens, j, HEAD_LOWER_WORDS) : 0;
        if (headWords === 0) break;
        pieces.push({ start: j, end: j + headWords, nameLike: false });
        j += headWords;
        continue;
      }
      const lower = matchPhrase(tokens, j, LOWER_WORDS);
      if (lower > 0) {
        pieces.push({ start: j, end: j + lower, nameLike: false });
        j += lower;
        continue;
      }
      if (title) {
        // `Đội CSGT số 1`: a unit's number.
        if (t.key === NUMBER_WORD && tokens[j + 1]?.kind === 'num' && /^\d{1,4}$/.test(tokens[j + 1]!.text)) {
          pieces.push({ start: j, end: j + 2, nameLike: false });
          j += 2;
          continue;
        }
        const compound = compoundAt(tokens, j);
        if (compound > 1 && matchPhrase(tokens, j, VERB_WORDS) === 0) {
          pieces.push({ start: j, end: j + compound, nameLike: false });
          j += compound;
          continue;
        }
        // `Trưởng ban Công tác đại biểu thuộc Ủy ban Thường vụ Quốc hội`: `thuộc` before another body.
        const of = matchPhrase(tokens, j, BELONGS_TO);
        if (of > 0 && tokens[j + of]?.kind === 'cap' && compoundAt(tokens, j + of) > 0 && matchPhrase(tokens, j + of, TITLE_HEADS) === 0) {
          j += of;
          continue;
        }
      }
      // `Sở Giáo dục và Đào tạo`: `và` joins two words of one name, not two organisations.
      if (t.key === 'và' && joinsDomainWord(tokens, j + 1)) {
        j += 1;
        continue;
      }
      if (t.key === OF_KEY && pieces.length > 0) {
        const owner = matchPhrase(tokens, j + 1, OWNER_BODIES);
        if (owner > 0) {
          pieces.push({ start: j + 1, end: j + 1 + owner, nameLike: false });
          j += 1 + owner;
          continue;
        }
      }
      break;
    }
    if (t.kind === 'num') {
      const prev = tokens[j - 1];
      const prevTwo = j >= 2 ? `${tokens[j - 2]!.key} ${prev?.key ?? ''}` : '';
      if (pieces.length > 0 && prev && (NUMBERED_NAME_ENDS.has(prev.key) || NUMBERED_NAME_ENDS.has(prevTwo)) && /^\d{1,4}$/.test(t.text)) {
        pieces.push({ start: j, end: j + 1, nameLike: false });
        j += 1;
        continue;
      }
      break;
    }
    // punctuation
    // `Ủy ban nhân dân (UBND) tỉnh`: an abbreviation in brackets inside the name.
    if (title && pieces.length > 0 && t.text === '(' && tokens[j + 1]?.kind === 'upper' && tokens[j + 2]?.text === ')') {
      pieces.push({ start: j, end: j + 3, nameLike: false });
      j += 3;
      continue;
    }
    // A dash before a title head is apposition (`Đại tá Trần Quang Huy - Tư lệnh Vùng 4`), not part of one name.
    if (pieces.length > 0 && (t.text === '-' || t.text === '–') && tokens[j + 1]?.kind === 'cap' && compoundAt(tokens, j + 1) > 0 && matchPhrase(tokens, j + 1, TITLE_HEADS) === 0) {
      // `Lao động - Thương binh và Xã hội`, `Bà Rịa - Vũng Tàu`
      j += 1;
      continue;
    }
    if (pieces.length > 0 && t.text === ',' && joinsDomainWord(tokens, j + 1) && listEndsWithVa(tokens, j + 1)) {
      // `Bộ Văn hóa, Thể thao và Du lịch`
      j += 1;
      continue;
    }
    break;
  }
  // Do not end on a dangling `và`/`,`/`-`: pieces only cover words.
  return pieces;
}

function joinsDomainWord(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.kind !== 'cap') return false;
  // `Tổng Bí thư Tô Lâm và Chủ tịch nước …`: a title after `và` starts another person's title.
  if (matchPhrase(tokens, i, TITLE_HEADS) > 0) return false;
  const len = compoundAt(tokens, i);
  if (len < 2) return false;
  const key = tokens.slice(i, i + len).map((x) => x.key).join(' ');
  return !ORG_HEADS.has(key) && !ORG_HEADS.has(t.key);
}

function listEndsWithVa(tokens: readonly Token[], i: number): boolean {
  // A comma inside a name is followed, within a few words, by `và` and another word of the name.
  for (let k = i; k < Math.min(tokens.length, i + 8); k++) {
    const t = tokens[k]!;
    if (t.key === 'và') return joinsDomainWord(tokens, k + 1);
    if (t.kind === 'punct' && t.text !== ',') return false;
  }
  return false;
}
