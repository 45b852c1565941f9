// A page the server sent gzipped whose bytes are its NFC UTF-8 is stored as the server's gzip (no
// second compression); every other page is compressed by the store. Either way the raw page must
// read back as exactly the decoded html, and the content hash must be the html's sha256.
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { encodeWindows1258, sitemapSource } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { decodeHtmlBytes } from '../../src/fetch/charset.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import type { Source } from '../../src/core/types.ts';

describe('raw pages kept as the server gzipped them', () => {
  const suite = crawlSuite({ articles: 4 }, 'vnpress-rawgz-');

  function html(i: number): string {
    const a = suite.server.article(i);
    return `<!DOCTYPE html><html><head><title>${a.title}</title><meta property="article:published_time" content="${a.published}"></head>` +
      `<body><article><h1>${a.title}</h1>${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  }

  it('stores the server gzip only when it gunzips to the html exactly; hashes match the html', async () => {
    const gz = { level: 9 } as const;
    const variants: { path: string; body: Buffer; headers?: Record<string, string>; contentType: string; serverGzip: boolean }[] = [
      { path: '/gz-nfc', body: gzipSync(Buffer.from(html(0)), gz), headers: { 'content-encoding': 'gzip' }, contentType: 'text/html; charset=utf-8', serverGzip: true },
      { path: '/gz-nfd', body: gzipSync(Buffer.from(html(1).normalize('NFD')), gz), headers: { 'content-encoding': 'gzip' }, contentType: 'text/html; charset=utf-8', serverGzip: false },
      { path: '/gz-1258', body: gzipSync(encodeWindows1258(html(2)), gz), headers: { 'content-encoding': 'gzip' }, contentType: 'text/html; charset=windows-1258', serverGzip: false },
      { path: '/plain', body: Buffer.from(html(3)), contentType: 'text/html; charset=utf-8', serverGzip: false },
    ];
    for (const v of variants) suite.server.setPage(v.path, { body: v.body, contentType: v.contentType, ...(v.headers ? { headers: v.headers } : {}) });
    const source = sitemapSource(suite.server, 'rawgz', variants.map((v) => v.path), {
      name: 'Raw gzip', articleUrlPattern: /^http:\/\/127\.0\.0\.1:\d+\/(gz-|plain)/,
    });
    const store = new Store(join(suite.dir, 'raw.db'));
    const fetcher = new Fetcher({ contactUrl: 'https://example.org/contact', sources: [source], politeness: { defaultMinDelayMs: 0, maxAttempts: 1 } });
    try {
      const report = await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'test', concurrency: 4 });
      expect(report.sources[0]?.counts.stored).toBe(variants.length);
      for (const v of variants) {
        const url = `${suite.server.baseUrl}${v.path}`;
        const row = store.db.prepare(`SELECT r.html_gzip AS gz, u.content_hash AS hash FROM raw_pages r JOIN urls u ON u.url = r.url WHERE r.url = ?`)
          .get(url) as { gz: Buffer; hash: string } | undefined;
        expect(row, v.path).toBeDefined();
        const expected = decodeHtmlBytes(v.headers ? gunzipSync(v.body) : v.body, v.contentType).text;
        expect(gunzipSync(row!.gz).toString('utf8'), v.path).toBe(expected);
        expect(row!.hash, v.path).toBe(createHash('sha256').update(expected).digest('hex'));
        expect(Buffer.compare(row!.gz, v.body) === 0, v.path).toBe(v.serverGzip);
      }
    } finally {
      await fetcher.close();
      store.close();
    }
  });
});
