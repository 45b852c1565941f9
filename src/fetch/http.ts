// One HTTP GET with undici: timeouts, a body-size cap enforced while streaming, manual
// redirects (limit, loop detection, allowed hosts), content decoding and conditional
// requests. It never retries: it says what should happen (failure.ts) and politeness acts.
import { Agent, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { hostKey } from './canonical.ts';
import { parseRetryAfter, type Failure, type FailureReason } from './failure.ts';

export interface HttpClientOptions {
  /** Sent on every request; see `userAgentFor`. */
  userAgent: string;
  connectTimeoutMs?: number;
  /** Time to the response headers. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks (catches stalled bodies). */
  bodyTimeoutMs?: number;
  /** Whole request including body (catches bodies that trickle just fast enough). */
  totalTimeoutMs?: number;
  /** Largest body accepted, compressed and decoded alike. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Upper bound for Retry-After. */
  retryAfterCapMs?: number;
  /** Sockets per origin in the Agent; keep at least the largest per-host concurrency. */
  connectionsPerOrigin?: number;
  /** Share an undici dispatcher; by default the client makes its own Agent. */
  dispatcher?: Dispatcher;
}

export interface HttpGetOptions {
  etag?: string | null;
  lastModified?: string | null;
  /** Hosts a redirect may lead to (compared without `www.`); the request URL's host is always allowed. */
  allowedHosts?: readonly string[];
  /**
   * Asked before each redirect hop is requested (after the scheme, host, loop and count checks): a
   * failure returned here ends the request there, so a hop the caller may not fetch (robots.txt) is
   * never requested.
   */
  checkHop?: (next: URL) => Promise<Failure | null>;
  /** Accepted media types (`text/html`, `application/xml`, or a `text/*` family); absent = any. A missing Content-Type is accepted. */
  accept?: readonly string[];
  /** Accept request header. */
  acceptHeader?: string;
  signal?: AbortSignal;
}

export interface HttpOk {
  kind: 'ok';
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  /** Body after Content-Encoding was undone. */
  body: Buffer;
  /** The body as sent when its only Content-Encoding was gzip: it gunzips to `body` (kept so a raw page need not be compressed again). */
  gzipBody?: Buffer;
  contentType: string | null;
  /** URLs passed through, in order, ending with finalUrl (empty when not redirected). */
  redirects: string[];
}
export interface HttpNotModified {
  kind: 'not-modified';
  url: string;
  finalUrl: string;
  status: 304;
  headers: Record<string, string>;
}
export interface HttpFailed extends Failure {
  kind: 'failed';
  url: string;
  finalUrl?: string;
}
export type HttpResult = HttpOk | HttpNotModified | HttpFailed;

export const HTML_TYPES = ['text/html', 'application/xhtml+xml'] as const;
export const XML_TYPES = [
  'application/xml', 'text/xml', 'application/rss+xml', 'application/atom+xml', 'application/rdf+xml',
  'application/x-rss+xml', 'text/plain', 'text/html',
] as const;
export const GZIP_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'] as const;

/** Where site owners can read who runs the crawler; overridden by --contact or VNPRESS_CONTACT. */
export const DEFAULT_CONTACT_URL = 'https://github.com/vnpress/vnpress#contact';

/** A descriptive User-Agent: who we are and where to complain. `vnpress/0.1 (+https://…; research crawler)`. */
export function userAgentFor(contactUrl: string, product = 'vnpress', version = '0.1'): string {
  return `${product}/${version} (+${contactUrl}; research crawler for Vietnamese press archives)`;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 8 * 1024 * 1024,
  maxRedirects: 5,
  retryAfterCapMs: 6 * 60 * 60 * 1000,
  connectionsPerOrigin: 16,
};

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function mediaType(contentType: string | null): string | null {
  if (!contentType) return null;
  return contentType.split(';')[0]?.trim().toLowerCase() || null;
}

function typeAccepted(contentType: string | null, accept: readonly string[] | undefined): boolean {
  if (!accept) return true;
  const type = mediaType(contentType);
  if (!type) return true;
  return accept.some((a) => (a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : a === type));
}

function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return (err as { name?: string })?.name ?? 'unknown';
}

/** Map a transport error to what the caller should do. `inBody`: the headers had already arrived. */
function classifyError(err: unknown, inBody: boolean, timedOut: FailureReason | null): { reason: FailureReason; detail: string } {
  const code = errorCode(err);
  const detail = `${code}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);
  if (timedOut) return { reason: timedOut, detail };
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT': return { reason: 'timeout-connect', detail };
    case 'UND_ERR_HEADERS_TIMEOUT': return { reason: 'timeout-headers', detail };
    case 'UND_ERR_BODY_TIMEOUT': return { reason: 'timeout-body', detail };
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH': return { reason: 'truncated', detail };
    case 'ECONNREFUSED': return { reason: 'connection-refused', detail };
    case 'ENOTFOUND': case 'EAI_AGAIN': return { reason: 'dns-error', detail };
    case 'ETIMEDOUT': return { reason: inBody ? 'timeout-body' : 'timeout-connect', detail };
    case 'ECONNRESET': case 'EPIPE': case 'UND_ERR_SOCKET': case 'UND_ERR_CLOSED':
      // A connection lost mid-body means we hold a truncated page.
      return { reason: inBody ? 'truncated' : 'connection-reset', detail };
    default: return { reason: 'network-error', detail };
  }
}

/**
 * zlib's output buffer sized to the gzip trailer's length field (the size of the last member, mod 2^32),
 * so a page comes out as one buffer instead of 16 KiB pieces glued together; only a hint, capped.
 */
export function gunzipChunkSize(raw: Buffer, maxBytes: number): number {
  if (raw.length < 18) return 16 * 1024;
  // Deflate expands at most about 1032:1; +1 keeps zlib from starting a spare buffer when the output fills it exactly.
  return Math.max(64, Math.min(raw.readUInt32LE(raw.length - 4) + 1, raw.length * 1032, maxBytes + 1));
}

function decodeContent(raw: Buffer, encoding: string, maxBytes: number): Buffer {
  const opts = { maxOutputLength: maxBytes };
  switch (encoding) {
    case 'gzip': case 'x-gzip': return gunzipSync(raw, { ...opts, chunkSize: gunzipChunkSize(raw, maxBytes) });
    case 'br': return brotliDecompressSync(raw, opts);
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate.
      try { return inflateSync(raw, opts); } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw e;
        return inflateRawSync(raw, opts);
      }
    default: throw Object.assign(new Error(`unsupported content-encoding ${encoding}`), { code: 'UNSUPPORTED_ENCODING' });
  }
}

export class HttpClient {
  readonly options: Required<Omit<HttpClientOptions, 'dispatcher'>>;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(options: HttpClientOptions) {
    this.options = { ...DEFAULTS, ...stripUndefined(options) } as Required<Omit<HttpClientOptions, 'dispatcher'>>;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Agent({
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
      connections: this.options.connectionsPerOrigin,
    });
  }

  /** Closes the client's own connections; `force` aborts the requests in flight instead of waiting for them. */
  async close(force = false): Promise<void> {
    if (!this.ownsDispatcher) return;
    if (force) await this.dispatcher.destroy();
    else await this.dispatcher.close();
  }

  /** GET a URL following redirects; never throws for HTTP or network trouble. */
  async get(url: string, opts: HttpGetOptions = {}): Promise<HttpResult> {
    let current: URL;
    try {
      current = new URL(url);
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      return { kind: 'failed', url, action: 'give-up', reason: 'bad-url', detail: url };
    }
    // Built at the first redirect: most pages have none.
    let allowed: Set<string> | undefined;
    let seen: Set<string> | undefined;
    const redirects: string[] = [];
    for (let hop = 0; ; hop++) {
      const res = await this.once(current, opts, url);
      if (res.kind === 'ok') return redirects.length ? { ...res, redirects } : res;
      if (res.kind !== 'redirect') return res;
      if (!allowed || !seen) {
        allowed = new Set([hostKey(current.host), ...(opts.allowedHosts ?? []).map(hostKey)]);
        seen = new Set<string>([stripHash(current)]);
      }
      const fail = (reason: FailureReason, detail: string): HttpFailed =>
        ({ kind: 'failed', url, finalUrl: current.toString(), action: 'give-up', reason, status: res.status, detail });
      let next: URL;
      try {
        next = new URL(res.location ?? '', current);
      } catch {
        return fail('bad-redirect', `unparsable Location ${res.location}`);
      }
      if (!res.location || (next.protocol !== 'http:' && next.protocol !== 'https:')) return fail('bad-redirect', `Location ${res.location ?? '(none)'}`);
      if (!allowed.has(hostKey(next.host))) return fail('host-refused', `redirect to ${next.host}`);
      const key = stripHash(next);
      if (seen.has(key)) return fail('redirect-loop', `${current} → ${next}`);
      if (hop + 1 > this.options.maxRedirects) return fail('too-many-redirects', `more than ${this.options.maxRedirects}`);
      seen.add(key);
      const refused = opts.checkHop ? await opts.checkHop(next) : null;
      if (refused) return { kind: 'failed', url, finalUrl: current.toString(), ...refused, status: refused.status ?? res.status };
      redirects.push(next.toString());
      current = next;
    }
  }

  /**
   * One request through the dispatcher's handler API: the body arrives as chunks in a callback, with
   * no Readable stream, async iterator or AbortSignal per request (about a third of the client's CPU).
   */
  private once(target: URL, opts: HttpGetOptions, originalUrl: string): Promise<HopResult> {
    const o = this.options;
    const headers: Record<string, string> = {
      'user-agent': o.userAgent,
      'accept-encoding': 'gzip, br, deflate',
      'accept-language': 'vi,en;q=0.8',
      accept: opts.acceptHeader ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    return new Promise<HopResult>((resolve) => {
      const exchange = new Exchange(o, opts, { url: originalUrl, finalUrl: target.toString() }, resolve);
      try {
        this.dispatcher.dispatch({
          origin: target.origin, path: `${target.pathname}${target.search}`, method: 'GET', headers,
          headersTimeout: o.headersTimeoutMs, bodyTimeout: o.bodyTimeoutMs,
        }, exchange);
      } catch (err) {
        exchange.fail(err);
      }
    });
  }
}

/**
 * One request's response handling. A class rather than closures: under tsx every named closure
 * made per request costs a defineProperty (its kept name), about a microsecond each.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private settled = false;
  private controller: Dispatcher.DispatchController | null = null;
  /** Set before the request reached a socket: it is aborted as soon as it does (as undici does for a signal). */
  private abortReason: Error | null = null;
  private timedOut: FailureReason | null = null;
  private inBody = false;
  private status = 0;
  private headers: Record<string, string> = {};
  /** What the body is for: kept (2xx), read and dropped (redirects, errors, 304), or none left to read. */
  private mode: 'keep' | 'drain' | 'ignore' = 'keep';
  private drained: HopResult | null = null;
  private readonly chunks: Buffer[] = [];
  private received = 0;
  private readonly timer: NodeJS.Timeout;
  private phaseTimer: NodeJS.Timeout;
  private readonly onOuterAbort: (() => void) | null = null;

  constructor(
    private readonly o: Required<Omit<HttpClientOptions, 'dispatcher'>>,
    private readonly opts: HttpGetOptions,
    private readonly base: { url: string; finalUrl: string },
    private readonly resolve: (result: HopResult) => void,
  ) {
    // Our own timers: undici's are coarse (about a second), which matters for short test timeouts.
    this.timer = setTimeout(() => this.expire('timeout-total'), o.totalTimeoutMs);
    this.phaseTimer = setTimeout(() => this.expire('timeout-headers'), o.headersTimeoutMs);
    const signal = opts.signal;
    if (signal) {
      this.onOuterAbort = () => this.abort(Object.assign(new Error('aborted by caller'), { name: 'AbortError' }));
      if (signal.aborted) this.onOuterAbort();
      else signal.addEventListener('abort', this.onOuterAbort, { once: true });
    }
  }

  private abort(reason: Error): void {
    if (this.controller) return this.controller.abort(reason);
    // Not on a socket yet (still connecting, or queued behind the host's other requests): answer now,
    // and abort the request as soon as undici starts it.
    this.abortReason ??= reason;
    if (this.mode !== 'ignore') this.fail(reason);
  }

  private expire(reason: FailureReason): void {
    this.timedOut ??= reason;
    this.abort(Object.assign(new Error(`request ${reason}`), { code: 'VNPRESS_TIMEOUT' }));
  }

  private finish(result: HopResult): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    clearTimeout(this.phaseTimer);
    if (this.onOuterAbort) this.opts.signal?.removeEventListener('abort', this.onOuterAbort);
    this.resolve(result);
  }

  /** Settle now and stop the transfer (the connection is dropped). */
  private stop(result: HopResult): void {
    this.mode = 'ignore';
    this.finish(result);
    this.abort(new Error('body not wanted'));
  }

  fail(err: unknown): void {
    if (this.settled) return;
    const { reason, detail } = classifyError(err, this.inBody, this.timedOut);
    if (this.opts.signal?.aborted && !this.timedOut) {
      this.finish({ kind: 'failed', ...this.base, action: 'retry', reason: 'aborted', detail: 'aborted by caller' });
      return;
    }
    this.finish({ kind: 'failed', ...this.base, action: 'retry', reason, detail, ...(this.inBody ? { status: this.status } : {}) });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, rawHeaders: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx: the final response follows
    const { o, opts, base } = this;
    this.inBody = true;
    const status = (this.status = statusCode);
    const h = (this.headers = flatHeaders(rawHeaders));
    clearTimeout(this.phaseTimer);
    this.phaseTimer = setTimeout(() => this.expire('timeout-body'), o.bodyTimeoutMs);

    if (status >= 300 && status < 400 && status !== 304) {
      this.mode = 'drain';
      this.drained = { kind: 'redirect', status, location: h['location'] };
      return;
    }
    if (status === 304) {
      this.mode = 'drain';
      this.drained = opts.etag || opts.lastModified
        ? { kind: 'not-modified', ...base, status: 304, headers: h }
        : { kind: 'failed', ...base, action: 'give-up', reason: 'unexpected-status', status };
      return;
    }
    if (status >= 400) {
      this.mode = 'drain';
      this.drained = { kind: 'failed', ...base, status, ...statusFailure(status, h, o.retryAfterCapMs) };
      return;
    }
    const contentType = h['content-type'] ?? null;
    if (!typeAccepted(contentType, opts.accept)) {
      const htmlOnly = opts.accept?.every((a) => (HTML_TYPES as readonly string[]).includes(a));
      this.stop({ kind: 'failed', ...base, status, action: 'give-up', reason: htmlOnly ? 'not-html' : 'unwanted-type', detail: mediaType(contentType) ?? '' });
      return;
    }
    const declared = Number(h['content-length']);
    if (Number.isFinite(declared) && declared > o.maxBodyBytes) {
      this.stop({ kind: 'failed', ...base, status, action: 'give-up', reason: 'too-large', detail: `content-length ${declared}` });
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.mode === 'ignore') return;
    this.phaseTimer.refresh();
    this.received += chunk.length;
    if (this.mode === 'drain') {
      // A small body (redirect, error page) is read so the connection can be reused; past 64 KiB it is dropped.
      if (this.received > 64 * 1024 && this.drained) this.stop(this.drained);
      return;
    }
    if (this.received > this.o.maxBodyBytes) {
      this.stop({ kind: 'failed', ...this.base, status: this.status, action: 'give-up', reason: 'too-large', detail: `more than ${this.o.maxBodyBytes} bytes` });
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.mode === 'ignore') return;
    if (this.mode === 'drain') this.finish(this.drained!);
    else this.finish(decodedOk(this.chunks, this.received, this.status, this.headers, this.base, this.o.maxBodyBytes));
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    // A drained body that broke off (or was cut at 64 KiB) still told us what we needed.
    if (this.mode === 'drain' && this.drained) this.finish(this.drained);
    else this.fail(err);
  }
}

type HopResult = HttpOk | HttpNotModified | HttpFailed | { kind: 'redirect'; status: number; location: string | undefined };

/** The 2xx body put together and its Content-Encoding undone. */
function decodedOk(chunks: Buffer[], received: number, status: number, h: Record<string, string>, base: { url: string; finalUrl: string }, maxBodyBytes: number): HttpOk | HttpFailed {
  let bytes: Buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
  let gzipBody: Buffer | undefined;
  const encoding = (h['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    try {
      const encodings = encoding.split(',').map((e) => e.trim()).filter((e) => e && e !== 'identity').reverse();
      if (encodings.length === 1 && (encodings[0] === 'gzip' || encodings[0] === 'x-gzip')) gzipBody = bytes;
      for (const enc of encodings) bytes = decodeContent(bytes, enc, maxBodyBytes);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'failed', ...base, status, action: 'give-up', reason: 'too-large', detail: `decoded body over ${maxBodyBytes} bytes` };
      return { kind: 'failed', ...base, status, action: 'give-up', reason: 'bad-encoding', detail: `${encoding}: ${(e as Error).message}` };
    }
  }
  const ok: HttpOk = { kind: 'ok', ...base, status, headers: h, body: bytes, contentType: h['content-type'] ?? null, redirects: [] };
  if (gzipBody) ok.gzipBody = gzipBody;
  return ok;
}

/** What an error status means for the caller. */
export function statusFailure(status: number, headers: Record<string, string>, retryAfterCapMs: number): Failure {
  const retryAfter = parseRetryAfter(headers['retry-after'], retryAfterCapMs);
  if (status === 429) return { action: 'retry-later', reason: 'rate-limited', status, ...(retryAfter !== null ? { retryAfterMs: retryAfter } : {}) };
  if (status === 503) {
    return retryAfter !== null
      ? { action: 'retry-later', reason: 'unavailable', status, retryAfterMs: retryAfter }
      : { action: 'retry', reason: 'unavailable', status };
  }
  if (status >= 500) return { action: 'retry', reason: 'server-error', status };
  if (status === 408) return { action: 'retry', reason: 'timeout-headers', status };
  if (status === 404) return { action: 'give-up', reason: 'not-found', status };
  if (status === 410) return { action: 'give-up', reason: 'gone', status };
  if (status === 401 || status === 403 || status === 451) return { action: 'give-up', reason: 'forbidden', status };
  if (status >= 400) return { action: 'give-up', reason: 'client-error', status };
  return { action: 'give-up', reason: 'unexpected-status', status };
}

function stripHash(u: URL): string {
  const c = new URL(u);
  c.hash = '';
  return c.toString();
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
