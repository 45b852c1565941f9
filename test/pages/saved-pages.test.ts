// Every saved page of an outlet runs through that outlet's profile, found by convention: a file
// fixtures/pages/<profile-id>.<anything>.html with <same name>.expect.json beside it saying what
// the page must yield (fixtures/pages/README.md describes the two kinds). Dropping a page in the
// folder is enough to get it tested; a page without its expectation file fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findSource, findSourceForUrl } from '../../pipelines/index.ts';
import { cleanHtml } from '../../src/clean/index.ts';
import { canonicalUrl } from '../../src/fetch/canonical.ts';
import { discoverSource, parseListing, type PageFetcher } from '../../src/fetch/discover.ts';
import type { FetchOutcome } from '../../src/fetch/fetcher.ts';
import { readInput } from '../../src/fetch/files.ts';
import type { Source } from '../../src/core/types.ts';

const PAGES_DIR = join(import.meta.dirname, '../../fixtures/pages');

const snippets = z.array(z.string().min(1)).min(1);

/** An article page: what clean must read from it through the profile. */
const ArticleExpectation = z.strictObject({
  kind: z.literal('article'),
  /** The URL the page was saved from. */
  url: z.url(),
  /** When it was saved (no publication time after it is accepted); default: now. */
  fetchedAt: z.iso.datetime({ offset: true }).optional(),
  title: z.string().min(1),
  published: z.iso.datetime({ offset: true }).nullable(),
  author: z.string().min(1).nullable(),
  section: z.string().min(1).nullable().optional(),
  language: z.string().min(2).optional(),
  firstParagraphStartsWith: z.string().min(1).optional(),
  minParagraphs: z.int().positive().optional(),
  /** True when the page predates the profile's selectors and the generic extractor must take over. */
  profileFallback: z.boolean().optional(),
  /** Body text that must be kept (spelled as on the page). */
  bodyContains: snippets,
  /** Page furniture that must not reach the body (related lists, bylines, share bars…); each is on the page. */
  bodyExcludes: snippets,
});

/** A listing page: which of its links the profile's discovery must take for articles. */
const ListingExpectation = z.strictObject({
  kind: z.literal('listing'),
  url: z.url(),
  /** How many distinct article URLs discovery finds on the page. */
  articleCount: z.int().nonnegative().optional(),
  /** Links on the page that discovery must return. */
  articles: snippets,
  /** Links on the page that discovery must not return (sections, events, other hosts…). */
  notArticles: snippets,
});

const Expectation = z.discriminatedUnion('kind', [ArticleExpectation, ListingExpectation]);
type ArticleExpectation = z.infer<typeof ArticleExpectation>;
type ListingExpectation = z.infer<typeof ListingExpectation>;

const files = readdirSync(PAGES_DIR);
const pages = files.filter((f) => f.endsWith('.html')).sort();
const expectationName = (page: string) => page.replace(/\.html$/, '.expect.json');

/** The visible text of a page, one space per gap: where furniture snippets must be found. */
function pageText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  return $.root().text().replace(/\s+/g, ' ').normalize('NFC');
}

function loadExpectation(page: string) {
  const name = expectationName(page);
  const parsed = Expectation.safeParse(JSON.parse(readFileSync(join(PAGES_DIR, name), 'utf8')));
  if (!parsed.success) throw new Error(`fixtures/pages/${name} is not a valid expectation:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readPage(page: string): string {
  const read = readInput(join(PAGES_DIR, page));
  if (read.problem) throw new Error(`fixtures/pages/${page}: ${read.problem}`);
  return read.content;
}

it('finds saved pages, and every expectation file has its page', () => {
  expect(pages.length).toBeGreaterThan(0);
  for (const name of files.filter((f) => f.endsWith('.expect.json'))) {
    expect(files, `fixtures/pages/${name} has no page beside it`).toContain(name.replace(/\.expect\.json$/, '.html'));
  }
});

describe.each(pages)('fixtures/pages/%s', (page) => {
  const id = page.split('.')[0]!;
  const source = findSource(id);
  const hasExpectation = existsSync(join(PAGES_DIR, expectationName(page)));

  let expected: z.infer<typeof Expectation> | null = null;
  let invalid: Error | null = null;
  if (hasExpectation) {
    try { expected = loadExpectation(page); } catch (error) { invalid = error as Error; }
  }

  it('is named after a profile and has a valid expectation file', () => {
    expect(source, `fixtures/pages/${page}: no profile "${id}" in pipelines/ (name saved pages <profile-id>.<anything>.html)`).toBeDefined();
    expect(hasExpectation, `add fixtures/pages/${expectationName(page)} (what the page must yield; see fixtures/pages/README.md)`).toBe(true);
    if (invalid) throw invalid;
    expect(findSourceForUrl(expected!.url)?.id, `${expected!.url} is not a URL of profile ${id}`).toBe(id);
  });

  if (!source || !expected) return;
  if (expected.kind === 'article') articleChecks(page, source, expected);
  else listingChecks(page, source, expected);
});

function articleChecks(page: string, source: Source, expected: ArticleExpectation): void {
  const html = readPage(page);
  const article = cleanHtml(html, { url: expected.url, source, fetchedAt: expected.fetchedAt ?? null });

  it('reads title, dates, author and section through the profile', () => {
    expect(article.title, 'title').toBe(expected.title);
    expect(article.published, 'published').toBe(expected.published);
    expect(article.author, 'author').toBe(expected.author);
    if (expected.section !== undefined) expect(article.section, 'section').toBe(expected.section);
    if (expected.language !== undefined) expect(article.language, 'language').toBe(expected.language);
    const fellBack = article.warnings.filter((w) => w.startsWith('profile-fallback'));
    if (expected.profileFallback) expect(fellBack.length, 'the profile was expected to fall back to the generic extractor').toBeGreaterThan(0);
    else expect(fellBack, 'the profile\'s selectors no longer match this page').toEqual([]);
  });

  it('keeps the body', () => {
    for (const snippet of expected.bodyContains) expect(article.text, 'body text').toContain(snippet);
    if (expected.firstParagraphStartsWith) expect(article.paragraphs[0]?.startsWith(expected.firstParagraphStartsWith), `first paragraph: ${article.paragraphs[0]}`).toBe(true);
    if (expected.minParagraphs) expect(article.paragraphs.length, 'paragraphs').toBeGreaterThanOrEqual(expected.minParagraphs);
  });

  it('leaves the furniture out', () => {
    const visible = pageText(html);
    for (const snippet of expected.bodyExcludes) {
      // A snippet that is not on the page would pass without testing anything.
      expect(visible, `"${snippet}" is not on the page: an exclusion must name furniture the page has`).toContain(snippet);
      expect(article.text, 'body text').not.toContain(snippet);
    }
  });
}

function listingChecks(page: string, source: Source, expected: ListingExpectation): void {
  const html = readPage(page);

  /** The saved page stands in for the site at its URL; nothing else is served. */
  const savedPage: PageFetcher = {
    async fetchPage(url): Promise<FetchOutcome> {
      if (url !== expected.url) return { outcome: 'failed', url, action: 'give-up', reason: 'not-found', status: 404, attempts: 1 };
      return {
        outcome: 'ok', attempts: 1, redirects: [], bytes: Buffer.from(html),
        page: { url, finalUrl: url, status: 200, headers: {}, fetchedAt: new Date().toISOString(), html, charset: 'utf-8', sourceId: source.id },
      };
    },
  };
  // The profile's discovery, pointed at this one listing page instead of its feeds, sitemaps and sections.
  const onePage: Source = { ...source, feeds: [], sitemaps: [], listings: [{ url: expected.url, maxPages: 1 }] };
  const linksOnPage = new Set(parseListing(html, expected.url).links.map((l) => canonicalUrl(l.url) ?? l.url));

  it('discovery through the profile finds the article links', async () => {
    const result = await discoverSource(onePage, savedPage);
    expect(result.endpoints.map((e) => e.outcome)).toEqual(['ok']);
    const found = new Set(result.urls.map((u) => u.url));
    for (const url of expected.articles) {
      expect(linksOnPage.has(url), `${url} is not a link on the page`).toBe(true);
      expect(found.has(url), `${url} should be discovered`).toBe(true);
    }
    for (const url of expected.notArticles) {
      expect(linksOnPage.has(url), `${url} is not a link on the page: a refusal must name a link the page has`).toBe(true);
      expect(found.has(url), `${url} should not be taken for an article`).toBe(false);
    }
    if (expected.articleCount !== undefined) expect(found.size, 'article URLs discovered').toBe(expected.articleCount);
  });
}
