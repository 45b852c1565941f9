// English editions of party and news papers: the same five record kinds as the Vietnamese rules.
// Exact shapes (codes, digits, year ranges) are read by linear regexes and hash look-ups in
// compromise's lexicon; the costlier parsers run only where a cheap test says they can find
// something: chrono on the sentences that name a month; numbers written in words are read by
// number-words.ts. Vietnamese names in English text are often written without diacritics
// (`Pham Minh Chinh`): the Vietnamese surname list, diacritics stripped, recognises them.
import { englishBylineOf } from '../../clean/en-bylines.ts';
import type { Extraction } from '../../core/types.ts';
import { emptyExtraction } from '../../core/entities.ts';
import { parsePublished } from '../common/calendar.ts';
import { extractDates } from './dates.ts';
import { extractDocuments } from './documents.ts';
import { extractPeople } from './people.ts';
import { extractPeriods } from './periods.ts';
import { periodOf } from '../common/statistic-shares.ts';
import { extractStatistics } from './statistics.ts';
import { addStatisticFieldsEn } from './statistic-fields.ts';
import { sentenceAt, splitSentences, type Sentence } from './text.ts';

// A period a number is compared with, not the one it is of: `compared with 2022`, `than in 2021`, `from 2020`.
const BASELINE_BEFORE = /(?:than|compared\s+(?:with|to)|against|versus|vs\.?|from|over)\s+(?:in\s+|the\s+)?(?:same\s+period\s+(?:of|in)\s+)?$/iu;

export function extractEn(input: string, published: string | null): Extraction {
  const text = withoutBylines(input);
  const pub = parsePublished(published);
  const sentences = splitSentences(text);
  const documents = extractDocuments(text, pub);
  const dates = extractDates(text, sentences, pub);
  // Years inside a full date or a document code are not periods of their own.
  const taken = [...dates, ...documents].map((h) => h.span!);
  const mentions = extractPeriods(text, pub, taken, sentences);
  const statistics = addStatisticFieldsEn(text, sentences, extractStatistics(text, sentences, taken), taken);
  // A statistic's period, among those its sentence names (a later mention of a period named before counts in its own
  // sentence): English puts it after the number (`grew 5.05% in 2023, lower than the 8.02% recorded in 2022`).
  const bySentence = new Map<Sentence | undefined, typeof mentions>();
  for (const p of mentions) {
    const sentence = sentenceAt(sentences, p.span![0]);
    const list = bySentence.get(sentence);
    if (list) list.push(p);
    else bySentence.set(sentence, [p]);
  }
  for (const stat of statistics) {
    const inSentence = bySentence.get(sentenceAt(sentences, stat.span![0])) ?? [];
    stat.period = periodOf(text, inSentence, stat.span![0], stat.span![1], BASELINE_BEFORE, 40);
  }
  // Periods once each, at their first mention.
  const seen = new Set<string>();
  const periods = mentions.filter((p) => (seen.has(p.value) ? false : (seen.add(p.value), true)));
  return { ...emptyExtraction(), officials: extractPeople(text), documents, dates, periods, statistics };
}

/**
 * The text with its byline lines (`By Minh Anh – Translated by Mai Hoa`, clean/en-bylines.ts) blanked out, offsets kept:
 * text given to extract without going through clean still never yields its reporters and translators as people.
 */
function withoutBylines(text: string): string {
  let out: string | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start <= 160 && end > start && englishBylineOf(text.slice(start, end)) !== null) {
      out = (out ?? text).slice(0, start) + ' '.repeat(end - start) + (out ?? text).slice(end);
    }
    start = end + 1;
  }
  return out ?? text;
}
