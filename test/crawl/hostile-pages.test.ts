// Hostile pages in a crawl, served by a real local server: a page nested 200,000 deep is stored with
// its text, a page over the size budget and a page over the time budget are failed URLs with their
// reason (the run goes on and stores the rest), and a feed that does not parse is a failure, not "fetched".
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { articleHtml, sitemapSource } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { canonicalUrl } from '../../src/fetch/canonical.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import { processPage, DEFAULT_PAGE_BUDGET } from '../../src/run/process.ts';
import type { Source } from '../../src/core/types.ts';

const PUBLISHED = '2024-01-01T08:00:00+07:00';
const normal = (title: string) => articleHtml({ title, published: PUBLISHED, paragraphs: [
  `Sáng 1/1, Ban Thường vụ Thành ủy họp phiên thường kỳ (${title}) với 25 đại biểu tham dự.`,
  'Hội nghị thống nhất các nội dung trình Ban Chấp hành Đảng bộ thành phố.'] });
const deepPage = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang lồng sâu</title></head><body><article><h1>Trang lồng sâu</h1>${
  '<div>'.repeat(200_000)}<p>Chiều 15/7, Thủ tướng Chính phủ ký Quyết định số 290/QĐ-TTg về 356/382 xã đạt chuẩn nông thôn mới.</p>${'</div>'.repeat(200_000)}</article></body></html>`;
/** 20,000 different paragraphs full of numbers and codes: 1.5 s of clean + extract on a quiet machine, far over the test's budget. */
function slowPage(): string {
  let body = '';
  for (let i = 0; i < 20_000; i++) {
    body += `<p>Chiều ${(i % 28) + 1}/7, xã số ${i} có ${i * 7} hộ, tăng ${i % 97},${i % 10}% so với năm ${1990 + (i % 30)}; Quyết định số ${i}/QĐ-UBND.</p>`;
  }
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang chậm</title></head><body><article><h1>Trang chậm</h1>${body}</article></body></html>`;
}

describe('hostile pages in a crawl', () => {
  const suite = crawlSuite({ articles: 1 }, 'vnpress-hostile-');
  const fetcherFor = (source: Source) => new Fetcher({
    contactUrl: 'https://example.org/contact', sources: [source],
    politeness: { defaultMinDelayMs: 0, maxAttempts: 1 },
  });
  const state = (store: Store, path: string) => store.crawlState.urlState(canonicalUrl(`${suite.server.baseUrl}${path}`)!)!;

  it('stores the 200k-deep page, fails the page over the size budget, fails the unparsable feed, and stores the rest', async () => {
    const { server } = suite;
    server.setPage('/hostile/deep.html', { body: deepPage });
    server.setPage('/hostile/huge.html', { body: normal('Trang quá lớn').replace('</article>', `<p>${'Rất dài. '.repeat(400_000)}</p></article>`) });
    server.setPage('/hostile/ok.html', { body: normal('Bài bình thường') });
    server.setPage('/hostile/not-a-feed.rss', { body: '<html><body>Trang này không phải RSS</body></html>', contentType: 'application/rss+xml' });
    const source = sitemapSource(server, 'hostile', ['/hostile/deep.html', '/hostile/huge.html', '/hostile/ok.html'],
      { feeds: [`${server.baseUrl}/hostile/not-a-feed.rss`] });
    const store = new Store(join(suite.dir, 'hostile.db'));
    const fetcher = fetcherFor(source);
    try {
      const report = await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'hostile',
        pageBudget: { ...DEFAULT_PAGE_BUDGET, maxChars: 3_000_000 } });
      expect(report.status).toBe('finished');
      const counts = report.sources[0]!.counts;
      expect(counts.stored).toBe(2);
      expect(counts.failedReasons).toMatchObject({ 'page-too-large': 1, 'feed-unparsable': 1 });
      expect(state(store, '/hostile/huge.html')).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^page-too-large: 3,\d{3},\d{3} characters, over the budget of 3,000,000/) });
      expect(state(store, '/hostile/not-a-feed.rss')).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/unparsable: not an RSS, RDF or Atom feed/) });
      const deep = store.db.prepare(`SELECT a.text, (SELECT count(*) FROM document_citations c WHERE c.article_id = a.id) AS documents
        FROM articles a WHERE url LIKE '%/hostile/deep.html'`).get() as { text: string; documents: number };
      expect(deep.text).toContain('Thủ tướng Chính phủ ký Quyết định số 290/QĐ-TTg');
      expect(deep.documents).toBe(1);

      // The next run asks for the feed again without validators (a 304 would hide that it still fails).
      server.resetHits();
      const again = fetcherFor(source);
      await runCrawl({ store, sources: [source], fetcher: again, discover, pipeline: 'hostile', recheckAll: true });
      await again.close();
      expect(state(store, '/hostile/not-a-feed.rss')).toMatchObject({ status: 'failed', attempts: 2 });
    } finally {
      await fetcher.close();
      store.close();
    }
  }, 240_000);

  it('fails a page over the time budget with its reason and goes on', async () => {
    const { server } = suite;
    server.setPage('/slow/slow.html', { body: slowPage() });
    server.setPage('/slow/ok.html', { body: normal('Bài sau trang chậm') });
    const source = sitemapSource(server, 'slow', ['/slow/slow.html', '/slow/ok.html']);
    const store = new Store(join(suite.dir, 'slow.db'));
    const fetcher = fetcherFor(source);
    processPage(normal('Khởi động'), 'html'); // compiled before the clock matters
    try {
      const started = Date.now();
      const report = await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'slow', concurrency: 1,
        pageBudget: { ...DEFAULT_PAGE_BUDGET, maxMs: 400 } });
      expect(report.status).toBe('finished');
      expect(report.sources[0]!.counts).toMatchObject({ stored: 1, failedReasons: { 'page-too-slow': 1 } });
      expect(state(store, '/slow/slow.html')).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^page-too-slow: clean and extract stopped after [\d,]+ ms, over the budget of 400 ms/) });
      expect(state(store, '/slow/ok.html').status).toBe('fetched');
      // Stopped near the budget, not after the page's own seconds or minutes.
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await fetcher.close();
      store.close();
    }
  }, 240_000);
});
