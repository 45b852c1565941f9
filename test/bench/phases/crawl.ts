// Phase 3 child: crawl overhead. The local news site runs in a separate process with realistic
// latency; this process measures, in order:
//   1. the baseline: a bare undici GET loop over the same article URLs at the same concurrency
//      (same Accept-Encoding, body read, nothing else);
//   2. the real crawl: Fetcher + discover + runCrawl + Store into a temp database (robots.txt,
//      sitemaps, politeness, conditional-request state, charset decoding, clean, extract, store);
//   3. processPage alone over the very pages the crawl stored (read back from raw_pages), and
//      Store.saveArticle of its output into a second temp database, each timed per call.
// CPU beyond clean+extract = crawl CPU per page − processPage CPU per page (step 3). The crawl's
// pages are read back after it, so the crawl and the subtraction run over identical HTML.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { Fetcher } from '../../../src/fetch/fetcher.ts';
import { discover } from '../../../src/fetch/discover.ts';
import { runCrawl } from '../../../src/run/crawl.ts';
import { processPage } from '../../../src/run/process.ts';
import type { Source } from '../../../src/core/types.ts';
import { Store } from '../../../src/store/db.ts';
import { childMain, cpuMsSince, rssMb } from './shared.ts';

export interface CrawlBenchOptions {
  pages: number;
  concurrency: number;
  latencyMs: [number, number];
}

interface ServerHandle {
  baseUrl: string;
  source: Source;
  close(): Promise<void>;
}

const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

function startServer(pages: number, latencyMs: [number, number]): Promise<ServerHandle> {
  const script = fileURLToPath(new URL('./crawl-server-child.ts', import.meta.url));
  // run-ts.js registers tsx and imports the script; fork gives the IPC channel.
  const child = fork(RUN_TS, [script, JSON.stringify({ pages, latencyMs })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: string; baseUrl: string; source: Omit<Source, 'articleUrlPattern'>; pattern: string | null }) => {
      const source: Source = { ...m.source, ...(m.pattern ? { articleUrlPattern: new RegExp(m.pattern) } : {}) };
      resolve({
        baseUrl: m.baseUrl, source,
        close: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.send('close');
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`crawl server exited (${code}) before it was ready`)));
  });
}

async function bareFetchLoop(urls: string[], concurrency: number, keep: number) {
  const agent = new Agent({ connections: concurrency });
  const kept: Buffer[] = [];
  let next = 0;
  let bytes = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await request(url, {
        dispatcher: agent, headers: { 'user-agent': 'vnpress-bench', 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' },
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      if (res.statusCode !== 200) failed++;
      bytes += body.length;
      if (kept.length < keep) kept.push(res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const result = { pages: urls.length, failed, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu), wireBytes: bytes };
  await agent.close();
  return { result, kept };
}

await childMain(async (options: CrawlBenchOptions) => {
  const server = await startServer(options.pages, options.latencyMs);
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-crawl-'));
  try {
    const source: Source = { ...server.source, rateLimit: { ...server.source.rateLimit, concurrency: options.concurrency, maxArticlesPerRun: options.pages } };
    const urls = Array.from({ length: options.pages }, (_v, id) => `${server.baseUrl}/a/tin-${id}.html`);

    // 1. Baseline. Its first pages also warm processPage (JIT, lexicons) so that the crawl is not charged for
    // that: the subtraction below re-runs processPage warm, so a warm-up shorter than the JIT's (it takes a few
    // hundred pages to settle) would be counted as the crawl's own overhead.
    const bare = await bareFetchLoop(urls, options.concurrency, Math.min(urls.length, 400));
    for (const body of bare.kept) processPage(body.toString('utf8'), 'html', { url: urls[0]!, source });

    // 2. The crawl.
    const store = new Store(join(dir, 'crawl.db'));
    const fetcher = new Fetcher({ contactUrl: 'https://bench.invalid/contact', sources: [source], politeness: { globalConcurrency: options.concurrency } });
    const rssBefore = rssMb();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = await runCrawl({
      store, sources: [source], fetcher, discover, pipeline: 'bench', concurrency: options.concurrency, maxArticlesPerSource: options.pages,
    });
    const crawl = {
      wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu), cleanExtractCpuMs: report.cpu.cleanExtractMs, rssBeforeMb: rssBefore, rssAfterMb: rssMb(),
      peakRssMb: process.resourceUsage().maxRSS / 1024, counts: report.sources[0]?.counts, status: report.status,
      fetcher: (({ requests, retries, ok, failed, reasons, bytes }) => ({ requests, retries, ok, failed, reasons, bytes }))(fetcher.stats()),
    };
    await fetcher.close();
    const fetchedPages = crawl.counts?.fetched ?? 0;

    // 3. processPage and saveArticle alone, per call, over the pages the crawl stored.
    const replay = new Store(join(dir, 'replay.db'));
    replay.upsertSource(source);
    let processCpu = 0;
    let processWall = 0;
    let saveCpu = 0;
    let replayed = 0;
    const rows = store.db.prepare('SELECT url, fetched_at AS fetchedAt, content_type AS contentType, charset, html_gzip AS html FROM raw_pages').iterate() as
      IterableIterator<{ url: string; fetchedAt: string | null; contentType: string | null; charset: string | null; html: Buffer }>;
    for (const row of rows) {
      const html = gunzipSync(row.html).toString('utf8');
      let c = process.cpuUsage();
      const t = performance.now();
      const { article, extraction } = processPage(html, 'html', { url: row.url, source, fetchedAt: row.fetchedAt });
      processWall += performance.now() - t;
      processCpu += cpuMsSince(c);
      c = process.cpuUsage();
      replay.saveArticle(article, extraction, { raw: { html, fetchedAt: row.fetchedAt, contentType: row.contentType, charset: row.charset ?? 'utf-8' } });
      saveCpu += cpuMsSince(c);
      replayed++;
    }
    const dbMb = statSync(join(dir, 'crawl.db')).size / 1048576;
    store.close();
    replay.close();
    return {
      label: 'crawl', figures: [], notes: [],
      detail: { bare: bare.result, crawl, fetchedPages, replay: { pages: replayed, processCpuMs: processCpu, processWallMs: processWall, saveCpuMs: saveCpu }, dbMb },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
