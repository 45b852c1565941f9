// The benchmark site works end to end through discovery and the Fetcher (small and fast here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSource } from '../../src/fetch/discover.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { startCrawlServer, type CrawlServer } from '../bench/crawl-server.ts';

describe('bench crawl server', () => {
  let site: CrawlServer;
  let fetcher: Fetcher;
  beforeAll(async () => {
    site = await startCrawlServer({ pages: 120, perSitemap: 50, latencyMs: [1, 3] });
    fetcher = new Fetcher({ contactUrl: 'https://example.org/vnpress', sources: [site.source], politeness: { defaultMinDelayMs: 0 } });
  });
  afterAll(async () => {
    await fetcher.close();
    await site.close();
  });

  it('its sitemaps list every article, newest first, and pages come back gzipped, decoded and conditional', async () => {
    const d = await discoverSource(site.source, fetcher);
    expect(d.urls).toHaveLength(120);
    expect(d.urls[0]?.url).toBe(site.articleUrl(0));
    expect(d.urls.at(-1)?.url).toBe(site.articleUrl(119));
    expect(d.endpoints.filter((e) => e.kind === 'sitemap')).toHaveLength(4); // index + 3 parts

    const first = await fetcher.fetchPage(site.articleUrl(7), { sourceId: 'bench', kind: 'article' });
    if (first.outcome !== 'ok') throw new Error(first.outcome);
    expect(first.page.html).toContain('<article>');
    expect(first.page.html.length).toBeGreaterThan(15_000);
    const again = await fetcher.fetchPage(site.articleUrl(7), { sourceId: 'bench', kind: 'article', etag: first.page.etag ?? null });
    expect(again.outcome).toBe('not-modified');
    site.touch(7);
    const changed = await fetcher.fetchPage(site.articleUrl(7), { sourceId: 'bench', kind: 'article', etag: first.page.etag ?? null });
    expect(changed.outcome).toBe('ok');
    expect(changed.outcome === 'ok' && changed.page.html).not.toBe(first.page.html);
  });
});
