// Phase 7 child: the memory of a crawl whose site lists `urls` article URLs in sitemaps (a root
// index, nested indexes, gzipped urlsets of 50,000, generated on the fly by a server in a process of
// its own). The crawl discovers every URL into the crawl state, then fetches a few articles (the
// newest, which the site lists last). Reported: peak RSS of this process, the largest live heap
// (sampled after a full GC every second), wall and CPU.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crawlSitemapSite, type DiscoveryRunOptions } from '../../helpers/discovery-run.ts';
import { childMain } from './shared.ts';

export interface DiscoveryBenchOptions {
  urls: number;
}

const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

function startServer(urls: number): Promise<{ source: DiscoveryRunOptions['source']; sitemapFiles: number; close(): Promise<void> }> {
  const script = fileURLToPath(new URL('./sitemap-server-child.ts', import.meta.url));
  const child = fork(RUN_TS, [script, JSON.stringify({ urls })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { source: DiscoveryRunOptions['source']; sitemapFiles: number }) => resolve({
      source: m.source, sitemapFiles: m.sitemapFiles,
      close: () => new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.send('close');
      }),
    }));
    child.once('exit', (code) => reject(new Error(`sitemap server exited (${code}) before it was ready`)));
  });
}

await childMain(async (options: DiscoveryBenchOptions) => {
  const server = await startServer(options.urls);
  try {
    const measure = await crawlSitemapSite({ source: server.source, sitemapFiles: server.sitemapFiles, articles: 20, liveHeapEveryMs: 1000 });
    return { label: `discovery ${options.urls}`, figures: [], notes: [], detail: { urls: options.urls, sitemapFiles: server.sitemapFiles, ...measure } };
  } finally {
    await server.close();
  }
});
