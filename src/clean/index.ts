// Clean stage entry points: a whole HTML page or flattened text → Article (pure functions).
import { createHash } from 'node:crypto';
import type { AnyNode, Element } from 'domhandler';
import type { Article, MetaOrigin, PublishedZone, Source } from '../core/types.ts';
import { extractBody } from './body.ts';
import { hasOffset, notAfter, parseMachineDate, parseUrlTimestamp, parseVisibleStamp, profileZone, type Zone } from './dates.ts';
import { decodeHtmlBytes } from '../fetch/charset.ts';
import { firstMatcher, pageQuery, readMetadata, type FirstMatch, type PageQuery } from './metadata.ts';
import { parseHtml } from './parse.ts';
import { stripInert } from './strip.ts';
import { cleanTextBlocks, finishParagraphs, hasMojibake, tidy } from './text.ts';

export { parseMachineDate, parseVisibleStamp, parseUrlTimestamp } from './dates.ts';

export interface CleanOptions {
  url?: string | null;
  source?: Source | null;
  /** ISO time of the fetch; no publication time after it is accepted. */
  fetchedAt?: string | null;
  /** A publication time given by the caller (CLI --published, feed pubDate) when the page has none. */
  published?: string | null;
}

/** Pages above this size are cut before parsing (a 50 MB page must not stall the run). */
export const MAX_HTML_CHARS = 8_000_000;

/** Clean a whole HTML page into an Article. Never throws on bad input: warnings say what went wrong. */
export function cleanHtml(html: string, options: CleanOptions = {}): Article {
  const warnings: string[] = [];
  const bad = badInputReason(html, 'html');
  if (bad) return emptyArticle(options, [bad]);
  let input = html;
  if (input.length > MAX_HTML_CHARS) {
    warnings.push(`truncated: page is ${input.length} characters, only the first ${MAX_HTML_CHARS} were read`);
    input = input.slice(0, MAX_HTML_CHARS);
  }
  if (!/<[a-zA-Z!?/]/.test(input.slice(0, 65_536))) return emptyArticle(options, ['not-html: input has no HTML tags (use cleanText for flattened text)']);

  const selectors = options.source?.selectors ?? null;
  let $: PageQuery;
  try {
    // htmlparser2 (several times faster than parse5, and iterative), inert markup stripped first;
    // without a profile, menus and sidebars go before parsing and only the attributes clean reads are kept.
    $ = pageQuery(parseHtml(stripInert(input, !selectors), !!selectors));
  } catch (err) {
    return emptyArticle(options, [`unparseable: ${(err as Error).message}`]);
  }
  const firstMatch = firstMatcher($, selectors ? [selectors.title, selectors.published, selectors.author, selectors.section, selectors.body, selectors.lead] : []);
  const zone = profileZone(options.source);
  const meta = readMetadata($, { url: options.url, fetchedAt: options.fetchedAt, selectors, published: null, firstMatch, zone });

  let container: Element | null = null;
  const extraDrops: Element[] = [];
  let lead: string | null = null;
  if (selectors?.body) {
    container = selectFirst(firstMatch, selectors.body);
    if (!container) warnings.push(`profile-fallback: body selector "${selectors.body}" of ${options.source?.id ?? 'profile'} matched nothing; generic extractor used`);
    else {
      const drop = (_: number, el: AnyNode): void => { if (el.type === 'tag') extraDrops.push(el as Element); };
      const furniture = selectors.furniture ?? [];
      // One query for the whole list (one walk of the tree instead of one per selector); selector by
      // selector only when the list does not parse, to name the invalid one.
      try { if (furniture.length) $(furniture.join(', ')).each(drop); } catch {
        for (const sel of furniture) {
          try { $(sel).each(drop); } catch { warnings.push(`profile-selector-invalid: ${sel}`); }
        }
      }
      if (selectors.lead) {
        const leadEl = selectFirst(firstMatch, selectors.lead);
        if (leadEl && !isInside(leadEl, container)) lead = tidy($(leadEl).text()) || null;
      }
    }
  }
  let result;
  try {
    result = extractBody($.root, { container, extraDrops, title: meta.title });
  } catch (err) {
    return emptyArticle(options, [...warnings, `extract-failed: ${(err as Error).message}`]);
  }
  let blocks = result.blocks.map((b) => b.text);
  // JSON-LD articleBody as a fallback: when the DOM pick is short and the page's own structured
  // data holds far more text (the body is rendered by script, or the pick was a teaser).
  const picked = blocks.reduce((n, b) => n + b.length, 0);
  if (meta.articleBody && picked < 1000 && !container) {
    const ldParagraphs = meta.articleBody.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
    const ldChars = ldParagraphs.reduce((n, p) => n + p.length, 0);
    if (ldChars > Math.max(picked * 2, 300) && !/<[a-z][^>]*>/i.test(meta.articleBody)) {
      // A lead the structured body leaves out stays in front of it.
      const ldText = tidy(meta.articleBody);
      const lead = blocks.filter((b) => b.length >= 80 && /[.!?…"”]$/.test(b) && !ldText.includes(tidy(b).slice(0, 60)));
      blocks = [...lead, ...ldParagraphs];
    }
  }
  if (lead && !blocks.some((b) => b.includes(lead!.slice(0, 60)))) blocks.unshift(lead);
  const cleaned = finishParagraphs(blocks, warnings, false);
  if (!cleaned.paragraphs.length) warnings.push('empty-body: no article text found');

  let published = meta.published;
  let publishedOrigin: MetaOrigin | null = meta.publishedOrigin;
  let publishedZone: PublishedZone | null = meta.publishedZone;
  if (!published && options.published) {
    const given = timeIn(options.published, zone, parseMachineDate);
    if (given && notAfter(given.value, options.fetchedAt)) { published = given.value; publishedOrigin = 'given'; publishedZone = given.zone; }
  }
  return build(cleaned.paragraphs, options, {
    title: meta.title,
    published, publishedOrigin, publishedZone,
    modified: meta.modified, modifiedOrigin: meta.modifiedOrigin,
    author: meta.author ?? cleaned.author,
    credit: cleaned.credit,
    section: meta.section,
    language: articleLanguage(meta.language ?? options.source?.language ?? null, cleaned.paragraphs.join(' ')),
    canonicalUrl: meta.canonicalUrl,
    warnings: [...warnings, ...(meta.title && hasMojibake(meta.title) && !warnings.some((w) => w.startsWith('mojibake')) ? ['mojibake: title decodes badly'] : [])],
  });
}

/** Clean text already flattened from a page (paragraphs separated by blank lines). */
export function cleanText(input: string, options: CleanOptions = {}): Article {
  const bad = badInputReason(input, 'text');
  if (bad) return emptyArticle(options, [bad]);
  const warnings: string[] = [];
  let text = input;
  if (text.length > MAX_HTML_CHARS) {
    warnings.push(`truncated: text is ${text.length} characters, only the first ${MAX_HTML_CHARS} were read`);
    text = text.slice(0, MAX_HTML_CHARS);
  }
  const cleaned = cleanTextBlocks(text);
  warnings.push(...cleaned.warnings);
  if (!cleaned.paragraphs.length) warnings.push('empty-body: no article text found');
  const zone = profileZone(options.source);
  const candidates: { time: ZonedTime | null; origin: MetaOrigin }[] = [
    { time: cleaned.titleStamp ? timeIn(cleaned.titleStamp, zone, parseVisibleStamp) : null, origin: 'visible-text' },
    { time: timeIn(options.url ?? '', zone, parseUrlTimestamp), origin: 'url' },
    { time: options.published ? timeIn(options.published, zone, parseMachineDate) : null, origin: 'given' },
  ];
  const pub = candidates.find((c) => c.time && notAfter(c.time.value, options.fetchedAt));
  return build(cleaned.paragraphs, options, {
    title: cleaned.title,
    published: pub?.time?.value ?? null, publishedOrigin: pub?.origin ?? null, publishedZone: pub?.time?.zone ?? null,
    modified: null, modifiedOrigin: null,
    author: cleaned.author, credit: cleaned.credit, section: null,
    language: articleLanguage(options.source?.language ?? null, cleaned.paragraphs.join(' ')),
    canonicalUrl: options.url ?? null,
    warnings,
  });
}

/** Bytes or a string of either kind; bytes are decoded with `decodeHtmlBytes`. */
export function cleanInput(content: Uint8Array | string, options: CleanOptions & { kind: 'html' | 'text'; contentType?: string | null }): Article {
  const text = typeof content === 'string' ? content : decodeHtmlBytes(content, options.contentType ?? undefined).text;
  return options.kind === 'html' ? cleanHtml(text, options) : cleanText(text, options);
}

interface Fields {
  title: string | null; published: string | null; publishedOrigin: MetaOrigin | null; publishedZone?: PublishedZone | null;
  modified: string | null; modifiedOrigin: MetaOrigin | null; author: string | null; credit: string | null;
  section: string | null; language: string; canonicalUrl: string | null; warnings: string[];
}

function build(paragraphs: string[], options: CleanOptions, f: Fields): Article {
  const text = paragraphs.join('\n\n');
  return {
    url: options.url ?? null,
    canonicalUrl: f.canonicalUrl ?? options.url ?? null,
    sourceId: options.source?.id ?? null,
    title: f.title,
    published: f.published, publishedOrigin: f.publishedOrigin, publishedZone: f.publishedZone ?? null,
    modified: f.modified, modifiedOrigin: f.modifiedOrigin,
    author: f.author, credit: f.credit, section: f.section,
    language: f.language,
    paragraphs, text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    warnings: f.warnings,
  };
}

function emptyArticle(options: CleanOptions, warnings: string[]): Article {
  return build([], options, {
    title: null, published: null, publishedOrigin: null, modified: null, modifiedOrigin: null, author: null, credit: null,
    section: null, language: options.source?.language ?? 'und', canonicalUrl: options.url ?? null, warnings,
  });
}

// Control characters other than tab, line feed, form feed and carriage return.
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f]/;

/** Empty, non-string or binary input, named so the run report can count it. */
function badInputReason(input: unknown, kind: 'html' | 'text'): string | null {
  if (typeof input !== 'string') return `bad-input: expected a decoded string, got ${input === null ? 'null' : typeof input}`;
  if (!/\S/.test(input)) return `empty-input: the ${kind} is empty`; // (trim() would copy the whole page)
  const head = input.slice(0, 8192);
  let control = 0;
  for (let i = CONTROL.exec(head) ? 0 : head.length; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) control++;
  }
  if (control > head.length * 0.01) return `binary-input: ${control} control characters in the first ${head.length}; not ${kind}`;
  return null;
}

interface ZonedTime { value: string; zone: PublishedZone }

/** A time parsed with the page's own offset, else the profile's zone, else none (`unknown`). */
function timeIn(raw: string, zone: Zone, parse: (raw: string, zone: Zone) => string | null): ZonedTime | null {
  const stated = parse(raw, null);
  if (!stated) return null;
  if (hasOffset(stated)) return { value: zone ? parse(raw, zone) ?? stated : stated, zone: 'stated' };
  return zone ? { value: parse(raw, zone) ?? stated, zone: 'profile' } : { value: stated, zone: 'unknown' };
}

function selectFirst(firstMatch: FirstMatch, selector: string): Element | null {
  const el = firstMatch(selector);
  return el && el.type === 'tag' ? (el as Element) : null;
}

function isInside(el: Element, container: Element): boolean {
  let p: Element['parent'] = el;
  while (p) { if (p === container) return true; p = p.parent; }
  return false;
}

const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

interface LanguageEvidence {
  /** Letters only Vietnamese uses, per character of the sample. */
  vietnameseShare: number;
  /** The language with the most stopwords in the sample, and its count. */
  top: string | null;
  topVotes: number;
  votes: Map<string, number>;
}

function languageEvidence(text: string): LanguageEvidence | null {
  const sample = text.slice(0, 4000).toLowerCase();
  if (!sample) return null;
  const vietnameseShare = (sample.match(VI_LETTERS) ?? []).length / sample.length;
  // One scan over the sample's words, each looked up in a map of stopwords, instead of a regex per stopword.
  const votes = new Map<string, number>();
  if (vietnameseShare <= 0.03) {
    // Runs of letters by hand, and only the short ones looked up: every stopword has at most
    // STOPWORD_MAX letters, and a regex match per word cost ~100 µs a page (a run per page now).
    let start = -1;
    for (let i = 0; i <= sample.length; i++) {
      const code = i < sample.length ? sample.codePointAt(i)! : 32;
      const letter = code < 0x80 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) : LETTER.test(String.fromCodePoint(code));
      if (letter) {
        if (start < 0) start = i;
        if (code > 0xffff) i++;
        continue;
      }
      if (start >= 0 && i - start <= STOPWORD_MAX) {
        const lang = STOPWORD_LANG.get(sample.slice(start, i));
        if (lang) votes.set(lang, (votes.get(lang) ?? 0) + 1);
      }
      start = -1;
    }
  }
  let top: string | null = null;
  let topVotes = 0;
  for (const [lang] of STOPWORDS) {
    const n = votes.get(lang) ?? 0;
    if (n > topVotes) { top = lang; topVotes = n; }
  }
  return { vietnameseShare, top, topVotes, votes };
}

/** Vietnamese by its letters; otherwise a few stopwords; `und` when unsure. */
function guessLanguage(text: string): string {
  const evidence = languageEvidence(text);
  if (!evidence) return 'und';
  if (evidence.vietnameseShare > 0.03) return 'vi';
  return evidence.topVotes >= 3 ? evidence.top! : 'und';
}

/**
 * The article's language: the one its page (html lang, JSON-LD, og:locale) or its source declares,
 * unless the text plainly says otherwise — site templates declare `lang="en"` over pages in any
 * language, and the language picks the extraction rules (English rules on German text find junk
 * numbers; on Vietnamese text, nothing). Vietnamese letters make it `vi`; a text without them whose
 * stopwords are clearly another language's (≥ 10, over 3× the declared one's) takes that language.
 */
function articleLanguage(declared: string | null, text: string): string {
  if (!declared) return guessLanguage(text);
  const evidence = languageEvidence(text);
  if (!evidence) return declared;
  if (evidence.vietnameseShare > 0.03) return 'vi';
  const { top, topVotes } = evidence;
  if (!top || top === declared || topVotes < 10) return declared;
  // Declared Vietnamese with hardly a Vietnamese letter; or a declared language the vote knows, outvoted.
  if (declared === 'vi' ? evidence.vietnameseShare < 0.005 : STOPWORD_LANGS.has(declared) && topVotes > 3 * (evidence.votes.get(declared) ?? 0)) return top;
  return declared;
}

const STOPWORDS: [string, string[]][] = [
  ['en', ['the', 'and', 'of', 'to', 'is', 'that']],
  ['de', ['der', 'die', 'und', 'das', 'ist', 'nicht']],
  ['fr', ['le', 'la', 'les', 'et', 'des', 'est']],
  ['pl', ['i', 'w', 'się', 'nie', 'na', 'że']],
];
const STOPWORD_LANGS = new Set(STOPWORDS.map(([lang]) => lang));
const STOPWORD_LANG = new Map(STOPWORDS.flatMap(([lang, words]) => words.map((w) => [w, lang] as const)));
// A stopword counts where it stands between non-letters (digits and `_` do not break it off).
const STOPWORD_MAX = Math.max(...STOPWORDS.flatMap(([, words]) => words.map((w) => w.length)));
const LETTER = /\p{L}/u;
