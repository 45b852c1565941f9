// Sentences with their offsets, found once per text: every rule family reads the sentence a hit
// stands in (for its context, its period, or to decide whether a costlier parser is worth running).

import { tagsOf } from './lexicon.ts';

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['no', 'nos', 'mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'vs', 'co', 'inc', 'ltd', 'corp', 'u.s', 'a.m', 'p.m', 'e.g', 'i.e', 'etc', 'approx', 'fig', 'vol']);

// A run of closing punctuation, then space and what can open a sentence; or a line break.
const BOUNDARY = /[.!?]+["”’)]*(?=\s+["“‘(]?[\p{Lu}\p{N}])|\n+/gu;

/** Split into sentences; offsets index `text`. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s]!)) s++;
    if (end > s) out.push({ start: s, end, text: text.slice(s, end) });
  };
  for (const m of text.matchAll(BOUNDARY)) {
    if (m[0][0] === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1]?.toLowerCase() ?? '';
      // `No. 57`, `Mr. Long`, `U.S. President`: the stop belongs to the abbreviation; so does a lone initial.
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    }
    const end = m.index + m[0].length;
    push(m[0][0] === '\n' ? m.index : end);
    start = end;
  }
  push(text.length);
  return out;
}

/** The sentence holding offset `at` (binary search). */
export function sentenceAt(sentences: readonly Sentence[], at: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
/** Month names as written (capitalised; `May` too, the parser then decides). */
export const MONTH_NAME = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';

export const monthNumber = (name: string): number | undefined => MONTHS[name.toLowerCase().replace(/\.$/, '')];

export const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

export type Tense = 'past' | 'future' | 'none';
// What puts a clause in the future, checked before any past verb (`was expected to open`, `said it would`).
const FUTURE = /\b(?:will|shall|would|wo|'ll|(?:is|are|was|were|be)\s+(?:scheduled|expected|set|due|slated|planned|going|poised|to)\s+(?:to|for)?|to\s+be\s+(?:held|opened|completed|launched|organised|organized)|(?:plans?|aims?|intends?|targets?|seeks?|hopes?)\s+to|scheduled\s+for|slated\s+for|set\s+for|upcoming|forthcoming|coming)\b/i;
const CLAUSE_BREAK = /[,;:()–—]|\b(?:that|and|while|but|which|who|whereas|although|when)\b/gi;
const NON_WORD = /[^\p{L}']+/u;
const PAST_WORDS = new Set(['was', 'were', 'had', 'did', 'rose', 'said', 'told']);
// A participle after these is a present perfect or a passive (`has asked`, `is expected`): no past of its own.
const AUXILIARY = new Set(['has', 'have', "'ve", 'having', 'is', 'are', 'am', 'be', 'been', 'being', 'get', 'gets']);

// compromise's verdict per word, remembered: reading its lexicon object costs ~0.2 µs a word (measured) and the tense
// test reads every word of a clause; gathering all its past forms up front cost ~50 ms of CPU at start-up instead.
const pastVerdicts = new Map<string, boolean>();
function isPastVerb(word: string): boolean {
  let past = pastVerdicts.get(word);
  if (past === undefined) {
    if (pastVerdicts.size > 50_000) pastVerdicts.clear(); // bounded on hostile input
    past = tagsOf(word).includes('PastTense');
    pastVerdicts.set(word, past);
  }
  return past;
}

/**
 * Tense of a stretch of text: a future marker wins, else a verb in the simple past (`was`, `rose`, `reported`; not
 * `has reported`, `is expected`) makes it past; a clause in the present or with no verb is `none`.
 */
export function tenseOf(s: string): Tense {
  if (FUTURE.test(s)) return 'future';
  // Split rather than a regex per word, and the first letter's code rather than a Unicode test: this runs for every
  // weekday and year-less month, over the whole sentence (measured 9 µs a sentence before, ~3 after).
  const words = s.split(NON_WORD);
  let previous = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w) continue;
    const first = w.charCodeAt(0);
    const capital = first < 128 ? first >= 65 && first <= 90 : w[0] !== w[0]!.toLowerCase();
    const lower = capital ? w.toLowerCase() : w;
    const after = previous;
    previous = lower;
    if (capital && i > 0) continue; // names (`Ahmed`, `Red`) and titles are not verbs
    if (PAST_WORDS.has(lower)) return 'past';
    if (AUXILIARY.has(after)) continue;
    if ((lower.length >= 5 && lower.endsWith('ed') && !lower.endsWith('eed')) || isPastVerb(lower)) return 'past';
  }
  return 'none';
}

let lastSentence = '';
let lastTense: Tense = 'none';

/** Tense at offset `at` of a sentence: that of its clause (`said on Monday that it will…` is past at `Monday`), else of the whole sentence. */
export function tenseAt(sentence: string, at: number): Tense {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index + m[0].length <= at) from = m.index + m[0].length;
    else if (m.index > at) { to = m.index; break; }
  }
  const clause = tenseOf(sentence.slice(from, to));
  if (clause !== 'none') return clause;
  // Several hits in one sentence fall back to its tense: read it once (the last sentence asked is kept).
  if (sentence !== lastSentence) [lastSentence, lastTense] = [sentence, tenseOf(sentence)];
  return lastTense;
}

/**
 * The year of a month, quarter or day written without one: the year of publication, one back when a past clause names a
 * span that starts after publication (`exports rose in December`, published in January), one forward when a future clause
 * names one that ended a quarter or more before it (`will open in February`, published in November). `start`/`end` are
 * month*100+day, `tense` that of the clause naming it; `slack` days after publication still count as its year (a day reported a little ahead, a time zone).
 */
export function yearFor(pub: { year: number; month: number; day: number }, start: number, end: number, tense: () => Tense, slack = 0): number {
  const ordinal = (mmdd: number) => Math.floor(mmdd / 100) * 31 + (mmdd % 100);
  const today = ordinal(pub.month * 100 + pub.day);
  // The tense is read only when the span lies where it could move the year (it costs a walk over the clause's words).
  if (ordinal(start) > today + slack) return tense() === 'past' ? pub.year - 1 : pub.year;
  if (ordinal(end) < today && pub.month - Math.floor(end / 100) >= 3) return tense() === 'future' ? pub.year + 1 : pub.year;
  return pub.year;
}
