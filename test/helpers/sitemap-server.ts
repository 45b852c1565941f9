// A local site that lists any number of article URLs in sitemaps generated on the fly: a root
// sitemap index → nested indexes → gzipped urlsets of `perSitemap` URLs each (50,000, the protocol's
// limit), every URL with a lastmod. Nothing is held in memory: each file is generated as it is sent.
// Article k was published k minutes after the first, so the newest articles are in the LAST files:
// a crawl that keeps "newest first" must not take the first URLs it reads. Article pages are small
// real HTML pages. Used by the discovery memory test and the bench's discovery phase.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Source } from '../../src/core/types.ts';

export interface SitemapServerOptions {
  /** Article URLs listed over all sitemaps. */
  urls: number;
  /** URLs per urlset file (default 50,000). */
  perSitemap?: number;
  /** Child sitemaps per nested index (default 20). */
  perIndex?: number;
  /**
   * Give each child in an index its lastmod (default true). Without, a crawler reads the files in the
   * order listed, oldest first, and meets the newest URLs last.
   */
  indexLastmod?: boolean;
}

export interface SitemapServer {
  baseUrl: string;
  urls: number;
  /** Sitemap files in all (root index, nested indexes, urlsets): the discovery budget a crawl needs. */
  sitemapFiles: number;
  /** Requests served by kind. */
  counts: { sitemaps: number; articles: number };
  /** A Source that crawls this site. */
  source(id?: string): Source;
  /** The URL of article `k` (k = urls − 1 is the newest). */
  articleUrl(k: number): string;
  close(): Promise<void>;
}

const EPOCH = Date.UTC(2020, 0, 1);
const published = (k: number) => new Date(EPOCH + k * 60_000).toISOString();

export async function startSitemapServer(options: SitemapServerOptions): Promise<SitemapServer> {
  const total = options.urls;
  const perSitemap = options.perSitemap ?? 50_000;
  const perIndex = options.perIndex ?? 20;
  const parts = Math.max(1, Math.ceil(total / perSitemap));
  const indexes = Math.ceil(parts / perIndex);
  const counts = { sitemaps: 0, articles: 0 };
  let baseUrl = '';
  const articlePath = (k: number) => `/tin/${k}-bai-viet-so-${k}.html`;

  /** A urlset, generated in chunks of 1,000 URLs as the response drains. */
  function* urlset(part: number): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
    const end = Math.min(total, (part + 1) * perSitemap);
    for (let start = part * perSitemap; start < end; start += 1000) {
      let chunk = '';
      for (let k = start; k < Math.min(end, start + 1000); k++) chunk += `<url><loc>${baseUrl}${articlePath(k)}</loc><lastmod>${published(k)}</lastmod></url>\n`;
      yield chunk;
    }
    yield '</urlset>\n';
  }
  const index = (entries: { loc: string; lastmod: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<sitemap><loc>${baseUrl}${e.loc}</loc>${options.indexLastmod === false ? '' : `<lastmod>${e.lastmod}</lastmod>`}</sitemap>`).join('\n')}
</sitemapindex>`;
  const lastOf = (part: number) => published(Math.min(total, (part + 1) * perSitemap) - 1);

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    let m: RegExpExecArray | null;
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
    } else if (path === '/sitemap.xml') {
      counts.sitemaps++;
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      res.end(index(Array.from({ length: indexes }, (_v, i) => ({ loc: `/sitemaps/index-${i}.xml`, lastmod: lastOf(Math.min(parts, (i + 1) * perIndex) - 1) }))));
    } else if ((m = /^\/sitemaps\/index-(\d+)\.xml$/.exec(path)) && Number(m[1]) < indexes) {
      counts.sitemaps++;
      const first = Number(m[1]) * perIndex;
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      res.end(index(Array.from({ length: Math.min(perIndex, parts - first) }, (_v, j) => ({ loc: `/sitemaps/part-${first + j}.xml.gz`, lastmod: lastOf(first + j) }))));
    } else if ((m = /^\/sitemaps\/part-(\d+)\.xml\.gz$/.exec(path)) && Number(m[1]) < parts) {
      counts.sitemaps++;
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      Readable.from(urlset(Number(m[1]))).pipe(createGzip({ level: 1 })).pipe(res);
    } else if ((m = /^\/tin\/(\d+)-bai-viet-so-\d+\.html$/.exec(path))) {
      counts.articles++;
      const k = Number(m[1]);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài viết số ${k}</title>
<meta property="article:published_time" content="${published(k)}"></head><body><article><h1>Bài viết số ${k}</h1>
<p>Sáng nay, Ban Thường vụ Thành ủy họp phiên thường kỳ, cho ý kiến vào ${k % 97 + 3} nội dung quan trọng của bài số ${k}.</p>
<p>Hội nghị thống nhất giao các cơ quan tham mưu hoàn thiện hồ sơ, trình Ban Chấp hành Đảng bộ thành phố xem xét.</p>
</article></body></html>`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl, urls: total, counts, sitemapFiles: 1 + indexes + parts,
    source: (id = 'sitemaps') => ({
      id, name: `Sitemaps (${total} URLs)`, baseUrl: `${baseUrl}/`, language: 'vi', sitemaps: [`${baseUrl}/sitemap.xml`],
      articleUrlPattern: /^http:\/\/127\.0\.0\.1:\d+\/tin\/\d+-bai-viet-so-\d+\.html$/, rateLimit: { minDelayMs: 0, concurrency: 4 },
    }),
    articleUrl: (k) => `${baseUrl}${articlePath(k)}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
