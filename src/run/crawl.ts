// The nightly runner: discover → fetch → clean → extract → store, per source, with crawl
// state in the database so that a re-run (or a run after a crash) does only what is left.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Article, Extraction, Source } from '../core/types.ts';
import type { Store, SaveOptions, SaveResult } from '../store/db.ts';
import type { FailureRecord, RunningCrawl, RunSourceCounts } from '../store/runs.ts';
import type { RunOutcome, SourceReport } from './verdict.ts';

export { crawlVerdict, DEFAULT_MAX_FAILURE_RATE, type CrawlVerdict, type SourceReport } from './verdict.ts';
import type { FetchRecord } from '../store/crawl-state.ts';
import { emptyCounts } from '../store/runs.ts';
import { PageOverBudget, processPage, type PageBudget } from './process.ts';
import { cpuMsSince } from '../core/cpu.ts';
import { articleIdentity, identityRules, type IdentityRules } from '../fetch/identity.ts';
import { FAILURE_TEXT, type FailureReason } from '../fetch/failure.ts';
import { currentOwner, HEARTBEAT_MS, type RunOwner } from '../core/owner.ts';

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
  /** Limits for discovery (sitemap budget and depth, `since`); its `onEndpoint` is the runner's. */
  discoverOptions?: Omit<DiscoverOptions, 'onEndpoint'>;
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
  /** Called once per failed fetch (a page, a feed, a sitemap, a listing page), when it fails. */
  onFailure?: (failure: CrawlFailure) => void;
  /**
   * Stops the run (SIGINT, SIGTERM): no page or endpoint is started after it fires, requests queued or
   * in flight are aborted (those pages stay due), and the pages already done are committed.
   */
  signal?: AbortSignal;
  /** Who runs the crawl, for the lock (default: this process on this host). */
  owner?: RunOwner;
  /** How often the run's heartbeat is refreshed (default 30 s). */
  heartbeatMs?: number;
  now?: () => Date;
  /** Pages whose writes share one transaction (group commit); 1 commits each page on its own. */
  writeBatchSize?: number;
  /** Longest a finished page waits for its batch to be committed. */
  writeBatchDelayMs?: number;
  /** What clean + extract may spend on one page (default DEFAULT_PAGE_BUDGET); a page over it is failed. */
  pageBudget?: PageBudget;
}

export type ProgressEvent =
  | { type: 'discovered'; sourceId: string; total: number }
  | { type: 'article'; sourceId: string; url: string; result: string; done: number; total: number };

/** A failed fetch as logged: the stored record, and the reason in words. */
export interface CrawlFailure extends FailureRecord {
  message: string;
}

export interface CrawlReport extends RunOutcome {
  runId: number;
  sources: SourceReport[];
  /** Runs left "running" by a process that is gone, marked interrupted when this one took the lock. */
  tookOver: RunningCrawl[];
  /**
   * CPU time of this process over the run (all its threads: GC, compression, SQLite), ms, and the
   * part spent in clean + extract (processPage): what the rest costs — fetching, decoding, crawl
   * state, the store — is the difference.
   */
  cpu: CpuTally;
}

export interface CpuTally {
  totalMs: number;
  cleanExtractMs: number;
}

const HOUR = 3_600_000;
const MAX_ATTEMPTS = 5;
/**
 * Discovered URLs written to the crawl state per transaction, as discovery streams them: the run holds
 * at most this many (plus one sitemap slice) whatever the site lists.
 */
const DISCOVERY_BATCH = 5000;

/** The reasons that are not fetch failures, in words. */
const OTHER_FAILURE_TEXT: Record<string, string> = {
  'processing-error': 'clean or extract failed on the page',
  'source-conflict': 'the page names an article of another source as its own',
  'page-too-large': 'the page is larger than clean and extract may take (the per-page budget)',
  'page-too-slow': 'clean and extract took longer than the per-page budget',
  unparsable: 'fetched, but not a feed or sitemap that parses',
};

function failureText(reason: string): string {
  return FAILURE_TEXT[reason as FailureReason] ?? OTHER_FAILURE_TEXT[reason] ?? reason;
}

/** One page's writes: its crawl state, and the article when one was extracted. */
interface PendingWrite {
  url: string;
  record: FetchRecord;
  /** The failure recorded for the run with it, when the page failed. */
  failure?: FailureRecord;
  save?: { article: Article; extraction: Extraction; options: SaveOptions };
  /** Called after the commit with the article's save result (or null when there was no article). */
  done: (saved: SaveResult | null) => void;
}

/** A page's save result after the commit; 'failed' when its article could not be stored. */
type WriteOutcome = SaveResult | null | 'failed';

function conflictFailure(url: string, article: Article, httpStatus: number | null): FailureRecord {
  return {
    sourceId: article.sourceId ?? '', url, kind: 'article', reason: 'source-conflict', detail: `${article.url} is an article of another source`,
    httpStatus, attempt: MAX_ATTEMPTS, nextCheckAt: null,
  };
}

/**
 * Group commit. A commit costs more than a page's rows (WAL frames, the full-text index's new
 * segment), so the pages finished within `maxDelayMs` (at most `maxBatch` of them) are written in
 * one transaction: each page's article and its crawl state commit together, so after a kill -9
 * a page is either fully stored and marked fetched, or still due and fetched again by the next run.
 */
class BatchWriter {
  private pending: PendingWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A write that threw; the run fails with it, as an unbatched write would have made it. */
  failure: { error: unknown } | null = null;
  private readonly commit: (batch: PendingWrite[]) => WriteOutcome[];

  constructor(private readonly store: Store, private readonly runId: number, private readonly maxBatch: number, private readonly maxDelayMs: number) {
    // Store.transaction: the batch's search rows and statistics summary are written once, at its end,
    // also when a failed batch falls back to saving its articles one by one (each in a savepoint).
    this.commit = (batch: PendingWrite[]) => store.transaction(() => this.write(batch));
  }

  add(url: string, record: FetchRecord, save: PendingWrite['save'], done: PendingWrite['done'], failure?: FailureRecord): void {
    const write: PendingWrite = { url, record, done };
    if (save) write.save = save;
    if (failure) write.failure = failure;
    this.pending.push(write);
    if (this.pending.length >= this.maxBatch) this.commitPending();
    else this.timer ??= setTimeout(() => this.commitPending(), this.maxDelayMs);
  }

  /** Commits what is pending; throws the first write error of the run. */
  flush(): void {
    this.commitPending();
    this.throwIfFailed();
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private commitPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    let outcomes: WriteOutcome[];
    try {
      outcomes = this.commit(batch);
    } catch (error) {
      // The whole transaction rolled back: none of these pages is marked, so all are due again.
      this.failure ??= { error };
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome !== 'failed' && outcome !== undefined) write.done(outcome);
    });
  }

  private write(batch: PendingWrite[]): WriteOutcome[] {
    const { store } = this;
    const saves = batch.flatMap((w) => (w.save ? [w.save] : []));
    let saved: SaveResult[] | null = null;
    try {
      saved = saves.length ? store.saveArticles(saves) : [];
    } catch {
      // One bad article must not cost the others: store them one by one (saveArticles wrote none).
    }
    let k = 0;
    return batch.map((w): WriteOutcome => {
      let result: SaveResult | null = null;
      if (w.save) {
        if (saved) result = saved[k++]!;
        else {
          try {
            result = store.saveArticle(w.save.article, w.save.extraction, w.save.options);
          } catch (error) {
            // Its state stays as it was (the page is due again); the run fails after this commit.
            this.failure ??= { error };
            return 'failed';
          }
        }
      }
      let { record, failure } = w;
      if (result?.status === 'refused') {
        // The page named an article of another source as its own: nothing was written, and the URL is not fetched again.
        failure = conflictFailure(w.url, w.save!.article, w.record.httpStatus ?? null);
        record = { ...w.record, status: 'failed', attempts: MAX_ATTEMPTS, error: `source-conflict: ${failure.detail}`, nextCheckAt: null };
      }
      store.crawlState.recordFetch(w.url, record);
      if (failure) store.runs.recordFailure(this.runId, failure);
      return result;
    });
  }
}

export async function runCrawl(options: CrawlOptions): Promise<CrawlReport> {
  const { store, sources } = options;
  const now = options.now ?? (() => new Date());
  // The run's row is the database's crawl lock: this throws (BusyError) when a live crawl holds it.
  const { runId, interrupted } = store.runs.startExclusive('crawl', options.pipeline, options.owner ?? currentOwner());
  const heartbeat = setInterval(() => {
    // A database busy past its timeout (another writer) skips one beat; the next one tries again.
    try { store.runs.heartbeat(runId); } catch { /* next beat */ }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  const cpuAtStart = process.cpuUsage();
  const report: CrawlReport = { runId, status: 'finished', sources: [], tookOver: interrupted, cpu: { totalMs: 0, cleanExtractMs: 0 } };
  const writer = new BatchWriter(store, runId, Math.max(1, options.writeBatchSize ?? 200), options.writeBatchDelayMs ?? 1000);
  try {
    // Sources run side by side (each is its own host, and the fetcher keeps every host polite);
    // the report keeps the pipeline's order.
    const limit = pLimit(Math.max(1, options.sourceConcurrency ?? 4));
    report.sources = sources.map((source) => ({ sourceId: source.id, name: source.name, counts: emptyCounts(), attempted: 0 }));
    for (const source of sources) store.upsertSource(source);
    await Promise.all(sources.map((source, i) => limit(async () => {
      if (options.signal?.aborted) return;
      const run: SourceRun = { source, report: report.sources[i]!, counts: report.sources[i]!.counts, rules: identityRules(source), options, now, runId, writer, cpu: report.cpu };
      await crawlSource(run);
      store.runs.recordSource(runId, source.id, run.counts);
    })));
    writer.flush();
    report.status = options.signal?.aborted ? 'interrupted' : 'finished';
  } catch (error) {
    clearInterval(heartbeat);
    report.cpu.totalMs = cpuMsSince(cpuAtStart);
    report.status = 'failed';
    // Pages already processed are kept (best effort); the run's own error is the one to report.
    try { writer.flush(); } catch { /* reported below */ }
    store.runs.finish(runId, 'failed');
    throw error;
  }
  clearInterval(heartbeat);
  store.runs.finish(runId, report.status);
  report.cpu.totalMs = cpuMsSince(cpuAtStart);
  return report;
}

/** One source's part of a run. */
interface SourceRun {
  source: Source;
  report: SourceReport;
  counts: RunSourceCounts;
  rules: IdentityRules;
  options: CrawlOptions;
  now: () => Date;
  runId: number;
  writer: BatchWriter;
  cpu: CpuTally;
}

async function crawlSource(run: SourceRun) {
  const { source, counts, options, now } = run;
  const { store } = options;
  // A feed or sitemap is marked as read (with its next-check time) in the same transaction as the
  // last URLs found on it, or a later one: a crash before must not lose them. Its record waits here
  // until discovery reports the endpoint done (after its last URL; an index after its children).
  const pendingIndexes = new Map<string, IndexWrite>();
  const doneIndexes: IndexWrite[] = [];
  const indexFetcher = stateKeepingFetcher(run, pendingIndexes);
  // URLs go to the crawl state in batches as they are parsed; the order the crawl fetches them in
  // (newest first by the published hint) is the crawl state's query, so nothing is sorted here.
  let batch: DiscoveredUrl[] = [];
  const writeBatch = () => {
    store.db.transaction(() => {
      for (const url of batch) {
        if (store.crawlState.discoverUrl(url.url, source.id, 'article', url.published ?? url.lastmod ?? null)) counts.discovered++;
      }
      for (const { url, record, failure } of doneIndexes) {
        store.crawlState.recordFetch(url, record);
        if (failure) store.runs.recordFailure(run.runId, failure);
      }
    })();
    batch = [];
    doneIndexes.length = 0;
  };
  const unparsable = (kind: string, write: IndexWrite) => {
    const reason = `${kind}-unparsable`;
    counts.failed++;
    counts.failedReasons[reason] = (counts.failedReasons[reason] ?? 0) + 1;
    const attempt = (store.crawlState.urlState(write.url)?.attempts ?? 0) + 1;
    const detail = `not ${kind === 'feed' ? 'an RSS, RDF or Atom feed' : 'a sitemap or sitemap index'}`;
    write.failure = reportFailure(run, {
      sourceId: source.id, url: write.url, kind, reason: 'unparsable', detail, httpStatus: write.record.httpStatus ?? null,
      attempt, nextCheckAt: write.record.nextCheckAt ?? null,
    });
    write.record = { ...write.record, status: 'failed', attempts: attempt, error: `unparsable: ${detail}` };
  };
  const found = options.discover(source, indexFetcher, {
    ...options.discoverOptions,
    onEndpoint: (endpoint) => {
      const write = pendingIndexes.get(endpoint.url);
      if (!write) return;
      pendingIndexes.delete(endpoint.url);
      // Fetched but not a feed or sitemap that parses: a failure with its reason, not "fetched".
      if (endpoint.outcome === 'failed' && endpoint.reason === 'unparsable' && write.record.status === 'fetched') unparsable(endpoint.kind, write);
      doneIndexes.push(write);
    },
  });
  for await (const url of found) {
    batch.push(url);
    if (batch.length >= DISCOVERY_BATCH) writeBatch();
    if (options.signal?.aborted) break;
  }
  writeBatch();
  store.runs.recordSource(run.runId, source.id, counts);
  if (options.signal?.aborted) return;
  const cap = options.maxArticlesPerSource ?? source.rateLimit?.maxArticlesPerRun ?? 500;
  const due = store.crawlState.dueArticleUrls(source.id, cap, options.recheckAll ? null : now().toISOString(), MAX_ATTEMPTS);
  options.onProgress?.({ type: 'discovered', sourceId: source.id, total: due.length });
  let done = 0;
  let next = 0;
  const finished = (url: string, result: string) => {
    done++;
    options.onProgress?.({ type: 'article', sourceId: source.id, url, result, done, total: due.length });
  };
  const worker = async () => {
    while (next < due.length) {
      if (options.signal?.aborted) return;
      const state = due[next++]!;
      await crawlArticle(run, state, finished);
      run.writer.throwIfFailed();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  // The source's counts are complete only once its last pages are committed.
  run.writer.flush();
}

async function crawlArticle(
  run: SourceRun,
  state: { url: string; etag: string | null; lastModified: string | null; attempts: number; status: string; contentHash: string | null },
  finished: (url: string, result: string) => void,
): Promise<void> {
  const { source, counts, options, now, writer, rules, cpu } = run;
  const url = state.url;
  // Counts are taken now; the page is reported done once its state is committed. (Callbacks are written
  // inline: under tsx a named closure made per page costs a defineProperty for its kept name.)
  const result = await options.fetcher.fetchPage(url, {
    sourceId: source.id, kind: 'article', etag: state.etag, lastModified: state.lastModified,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // Stopped with the run: nothing is recorded, the page stays due for the next run.
  if (result.outcome === 'failed' && result.reason === 'aborted') return;
  run.report.attempted++;
  const recheckAt = new Date(now().getTime() + (options.recheckArticlesAfterMs ?? 24 * HOUR)).toISOString();
  if (result.outcome === 'not-modified') {
    counts.notModified++;
    writer.add(url, { status: 'not-modified', attempts: 0, httpStatus: 304, nextCheckAt: recheckAt }, undefined, () => finished(url, 'not-modified'));
    return;
  }
  if (result.outcome === 'failed') {
    counts.failed++;
    counts.failedReasons[result.reason] = (counts.failedReasons[result.reason] ?? 0) + 1;
    const attempts = state.attempts + 1;
    const gone = result.action === 'give-up';
    const delay = result.retryAfterMs ?? Math.min(24 * HOUR, 15 * 60_000 * 2 ** (attempts - 1));
    const nextCheckAt = gone ? null : new Date(now().getTime() + delay).toISOString();
    const failure = reportFailure(run, {
      sourceId: source.id, url, kind: 'article', reason: result.reason, detail: result.detail ?? null, httpStatus: result.status ?? null,
      attempt: attempts, nextCheckAt: attempts >= MAX_ATTEMPTS ? null : nextCheckAt,
    });
    writer.add(url, {
      status: gone ? 'gone' : 'failed', attempts, httpStatus: result.status ?? null, error: result.reason, nextCheckAt,
    }, undefined, () => finished(url, `failed: ${result.reason}`), failure);
    return;
  }
  const page = result.page;
  counts.fetched++;
  // A page whose bytes have not changed since the last fetch is not cleaned and extracted again.
  // The body bytes when they are the html's UTF-8 already: same digest without encoding the text again.
  const pageHash = createHash('sha256').update(result.verbatimUtf8 ? result.bytes : page.html).digest('hex');
  const fetched: FetchRecord = {
    status: 'fetched', attempts: 0, httpStatus: page.status, etag: page.etag ?? null, lastModified: page.lastModified ?? null,
    contentHash: pageHash, nextCheckAt: recheckAt,
  };
  if (pageHash === state.contentHash) {
    counts.unchanged++;
    writer.add(url, fetched, undefined, () => finished(url, 'page-unchanged'));
    return;
  }
  let processed: ReturnType<typeof processPage> | undefined;
  let processingError: unknown;
  const cpuBefore = process.cpuUsage();
  try {
    processed = processPage(page.html, 'html', { url: page.finalUrl, source, fetchedAt: page.fetchedAt }, options.pageBudget);
  } catch (error) {
    processingError = error;
  }
  cpu.cleanExtractMs += cpuMsSince(cpuBefore);
  if (!processed) {
    // A page that breaks clean or extract, or goes over its budget, is recorded and skipped; the night goes on.
    const overBudget = processingError instanceof PageOverBudget ? processingError : null;
    const reason = overBudget?.reason ?? 'processing-error';
    counts.failed++;
    counts.failedReasons[reason] = (counts.failedReasons[reason] ?? 0) + 1;
    const message = (overBudget ? overBudget.message : String((processingError as Error)?.message ?? processingError)).slice(0, 480);
    const failure = reportFailure(run, {
      sourceId: source.id, url, kind: 'article', reason, detail: message, httpStatus: page.status, attempt: MAX_ATTEMPTS, nextCheckAt: null,
    });
    writer.add(url, {
      status: 'failed', attempts: MAX_ATTEMPTS, httpStatus: page.status, error: overBudget ? message : `processing-error: ${message}`,
      contentHash: null, nextCheckAt: null,
    }, undefined, () => finished(url, `failed: ${reason}`), failure);
    return;
  }
  const { article, extraction } = processed;
  // The article's key: the URL it was fetched under, unless its canonical claim (or the redirect's
  // end) is an article URL of this very source; any other claim is kept as metadata with a warning.
  const identity = articleIdentity(url, {
    canonical: article.canonicalUrl !== page.finalUrl ? article.canonicalUrl : null, finalUrl: page.finalUrl,
  }, rules);
  article.url = identity.url;
  article.canonicalUrl = identity.canonicalUrl;
  article.sourceId = source.id;
  if (identity.warning) article.warnings.push(identity.warning);
  for (const warning of article.warnings) {
    const key = warning.split(':')[0] ?? warning;
    counts.warnings[key] = (counts.warnings[key] ?? 0) + 1;
  }
  if (!article.text) {
    counts.failedReasons['empty-body'] = (counts.failedReasons['empty-body'] ?? 0) + 1;
    writer.add(url, fetched, undefined, () => finished(url, 'empty'));
    return;
  }
  writer.add(url, fetched, {
    article, extraction,
    options: { raw: { html: page.html, fetchedAt: page.fetchedAt, contentType: page.contentType ?? null, charset: page.charset, htmlGzip: result.htmlGzip ?? null } },
  }, (saved) => {
    if (saved?.status === 'refused') {
      counts.failed++;
      counts.failedReasons['source-conflict'] = (counts.failedReasons['source-conflict'] ?? 0) + 1;
      reportFailure(run, conflictFailure(url, article, page.status));
      finished(url, 'failed: source-conflict');
      return;
    }
    if (saved?.status === 'inserted') counts.stored++;
    else if (saved?.status === 'updated') counts.updated++;
    else counts.unchanged++;
    counts.entities += saved?.entities ?? 0;
    finished(url, saved?.status ?? 'empty');
  });
}

/** Tells the caller (one log line per failed URL) and returns the record the run stores. */
function reportFailure(run: SourceRun, failure: FailureRecord): FailureRecord {
  run.options.onFailure?.({ ...failure, message: failureText(failure.reason) });
  return failure;
}

/** An index endpoint's crawl state, and its failure when it failed, waiting for the endpoint to be done. */
interface IndexWrite {
  url: string;
  record: FetchRecord;
  failure?: FailureRecord;
}

/**
 * Wraps the fetcher used for feeds, sitemaps and listings so that they get crawl state too:
 * conditional requests with the stored ETag/Last-Modified, and a next-check time.
 */
function stateKeepingFetcher(run: SourceRun, records: Map<string, IndexWrite>): PageFetcher {
  const { options, counts, now } = run;
  const { store } = options;
  return {
    async fetchPage(url, request) {
      if (request.kind === 'article') return options.fetcher.fetchPage(url, request);
      store.crawlState.discoverUrl(url, request.sourceId, request.kind);
      const state = store.crawlState.urlState(url);
      if (!options.recheckAll && state?.nextCheckAt && state.nextCheckAt > now().toISOString()) {
        return { outcome: 'not-modified', url, finalUrl: url, attempts: 0, etag: state.etag, lastModified: state.lastModified };
      }
      // No validators after a failure (a feed that did not parse): a 304 would hide that it still fails.
      const validators = state?.status === 'failed' ? {} : { etag: state?.etag, lastModified: state?.lastModified };
      const result = await options.fetcher.fetchPage(url, {
        ...request, ...validators, ...(options.signal ? { signal: options.signal } : {}),
      });
      if (result.outcome === 'failed' && result.reason === 'aborted') return result;
      run.report.attempted++;
      const nextCheckAt = new Date(now().getTime() + (options.recheckIndexesAfterMs ?? HOUR)).toISOString();
      if (result.outcome === 'ok') {
        records.set(url, { url, record: {
          status: 'fetched', attempts: 0, httpStatus: result.page.status, etag: result.page.etag ?? null,
          lastModified: result.page.lastModified ?? null, nextCheckAt,
        } });
      } else if (result.outcome === 'not-modified') {
        records.set(url, { url, record: { status: 'not-modified', attempts: 0, httpStatus: 304, nextCheckAt } });
      } else {
        counts.failed++;
        const reason = `${request.kind}-${result.reason}`;
        counts.failedReasons[reason] = (counts.failedReasons[reason] ?? 0) + 1;
        const attempts = (state?.attempts ?? 0) + 1;
        const failure = reportFailure(run, {
          sourceId: request.sourceId, url, kind: request.kind, reason: result.reason, detail: result.detail ?? null,
          httpStatus: result.status ?? null, attempt: attempts, nextCheckAt,
        });
        records.set(url, { url, failure, record: { status: 'failed', attempts, httpStatus: result.status ?? null, error: result.reason, nextCheckAt } });
      }
      return result;
    },
  };
}
