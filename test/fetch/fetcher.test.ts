// Every case of the fault zoo through the Fetcher: each handled as a user would want, each
// failure typed by what to do next and carrying its reason.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher, type FetchOutcome, type FetcherOptions } from '../../src/fetch/fetcher.ts';
import type { Source } from '../../src/core/types.ts';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.ts';

const CONTACT = 'https://example.org/vnpress-contact';
let server: FaultServer;
let source: Source;
const fetchers: Fetcher[] = [];

// Generous timeouts so a loaded CI machine does not fail healthy requests; the timeout tests use SHORT.
const HTTP = { connectTimeoutMs: 3000, headersTimeoutMs: 3000, bodyTimeoutMs: 3000, totalTimeoutMs: 8000, maxBodyBytes: 2 * 1024 * 1024, retryAfterCapMs: 3_600_000 };
const SHORT = { ...HTTP, connectTimeoutMs: 300, headersTimeoutMs: 300, bodyTimeoutMs: 300, totalTimeoutMs: 900 };

function makeFetcher(over: Partial<FetcherOptions> = {}, politeness: FetcherOptions['politeness'] = {}): Fetcher {
  const f = new Fetcher({
    contactUrl: CONTACT,
    http: HTTP,
    politeness: { defaultMinDelayMs: 0, defaultHostConcurrency: 4, maxAttempts: 3, backoffBaseMs: 10, backoffMaxMs: 40, maxInRunWaitMs: 2000, ...politeness },
    sources: [source],
    ...over,
  });
  fetchers.push(f);
  return f;
}

const failed = (r: FetchOutcome) => {
  if (r.outcome !== 'failed') throw new Error(`expected a failure, got ${r.outcome}`);
  return r;
};

beforeAll(async () => {
  server = await startFaultServer();
  source = { id: 'zoo', name: 'Fault zoo', baseUrl: `${server.baseUrl}/`, language: 'vi' };
});
afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await server.close();
});

describe('a healthy article', () => {
  it('comes back decoded, with validators, fetched with a descriptive User-Agent', async () => {
    const f = makeFetcher();
    const a = server.article(0);
    const r = await f.fetchPage(`${server.baseUrl}${a.path}`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome).toBe('ok');
    if (r.outcome !== 'ok') return;
    expect(r.page.status).toBe(200);
    expect(r.page.html).toContain(a.paragraphs[0]);
    expect(r.page).toMatchObject({ charset: 'utf-8', charsetSource: 'header', sourceId: 'zoo', contentType: 'text/html; charset=utf-8' });
    expect(r.page.etag).toMatch(/^".+"$/);
    expect(r.page.lastModified).toBeTruthy();
    expect(Date.parse(r.page.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
    const req = server.log.find((l) => l.path === a.path);
    expect(req?.headers['user-agent']).toContain(CONTACT);
    expect(req?.headers['user-agent']).toMatch(/^vnpress\//);
    expect(req?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('refuses to construct without a contact', () => {
    expect(() => new Fetcher({})).toThrow(/contactUrl/);
  });
});

describe('conditional requests', () => {
  it('sends ETag / Last-Modified back and gets not-modified; a changed page comes back ok', async () => {
    const f = makeFetcher();
    const a = server.article(3);
    const url = `${server.baseUrl}${a.path}`;
    const first = await f.fetchPage(url, { sourceId: 'zoo', kind: 'article' });
    if (first.outcome !== 'ok') throw new Error('first fetch failed');
    const byEtag = await f.fetchPage(url, { sourceId: 'zoo', kind: 'article', etag: first.page.etag ?? null });
    expect(byEtag).toMatchObject({ outcome: 'not-modified', etag: first.page.etag });
    const byDate = await f.fetchPage(url, { sourceId: 'zoo', kind: 'article', lastModified: first.page.lastModified ?? null });
    expect(byDate.outcome).toBe('not-modified');
    expect(server.log.filter((l) => l.path === a.path).at(-1)?.headers['if-modified-since']).toBe(first.page.lastModified);

    server.updateArticle(3, ['Nội dung đã được cập nhật lúc 10 giờ.']);
    const changed = await f.fetchPage(url, { sourceId: 'zoo', kind: 'article', etag: first.page.etag ?? null });
    expect(changed.outcome).toBe('ok');
    if (changed.outcome === 'ok') {
      expect(changed.page.html).toContain('Nội dung đã được cập nhật');
      expect(changed.page.etag).not.toBe(first.page.etag);
    }
    expect(f.stats()).toMatchObject({ ok: 2, notModified: 2 });
  });
});

describe('error statuses', () => {
  it.each([
    ['/fault/status/500', 'retry', 'server-error', 500, 3],
    ['/fault/status/502', 'retry', 'server-error', 502, 3],
    ['/fault/status/503', 'retry', 'unavailable', 503, 3],
    ['/fault/status/404', 'give-up', 'not-found', 404, 1],
    ['/fault/status/410', 'give-up', 'gone', 410, 1],
    ['/fault/status/403', 'give-up', 'forbidden', 403, 1],
    ['/fault/status/400', 'give-up', 'client-error', 400, 1],
  ] as const)('%s → %s / %s after %i attempts', async (path, action, reason, status, attempts) => {
    const f = makeFetcher();
    const r = failed(await f.fetchPage(`${server.baseUrl}${path}`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action, reason, status, attempts });
    expect(server.hits.get(path)).toBe(attempts); // give-up statuses are not asked twice
    server.hits.delete(path);
  });

  it('a flaky 500 is retried with backoff until it succeeds', async () => {
    const f = makeFetcher();
    const r = await f.fetchPage(`${server.baseUrl}/fault/flaky/five-hundred?fails=2&code=500`, { sourceId: 'zoo', kind: 'article' });
    expect(r).toMatchObject({ outcome: 'ok', attempts: 3 });
    expect(f.stats().retries).toBe(2);
  });

  it('429 with a short Retry-After is waited out (and the wait is really taken)', async () => {
    const f = makeFetcher();
    const path = '/fault/flaky/rate-limit?fails=1&code=429&after=1';
    const t0 = Date.now();
    const r = await f.fetchPage(`${server.baseUrl}${path}`, { sourceId: 'zoo', kind: 'article' });
    expect(r).toMatchObject({ outcome: 'ok', attempts: 2 });
    const times = server.log.filter((l) => l.path === path).map((l) => l.at);
    expect(times).toHaveLength(2);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('429/503 with a long Retry-After come back as retry-later, capped, and pause the host', async () => {
    const f = makeFetcher();
    const r429 = failed(await f.fetchPage(`${server.baseUrl}/fault/status/429?retry-after=86400`, { sourceId: 'zoo', kind: 'article' }));
    expect(r429).toMatchObject({ action: 'retry-later', reason: 'rate-limited', status: 429, attempts: 1, retryAfterMs: 3_600_000 });
    // The host asked us to stay away: the next page is not requested at all.
    const next = server.article(5).path;
    const before = server.hits.get(next) ?? 0;
    const held = failed(await f.fetchPage(`${server.baseUrl}${next}`, { sourceId: 'zoo', kind: 'article' }));
    expect(held).toMatchObject({ action: 'retry-later', reason: 'rate-limited', attempts: 0 });
    expect(held.retryAfterMs).toBeGreaterThan(3_000_000);
    expect(server.hits.get(next) ?? 0).toBe(before);

    const g = makeFetcher();
    const r503 = failed(await g.fetchPage(`${server.baseUrl}/fault/status/503?retry-after-date=7200`, { sourceId: 'zoo', kind: 'article' }));
    expect(r503).toMatchObject({ action: 'retry-later', reason: 'unavailable', status: 503, retryAfterMs: 3_600_000 });
    const h = makeFetcher();
    const r503s = failed(await h.fetchPage(`${server.baseUrl}/fault/status/503?retry-after=120`, { sourceId: 'zoo', kind: 'article' }));
    expect(r503s.retryAfterMs).toBe(120_000);
  });
});

describe('timeouts, resets and truncation (short timeouts)', () => {
  it.each([
    ['/fault/slow-headers?ms=3000', 'timeout-headers'],
    ['/fault/stall-body', 'timeout-body'],
    ['/fault/trickle?every=50', 'timeout-total'],
    ['/fault/truncated', 'truncated'],
    ['/fault/truncated-chunked', 'truncated'],
    ['/fault/reset', 'connection-reset'],
  ] as const)('%s → retry / %s', async (path, reason) => {
    const f = makeFetcher({ http: SHORT }, { maxAttempts: 1 });
    const t0 = Date.now();
    const r = failed(await f.fetchPage(`${server.baseUrl}${path}`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action: 'retry', reason, attempts: 1 });
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('a closed port → retry / connection-refused', async () => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    const f = makeFetcher({ robots: false, sources: [] }, { maxAttempts: 2 });
    const r = failed(await f.fetchPage(`http://127.0.0.1:${port}/a.html`, { sourceId: 'gone', kind: 'article' }));
    expect(r).toMatchObject({ action: 'retry', reason: 'connection-refused', attempts: 2 });
  });
});

describe('size cap', () => {
  it('refuses the 50 MB page from its Content-Length without reading it', async () => {
    const f = makeFetcher();
    const t0 = Date.now();
    const r = failed(await f.fetchPage(`${server.baseUrl}/fault/huge`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action: 'give-up', reason: 'too-large', attempts: 1 });
    expect(Date.now() - t0).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.bytesSent.get('/fault/huge') ?? 0).toBeLessThan(16 * 1024 * 1024);
  });

  it('stops a 50 MB chunked body once past the cap', async () => {
    const f = makeFetcher();
    const r = failed(await f.fetchPage(`${server.baseUrl}/fault/huge-chunked`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action: 'give-up', reason: 'too-large' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.bytesSent.get('/fault/huge-chunked') ?? 0).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a decompression bomb (small gzip, huge content)', async () => {
    const f = makeFetcher();
    const r = failed(await f.fetchPage(`${server.baseUrl}/fault/encoding/bomb`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action: 'give-up', reason: 'too-large' });
  });
});

describe('content encodings', () => {
  it.each(['gzip', 'br', 'deflate', 'deflate-raw'])('%s is decoded', async (enc) => {
    const f = makeFetcher();
    const r = await f.fetchPage(`${server.baseUrl}/fault/encoding/${enc}`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome).toBe('ok');
    if (r.outcome === 'ok') expect(r.page.html).toContain('Ủy ban nhân dân tỉnh Nghệ An');
  });

  it('corrupt gzip → give-up / bad-encoding', async () => {
    const f = makeFetcher();
    expect(failed(await f.fetchPage(`${server.baseUrl}/fault/encoding/bad-gzip`, { sourceId: 'zoo', kind: 'article' }))).toMatchObject({ action: 'give-up', reason: 'bad-encoding' });
  });
});

describe('redirects', () => {
  it('follows a chain within the limit and reports where it ended', async () => {
    const f = makeFetcher();
    const r = await f.fetchPage(`${server.baseUrl}/fault/redirect/chain/3`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome).toBe('ok');
    if (r.outcome !== 'ok') return;
    expect(r.page.finalUrl).toBe(`${server.baseUrl}${server.article(0).path}`);
    expect(r.redirects).toHaveLength(3);
    expect(r.page.url).toBe(`${server.baseUrl}/fault/redirect/chain/3`);
    const rel = await f.fetchPage(`${server.baseUrl}/fault/redirect/relative`, { sourceId: 'zoo', kind: 'article' });
    expect(rel.outcome === 'ok' && rel.page.finalUrl).toBe(`${server.baseUrl}${server.article(2).path}`);
  });

  it.each([
    ['/fault/redirect/loop-a', 'redirect-loop'],
    ['/fault/redirect/chain/9', 'too-many-redirects'],
    ['/fault/redirect/cross', 'host-refused'],
    ['/fault/redirect/ftp', 'bad-redirect'],
    ['/fault/redirect/no-location', 'bad-redirect'],
    ['/fault/redirect/to-private', 'robots-disallow'],
  ] as const)('%s → give-up / %s', async (path, reason) => {
    const f = makeFetcher();
    expect(failed(await f.fetchPage(`${server.baseUrl}${path}`, { sourceId: 'zoo', kind: 'article' }))).toMatchObject({ action: 'give-up', reason });
  });

  it('a cross-host redirect is refused without touching the other host, and followed when the host is allowed', async () => {
    const before = server.otherHits.get('/tin-tuc/ngoai-site-1.html') ?? 0;
    await makeFetcher().fetchPage(`${server.baseUrl}/fault/redirect/cross`, { sourceId: 'zoo', kind: 'article' });
    expect(server.otherHits.get('/tin-tuc/ngoai-site-1.html') ?? 0).toBe(before);
    const otherHost = new URL(server.otherBaseUrl).host;
    const f = makeFetcher({ sources: [{ ...source, hosts: [otherHost] }] });
    const r = await f.fetchPage(`${server.baseUrl}/fault/redirect/cross`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome === 'ok' && r.page.finalUrl).toBe(`${server.otherBaseUrl}/tin-tuc/ngoai-site-1.html`);
  });

  it('a URL on a host the source does not own is not fetched', async () => {
    const f = makeFetcher();
    const r = failed(await f.fetchPage(`${server.otherBaseUrl}/tin-tuc/ngoai-site-2.html`, { sourceId: 'zoo', kind: 'article' }));
    expect(r).toMatchObject({ action: 'give-up', reason: 'host-refused', attempts: 0 });
    expect(server.otherHits.get('/tin-tuc/ngoai-site-2.html')).toBeUndefined();
    expect(failed(await f.fetchPage('ftp://127.0.0.1/x', { sourceId: 'zoo', kind: 'article' })).reason).toBe('bad-url');
  });
});

describe('content types', () => {
  it.each(['pdf', 'json', 'image'])('%s as an article → give-up / not-html', async (t) => {
    const f = makeFetcher();
    expect(failed(await f.fetchPage(`${server.baseUrl}/fault/type/${t}`, { sourceId: 'zoo', kind: 'article' }))).toMatchObject({ action: 'give-up', reason: 'not-html', status: 200 });
  });

  it('a page without Content-Type is read (and its meta charset used)', async () => {
    const r = await makeFetcher().fetchPage(`${server.baseUrl}/fault/type/none`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome === 'ok' && r.page.charsetSource).toBe('meta');
  });

  it('feeds and sitemaps accept XML; an image as a feed is unwanted', async () => {
    const f = makeFetcher();
    expect((await f.fetchPage(`${server.baseUrl}/rss.xml`, { sourceId: 'zoo', kind: 'feed' })).outcome).toBe('ok');
    expect((await f.fetchPage(`${server.baseUrl}/rss.xml`, { sourceId: 'zoo', kind: 'article' })).outcome).toBe('failed');
    const gz = await f.fetchPage(`${server.baseUrl}/sitemaps/archive.xml.gz`, { sourceId: 'zoo', kind: 'sitemap' });
    expect(gz.outcome === 'ok' && gz.page.html.startsWith('<?xml')).toBe(true);
    expect(failed(await f.fetchPage(`${server.baseUrl}/fault/type/image`, { sourceId: 'zoo', kind: 'feed' })).reason).toBe('unwanted-type');
  });
});

describe('robots.txt', () => {
  it('is fetched once per host however many pages, and its Disallow is obeyed without a request', async () => {
    const s = await startFaultServer({ articles: 5 });
    try {
      const f = makeFetcher({ sources: [{ ...source, baseUrl: s.baseUrl }] });
      const urls = s.articlePaths.map((p) => `${s.baseUrl}${p}`);
      const results = await Promise.all(urls.map((u) => f.fetchPage(u, { sourceId: 'zoo', kind: 'article' })));
      expect(results.every((r) => r.outcome === 'ok')).toBe(true);
      expect(s.hits.get('/robots.txt')).toBe(1);
      const r = failed(await f.fetchPage(`${s.baseUrl}/private/secret.html`, { sourceId: 'zoo', kind: 'article' }));
      expect(r).toMatchObject({ action: 'give-up', reason: 'robots-disallow', attempts: 0 });
      expect(s.hits.get('/private/secret.html')).toBeUndefined();
      expect(f.stats().robotsFetches).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('is checked on every redirect hop before the hop is requested: a redirect into a disallowed path never reaches it', async () => {
    const s = await startFaultServer({ articles: 1 });
    try {
      const f = makeFetcher({ sources: [{ ...source, baseUrl: s.baseUrl }] });
      s.setPage('/fault/redirect/two-hops', { status: 302, body: '', headers: { location: '/fault/redirect/to-private' } });
      for (const path of ['/fault/redirect/to-private', '/fault/redirect/two-hops']) {
        const r = failed(await f.fetchPage(`${s.baseUrl}${path}`, { sourceId: 'zoo', kind: 'article' }));
        expect(r, path).toMatchObject({ action: 'give-up', reason: 'robots-disallow', status: 302 });
        expect(r.detail).toContain('/private/secret.html');
      }
      expect(s.hits.get('/fault/redirect/two-hops')).toBe(1);
      expect(s.hits.get('/fault/redirect/to-private')).toBe(2);
      expect(s.hits.get('/private/secret.html') ?? 0).toBe(0);
      // A hop that is allowed is followed as before.
      expect((await f.fetchPage(`${s.baseUrl}/fault/redirect/to-article`, { sourceId: 'zoo', kind: 'article' })).outcome).toBe('ok');
    } finally {
      await s.close();
    }
  });

  it('a redirect to another host of the source is checked against that host\'s robots.txt', async () => {
    const s = await startFaultServer({ articles: 1 });
    const other = await startFaultServer({ articles: 1, robotsTxt: 'User-agent: *\nDisallow: /tin-tuc/\n' });
    try {
      const target = `${other.baseUrl}${other.articlePaths[0]}`;
      s.setPage('/fault/redirect/to-other-host', { status: 301, body: '', headers: { location: target } });
      const f = makeFetcher({ sources: [{ ...source, baseUrl: s.baseUrl, hosts: [new URL(s.baseUrl).host, new URL(other.baseUrl).host] }] });
      const r = failed(await f.fetchPage(`${s.baseUrl}/fault/redirect/to-other-host`, { sourceId: 'zoo', kind: 'article' }));
      expect(r).toMatchObject({ reason: 'robots-disallow' });
      expect(other.hits.get('/robots.txt')).toBe(1);
      expect(other.hits.get(other.articlePaths[0]!) ?? 0).toBe(0);
    } finally {
      await s.close();
      await other.close();
    }
  });

  it('rules for our own token apply; other bots\' rules do not', async () => {
    const s = await startFaultServer({ articles: 2, robotsTxt: 'User-agent: vnpress\nDisallow: /tin-tuc/\n\nUser-agent: *\nDisallow: /\n' });
    try {
      const f = makeFetcher({ sources: [{ ...source, baseUrl: s.baseUrl }] });
      expect(failed(await f.fetchPage(`${s.baseUrl}${s.articlePaths[0]}`, { sourceId: 'zoo', kind: 'article' })).reason).toBe('robots-disallow');
      expect((await f.fetchPage(`${s.baseUrl}/rss.xml`, { sourceId: 'zoo', kind: 'feed' })).outcome).toBe('ok');
    } finally {
      await s.close();
    }
  });

  it('404 robots.txt allows everything; 5xx robots.txt defers the host (retry-later), never gives up', async () => {
    const missing = await startFaultServer({ articles: 1, robotsStatus: 404 });
    const broken = await startFaultServer({ articles: 1, robotsStatus: 503 });
    try {
      const f = makeFetcher({ sources: [{ ...source, id: 'm', baseUrl: missing.baseUrl }, { ...source, id: 'b', baseUrl: broken.baseUrl }] });
      expect((await f.fetchPage(`${missing.baseUrl}/private/secret.html`, { sourceId: 'm', kind: 'article' })).outcome).toBe('ok');
      const r = failed(await f.fetchPage(`${broken.baseUrl}${broken.articlePaths[0]}`, { sourceId: 'b', kind: 'article' }));
      expect(r).toMatchObject({ action: 'retry-later', reason: 'robots-unavailable', attempts: 0 });
      expect(r.retryAfterMs).toBeGreaterThan(0);
      expect(broken.hits.get(broken.articlePaths[0] as string)).toBeUndefined();
    } finally {
      await missing.close();
      await broken.close();
    }
  });

  it('Crawl-delay is a floor under the configured delay', async () => {
    const s = await startFaultServer({ articles: 4, crawlDelaySec: 0.25 });
    try {
      const f = makeFetcher({ sources: [{ ...source, baseUrl: s.baseUrl, rateLimit: { minDelayMs: 50, concurrency: 4 } }] });
      await Promise.all(s.articlePaths.map((p) => f.fetchPage(`${s.baseUrl}${p}`, { sourceId: 'zoo', kind: 'article' })));
      const times = s.log.filter((l) => l.path.startsWith('/tin-tuc/')).map((l) => l.at).sort((a, b) => a - b);
      expect(times).toHaveLength(4);
      for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(240);
      expect(f.scheduler.delayFor(new URL(s.baseUrl).host)).toBe(250);
    } finally {
      await s.close();
    }
  });
});

describe('counters', () => {
  it('count outcomes by kind, source and reason', async () => {
    const f = makeFetcher();
    await f.fetchPage(`${server.baseUrl}${server.article(7).path}`, { sourceId: 'zoo', kind: 'article' });
    await f.fetchPage(`${server.baseUrl}/fault/status/404`, { sourceId: 'zoo', kind: 'article' });
    await f.fetchPage(`${server.baseUrl}/fault/status/410`, { sourceId: 'zoo', kind: 'listing' });
    await f.fetchPage(`${server.baseUrl}/rss.xml`, { sourceId: 'zoo', kind: 'feed' });
    const s = f.stats();
    expect(s).toMatchObject({ ok: 2, failed: 2, reasons: { 'not-found': 1, gone: 1 }, requests: 4 });
    expect(s.byKind['article']).toMatchObject({ ok: 1, failed: 1 });
    expect(s.byKind['listing']).toMatchObject({ failed: 1, reasons: { gone: 1 } });
    expect(s.bySource['zoo']).toMatchObject({ ok: 2, failed: 2 });
    expect(s.bytes).toBeGreaterThan(1000);
  });
});
