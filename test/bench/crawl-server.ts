// A local news site for crawl benchmarks: ≥ 2,000 generated article pages of realistic size
// (head scripts, navigation, related boxes, footer around a Vietnamese body), a sitemap index
// with nested sitemaps carrying news: dates, an RSS feed, robots.txt, ETag/304, and a
// per-request latency drawn from a seeded generator so runs are comparable.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Source } from '../../src/core/types.ts';
import { seeded } from './seeded.ts';

export interface CrawlServerOptions {
  /** Article pages (default 2,000). */
  pages?: number;
  /** Latency range per response in ms (default [20, 80]). */
  latencyMs?: [number, number];
  /** URLs per nested sitemap (default 500). */
  perSitemap?: number;
  /** Serve gzip when asked (default true). */
  gzip?: boolean;
  seed?: number;
}

export interface CrawlServer {
  baseUrl: string;
  pages: number;
  /** A Source profile for this site (feeds, sitemaps, pattern, permissive rate limit). */
  source: Source;
  articleUrl(id: number): string;
  /** Requests served, by kind. */
  counts: { articles: number; notModified: number; sitemaps: number; other: number };
  /** Change article `id` (its ETag changes) to measure incremental runs. */
  touch(id: number): void;
  close(): Promise<void>;
}

const WORDS = ('Đảng bộ tỉnh tổ chức hội nghị sơ kết công tác xây dựng Đảng và hệ thống chính trị sáu tháng đầu năm ' +
  'đồng chí Bí thư Tỉnh ủy nhấn mạnh yêu cầu đẩy mạnh cải cách hành chính nâng cao chất lượng phục vụ người dân doanh nghiệp ' +
  'tốc độ tăng trưởng kinh tế đạt cao hơn bình quân cả nước toàn tỉnh có xã đạt chuẩn nông thôn mới Ủy ban nhân dân ' +
  'thành phố yêu cầu các sở ngành khẩn trương hoàn thiện hồ sơ dự án đường vành đai Mặt trận Tổ quốc vận động nhân dân').split(' ');


function publishedOf(id: number): string {
  return new Date(Date.UTC(2024, 10, 20, 3, 0, 0) - id * 600_000).toISOString();
}

function articlePage(base: string, id: number, version: number): string {
  const rnd = seeded(id * 7919 + version);
  const sentence = () => {
    const n = 12 + Math.floor(rnd() * 18);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)] as string);
    const s = words.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)} ${Math.floor(rnd() * 1000)}/${Math.floor(rnd() * 12) + 1}.`;
  };
  const paragraphs = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => Array.from({ length: 3 }, sentence).join(' '));
  const title = `${sentence().slice(0, 80)} (${id})`;
  const related = Array.from({ length: 12 }, (_v, k) => {
    const rid = (id + k + 1) % 100000;
    return `<li><a href="${base}/a/tin-${rid}.html?utm_source=related">Tin liên quan số ${rid}</a></li>`;
  }).join('');
  const nav = Array.from({ length: 40 }, (_v, k) => `<li><a href="/chuyen-muc/${k}">Chuyên mục ${k}</a></li>`).join('');
  const script = `<script>window.dataLayer=window.dataLayer||[];${'function t(){};'.repeat(200)}</script>`;
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
<link rel="canonical" href="${base}/a/tin-${id}.html"><meta property="article:published_time" content="${publishedOf(id)}">
<meta name="description" content="${paragraphs[0]?.slice(0, 160)}">${script}<style>${'.c{color:#333}'.repeat(300)}</style></head>
<body><header><ul class="nav">${nav}</ul></header><main><article><h1>${title}</h1>
<div class="meta"><span class="author">Phóng viên ${id % 37}</span><time datetime="${publishedOf(id)}"></time></div>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><aside><h3>Tin liên quan</h3><ul>${related}</ul></aside></main>
<footer>Cơ quan chủ quản: Báo Thử nghiệm. Giấy phép số 123/GP-BTTTT. ${'<a href="/lien-he">Liên hệ</a> '.repeat(10)}</footer></body></html>`;
}

export async function startCrawlServer(options: CrawlServerOptions = {}): Promise<CrawlServer> {
  const pages = options.pages ?? 2000;
  const [minLat, maxLat] = options.latencyMs ?? [20, 80];
  const perSitemap = options.perSitemap ?? 500;
  const allowGzip = options.gzip ?? true;
  const rnd = seeded(options.seed ?? 42);
  const versions = new Map<number, number>();
  const counts = { articles: 0, notModified: 0, sitemaps: 0, other: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const articleUrl = (id: number) => `${baseUrl}/a/tin-${id}.html`;

  const respond = (req: IncomingMessage, res: ServerResponse, body: string | Buffer, type: string, conditional: boolean) => {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    const headers: Record<string, string> = { 'content-type': type };
    if (conditional) {
      const etag = `"${createHash('sha1').update(buf).digest('hex').slice(0, 16)}"`;
      headers['etag'] = etag;
      if (req.headers['if-none-match'] === etag) {
        counts.notModified++;
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    let out = buf;
    if (allowGzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && buf.length > 1024) {
      out = gzipSync(buf, { level: 1 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(out.length);
    res.writeHead(200, headers);
    res.end(out);
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/a\/tin-(\d+)\.html$/.exec(p)) && Number(m[1]) < pages) {
      counts.articles++;
      const id = Number(m[1]);
      return respond(req, res, articlePage(baseUrl, id, versions.get(id) ?? 0), 'text/html; charset=utf-8', true);
    }
    if (p === '/robots.txt') {
      counts.other++;
      return respond(req, res, `User-agent: *\nDisallow: /admin/\nSitemap: ${baseUrl}/sitemap.xml\n`, 'text/plain', false);
    }
    if (p === '/sitemap.xml') {
      counts.sitemaps++;
      const parts = Math.ceil(pages / perSitemap);
      return respond(req, res, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${
        Array.from({ length: parts }, (_v, k) => `<sitemap><loc>${baseUrl}/sitemaps/part-${k}.xml</loc><lastmod>${publishedOf(k * perSitemap)}</lastmod></sitemap>`).join('')
      }</sitemapindex>`, 'application/xml', true);
    }
    if ((m = /^\/sitemaps\/part-(\d+)\.xml$/.exec(p))) {
      counts.sitemaps++;
      const from = Number(m[1]) * perSitemap;
      const ids = Array.from({ length: Math.max(0, Math.min(perSitemap, pages - from)) }, (_v, k) => from + k);
      return respond(req, res, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${
        ids.map((id) => `<url><loc>${articleUrl(id)}</loc><news:news><news:publication><news:name>Báo Thử nghiệm</news:name><news:language>vi</news:language></news:publication><news:publication_date>${publishedOf(id)}</news:publication_date><news:title>Bài ${id}</news:title></news:news></url>`).join('')
      }</urlset>`, 'application/xml', true);
    }
    if (p === '/rss.xml') {
      counts.other++;
      return respond(req, res, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới</title>${
        Array.from({ length: Math.min(50, pages) }, (_v, id) => `<item><title>Bài ${id}</title><link>${articleUrl(id)}?utm_source=rss</link><pubDate>${new Date(publishedOf(id)).toUTCString()}</pubDate></item>`).join('')
      }</channel></rss>`, 'application/rss+xml', true);
    }
    counts.other++;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const delay = minLat + rnd() * Math.max(0, maxLat - minLat);
    const t = setTimeout(() => {
      timers.delete(t);
      if (!res.destroyed) route(req, res);
    }, delay);
    timers.add(t);
  });

  const source: Source = {
    id: 'bench', name: 'Bench site', baseUrl: `${baseUrl}/`, language: 'vi',
    feeds: [`${baseUrl}/rss.xml`], sitemaps: [`${baseUrl}/sitemap.xml`],
    articleUrlPattern: /\/a\/tin-\d+\.html$/,
    rateLimit: { minDelayMs: 0, concurrency: 16, maxArticlesPerRun: pages },
  };

  return {
    baseUrl, pages, source, articleUrl, counts,
    touch: (id) => versions.set(id, (versions.get(id) ?? 0) + 1),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
