// The nightly runner: discover → fetch → clean → extract → store, per source, with crawl
// state in the database so that a re-run (or a run after a crash) does only what is left.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Source } from './types.ts';
import type { Store, RunSourceCounts, FetchRecord } from '../store/db.ts';
import { emptyCounts } from '../store/db.ts';
import { processPage } from './process.ts';

import type { PageFetcher, DiscoveredUrl, DiscoverOptions } from '../fetch/discover.ts';

export type { PageFetcher, DiscoveredUrl };

/** Finds a source's article URLs, fetching feeds, sitemaps and listings through the given fetcher. */
export type Discover = (source: Source, fetcher: PageFetcher, options?: DiscoverOptions) => AsyncIterable<DiscoveredUrl>;

export interface CrawlOptions {
  store: Store;
  sources: Source[];
  fetcher: PageFetcher;
  discover: Discover;
  pipeline: string;
  /** Most article fetches per source in this run (newest first). */
  maxArticlesPerSource?: number;
  /** Fetched articles are re-checked (conditionally) after this long. */
  recheckArticlesAfterMs?: number;
  /** Feeds, sitemaps and listings are re-read after this long. */
  recheckIndexesAfterMs?: number;
  /** Ignore next-check times: re-check every known URL now (conditional requests keep it cheap). */
  recheckAll?: boolean;
  /** Articles fetched concurrently per source (the fetcher enforces per-host politeness). */
  concurrency?: number;
  /** Sources crawled at the same time. */
  sourceConcurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Stops the run between pages (SIGINT). */
  signal?: AbortSignal;
  now?: () => Date;
}

export type ProgressEvent =
  | { type: 'discovered'; sourceId: string; total: number }
  | { type: 'article'; sourceId: string; url: string; result: string; done: number; total: number };

export interface CrawlReport {
  runId: number;
  status: 'finished' | 'interrupted' | 'failed';
  sources: { sourceId: string; name: string; counts: RunSourceCounts }[];
}

const HOUR = 3_600_000;
const MAX_ATTEMPTS = 5;

export async function runCrawl(options: CrawlOptions): Promise<CrawlReport> {
  const { store, sources } = options;
  const now = options.now ?? (() => new Date());
  const runId = store.startRun('crawl', options.pipeline);
  const report: CrawlReport = { runId, status: 'finished', sources: [] };
  try {
    // Sources run side by side (each is its own host, and the fetcher keeps every host polite);
    // the report keeps the pipeline's order.
    const limit = pLimit(Math.max(1, options.sourceConcurrency ?? 4));
    report.sources = sources.map((source) => ({ sourceId: source.id, name: source.name, counts: emptyCounts() }));
    for (const source of sources) store.upsertSource(source);
    await Promise.all(sources.map((source, i) => limit(async () => {
      if (options.signal?.aborted) return;
      const counts = report.sources[i]!.counts;
      await crawlSource(source, counts, options, now, runId);
      store.recordRunSource(runId, source.id, counts);
    })));
    report.status = options.signal?.aborted ? 'interrupted' : 'finished';
  } catch (error) {
    report.status = 'failed';
    store.finishRun(runId, 'failed');
    throw error;
  }
  store.finishRun(runId, report.status);
  return report;
}

async function crawlSource(source: Source, counts: RunSourceCounts, options: CrawlOptions, now: () => Date, runId: number) {
  const { store } = options;
  // A feed or sitemap is marked as read (with its next-check time) in the same transaction
  // that records the article URLs found on it: a crash in between must not lose them.
  const indexRecords: [string, FetchRecord][] = [];
  const indexFetcher = stateKeepingFetcher(options, counts, now, indexRecords);
  const found: DiscoveredUrl[] = [];
  for await (const url of options.discover(source, indexFetcher)) found.push(url);
  store.db.transaction(() => {
    for (const url of found) {
      if (store.discoverUrl(url.url, source.id, 'article', url.published ?? url.lastmod ?? null)) counts.discovered++;
    }
    for (const [url, record] of indexRecords) store.recordFetch(url, record);
  })();
  store.recordRunSource(runId, source.id, counts);
  const cap = options.maxArticlesPerSource ?? source.rateLimit?.maxArticlesPerRun ?? 500;
  const due = store.dueArticleUrls(source.id, cap, options.recheckAll ? null : now().toISOString(), MAX_ATTEMPTS);
  options.onProgress?.({ type: 'discovered', sourceId: source.id, total: due.length });
  let done = 0;
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (options.signal?.aborted) return;
      const result = await crawlArticle(next, source, counts, options, now);
      done++;
      options.onProgress?.({ type: 'article', sourceId: source.id, url: next.url, result, done, total: due.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
}

async function crawlArticle(
  state: { url: string; etag: string | null; lastModified: string | null; attempts: number; status: string; contentHash: string | null },
  source: Source, counts: RunSourceCounts, options: CrawlOptions, now: () => Date,
): Promise<string> {
  const { store } = options;
  const result = await options.fetcher.fetchPage(state.url, {
    sourceId: source.id, kind: 'article', etag: state.etag, lastModified: state.lastModified,
  });
  const recheckAt = new Date(now().getTime() + (options.recheckArticlesAfterMs ?? 24 * HOUR)).toISOString();
  if (result.outcome === 'not-modified') {
    counts.notModified++;
    store.recordFetch(state.url, { status: 'not-modified', attempts: 0, httpStatus: 304, nextCheckAt: recheckAt });
    return 'not-modified';
  }
  if (result.outcome === 'failed') {
    counts.failed++;
    counts.failedReasons[result.reason] = (counts.failedReasons[result.reason] ?? 0) + 1;
    const attempts = state.attempts + 1;
    const gone = result.action === 'give-up';
    const delay = result.retryAfterMs ?? Math.min(24 * HOUR, 15 * 60_000 * 2 ** (attempts - 1));
    store.recordFetch(state.url, {
      status: gone ? 'gone' : 'failed', attempts, httpStatus: result.status ?? null, error: result.reason,
      nextCheckAt: gone ? null : new Date(now().getTime() + delay).toISOString(),
    });
    return `failed: ${result.reason}`;
  }
  const page = result.page;
  counts.fetched++;
  // A page whose bytes have not changed since the last fetch is not cleaned and extracted again.
  const pageHash = createHash('sha256').update(page.html).digest('hex');
  if (pageHash === state.contentHash) {
    counts.unchanged++;
    store.recordFetch(state.url, {
      status: 'fetched', attempts: 0, httpStatus: page.status, etag: page.etag ?? null, lastModified: page.lastModified ?? null,
      contentHash: pageHash, nextCheckAt: recheckAt,
    });
    return 'page-unchanged';
  }
  let processed: ReturnType<typeof processPage>;
  try {
    processed = processPage(page.html, 'html', { url: page.finalUrl, source, fetchedAt: page.fetchedAt });
  } catch (error) {
    // A page that breaks clean or extract is recorded and skipped; the night goes on.
    counts.failed++;
    counts.failedReasons['processing-error'] = (counts.failedReasons['processing-error'] ?? 0) + 1;
    store.recordFetch(state.url, {
      status: 'failed', attempts: MAX_ATTEMPTS, httpStatus: page.status, error: `processing-error: ${(error as Error).message}`.slice(0, 500),
      contentHash: null, nextCheckAt: null,
    });
    return 'failed: processing-error';
  }
  const { article, extraction } = processed;
  for (const warning of article.warnings) {
    const key = warning.split(':')[0] ?? warning;
    counts.warnings[key] = (counts.warnings[key] ?? 0) + 1;
  }
  let saved: { status: string; entities: number } = { status: 'empty', entities: 0 };
  if (article.text) {
    // The crawl state keys the URL as discovered; the article is keyed by its canonical URL.
    saved = store.saveArticle(article, extraction, {
      raw: { html: page.html, fetchedAt: page.fetchedAt, contentType: page.contentType ?? null, charset: page.charset },
    });
    if (saved.status === 'inserted') counts.stored++;
    else if (saved.status === 'updated') counts.updated++;
    else counts.unchanged++;
    counts.entities += saved.entities;
  } else {
    counts.failedReasons['empty-body'] = (counts.failedReasons['empty-body'] ?? 0) + 1;
  }
  store.recordFetch(state.url, {
    status: 'fetched', attempts: 0, httpStatus: page.status, etag: page.etag ?? null, lastModified: page.lastModified ?? null,
    contentHash: pageHash, nextCheckAt: recheckAt,
  });
  return saved.status;
}

/**
 * Wraps the fetcher used for feeds, sitemaps and listings so that they get crawl state too:
 * conditional requests with the stored ETag/Last-Modified, and a next-check time.
 */
function stateKeepingFetcher(options: CrawlOptions, counts: RunSourceCounts, now: () => Date, records: [string, FetchRecord][]): PageFetcher {
  const { store } = options;
  return {
    async fetchPage(url, request) {
      if (request.kind === 'article') return options.fetcher.fetchPage(url, request);
      store.discoverUrl(url, request.sourceId, request.kind);
      const state = store.urlState(url);
      if (!options.recheckAll && state?.nextCheckAt && state.nextCheckAt > now().toISOString()) {
        return { outcome: 'not-modified', url, finalUrl: url, attempts: 0, etag: state.etag, lastModified: state.lastModified };
      }
      const result = await options.fetcher.fetchPage(url, { ...request, etag: state?.etag, lastModified: state?.lastModified });
      const nextCheckAt = new Date(now().getTime() + (options.recheckIndexesAfterMs ?? HOUR)).toISOString();
      if (result.outcome === 'ok') {
        records.push([url, {
          status: 'fetched', attempts: 0, httpStatus: result.page.status, etag: result.page.etag ?? null,
          lastModified: result.page.lastModified ?? null, nextCheckAt,
        }]);
      } else if (result.outcome === 'not-modified') {
        records.push([url, { status: 'not-modified', attempts: 0, httpStatus: 304, nextCheckAt }]);
      } else {
        counts.failed++;
        const reason = `${request.kind}-${result.reason}`;
        counts.failedReasons[reason] = (counts.failedReasons[reason] ?? 0) + 1;
        records.push([url, {
          status: 'failed', attempts: (state?.attempts ?? 0) + 1, httpStatus: result.status ?? null, error: result.reason, nextCheckAt,
        }]);
      }
      return result;
    },
  };
}
