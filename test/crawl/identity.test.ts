// Hostile pages against the whole crawl: no page may take over another article. A page's canonical
// claim re-keys it only to an article URL of its own source on its own site; anything else is kept as
// metadata (canonical_url), and `javascript:`, `file:`, `data:` are never stored as URLs.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { articleHtml } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import { startDemoSites, DEFAULT_SITES_DIR } from '../../src/run/demo-sites.ts';
import { demoSources } from '../../pipelines/demo.ts';
import { runCli } from '../cli/run-cli.ts';
import type { Source } from '../../src/core/types.ts';

const PARAGRAPHS = (n: number) => [
  `Sáng ${n}/3, Ban Thường vụ Thành ủy họp phiên thường kỳ với ${20 + n} đại biểu tham dự, thống nhất nhiều nội dung quan trọng.`,
  `Hội nghị đã thảo luận, cho ý kiến vào ${n + 3} dự thảo văn bản trình Ban Chấp hành Đảng bộ thành phố.`,
];

const politeFetcher = (sources: Source[]) => new Fetcher({
  contactUrl: 'https://example.org/contact', sources,
  politeness: { defaultMinDelayMs: 0, maxAttempts: 1 },
});

describe('a page cannot take over another article', () => {
  const suite = crawlSuite({ articles: 2 }, 'vnpress-identity-');

  it('canonical claims: scripts and files refused, another site kept as metadata, a same-site article URL re-keys', async () => {
    const { server } = suite;
    const base = server.baseUrl;
    const page = (path: string, n: number, head: string) => {
      const html = articleHtml({ title: `Bài ${n}`, published: `2024-03-0${n}T08:00:00+07:00`, paragraphs: PARAGRAPHS(n) })
        .replace('</head>', `${head}</head>`);
      server.setPage(path, { body: html });
    };
    page('/tin-tuc/js-1.html', 1, '<link rel="canonical" href="javascript:alert(1)">');
    page('/tin-tuc/file-2.html', 2, '<meta property="og:url" content="file:///etc/passwd">');
    page('/tin-tuc/data-3.html', 3, '<link rel="canonical" href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">');
    page('/tin-tuc/other-site-4.html', 4, `<link rel="canonical" href="${server.otherBaseUrl}/tin-tuc/bai-goc-4.html">`);
    page('/tin-tuc/section-5.html', 5, '<link rel="canonical" href="/chuyen-muc/thoi-su">');
    page('/tin-tuc/moved-6.html', 6, '<link rel="canonical" href="/tin-tuc/bai-chinh-6.html?utm_source=x">');
    const paths = ['/tin-tuc/js-1.html', '/tin-tuc/file-2.html', '/tin-tuc/data-3.html', '/tin-tuc/other-site-4.html', '/tin-tuc/section-5.html', '/tin-tuc/moved-6.html'];
    server.setPage('/hostile-sitemap.xml', {
      contentType: 'application/xml',
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${base}${p}</loc></url>`).join('')}</urlset>`,
    });
    const source: Source = {
      id: 'hostile', name: 'Hostile', baseUrl: `${base}/`, language: 'vi', sitemaps: [`${base}/hostile-sitemap.xml`],
      articleUrlPattern: new RegExp(`^${base.replace(/[.]/g, '\\.')}/tin-tuc/[a-z0-9-]+\\.html$`), rateLimit: { minDelayMs: 0, concurrency: 4 },
    };
    const store = new Store(join(suite.dir, 'hostile.db'));
    const fetcher = politeFetcher([source]);
    try {
      const report = await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'hostile' });
      expect(report.sources[0]!.counts.stored).toBe(6);
      const rows = store.db.prepare('SELECT url, canonical_url AS canonical, warnings FROM articles ORDER BY url').all() as
        { url: string; canonical: string | null; warnings: string | null }[];
      const byUrl = new Map(rows.map((r) => [r.url, r]));
      expect(rows.map((r) => r.url).sort()).toEqual([
        `${base}/tin-tuc/bai-chinh-6.html`, `${base}/tin-tuc/data-3.html`, `${base}/tin-tuc/file-2.html`, `${base}/tin-tuc/js-1.html`,
        `${base}/tin-tuc/other-site-4.html`, `${base}/tin-tuc/section-5.html`,
      ].sort());
      // No URL of any kind but http(s), anywhere a URL is stored.
      const stored = store.db.prepare(`SELECT url FROM articles UNION ALL SELECT canonical_url FROM articles WHERE canonical_url IS NOT NULL
        UNION ALL SELECT url FROM raw_pages UNION ALL SELECT url FROM urls`).pluck().all() as string[];
      for (const url of stored) expect(url).toMatch(/^https?:\/\//);
      for (const p of ['/tin-tuc/js-1.html', '/tin-tuc/file-2.html', '/tin-tuc/data-3.html']) {
        expect(byUrl.get(`${base}${p}`)?.canonical, p).toBeNull();
        expect(byUrl.get(`${base}${p}`)?.warnings, p).toMatch(/canonical-refused: not an http\(s\) URL/);
        expect(byUrl.get(`${base}${p}`)?.warnings, p).not.toMatch(/alert|passwd/);
      }
      expect(byUrl.get(`${base}/tin-tuc/other-site-4.html`)).toMatchObject({ canonical: `${server.otherBaseUrl}/tin-tuc/bai-goc-4.html`, warnings: null });
      expect(byUrl.get(`${base}/tin-tuc/section-5.html`)).toMatchObject({ canonical: `${base}/chuyen-muc/thoi-su`, warnings: null });
      expect(report.sources[0]!.counts.warnings['canonical-refused']).toBe(3);
    } finally {
      await fetcher.close();
      store.close();
    }
  });

  it('a crawled page naming an article of another demo site as its canonical does not touch that article', async () => {
    const sitesDir = join(suite.dir, 'sites');
    cpSync(DEFAULT_SITES_DIR, sitesDir, { recursive: true });
    const sites = await startDemoSites({ sitesDir });
    const store = new Store(join(suite.dir, 'takeover.db'));
    try {
      const sources = demoSources(sites.sites).filter((s) => s.id === 'hanoimoi' || s.id === 'vnexpress');
      const crawl = async (recheckAll: boolean) => {
        const fetcher = politeFetcher(sources);
        try {
          return await runCrawl({ store, sources, fetcher, discover, pipeline: 'demo', recheckAll });
        } finally {
          await fetcher.close();
        }
      };
      await crawl(false);
      const vnexpress = sites.sites.find((s) => s.id === 'vnexpress')!.baseUrl;
      const victim = store.db.prepare(`SELECT url, title, text, source_id AS source FROM articles WHERE source_id = 'vnexpress' ORDER BY url LIMIT 1`).get() as
        { url: string; title: string; text: string; source: string };
      expect(victim.url.startsWith(vnexpress)).toBe(true);

      // The attacker's page: a hanoimoi article rewritten to claim the vnexpress article, by link and og:url.
      const manifest = JSON.parse(readFileSync(join(sitesDir, 'manifest.json'), 'utf8')) as { sites: { id: string; articles: { path: string }[] }[] };
      const path = manifest.sites.find((s) => s.id === 'hanoimoi')!.articles[0]!.path;
      const file = join(sitesDir, 'hanoimoi', path);
      const hostile = readFileSync(file, 'utf8')
        .replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${victim.url}">`)
        .replace(/<meta property="og:url" content="[^"]*">/, `<meta property="og:url" content="${victim.url}">`)
        .replace(/<p>([^<]{40,})/, '<p>Nội dung bị thay thế bởi kẻ tấn công. $1');
      expect(hostile).toContain(`href="${victim.url}"`);
      writeFileSync(file, hostile);
      const report = await crawl(true);
      expect(report.sources.find((s) => s.sourceId === 'hanoimoi')!.counts.updated).toBe(1);

      const after = store.db.prepare(`SELECT url, title, text, source_id AS source FROM articles WHERE url = ?`).get(victim.url);
      expect(after).toEqual(victim);
      expect(store.db.prepare(`SELECT count(*) FROM article_revisions r JOIN articles a ON a.id = r.article_id WHERE a.url = ?`).pluck().get(victim.url)).toBe(0);
      const own = sites.sites.find((s) => s.id === 'hanoimoi')!.baseUrl + path;
      const attacker = store.db.prepare(`SELECT source_id AS source, canonical_url AS canonical, text FROM articles WHERE url = ?`).get(own) as
        { source: string; canonical: string; text: string };
      expect(attacker).toMatchObject({ source: 'hanoimoi', canonical: victim.url });
      expect(attacker.text).toContain('Nội dung bị thay thế');
    } finally {
      store.close();
      await sites.close();
    }
  }, 60_000);

  it('two sources sharing a host: a page of one naming an article of the other is not stored over it', async () => {
    const { server } = suite;
    const base = server.baseUrl;
    const pattern = new RegExp(`^${base.replace(/[.]/g, '\\.')}/chia-se/[a-z0-9-]+\\.html$`);
    server.setPage('/chia-se/bai-cua-a.html', { body: articleHtml({ title: 'Bài của A', published: '2024-03-01T08:00:00+07:00', paragraphs: PARAGRAPHS(7) }) });
    server.setPage('/chia-se/bai-cua-b.html', {
      body: articleHtml({ title: 'Bài của B', published: '2024-03-02T08:00:00+07:00', paragraphs: PARAGRAPHS(8), canonical: `${base}/chia-se/bai-cua-a.html` }),
    });
    const sitemap = (id: string, path: string) => {
      server.setPage(`/${id}-sitemap.xml`, { contentType: 'application/xml', body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}${path}</loc></url></urlset>` });
      return { id, name: id, baseUrl: `${base}/`, language: 'vi' as const, sitemaps: [`${base}/${id}-sitemap.xml`], articleUrlPattern: pattern, rateLimit: { minDelayMs: 0 } };
    };
    const a = sitemap('share-a', '/chia-se/bai-cua-a.html');
    const b = sitemap('share-b', '/chia-se/bai-cua-b.html');
    const store = new Store(join(suite.dir, 'shared.db'));
    try {
      for (const source of [a, b]) {
        const fetcher = politeFetcher([source]);
        await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'shared' }).finally(() => fetcher.close());
      }
      const rows = store.db.prepare('SELECT url, source_id AS source, title FROM articles').all();
      expect(rows).toEqual([{ url: `${base}/chia-se/bai-cua-a.html`, source: 'share-a', title: 'Bài của A' }]);
      const state = store.crawlState.urlState(`${base}/chia-se/bai-cua-b.html`)!;
      expect(state).toMatchObject({ status: 'failed' });
      expect(state.lastError).toMatch(/^source-conflict/);
    } finally {
      store.close();
    }
  });
});

describe('ingest: a local file keeps its file URL unless --source allows its canonical', () => {
  const suite = crawlSuite({ articles: 1 }, 'vnpress-identity-ingest-');

  it('no --source: the file URL; --source: only a claim the source would crawl as an article', () => {
    const dir = join(suite.dir, 'pages');
    mkdirSync(dir);
    const write = (name: string, n: number, canonical: string) => {
      writeFileSync(join(dir, name), articleHtml({ title: `Trang lưu ${n}`, published: '2024-03-01T08:00:00+07:00', paragraphs: PARAGRAPHS(n + 10), canonical }));
      return join(dir, name);
    };
    const own = write('vnexpress.html', 1, 'https://vnexpress.net/goc-bai-viet-4800001.html');
    const other = write('tuoitre.html', 2, 'https://tuoitre.vn/bai-goc-20240101123456789.htm');
    const script = write('script.html', 3, 'javascript:alert(1)');
    const section = write('section.html', 4, 'https://vnexpress.net/thoi-su');
    const db = join(suite.dir, 'ingest.db');
    const bare = runCli(['ingest', own, '--db', db]);
    expect(bare.code, bare.stderr).toBe(0);
    const withSource = runCli(['ingest', own, other, script, section, '--source', 'vnexpress', '--db', join(suite.dir, 'ingest-source.db')]);
    expect(withSource.code, withSource.stderr).toBe(0);
    const read = (path: string) => {
      const handle = new Database(path, { readonly: true });
      try {
        return handle.prepare('SELECT url, canonical_url AS canonical FROM articles ORDER BY title').all() as { url: string; canonical: string | null }[];
      } finally {
        handle.close();
      }
    };
    expect(read(db)).toEqual([{ url: `file://${own}`, canonical: 'https://vnexpress.net/goc-bai-viet-4800001.html' }]);
    expect(read(join(suite.dir, 'ingest-source.db'))).toEqual([
      { url: 'https://vnexpress.net/goc-bai-viet-4800001.html', canonical: null },
      { url: `file://${other}`, canonical: 'https://tuoitre.vn/bai-goc-20240101123456789.htm' },
      { url: `file://${script}`, canonical: null },
      { url: `file://${section}`, canonical: 'https://vnexpress.net/thoi-su' },
    ]);
  }, 120_000);
});
