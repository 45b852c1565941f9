// Sentences with their offsets, found once per text: every rule family reads the sentence a hit
// stands in (for its context, its period, or to decide whether a costlier parser is worth running).

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
