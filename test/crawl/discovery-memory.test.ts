// Discovery streams: the URLs a site lists go to the crawl state in batches as they are parsed, so a
// crawl's memory does not grow with the number of URLs (the bench's discovery phase shows 10k → 3M;
// here 10k against 100k, not timed). The crawl still fetches the newest articles first.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSitemapServer } from '../helpers/sitemap-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import type { DiscoveryMeasure, DiscoveryRunOptions } from '../helpers/discovery-run.ts';
import { ROOT } from '../cli/run-cli.ts';

const PER_SITEMAP = 5000;

/** One crawl of a site listing `urls` URLs, in a child process of its own (with --expose-gc). */
async function measure(urls: number): Promise<DiscoveryMeasure> {
  const server = await startSitemapServer({ urls, perSitemap: PER_SITEMAP });
  try {
    const source = server.source();
    const options: DiscoveryRunOptions = {
      source: { ...source, articleUrlPattern: source.articleUrlPattern!.source }, sitemapFiles: server.sitemapFiles, articles: 3, liveHeapEveryMs: 100,
    };
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', 'bin/run-ts.js', 'test/helpers/discovery-child.ts', JSON.stringify(options)], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`discovery child exited ${code}`))));
    });
    return JSON.parse(out) as DiscoveryMeasure;
  } finally {
    await server.close();
  }
}

describe('discovery streams into the crawl state', () => {
  const suite = crawlSuite({ articles: 1 }, 'vnpress-discovery-');

  it('URLs are in the crawl state before the last sitemap is read, and the newest are fetched first', async () => {
    const store = new Store(join(suite.dir, 'stream.db'));
    // Children listed without dates: the files are read oldest first, the newest URLs come last.
    const server = await startSitemapServer({ urls: 30_000, perSitemap: PER_SITEMAP, indexLastmod: false });
    const source = server.source();
    const fetcher = new Fetcher({ contactUrl: 'https://example.org/contact', sources: [source], politeness: { defaultMinDelayMs: 0 } });
    // What the crawl state holds each time a sitemap file is about to be read.
    const storedAtFetch: number[] = [];
    const watching = {
      fetchPage: (url: string, request: Parameters<Fetcher['fetchPage']>[1]) => {
        if (/part-\d+\.xml\.gz$/.test(url)) storedAtFetch.push(store.db.prepare(`SELECT count(*) FROM urls WHERE kind = 'article'`).pluck().get() as number);
        return fetcher.fetchPage(url, request);
      },
    };
    const fetched: string[] = [];
    try {
      const report = await runCrawl({
        store, sources: [source], fetcher: watching, discover, pipeline: 'stream', maxArticlesPerSource: 4, concurrency: 1,
        onProgress: (e) => { if (e.type === 'article') fetched.push(e.url); },
      });
      expect(report.sources[0]!.counts.discovered).toBe(30_000);
      expect(storedAtFetch).toHaveLength(6);
      // Each file's URLs were written before the next file was read (batches of at most 5,000).
      expect(storedAtFetch.at(-1)).toBeGreaterThanOrEqual(30_000 - PER_SITEMAP - 5000);
      // The newest articles are in the last file read; they are still the ones fetched first.
      expect(fetched).toEqual([29_999, 29_998, 29_997, 29_996].map((k) => server.articleUrl(k)));
      // Every sitemap is marked read, in the same transactions as its URLs.
      const sitemaps = store.db.prepare(`SELECT status, count(*) AS n FROM urls WHERE kind = 'sitemap' GROUP BY status`).all();
      expect(sitemaps).toEqual([{ status: 'fetched', n: server.sitemapFiles }]);
    } finally {
      await fetcher.close();
      await server.close();
      store.close();
    }
  }, 120_000);

  it('the heap a crawl holds does not grow with the number of URLs listed (10k against 100k)', async () => {
    const small = await measure(10_000);
    const large = await measure(100_000);
    expect(small.discovered).toBe(10_000);
    expect(large.discovered).toBe(100_000);
    expect(large.fetched).toEqual([99_999, 99_998, 99_997].map((k) => expect.stringContaining(`/tin/${k}-`)));
    // Before discovery streamed, every URL was held until discovery ended: the live heap grew by
    // ~25 MB from 10k to 100k URLs (about 250 bytes per URL). Streaming holds one batch and one file.
    expect(large.liveHeapMaxMb! - small.liveHeapMaxMb!, JSON.stringify({ small, large })).toBeLessThan(8);
  }, 300_000);
});
