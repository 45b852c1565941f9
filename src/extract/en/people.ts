// People: runs of capitalised words, cut at the words that belong to titles, organisations and
// places (`Secretary of the Hanoi Party Committee | Bui Thi Minh Hoai`). What is left is a name
// when it starts with a Vietnamese surname, or with a first name compromise knows, or when a title
// stands right before it (`Cambodian Prime Minister Hun Manet`). Titles are read from the words
// before the name and from an appositive after it (`…, Deputy Minister of National Defence,`).
// Later short mentions (`Chinh said`, `Mr Long`) are not new people; their titles join the full name.
import type { Official } from '../../core/types.ts';
import { fold, HONORIFICS, isFirstName, isFunctionWord, isInTitle, isOrgOrPlaceWord, isPlace, isPlaceLike, isSurname, isTitleWord, isVietSyllable, startsPlace, TITLE_HEADS } from './lexicon.ts';

// Capitalised words (two letters or more) separated by single spaces.
const RUN = /(?<![\p{L}\p{M}\p{N}'’])\p{Lu}[\p{Ll}\p{M}]+(?:[ \u00a0]\p{Lu}[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}\p{N}])/gu;
const WORD_IN_RUN = /\p{Lu}[\p{Ll}\p{M}]+/gu;
// Words of a title read backwards from a name: words, `'s`, and nothing that ends a phrase.
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}'’.&-]/u;
const CONNECTORS = new Set(['of', 'the', 'for', 'to', 'and', 'on']);
// `Tran Hung Dao and Nguyen Hue streets`, `Hoan Kiem district`: a lower-case place word after the run.
const PLACE_AFTER = /^(?:,?\s+and\s+(?:\p{Lu}[\p{Ll}\p{M}]+\s){1,4}|\s+)(?:streets?|roads?|avenues?|boulevards?|districts?|provinces?|communes?|wards?|towns?|villages?|bridges?|lakes?|rivers?|pagodas?|temples?|city|cities)(?![\p{L}])/u;
const APPOSITIVE = /^,\s+(?:the\s+|a\s+|an\s+)?([^,.;:()"“”\n]{3,140}?)(?=\s*[,.;:()"“”\n]|$)/u;

interface Word {
  text: string;
  start: number;
  end: number;
}

const key = (name: string) => fold(name).replace(/\s+/g, ' ');
const isHead = (w: string) => TITLE_HEADS.has(w.toLowerCase().replace(/[’']s$/, ''));

/** The title written right before offset `at` (`Japanese Ambassador to Vietnam`, `Quang Ninh Party chief`), or null. */
function titleBefore(text: string, at: number, floor = 0): string | null {
  let start = at;
  let pos = at;
  let hasHead = false;
  let right = '';
  for (let n = 0; n < 14; n++) {
    let p = pos;
    while (p > floor && (text[p - 1] === ' ' || text[p - 1] === '\u00a0')) p--;
    if (p === pos && n > 0) break;
    let q = p;
    while (q > floor && TOKEN_CHAR.test(text[q - 1]!)) q--;
    if (q === p) break;
    const token = text.slice(q, p);
    if (token.endsWith('.')) break; // the end of the sentence before (or `Mr.`): no title crosses it
    let ok: boolean;
    // `Industry and Trade`, `Deputy Prime Minister and Minister for Finance`; not `Joe Biden and Chinese …`
    if (CONNECTORS.has(token)) ok = token !== 'and' || isOrgOrPlaceWord(right) || isTitleWord(right);
    else if (/^\p{Lu}{2,}$/u.test(token)) ok = true; // `US`, `NA`: an acronym, not the pronoun
    else if (/^\p{Lu}/u.test(token)) ok = !isFunctionWord(token) && !HONORIFICS.has(token.toLowerCase());
    else ok = isInTitle(token);
    if (!ok) break;
    if (isHead(token)) hasHead = true;
    start = q;
    pos = q;
    right = token;
  }
  if (!hasHead) return null;
  const title = text.slice(start, at).trim().replace(/^(?:(?:of|the|for|to|and|on)\s+)+/u, '');
  return title || null;
}

/** A title in an appositive after the name (`, Deputy Minister of National Defence,`). */
function titleAfter(text: string, at: number): string | null {
  const m = APPOSITIVE.exec(text.slice(at, at + 160));
  if (!m) return null;
  const phrase = m[1]!.trim();
  const words = phrase.split(/\s+/);
  const first = words[0]!;
  if (!(isTitleWord(first) || (/^\p{Lu}/u.test(first) && !isFunctionWord(first) && !isSurname(first)))) return null;
  return words.slice(0, 6).some(isHead) ? phrase : null;
}

function wordsOf(run: string, offset: number): Word[] {
  return [...run.matchAll(WORD_IN_RUN)].map((w) => ({ text: w[0], start: offset + w.index, end: offset + w.index + w[0].length }));
}

/** Do the unbroken words before `i` (at most three) start with a Vietnamese surname? */
function nameSoFar(words: Word[], breaks: boolean[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3) && !breaks[k]; k--) if (isSurname(words[k]!.text)) return true;
  return false;
}

/** Mark the words of a run that cannot be part of a person's name. */
function breakers(words: Word[]): { breaks: boolean[]; orgOrPlace: boolean[] } {
  const breaks = words.map(() => false);
  const orgOrPlace = words.map(() => false);
  for (let i = 0; i < words.length; i++) {
    // Multi-word places first (`Quang Ninh`, `Ho Chi Minh`, `Da Nang`), longest first.
    for (let len = startsPlace(words[i]!.text) ? Math.min(4, words.length - i) : 0; len >= 1; len--) {
      if (!isPlace(words.slice(i, i + len).map((w) => w.text).join(' '))) continue;
      for (let k = i; k < i + len; k++) breaks[k] = orgOrPlace[k] = true;
      break;
    }
    const w = words[i]!.text;
    if (isOrgOrPlaceWord(w)) breaks[i] = orgOrPlace[i] = true;
    else if (isTitleWord(w) || HONORIFICS.has(w.toLowerCase())) breaks[i] = true;
    // `Nguyen Van An`, `Nguyen Duc Hai`: after a surname, a syllable that is also an English word (`An`, `Hai`) is a name.
    else if ((isFunctionWord(w) || isPlaceLike(w)) && !(i > 0 && !breaks[i - 1] && nameSoFar(words, breaks, i))) breaks[i] = true;
  }
  return { breaks, orgOrPlace };
}

export function extractPeople(text: string): Official[] {
  const people = new Map<string, Official>();
  const shortMentions: Word[] = [];
  const addTitle = (person: Official, title: string | null) => {
    if (title && !person.titles.some((t) => t.toLowerCase() === title.toLowerCase())) person.titles.push(title);
  };
  let lastNameEnd = 0; // a title read backwards stops at the name before it
  for (const run of text.matchAll(RUN)) {
    // One capitalised word (most runs: sentence starts, places, later mentions) can only be a short mention.
    if (!run[0].includes(' ') && !run[0].includes('\u00a0')) {
      shortMentions.push({ text: run[0], start: run.index, end: run.index + run[0].length });
      continue;
    }
    const words = wordsOf(run[0], run.index);
    const { breaks, orgOrPlace } = breakers(words);
    let i = 0;
    while (i < words.length) {
      if (breaks[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < words.length && !breaks[j]) j++;
      const segment = words.slice(i, j);
      // `Anders Tegnell Fan Club`, `Le Loi Street`: words right before an organisation or place word name it.
      const namesSomething = (j < words.length && orgOrPlace[j]) || (j === words.length && PLACE_AFTER.test(text.slice(run.index + run[0].length, run.index + run[0].length + 80)));
      i = j;
      if (namesSomething) continue;
      if (segment.length === 1) {
        shortMentions.push(segment[0]!);
        continue;
      }
      const surnameAt = segment.findIndex((w, k) => k < segment.length - 1 && isSurname(w.text));
      let name: Word[] | null = null;
      const title = titleBefore(text, segment[0]!.start, lastNameEnd);
      if (surnameAt >= 0) {
        // The syllables after a surname must be Vietnamese-shaped (`To Lam`, not `On Windows`).
        let end = surnameAt + 1;
        while (end < segment.length && end < surnameAt + 4 && isVietSyllable(segment[end]!.text)) end++;
        if (end - surnameAt >= 2) name = segment.slice(surnameAt, end);
      }
      if (!name && isFirstName(segment[0]!.text) && segment.length <= 3) name = segment;
      else if (!name && title && segment.length <= 4) name = segment;
      if (!name) continue;
      const start = name[0]!.start;
      const end = name[name.length - 1]!.end;
      const full = text.slice(start, end);
      lastNameEnd = end;
      const k = key(full);
      let person = people.get(k);
      if (!person) {
        person = { name: full, titles: [], mentions: [], span: [start, end], rule: 'en.person', implied: [] };
        people.set(k, person);
      }
      if (!person.mentions!.includes(full)) person.mentions!.push(full);
      addTitle(person, surnameAt > 0 ? null : title);
      addTitle(person, titleAfter(text, end));
    }
  }
  // `Chinh said`, `Prime Minister Chinh`: a lone given name (the last word of a full name) is that person.
  const byLastWord = new Map<string, Official>();
  for (const p of people.values()) {
    const last = key(p.name).split(' ').pop()!;
    byLastWord.set(last, byLastWord.has(last) ? byLastWord.get(last)! : p);
  }
  for (const w of shortMentions) {
    const person = byLastWord.get(key(w.text));
    if (!person) continue;
    if (!person.mentions!.includes(w.text)) person.mentions!.push(w.text);
    addTitle(person, titleBefore(text, w.start));
  }
  return [...people.values()];
}
