// One crawl of a sitemap site (test/helpers/sitemap-server.ts) in this process, measured for memory:
// discovery of every listed URL into the crawl state, then a few article fetches. Run in a child
// process of its own (test/helpers/discovery-child.ts, the bench's phases/discovery.ts) so that its
// peak RSS is the crawl's alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { runCrawl, type CrawlOptions } from '../../src/run/crawl.ts';
import type { Source } from '../../src/core/types.ts';

export interface DiscoveryRunOptions {
  /** The site's Source, its article pattern as a string (it crosses a process boundary as JSON). */
  source: Omit<Source, 'articleUrlPattern'> & { articleUrlPattern: string };
  /** Sitemap files the site has: the run's sitemap budget. */
  sitemapFiles: number;
  /** Articles fetched after discovery. */
  articles: number;
  /** Sample the live heap (a full GC before each sample: needs --expose-gc) every this many ms. */
  liveHeapEveryMs?: number;
}

export interface DiscoveryMeasure {
  discovered: number;
  /** The article URLs fetched, in order (newest first is expected). */
  fetched: string[];
  status: string;
  peakRssMb: number;
  /** Largest heap used seen by a sampler every 50 ms (no forced GC: what the process really held). */
  sampledHeapMaxMb: number;
  /** Heap used after a full GC at the end (when the process runs with --expose-gc). */
  liveHeapAtEndMb: number | null;
  /** Largest heap used right after a full GC, sampled every `liveHeapEveryMs` (with --expose-gc): what the run holds. */
  liveHeapMaxMb: number | null;
  wallMs: number;
  cpuMs: number;
  dbUrls: number;
}

export async function crawlSitemapSite(options: DiscoveryRunOptions): Promise<DiscoveryMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-discovery-'));
  const source: Source = { ...options.source, articleUrlPattern: new RegExp(options.source.articleUrlPattern) };
  const store = new Store(join(dir, 'discovery.db'));
  const fetcher = new Fetcher({ contactUrl: 'https://example.org/contact', sources: [source], politeness: { defaultMinDelayMs: 0, globalConcurrency: 4 } });
  let heapMax = 0;
  let liveMax = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const sampler = setInterval(() => { heapMax = Math.max(heapMax, process.memoryUsage().heapUsed); }, 50);
  const liveSampler = gc && options.liveHeapEveryMs ? setInterval(() => {
    gc();
    liveMax = Math.max(liveMax, process.memoryUsage().heapUsed);
  }, options.liveHeapEveryMs) : undefined;
  const fetched: string[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const crawl: CrawlOptions = {
      store, sources: [source], fetcher, discover, pipeline: 'discovery', maxArticlesPerSource: options.articles, concurrency: 1,
      discoverOptions: { maxSitemaps: options.sitemapFiles },
      onProgress: (e) => { if (e.type === 'article') fetched.push(e.url); },
    };
    const report = await runCrawl(crawl);
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    clearInterval(liveSampler);
    gc?.();
    return {
      discovered: report.sources[0]!.counts.discovered, fetched, status: report.status,
      peakRssMb: process.resourceUsage().maxRSS / 1024, sampledHeapMaxMb: heapMax / 1048576,
      liveHeapAtEndMb: gc ? process.memoryUsage().heapUsed / 1048576 : null,
      liveHeapMaxMb: liveSampler ? liveMax / 1048576 : null,
      wallMs, cpuMs: (used.user + used.system) / 1000,
      dbUrls: store.db.prepare(`SELECT count(*) FROM urls WHERE kind = 'article'`).pluck().get() as number,
    };
  } finally {
    clearInterval(sampler);
    clearInterval(liveSampler);
    await fetcher.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
