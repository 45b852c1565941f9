// The whole runner against the fault zoo: every failure ends as a crawl-state row with its
// reason, the good pages are stored, and the run finishes.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { articleHtml, sitemapSource } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { canonicalUrl } from '../../src/fetch/canonical.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import type { Source } from '../../src/core/types.ts';

// Each fault URL with the crawl-state status and reason a user would want recorded.
const FAULTS: [path: string, status: string, reason: string | RegExp][] = [
  ['/fault/status/500', 'failed', 'server-error'],
  ['/fault/status/502', 'failed', 'server-error'],
  ['/fault/status/503', 'failed', 'unavailable'],
  ['/fault/status/404', 'gone', 'not-found'],
  ['/fault/status/410', 'gone', 'gone'],
  ['/fault/slow-headers?ms=3000', 'failed', /timeout/],
  ['/fault/stall-body', 'failed', /timeout/],
  ['/fault/truncated', 'failed', 'truncated'],
  ['/fault/huge', 'gone', 'too-large'],
  ['/fault/redirect/loop-a', 'gone', 'redirect-loop'],
  ['/fault/redirect/cross', 'gone', 'host-refused'],
  ['/fault/type/pdf', 'gone', 'not-html'],
  ['/private/secret.html', 'gone', 'robots-disallow'],
];
// Pages that look odd but hold a good article: stored, decoded to proper Vietnamese.
const GOOD = ['/fault/charset/1258-lying-header', '/fault/charset/1258-nodecl', '/fault/charset/tcvn-meta', '/fault/encoding/br', '/fault/flaky/a?fails=1&code=503'];

describe('crawl through the fault zoo', () => {
  const suite = crawlSuite({ articles: 3 }, 'vnpress-zoo-');

  /** A source whose sitemap lists the given paths (newest first), and a second sitemap that is missing. */
  const zooSource = (id: string, paths: string[]): Source => sitemapSource(suite.server, id, paths, {
    name: `Fault zoo ${id}`, sitemaps: [`${suite.server.baseUrl}/${id}-sitemap.xml`, `${suite.server.baseUrl}/no-such-sitemap.xml`],
  });

  const zooFetcher = (source: Source) => new Fetcher({
    contactUrl: 'https://example.org/contact', sources: [source],
    http: { headersTimeoutMs: 1200, bodyTimeoutMs: 1200, totalTimeoutMs: 2500, maxBodyBytes: 2 * 1024 * 1024 },
    politeness: { defaultMinDelayMs: 0, maxAttempts: 2, backoffBaseMs: 20, backoffMaxMs: 50, maxInRunWaitMs: 100 },
  });

  it('records every failure with its reason, stores the good pages, and finishes', async () => {
    const source = zooSource('zoo', [...FAULTS.map(([p]) => p), ...GOOD]);
    const store = new Store(join(suite.dir, 'zoo.db'));
    const fetcher = zooFetcher(source);
    try {
      const report = await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'zoo', concurrency: 6 });
      expect(report.status).toBe('finished');
      const counts = report.sources[0]!.counts;
      const state = (path: string) => store.crawlState.urlState(canonicalUrl(`${suite.server.baseUrl}${path}`)!)!;
      // The good pages all carry the same generated article, so one is stored and the rest are its twins.
      expect(counts.fetched).toBe(GOOD.length);
      expect(counts.stored).toBe(1);
      for (const path of GOOD) expect(state(path).status, path).toBe('fetched');
      expect(counts.failedReasons['sitemap-not-found']).toBe(1);

      for (const [path, status, reason] of FAULTS) {
        const row = state(path);
        expect(row, path).toBeTruthy();
        expect(row.status, path).toBe(status);
        expect(row.lastError, path).toMatch(reason);
        if (status === 'failed') expect(row.nextCheckAt, `${path} is due again later`).toBeTruthy();
      }
      const texts = store.db.prepare(`SELECT text FROM articles`).pluck().all() as string[];
      expect(texts).toHaveLength(1);
      for (const text of texts) {
        expect(text).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
        expect(text).not.toMatch(/\uFFFD|Ã|Æ°|á»/);
        expect(text.normalize('NFC')).toBe(text);
      }
      // The rows of the run say the same, and the database is sound.
      const run = store.db.prepare(`SELECT failed, stored FROM run_sources WHERE run_id = ?`).get(report.runId);
      expect(run).toEqual({ failed: counts.failed, stored: 1 });
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await fetcher.close();
      store.close();
    }
  }, 60_000);

  it('a long Retry-After pauses the host for the run; the pages left are due after it, and a later run gets them', async () => {
    // The host answers 429 with Retry-After: 7200 once, then serves again.
    const source = zooSource('pause', ['/fault/flaky/pause?fails=1&code=429&after=7200', ...suite.server.articlePaths]);
    const store = new Store(join(suite.dir, 'pause.db'));
    try {
      const first = zooFetcher(source);
      const startedAt = Date.now();
      const report = await runCrawl({ store, sources: [source], fetcher: first, discover, pipeline: 'zoo', concurrency: 1 });
      await first.close();
      expect(Date.now() - startedAt).toBeLessThan(20_000);
      expect(report.sources[0]!.counts.failedReasons['rate-limited']).toBe(1 + suite.server.articlePaths.length);
      const limited = store.crawlState.urlState(canonicalUrl(`${suite.server.baseUrl}/fault/flaky/pause?fails=1&code=429&after=7200`)!)!;
      expect(limited).toMatchObject({ status: 'failed', lastError: 'rate-limited', lastStatus: 429 });
      const dueIn = Date.parse(limited.nextCheckAt!) - Date.now();
      expect(dueIn).toBeGreaterThan(7000_000 - 60_000);
      expect(dueIn).toBeLessThanOrEqual(7200_000);
      // Nothing is due before the pause ends …
      expect(store.crawlState.dueArticleUrls('pause', 100)).toHaveLength(0);
      // … and three hours later the next run fetches the articles it had to leave.
      const later = new Date(Date.now() + 3 * 3_600_000);
      const second = zooFetcher(source);
      const next = await runCrawl({ store, sources: [source], fetcher: second, discover, pipeline: 'zoo', concurrency: 1, now: () => later });
      await second.close();
      expect(next.sources[0]!.counts.fetched).toBe(1 + suite.server.articlePaths.length);
      expect(next.sources[0]!.counts.stored).toBe(1 + suite.server.articlePaths.length);
    } finally {
      store.close();
    }
  }, 60_000);

  it('a page served again without validators is not cleaned and extracted again when its bytes are the same', async () => {
    suite.server.setPage('/plain/bai-viet.html', { body: articleHtml({ title: 'Bài viết', published: '2024-01-01T08:00:00+07:00',
      paragraphs: ['Sáng 1/1, Ban Thường vụ Thành ủy họp phiên thường kỳ với 25 đại biểu tham dự.', 'Hội nghị thống nhất các nội dung trình.'] }),
      conditional: false });
    const source = zooSource('plain', ['/plain/bai-viet.html']);
    const store = new Store(join(suite.dir, 'plain.db'));
    try {
      const results: string[] = [];
      for (let run = 0; run < 2; run++) {
        const fetcher = zooFetcher(source);
        await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'zoo', recheckAll: run > 0,
          onProgress: (e) => { if (e.type === 'article') results.push(e.result); } });
        await fetcher.close();
      }
      expect(results).toEqual(['inserted', 'page-unchanged']);
    } finally {
      store.close();
    }
  });
});
