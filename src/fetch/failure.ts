// Fetch failures are typed by what the caller should do next, with a short reason code
// that is stored per URL and counted per run.

/** `retry`: soon, in this run (5xx, timeouts, resets). `retry-later`: not before `retryAfterMs`
 * (429/503 with Retry-After, robots.txt unreachable). `give-up`: do not fetch again as is. */
export type FailureAction = 'retry' | 'retry-later' | 'give-up';

export type FailureReason =
  // retry
  | 'server-error' // 5xx other than 503 with Retry-After
  | 'unavailable' // 503 without Retry-After
  | 'timeout-connect'
  | 'timeout-headers'
  | 'timeout-body' // no byte for bodyTimeoutMs (stalled body)
  | 'timeout-total' // the whole response took longer than totalTimeoutMs (trickling body)
  | 'connection-reset'
  | 'connection-refused'
  | 'dns-error'
  | 'truncated' // the connection ended before the announced body did
  | 'network-error'
  | 'aborted' // the run was stopped (SIGINT/SIGTERM) while the page was queued or in flight: it stays due
  // retry-later
  | 'rate-limited' // 429
  | 'robots-unavailable' // robots.txt answered 5xx or not at all: we wait rather than guess
  // give-up
  | 'not-found' // 404
  | 'gone' // 410
  | 'forbidden' // 401, 403, 451
  | 'client-error' // other 4xx
  | 'robots-disallow'
  | 'too-large'
  | 'not-html'
  | 'unwanted-type'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect' // Location missing, unparsable or not http(s)
  | 'host-refused'
  | 'bad-url'
  | 'bad-encoding' // Content-Encoding unknown or its data corrupt
  | 'unexpected-status';

export interface Failure {
  action: FailureAction;
  reason: FailureReason;
  status?: number;
  /** For `retry-later`: how long to wait, already capped. */
  retryAfterMs?: number;
  /** A human detail (error message, the refused host…). */
  detail?: string;
}

/** What a reason code means, in words, for logs and reports (`connection refused`, `DNS lookup failed`). */
export const FAILURE_TEXT: Record<FailureReason, string> = {
  'server-error': 'server error (5xx)',
  unavailable: 'service unavailable (503)',
  'timeout-connect': 'no connection within the connect timeout',
  'timeout-headers': 'no answer within the headers timeout',
  'timeout-body': 'the body stalled',
  'timeout-total': 'the response took longer than the total timeout',
  'connection-reset': 'connection reset',
  'connection-refused': 'connection refused',
  'dns-error': 'DNS lookup failed',
  truncated: 'the body ended early (truncated)',
  'network-error': 'network error',
  aborted: 'stopped with the run',
  'rate-limited': 'rate limited (429 or a long Retry-After)',
  'robots-unavailable': 'robots.txt could not be read (the host is deferred)',
  'not-found': 'not found (404)',
  gone: 'gone (410)',
  forbidden: 'forbidden (401/403/451)',
  'client-error': 'client error (4xx)',
  'robots-disallow': 'disallowed by robots.txt',
  'too-large': 'larger than the size cap',
  'not-html': 'not an HTML page',
  'unwanted-type': 'an unwanted content type',
  'redirect-loop': 'redirect loop',
  'too-many-redirects': 'too many redirects',
  'bad-redirect': 'a redirect without a usable http(s) Location',
  'host-refused': 'a host the source may not fetch',
  'bad-url': 'not an http(s) URL',
  'bad-encoding': 'undecodable Content-Encoding',
  'unexpected-status': 'an unexpected HTTP status',
};

/** Transport failures: the host could not be reached at all (the site is down, or the name does not resolve). */
export const UNREACHABLE: ReadonlySet<string> = new Set<FailureReason>(['connection-refused', 'dns-error', 'timeout-connect', 'connection-reset', 'network-error']);

/** Milliseconds from a Retry-After value (delta-seconds or HTTP-date), capped; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, capMs: number, now = Date.now()): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (!v) return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Math.round(parseFloat(v) * 1000);
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), capMs);
}
