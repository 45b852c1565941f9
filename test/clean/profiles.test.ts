// Every site profile in the registry (pipelines/index.ts), whatever their number: well-formed,
// registered, distinct, fetching only from its own hosts, and classifying its own example URLs.
// A new profile needs no edit here: it must carry `examples` and pass the same checks.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { allSources, findSource, findSourceForUrl } from '../../pipelines/index.ts';
import { articleMatcher } from '../../src/fetch/discover.ts';
import { canonicalUrl, hostKey } from '../../src/fetch/canonical.ts';
import { pipelineNames, PIPELINES_DIR } from '../../src/run/pipelines.ts';
import type { Source } from '../../src/core/types.ts';

const hostsOf = (s: Source) => new Set([new URL(s.baseUrl).host, ...(s.hosts ?? [])].map(hostKey));
const onHosts = (s: Source, url: string) => hostsOf(s).has(hostKey(new URL(url).host));

/** Every URL the profile itself fetches to discover articles: none of them is an article. */
const endpointsOf = (s: Source) => [s.baseUrl, ...(s.feeds ?? []), ...(s.sitemaps ?? []), ...(s.listings ?? []).map((l) => l.url)];

describe('the profile registry', () => {
  it('holds at least one profile, with distinct ids and hosts', () => {
    expect(allSources.length).toBeGreaterThan(0);
    const ids = allSources.map((s) => s.id);
    expect(new Set(ids).size, `duplicate ids: ${ids.join(', ')}`).toBe(ids.length);
    // A host claimed by two profiles would make findSourceForUrl depend on the order of the list.
    const owner = new Map<string, string>();
    for (const s of allSources) {
      for (const host of hostsOf(s)) {
        expect(owner.get(host), `${host} is claimed by ${owner.get(host)} and ${s.id}`).toBeUndefined();
        owner.set(host, s.id);
      }
    }
  });

  it('lists every profile file of pipelines/, and each file is named after its id', async () => {
    // A file that default-exports one Source is a profile; index.ts, demo.ts and nightly.ts are not.
    const profileFiles = new Map<string, unknown>();
    for (const file of readdirSync(PIPELINES_DIR).filter((f) => f.endsWith('.ts'))) {
      const loaded = (await import(pathToFileURL(join(PIPELINES_DIR, file)).href)) as { default?: unknown };
      const value = loaded.default as Partial<Source> | undefined;
      if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.id === 'string' && typeof value.baseUrl === 'string') {
        profileFiles.set(file, value);
      }
    }
    const registered = new Set<unknown>(allSources);
    for (const [file, source] of profileFiles) {
      expect(registered.has(source), `pipelines/${file} default-exports a Source that is not in allSources: import it in pipelines/index.ts`).toBe(true);
    }
    for (const s of allSources) {
      expect(profileFiles.get(`${s.id}.ts`), `profile ${s.id} must be the default export of pipelines/${s.id}.ts`).toBe(s);
    }
  });

  it('makes every profile a pipeline that `vnpress crawl <id>` can run', () => {
    const names = pipelineNames();
    for (const s of allSources) expect(names, s.id).toContain(s.id);
  });

  it('finds profiles by id and by URL, and nothing for unknown ids or non-URLs', () => {
    for (const s of allSources) {
      expect(findSource(s.id)).toBe(s);
      expect(findSourceForUrl(s.baseUrl)?.id, s.baseUrl).toBe(s.id);
      for (const url of s.examples?.article ?? []) expect(findSourceForUrl(url)?.id, url).toBe(s.id);
    }
    const some = allSources[0]!;
    const host = new URL(some.baseUrl).hostname.replace(/^www\./, '');
    expect(findSourceForUrl(`https://www.${host}/x-1.html`)?.id, 'www. and bare host are the same site').toBe(some.id);
    expect(findSource('no-such-profile')).toBeUndefined();
    expect(findSourceForUrl('https://example.invalid/a-1.html')).toBeUndefined();
    expect(findSourceForUrl('not a url')).toBeUndefined();
  });
});

describe.each(allSources.map((s) => [s.id, s] as const))('profile %s', (id, s) => {
  it('is well-formed', () => {
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(s.name.trim()).not.toBe('');
    const base = new URL(s.baseUrl);
    expect(base.protocol).toBe('https:');
    expect(base.pathname, 'baseUrl is the site root').toBe('/');
    expect(s.baseUrl.endsWith('/')).toBe(true);
    expect(['vi', 'en']).toContain(s.language);
    expect(s.articleUrlPattern).toBeInstanceOf(RegExp);
    // A g or y flag makes .test() stateful: the same URL would alternate between match and no match.
    expect(s.articleUrlPattern!.flags).not.toMatch(/[gy]/);
    expect((s.feeds?.length ?? 0) + (s.sitemaps?.length ?? 0), 'at least one feed or sitemap').toBeGreaterThan(0);
    for (const l of s.listings ?? []) if (l.maxPages !== undefined) expect(Number.isInteger(l.maxPages) && l.maxPages > 0, `${l.url} maxPages`).toBe(true);
    for (const [key, value] of Object.entries(s.rateLimit ?? {})) expect(Number.isFinite(value) && value >= 0, `rateLimit.${key}`).toBe(true);
    expect(s.selectors?.dateFormat, 'selectors.dateFormat (the visible date stamp)').toBeTruthy();
  });

  it('has selectors that parse as CSS', () => {
    const $ = cheerio.load('<html><body></body></html>');
    const { dateFormat: _informational, furniture = [], ...single } = s.selectors ?? {};
    for (const selector of [...Object.values(single), ...furniture]) {
      expect(() => $(selector as string), selector as string).not.toThrow();
    }
  });

  it('fetches feeds, sitemaps and listings from its own hosts, and none of them is an article', () => {
    const isArticle = articleMatcher(s);
    for (const url of endpointsOf(s)) {
      expect(new URL(url).protocol, url).toBe('https:');
      expect(onHosts(s, url), `${url} is not on ${[...hostsOf(s)].join(', ')}`).toBe(true);
      expect(isArticle(url), `${url} taken for an article`).toBe(false);
    }
  });

  it('carries example URLs, and classifies them as its discovery does', () => {
    expect(s.examples, `add examples: { article: [...], notArticle: [...] } to pipelines/${id}.ts`).toBeDefined();
    const { article, notArticle } = s.examples!;
    expect(article.length, 'at least one article example').toBeGreaterThan(0);
    expect(notArticle.length, 'at least one section/aggregate example').toBeGreaterThan(0);
    const isArticle = articleMatcher(s);
    for (const url of article) {
      expect(canonicalUrl(url), `${url} is written in canonical form`).toBe(url);
      expect(isArticle(url), `${url} should be an article`).toBe(true);
    }
    for (const url of notArticle) {
      // On the profile's own host: the article pattern, not the host check, must refuse it.
      expect(onHosts(s, url), `${url} is not on the profile's hosts`).toBe(true);
      expect(isArticle(url), `${url} should not be an article`).toBe(false);
    }
  });
});
