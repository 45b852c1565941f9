// The Fetcher composes the network side: allowed hosts, robots.txt, politeness and retries,
// the HTTP client and charset decoding. One call fetches one page and says, in a typed
// outcome, what happened and what the caller should do next; it also keeps run counters.
import { gunzipSync } from 'node:zlib';
import type { FetchedPage, Source } from '../core/types.ts';
import { decodeHtmlBytes } from './charset.ts';
import { hostKey } from './canonical.ts';
import { UNREACHABLE, type Failure, type FailureAction, type FailureReason } from './failure.ts';
import { GZIP_TYPES, HTML_TYPES, HttpClient, XML_TYPES, gunzipChunkSize, userAgentFor, type HttpClientOptions, type HttpResult } from './http.ts';
import { HostPausedError, PolitenessScheduler, WaitAbortedError, type PolitenessOptions } from './politeness.ts';
import { RobotsCache } from './robots.ts';

export type FetchKind = 'article' | 'feed' | 'sitemap' | 'listing';

export interface FetchPageOptions {
  sourceId: string;
  kind: FetchKind;
  /** Validators from the last fetch, sent back as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface FetchOk {
  outcome: 'ok';
  page: FetchedPage;
  /** The body bytes after Content-Encoding (and sitemap gzip) were undone, before charset decoding. */
  bytes: Buffer;
  attempts: number;
  redirects: string[];
  /** Why the charset declaration was overruled or the bytes looked damaged. */
  charsetSuspect?: string;
  /** True when `bytes` are exactly the UTF-8 encoding of `page.html` (hash or store them as they are). */
  verbatimUtf8?: boolean;
  /** With `verbatimUtf8`: the body as the server gzipped it, which gunzips to exactly `page.html`'s UTF-8. */
  htmlGzip?: Buffer;
}
export interface FetchNotModified {
  outcome: 'not-modified';
  url: string;
  finalUrl: string;
  attempts: number;
  etag: string | null;
  lastModified: string | null;
}
export interface FetchFailed {
  outcome: 'failed';
  url: string;
  action: FailureAction;
  reason: FailureReason;
  status?: number;
  retryAfterMs?: number;
  detail?: string;
  attempts: number;
}
export type FetchOutcome = FetchOk | FetchNotModified | FetchFailed;

export interface FetcherOptions {
  /** Where site owners can read who we are; goes into the User-Agent. Required unless `userAgent` is given. */
  contactUrl?: string;
  /** A full User-Agent overriding the one built from `contactUrl`. */
  userAgent?: string;
  /** Token matched in robots.txt User-agent lines. */
  userAgentToken?: string;
  http?: Omit<HttpClientOptions, 'userAgent'>;
  politeness?: PolitenessOptions;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  maxCrawlDelayMs?: number;
  robotsUnavailableTtlMs?: number;
  /** Largest decompressed sitemap (the sitemap protocol caps files at 50 MB). */
  maxSitemapBytes?: number;
  sources?: Source[];
}

export interface OutcomeCounts {
  ok: number;
  notModified: number;
  failed: number;
  /** Failures by reason code. */
  reasons: Record<string, number>;
}

export interface FetcherStats extends OutcomeCounts {
  /** HTTP requests for pages, retries included (robots.txt excluded). */
  requests: number;
  retries: number;
  robotsFetches: number;
  /** Decoded body bytes of ok pages. */
  bytes: number;
  charsetSuspects: number;
  byKind: Record<string, OutcomeCounts>;
  bySource: Record<string, OutcomeCounts>;
}

const emptyCounts = (): OutcomeCounts => ({ ok: 0, notModified: 0, failed: 0, reasons: {} });

function countsBucket(m: Map<string, OutcomeCounts>, key: string): OutcomeCounts {
  let b = m.get(key);
  if (!b) m.set(key, (b = emptyCounts()));
  return b;
}

function acceptFor(kind: FetchKind): { accept: readonly string[]; acceptHeader: string } {
  switch (kind) {
    case 'feed':
      return { accept: XML_TYPES, acceptHeader: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' };
    case 'sitemap':
      return { accept: [...XML_TYPES, ...GZIP_TYPES], acceptHeader: 'application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.5' };
    default:
      return { accept: HTML_TYPES, acceptHeader: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' };
  }
}

export class Fetcher {
  readonly http: HttpClient;
  readonly scheduler: PolitenessScheduler;
  readonly robots: RobotsCache;
  private readonly sources = new Map<string, { allowedHosts: string[] }>();
  private readonly obeyRobots: boolean;
  private readonly maxSitemapBytes: number;
  private readonly robotsRetryMs: number;
  private readonly counters = {
    requests: 0, retries: 0, bytes: 0, charsetSuspects: 0, total: emptyCounts(),
    byKind: new Map<string, OutcomeCounts>(), bySource: new Map<string, OutcomeCounts>(),
  };

  constructor(options: FetcherOptions) {
    const userAgent = options.userAgent ?? (options.contactUrl ? userAgentFor(options.contactUrl) : null);
    if (!userAgent) throw new Error('Fetcher needs a contactUrl (or a userAgent) so site owners can reach us');
    this.http = new HttpClient({ ...options.http, userAgent });
    this.scheduler = new PolitenessScheduler(options.politeness);
    this.obeyRobots = options.robots ?? true;
    this.maxSitemapBytes = options.maxSitemapBytes ?? 50 * 1024 * 1024;
    this.robotsRetryMs = options.robotsUnavailableTtlMs ?? 10 * 60_000;
    this.robots = new RobotsCache({
      userAgentToken: options.userAgentToken ?? 'vnpress',
      maxCrawlDelayMs: options.maxCrawlDelayMs ?? 60_000,
      unavailableTtlMs: this.robotsRetryMs,
      fetch: (robotsUrl) => {
        const host = new URL(robotsUrl).host;
        return this.scheduler.run(host, () => this.http.get(robotsUrl, { acceptHeader: 'text/plain, */*;q=0.5' }));
      },
    });
    for (const s of options.sources ?? []) this.addSource(s);
  }

  /**
   * robots.txt for a redirect hop, checked before the hop is requested. Its robots.txt (a host of the
   * source's other than the first URL's) is fetched outside the politeness queue: the hop runs inside
   * its first host's slot, and waiting there for another slot could deadlock two hosts.
   */
  private readonly robotsHop = async (next: URL): Promise<Failure | null> => {
    const rules = await this.robots.forOrigin(next.origin, (robotsUrl) => this.http.get(robotsUrl, { acceptHeader: 'text/plain, */*;q=0.5' }));
    if (rules.state === 'unavailable') {
      return { action: 'retry-later', reason: 'robots-unavailable', retryAfterMs: this.robotsRetryMs, detail: `redirect to ${next.href}: robots.txt ${rules.reason ?? 'unavailable'}` };
    }
    if (!rules.isAllowed(next.href)) return { action: 'give-up', reason: 'robots-disallow', detail: `redirect to ${next.href}` };
    if (rules.crawlDelayMs) this.scheduler.setDelayFloor(next.host.toLowerCase(), rules.crawlDelayMs);
    return null;
  };

  /** Register a source: its hosts become fetchable and its rate limit applies to them. */
  addSource(source: Source): void {
    const base = new URL(source.baseUrl).host;
    const allowedHosts = [...new Set([base, ...(source.hosts ?? [])].map((h) => h.toLowerCase()))];
    this.sources.set(source.id, { allowedHosts });
    const rl = source.rateLimit;
    if (rl) {
      for (const h of allowedHosts) {
        for (const variant of [h, h.startsWith('www.') ? h.slice(4) : `www.${h}`]) {
          this.scheduler.setHostPolicy(variant, {
            ...(rl.minDelayMs !== undefined ? { minDelayMs: rl.minDelayMs } : {}),
            ...(rl.concurrency !== undefined ? { concurrency: rl.concurrency } : {}),
          });
        }
      }
    }
  }

  /** Hosts a source may fetch from (the URL's own host for an unknown source). */
  allowedHostsFor(sourceId: string, url: string): string[] {
    return this.sources.get(sourceId)?.allowedHosts ?? [new URL(url).host.toLowerCase()];
  }

  async fetchPage(url: string, options: FetchPageOptions): Promise<FetchOutcome> {
    const outcome = await this.fetchUncounted(url, options);
    this.count(options, outcome);
    return outcome;
  }

  private async fetchUncounted(url: string, options: FetchPageOptions): Promise<FetchOutcome> {
    const aborted: FetchFailed = { outcome: 'failed', url, action: 'retry', reason: 'aborted', detail: 'the run was stopped', attempts: 0 };
    if (options.signal?.aborted) return aborted;
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
    } catch {
      return { outcome: 'failed', url, action: 'give-up', reason: 'bad-url', attempts: 0 };
    }
    const allowedHosts = this.allowedHostsFor(options.sourceId, url);
    if (!allowedHosts.some((h) => hostKey(h) === hostKey(target.host))) {
      return { outcome: 'failed', url, action: 'give-up', reason: 'host-refused', detail: target.host, attempts: 0 };
    }
    const host = target.host.toLowerCase();

    let rules = null;
    if (this.obeyRobots) {
      // A robots.txt request shared with other pages goes on; this page stops waiting for it when the run stops.
      const loaded = await untilAborted(this.robots.forOrigin(target.origin), options.signal);
      if (!loaded) return aborted;
      rules = loaded;
      if (rules.state === 'unavailable') {
        // A host that cannot be reached at all says so (connection refused, DNS lookup failed): the site is
        // down, which "robots-unavailable" would hide. A robots.txt that answers 5xx defers the host.
        const unreachable = rules.reason !== undefined && UNREACHABLE.has(rules.reason);
        return {
          outcome: 'failed', url, action: 'retry-later', reason: unreachable ? rules.reason as FailureReason : 'robots-unavailable', retryAfterMs: this.robotsRetryMs,
          detail: `${target.origin}/robots.txt: ${rules.reason ?? 'unavailable'}${rules.status ? ` (${rules.status})` : ''}`, attempts: 0,
        };
      }
      if (!rules.isAllowed(url)) return { outcome: 'failed', url, action: 'give-up', reason: 'robots-disallow', attempts: 0 };
      if (rules.crawlDelayMs) this.scheduler.setDelayFloor(host, rules.crawlDelayMs);
    }

    // A host that asked for a long pause is not asked again in this run.
    const paused = this.scheduler.pausedFor(host);
    if (paused > this.scheduler.options.maxInRunWaitMs) {
      return { outcome: 'failed', url, action: 'retry-later', reason: 'rate-limited', retryAfterMs: paused, detail: 'host paused by an earlier Retry-After', attempts: 0 };
    }

    const { accept, acceptHeader } = acceptFor(options.kind);
    let retried: { result: HttpResult; attempts: number };
    try {
      retried = await this.scheduler.withRetries<HttpResult>(
        host,
        () => {
          this.counters.requests++;
          return this.http.get(url, {
            accept, acceptHeader, allowedHosts, etag: options.etag ?? null, lastModified: options.lastModified ?? null,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(this.obeyRobots ? { checkHop: this.robotsHop } : {}),
          });
        },
        (r) => (r.kind === 'failed' && r.action !== 'give-up'
          ? { action: r.action, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) }
          : { action: 'done' }),
        options.signal,
      );
    } catch (error) {
      if (error instanceof WaitAbortedError) return aborted;
      if (!(error instanceof HostPausedError)) throw error;
      return { outcome: 'failed', url, action: 'retry-later', reason: 'rate-limited', retryAfterMs: error.pausedForMs, detail: 'host paused by a Retry-After while this page waited', attempts: 0 };
    }
    const { result, attempts } = retried;
    this.counters.retries += attempts - 1;

    if (result.kind === 'failed') {
      const { kind: _kind, finalUrl: _finalUrl, url: _url, ...failure } = result;
      return { outcome: 'failed', url, ...failure, attempts };
    }
    if (result.kind === 'not-modified') {
      return {
        outcome: 'not-modified', url, finalUrl: result.finalUrl, attempts,
        etag: result.headers['etag'] ?? options.etag ?? null,
        lastModified: result.headers['last-modified'] ?? options.lastModified ?? null,
      };
    }

    let bytes = result.body;
    if (options.kind === 'sitemap' && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: this.maxSitemapBytes, chunkSize: gunzipChunkSize(bytes, this.maxSitemapBytes) });
      } catch (e) {
        const tooLarge = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return { outcome: 'failed', url, action: 'give-up', reason: tooLarge ? 'too-large' : 'bad-encoding', status: result.status, detail: `gzipped sitemap: ${(e as Error).message}`, attempts };
      }
    }
    const decoded = decodeHtmlBytes(bytes, result.contentType ?? undefined);
    const page: FetchedPage = {
      url, finalUrl: result.finalUrl, status: result.status, headers: result.headers,
      fetchedAt: new Date().toISOString(), html: decoded.text, charset: decoded.charset, charsetSource: decoded.source,
      etag: result.headers['etag'] ?? null, lastModified: result.headers['last-modified'] ?? null,
      sourceId: options.sourceId,
      ...(result.contentType ? { contentType: result.contentType } : {}),
    };
    const ok: FetchOk = { outcome: 'ok', page, bytes, attempts, redirects: result.redirects };
    if (decoded.suspect) ok.charsetSuspect = decoded.suspect;
    if (decoded.verbatimUtf8) {
      ok.verbatimUtf8 = true;
      // The server's gzip holds these very bytes unless we gunzipped a sitemap file on top of it.
      if (result.gzipBody && bytes === result.body) ok.htmlGzip = result.gzipBody;
    }
    return ok;
  }

  private count(options: FetchPageOptions, outcome: FetchOutcome): void {
    const c = this.counters;
    for (const b of [c.total, countsBucket(c.byKind, options.kind), countsBucket(c.bySource, options.sourceId)]) {
      if (outcome.outcome === 'ok') b.ok++;
      else if (outcome.outcome === 'not-modified') b.notModified++;
      else {
        b.failed++;
        b.reasons[outcome.reason] = (b.reasons[outcome.reason] ?? 0) + 1;
      }
    }
    if (outcome.outcome === 'ok') {
      c.bytes += outcome.bytes.length;
      if (outcome.charsetSuspect) c.charsetSuspects++;
    }
  }

  /** A snapshot of this run's counters. */
  stats(): FetcherStats {
    const c = this.counters;
    const copy = (o: OutcomeCounts): OutcomeCounts => ({ ...o, reasons: { ...o.reasons } });
    return {
      ...copy(c.total), requests: c.requests, retries: c.retries, robotsFetches: this.robots.fetches, bytes: c.bytes,
      charsetSuspects: c.charsetSuspects,
      byKind: Object.fromEntries([...c.byKind].map(([k, v]) => [k, copy(v)])),
      bySource: Object.fromEntries([...c.bySource].map(([k, v]) => [k, copy(v)])),
    };
  }

  /** Closes the connections; `force` aborts requests still in flight (a stopped run) instead of waiting for them. */
  async close(force = false): Promise<void> {
    await this.http.close(force);
  }
}

/** The promise's value, or null as soon as the signal fires (the promise itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); });
  });
}
