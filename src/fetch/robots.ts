// robots.txt, fetched once per origin per run (concurrent callers share one request).
//
// Choices (RFC 9309 where it speaks):
// - 2xx: parsed with robots-parser for our product token.
// - 4xx (404, 410, also 401/403): "unavailable" in RFC terms → everything allowed.
// - 5xx, timeouts, network errors: "unreachable" → nothing allowed. We are conservative: the
//   pages of that origin fail with `retry-later` / `robots-unavailable` (never `give-up`), so the
//   next run tries again; within a long run robots.txt is re-asked after `unavailableTtlMs`.
// - Crawl-delay (seconds, decimals allowed) becomes a floor of the host's delay, capped at
//   `maxCrawlDelayMs` so that a typo of 86400 cannot stall a nightly run (the cap is logged by
//   callers through `crawlDelayCapped`).
import robotsParserModule from 'robots-parser';
import type { HttpResult } from './http.ts';

interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// The package is CommonJS (module.exports = fn); its typings claim an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ParsedRobots;

export type RobotsState = 'ok' | 'missing' | 'unavailable';

export interface RobotsRules {
  origin: string;
  state: RobotsState;
  /** HTTP status of robots.txt, when one came back. */
  status?: number;
  /** Failure reason when unavailable. */
  reason?: string;
  isAllowed(url: string): boolean;
  /** Crawl-delay for our token (or `*`) in ms, capped; null when none. */
  crawlDelayMs: number | null;
  crawlDelayCapped: boolean;
  /** Sitemap: lines, absolute URLs. */
  sitemaps: string[];
  fetchedAt: number;
}

export interface RobotsOptions {
  /** Product token matched against User-agent lines, e.g. `vnpress`. */
  userAgentToken: string;
  /** Fetches a robots.txt URL (through politeness, no retries). */
  fetch: (url: string) => Promise<HttpResult>;
  maxCrawlDelayMs?: number;
  unavailableTtlMs?: number;
  now?: () => number;
}

export class RobotsCache {
  private readonly cache = new Map<string, Promise<RobotsRules>>();
  private readonly maxCrawlDelayMs: number;
  private readonly unavailableTtlMs: number;
  private readonly now: () => number;
  /** robots.txt requests made (at most one per origin unless unavailable). */
  fetches = 0;

  constructor(private readonly options: RobotsOptions) {
    this.maxCrawlDelayMs = options.maxCrawlDelayMs ?? 60_000;
    this.unavailableTtlMs = options.unavailableTtlMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The rules governing a URL's origin. */
  forUrl(url: string): Promise<RobotsRules> {
    return this.forOrigin(new URL(url).origin);
  }

  /**
   * The rules of an origin (`URL.origin`: `https://host[:port]`). `fetch` replaces the cache's own
   * fetch function for this load (a redirect hop asks from inside a host's politeness slot, where
   * waiting for another slot could deadlock).
   */
  async forOrigin(origin: string, fetch?: RobotsOptions['fetch']): Promise<RobotsRules> {
    const cached = this.cache.get(origin);
    if (cached) {
      const rules = await cached;
      if (rules.state !== 'unavailable' || this.now() - rules.fetchedAt < this.unavailableTtlMs) return rules;
      this.cache.delete(origin);
      return this.forOrigin(origin, fetch);
    }
    const pending = this.load(origin, fetch ?? this.options.fetch);
    this.cache.set(origin, pending);
    return pending;
  }

  private async load(origin: string, fetch: RobotsOptions['fetch']): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    this.fetches++;
    const res = await fetch(robotsUrl);
    const fetchedAt = this.now();
    if (res.kind === 'ok') {
      const text = res.body.toString('utf8');
      const robot = robotsParser(robotsUrl, text);
      const token = this.options.userAgentToken;
      const delaySec = robot.getCrawlDelay(token);
      const rawDelay = typeof delaySec === 'number' && Number.isFinite(delaySec) && delaySec > 0 ? delaySec * 1000 : null;
      return {
        origin, state: 'ok', status: res.status, fetchedAt,
        // robots-parser answers undefined for URLs of another origin; those are not ours to judge.
        isAllowed: (u) => robot.isAllowed(u, token) !== false,
        crawlDelayMs: rawDelay === null ? null : Math.min(rawDelay, this.maxCrawlDelayMs),
        crawlDelayCapped: rawDelay !== null && rawDelay > this.maxCrawlDelayMs,
        sitemaps: robot.getSitemaps(),
      };
    }
    if (res.kind === 'failed' && res.status !== undefined && res.status >= 400 && res.status < 500) {
      return { origin, state: 'missing', status: res.status, fetchedAt, isAllowed: () => true, crawlDelayMs: null, crawlDelayCapped: false, sitemaps: [] };
    }
    const failed = res.kind === 'failed' ? res : null;
    return {
      origin, state: 'unavailable', fetchedAt, isAllowed: () => false, crawlDelayMs: null, crawlDelayCapped: false, sitemaps: [],
      reason: failed ? failed.reason : 'unexpected-status',
      ...(failed?.status !== undefined ? { status: failed.status } : {}),
    };
  }
}
