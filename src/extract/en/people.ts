// People: runs of capitalised words, cut at the words that belong to titles, organisations and
// places (`Secretary of the Hanoi Party Committee | Bui Thi Minh Hoai`). What is left is a name
// when it starts with a Vietnamese surname, or with a first name compromise knows, or when a title
// stands right before it (`Cambodian Prime Minister Hun Manet`). Titles are read:
// - before the name (`Deputy Minister of National Defence`, `Sen. Lt. Gen.`, in any case);
// - in an appositive after it (`…, Deputy Minister of National Defence,`, `…, who is also Secretary of …,`);
// - from a list they are shared by (`Deputy Prime Ministers A and B`, `three Deputy Ministers: A, B and C`,
//   `A and B, both Deputy Prime Ministers`);
// - from a verb that gives a position (`A was elected Chairman of …`, `He was promoted to the rank of Major General`,
//   `the Assembly named A as its Chairman`), the pronoun standing for the person last named.
// Later short mentions (`Chinh said`, `Mr Long`) are not new people; their titles join the full name.
import type { Official } from '../../core/types.ts';
import { fold, HONORIFICS, isFirstName, isFunctionWord, isHead, isInTitle, isOrgOrPlaceWord, isPlace, isPlaceLike, isPluralHead, isRankAbbreviation, isSurname, isTitleWord, isVietSyllable, startsPlace } from './lexicon.ts';

// Capitalised words (two letters or more) separated by single spaces.
const RUN = /(?<![\p{L}\p{M}\p{N}'’])\p{Lu}[\p{Ll}\p{M}]+(?:[ \u00a0]\p{Lu}[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}\p{N}])/gu;
const WORD_IN_RUN = /\p{Lu}[\p{Ll}\p{M}]+/gu;
// Words of a title read backwards from a name: words, `'s`, and nothing that ends a phrase.
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}'’.&-]/u;
const CONNECTORS = new Set(['of', 'the', 'for', 'to', 'and', 'on']);
// `Tran Hung Dao and Nguyen Hue streets`, `Hoan Kiem district`: a lower-case place word after the run.
const PLACE_AFTER = /^(?:,?\s+and\s+(?:\p{Lu}[\p{Ll}\p{M}]+\s){1,4}|\s+)(?:streets?|roads?|avenues?|boulevards?|districts?|provinces?|communes?|wards?|towns?|villages?|bridges?|lakes?|rivers?|pagodas?|temples?|city|cities)(?![\p{L}])/u;
// An appositive after a name: `, Deputy Minister of …,`, `, who is also Secretary of …,`, `, both Deputy Prime Ministers,`.
const APPOSITIVE = /^,\s+(?:who\s+(?:is|was|has\s+been|had\s+been|will\s+be|serves|served|also\s+serves|concurrently\s+serves|currently\s+serves|holds|also\s+holds|became)\s+(?:also\s+|concurrently\s+|currently\s+|now\s+)?(?:as\s+|the\s+post\s+of\s+|the\s+position\s+of\s+)?)?(?:also\s+|concurrently\s+|currently\s+|now\s+)?((?:both|all|two|three|four|five|the\s+two|the\s+three)\s+)?(?:the\s+|a\s+|an\s+)?([^,.;:()"“”\n]{3,140}?)(?=\s*[,.;:()"“”\n]|$)/u;
// A list of names after a person: `, `, ` and `, `, and `.
const LIST_SEPARATOR = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/u;
// A verb that gives the person before it a position: `was elected`, `has been appointed as`, `was promoted to the rank of`.
const POSITION_AFTER = /^,?\s+(?:(?:was|were|is|has\s+been|had\s+been|have\s+been|will\s+be|would\s+be|was\s+officially|has\s+officially\s+been)\s+)?(?:also\s+|recently\s+|officially\s+|newly\s+)?(?:re-?elected|elected|re-?appointed|appointed|named|promoted|nominated|confirmed|chosen|sworn\s+in|installed|designated|assigned|tapped|voted\s+in|approved|became|becomes|serves|served|took\s+office|takes\s+office|assumed|assumes|holds|held|resigned|stepped\s+down|retired)\s+(?:as\s+|to\s+(?:the\s+)?(?:post|position|rank|office|title)\s+of\s+|to\s+be\s+|to\s+|the\s+(?:post|position|rank|office|title)\s+of\s+|from\s+(?:the\s+)?(?:post|position)\s+of\s+)?(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+|their\s+|new\s+)?/u;
// `A is also Secretary of …`, `He was then Chairman of …`: a copula before a title.
const COPULA_AFTER = /^,?\s+(?:is|was|has\s+been|had\s+been|will\s+be|remains|remained)\s+(?:also\s+|currently\s+|now\s+|concurrently\s+|still\s+|then\s+|formerly\s+)?(?:the\s+|a\s+|an\s+)?(?=\p{L})/u;
// The same verbs with a pronoun: `He was elected …`, `She currently serves as …`.
const PRONOUN_POSITION = /(?<![\p{L}\p{M}])(?:He|She|he|she)\s+(?:currently\s+|also\s+|now\s+|previously\s+|formerly\s+|later\s+)?(?=(?:is|was|has|had|will|would|serves|served|holds|held|became|took|assumed)\b)/gu;
// `named A as its Chairman`, `promoted A to Major General`: the person stands between the verb and the title.
const VERB_BEFORE_NAME = /(?:elected|re-?elected|appointed|named|promoted|nominated|designated|chose|tapped|installed)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$/u;
const TITLE_AFTER_NAME = /^\s+(?:as|to\s+(?:the\s+)?(?:post|position|rank|office|title)\s+of|to\s+be|to)\s+(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+|their\s+)?/u;
// A colon before a list of names, with an optional `including`: `three Deputy Ministers: A, B and C`.
const COLON_BEFORE = /:\s*$/u;
// Forward reading of a title: words with their inner punctuation, or one other character.
const FORWARD_TOKEN = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’&-]*\.?|\S/gu;

interface Word {
  text: string;
  start: number;
  end: number;
}

const key = (name: string) => fold(name).replace(/\s+/g, ' ');

/** The title written right before offset `at` (`Japanese Ambassador to Vietnam`, `Quang Ninh Party chief`, `Sen. Lt. Gen.`), or null. */
function titleBefore(text: string, at: number, floor = 0): string | null {
  let start = at;
  let pos = at;
  let hasHead = false;
  let right = '';
  for (let n = 0; n < 16; n++) {
    let p = pos;
    while (p > floor && (text[p - 1] === ' ' || text[p - 1] === '\u00a0')) p--;
    if (p === pos && n > 0) break;
    let q = p;
    while (q > floor && TOKEN_CHAR.test(text[q - 1]!)) q--;
    if (q === p) break;
    const token = text.slice(q, p);
    const rank = isRankAbbreviation(token);
    if (token.endsWith('.') && !rank) break; // the end of the sentence before (or `Mr.`): no title crosses it
    let ok: boolean;
    // `Industry and Trade`, `Deputy Prime Minister and Minister for Finance`; not `Joe Biden and Chinese …`
    if (rank) ok = true;
    else if (CONNECTORS.has(token)) ok = token !== 'and' || isOrgOrPlaceWord(right) || isTitleWord(right);
    else if (/^\p{Lu}{2,}$/u.test(token)) ok = true; // `US`, `NA`: an acronym, not the pronoun
    else if (/^\p{Lu}/u.test(token)) ok = !isFunctionWord(token) && !HONORIFICS.has(token.toLowerCase());
    // `minister of finance`, `chairman of the provincial people's committee`: lower-case words of an office.
    else ok = isInTitle(token) || isOrgOrPlaceWord(token);
    if (!ok) break;
    if (isHead(token) || (rank && /^(?:gen|col|adm|capt|maj|lt|sgt|cdr|cmdr|brig)\./iu.test(token))) hasHead = true;
    start = q;
    pos = q;
    right = token;
  }
  if (!hasHead) return null;
  const title = text.slice(start, at).trim().replace(/^(?:(?:of|the|for|and|on)\s+)+/u, '');
  return title || null;
}

/**
 * A title read forwards from `at` (`Minister of Finance on Wednesday` → `Minister of Finance`): capitalised words, title
 * words in any case, the lower-case words of an office, and connectors between them; it must hold a head.
 */
function titleForward(text: string, at: number): string | null {
  FORWARD_TOKEN.lastIndex = at;
  let end = at;
  let hasHead = false;
  let lastGood = at;
  let n = 0;
  for (let m = FORWARD_TOKEN.exec(text); m && n < 16; m = FORWARD_TOKEN.exec(text), n++) {
    // Words only, separated by spaces.
    if (m.index !== end && !/^[ \u00a0]+$/.test(text.slice(end, m.index))) break;
    let token = m[0];
    if (token.endsWith('.') && !isRankAbbreviation(token)) token = token.slice(0, -1);
    if (!/^[\p{L}\p{M}\p{N}]/u.test(token)) break;
    let ok: boolean;
    let good = true;
    if (CONNECTORS.has(token)) {
      ok = token !== 'on' && token !== 'to';
      good = false;
    } else if (isRankAbbreviation(token)) ok = true;
    else if (/^\p{Lu}{2,}$/u.test(token)) ok = true;
    else if (/^\p{Lu}/u.test(token)) ok = !isFunctionWord(token) && !HONORIFICS.has(token.toLowerCase()) && !(isSurname(token) && !hasHead && n > 0);
    else ok = isInTitle(token) || isOrgOrPlaceWord(token);
    if (!ok) break;
    if (isHead(token)) hasHead = true;
    end = m.index + token.length;
    if (good) lastGood = end;
  }
  if (!hasHead) return null;
  const title = text.slice(at, lastGood).trim();
  return title || null;
}

/** A title in an appositive after the name (`, Deputy Minister of National Defence,`); `plural` when it is several people's (`, both …`). */
function titleAfter(text: string, at: number): { title: string; plural: boolean } | null {
  const m = APPOSITIVE.exec(text.slice(at, at + 200));
  if (!m) return null;
  // `who was Deputy Prime Minister from 2013 to 2023`: the years are not part of the title.
  const phrase = m[2]!.trim().replace(/\s+(?:from|since|in|until|till|between|during)\s+\d.*$/u, '');
  const words = phrase.split(/\s+/);
  const first = words[0]!;
  if (!(isTitleWord(first) || (/^\p{Lu}/u.test(first) && !isFunctionWord(first) && !isSurname(first)))) return null;
  if (!words.slice(0, 6).some(isHead)) return null;
  // `…, Deputy Prime Minister Bui Thanh Son, …`: a title with its own holder's name is the next person's, not an appositive.
  for (let k = Math.max(1, words.length - 4); k <= words.length - 2; k++) {
    const tail = words.slice(k);
    if (isSurname(tail[0]!) && tail.every((w) => /^\p{Lu}/u.test(w) && isVietSyllable(w) && !isOrgOrPlaceWord(w)) && !isPlace(tail.join(' '))) return null;
  }
  return { title: phrase, plural: m[1] !== undefined || words.slice(0, 6).some(isPluralHead) };
}

/** A position given by a verb right after the name (`was elected Minister of Finance`, `is also Secretary of …`), or null. */
function positionAfter(text: string, at: number): string | null {
  const window = text.slice(at, at + 120);
  const m = POSITION_AFTER.exec(window) ?? COPULA_AFTER.exec(window);
  if (!m) return null;
  return titleForward(text, at + m[0].length);
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
      // `Nguyen Hoa Binh`, `Le Quang Nam`, `Nguyen Thi Thanh Hoa`: after a surname, a province's syllables end a name.
      const inName = i > 0 && !breaks[i - 1] && nameSoFar(words, breaks, i) && i + len === words.length && i + len - (i - 1) <= 4;
      // `President Ho Chi Minh`: a place-named person right after a title head, at the end of the run.
      const titled = i > 0 && isHead(words[i - 1]!.text) && isSurname(words[i]!.text) && i + len === words.length && len >= 2;
      if (inName || titled) break;
      for (let k = i; k < i + len; k++) breaks[k] = orgOrPlace[k] = true;
      break;
    }
    if (breaks[i]) continue;
    const w = words[i]!.text;
    // `Vu Duc Dam`, `Tran Van Bay`: after a surname, a Vietnamese syllable that is also an English place word ends a name,
    // unless another organisation or place word follows (`… Dam Bridge`).
    const nameSyllable = isVietSyllable(w) && i > 0 && !breaks[i - 1] && nameSoFar(words, breaks, i) && (i + 1 === words.length || !isOrgOrPlaceWord(words[i + 1]!.text));
    if (isOrgOrPlaceWord(w) && !nameSyllable) breaks[i] = orgOrPlace[i] = true;
    else if (nameSyllable) continue;
    else if (isTitleWord(w) || HONORIFICS.has(w.toLowerCase())) breaks[i] = true;
    // `Nguyen Van An`, `Nguyen Duc Hai`: after a surname, a syllable that is also an English word (`An`, `Hai`) is a name.
    else if ((isFunctionWord(w) || isPlaceLike(w)) && !(i > 0 && !breaks[i - 1] && nameSoFar(words, breaks, i))) breaks[i] = true;
  }
  return { breaks, orgOrPlace };
}

interface Mention {
  person: Official;
  start: number;
  end: number;
  /** The title the name had before it (its own or one shared from the list it stands in). */
  before: string | null;
}

export function extractPeople(text: string): Official[] {
  const people = new Map<string, Official>();
  const shortMentions: Word[] = [];
  const mentions: Mention[] = [];
  const addTitle = (person: Official, title: string | null) => {
    if (title && !person.titles.some((t) => t.toLowerCase() === title.toLowerCase())) person.titles.push(title);
  };
  /** People named one after another (`A, B and C`): a plural appositive after them is everyone's. */
  let group: Official[] = [];
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
      // `led by Sok Chenda Sophea, Cambodian Deputy Prime Minister …`: capitalised words with a title in apposition.
      else if (!name && segment.length <= 4 && j === words.length && titleAfter(text, segment[segment.length - 1]!.end) !== null) name = segment;
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
      const own = surnameAt > 0 ? null : title;
      // `Deputy Prime Ministers A and B`, `Politburo members A, B and C`: a name with no title of its own shares the one before.
      const previous = mentions[mentions.length - 1];
      const listed = previous !== undefined && LIST_SEPARATOR.test(text.slice(previous.end, start));
      let before = own;
      const after = titleAfter(text, end);
      // `Deputy Prime Minister A and B, Director of …`: a name with a title of its own after it does not share.
      if (!before && listed && !(after && !after.plural)) before = previous.before;
      // `three Deputy Ministers: A, B and C`: the title before a colon opens the list.
      if (!before && !listed && COLON_BEFORE.test(text.slice(Math.max(0, start - 4), start))) {
        const colon = text.lastIndexOf(':', start);
        before = titleBefore(text, colon, Math.max(0, colon - 200));
      }
      addTitle(person, before);
      if (listed && group.length > 0 && !own) group.push(person);
      else group = [person];
      // `named A as its Chairman`, `promoted A to Major General`.
      if (VERB_BEFORE_NAME.test(text.slice(Math.max(0, start - 40), start))) {
        const m = TITLE_AFTER_NAME.exec(text.slice(end, end + 60));
        if (m) addTitle(person, titleForward(text, end + m[0].length));
      }
      if (after) {
        for (const p of after.plural && group.includes(person) ? group : [person]) addTitle(p, after.title);
        group = [];
      }
      addTitle(person, positionAfter(text, end));
      mentions.push({ person, start, end, before });
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
    addTitle(person, titleAfter(text, w.end)?.title ?? null);
    addTitle(person, positionAfter(text, w.end));
    mentions.push({ person, start: w.start, end: w.end, before: null });
  }
  // `He was elected …`, `She currently serves as …`: the pronoun stands for the person named last before it.
  if (mentions.length > 0) {
    mentions.sort((a, b) => a.start - b.start);
    for (const m of text.matchAll(PRONOUN_POSITION)) {
      let last: Mention | undefined;
      for (const x of mentions) if (x.end <= m.index) last = x;
      if (last) addTitle(last.person, positionAfter(text, m.index + m[0].length - 1));
    }
  }
  return [...people.values()];
}
