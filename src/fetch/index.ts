// The fetch layer's public surface: the crawl runner imports from here.
export { Fetcher, type FetchKind, type FetchOutcome, type FetchOk, type FetchNotModified, type FetchFailed, type FetchPageOptions, type FetcherOptions, type FetcherStats, type OutcomeCounts } from './fetcher.ts';
export { HttpClient, userAgentFor, statusFailure, type HttpClientOptions, type HttpGetOptions, type HttpResult } from './http.ts';
export { parseRetryAfter, type Failure, type FailureAction, type FailureReason } from './failure.ts';
export { decodeHtmlBytes, normaliseCharset, vietnameseScore, type DecodedText, type CharsetSource } from './charset.ts';
export { RobotsCache, type RobotsRules, type RobotsOptions } from './robots.ts';
export { PolitenessScheduler, backoffDelayMs, type PolitenessOptions, type HostPolicy, type RetryVerdict } from './politeness.ts';
export { discoverSource, discover, parseFeed, parseSitemap, parseListing, articleMatcher, toIsoDate, type DiscoveredUrl, type DiscoveryResult, type EndpointReport, type DiscoverOptions, type PageFetcher } from './discover.ts';
export { canonicalUrl, canonicalFromHtml, findCanonicalLink, hostKey, siteKey, TRACKING_PARAMS, TRACKING_PREFIXES } from './canonical.ts';
