// The fault zoo: a local news site on 127.0.0.1 (articles, RSS/Atom, sitemaps, paginated
// listings, robots.txt, ETag/Last-Modified with 304) plus every way a server can go wrong
// (error statuses, Retry-After, timeouts, stalled and truncated bodies, lying charsets, a
// 50 MB page, redirect loops, cross-host redirects, non-HTML types, compressed bodies).
// Shared by the fetch tests and the crawl tests (kill -9, incremental runs): pages can be
// changed with `setPage` / `updateArticle`, and `hits` counts requests by path+query.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { Source } from '../../src/core/types.ts';

export interface FaultServerOptions {
  /** Generated articles on the healthy site (default 30). */
  articles?: number;
  /** robots.txt body; default disallows /private/ and names the sitemap. */
  robotsTxt?: string;
  /** Crawl-delay (seconds) added to the default robots.txt. */
  crawlDelaySec?: number;
  /** Answer robots.txt with this status instead (404 → allow all, 500 → unavailable). */
  robotsStatus?: number;
  /** Articles per listing page (default 10). */
  perPage?: number;
}

export interface StaticPage {
  body: string | Buffer;
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Serve ETag/Last-Modified and answer conditional requests with 304 (default true for 200 pages). */
  conditional?: boolean;
  lastModified?: Date;
}

export interface FaultServer {
  baseUrl: string;
  /** A second origin (another port) for cross-host redirects. */
  otherBaseUrl: string;
  /** Requests by path+query on the main origin. */
  hits: Map<string, number>;
  /** Requests by path+query on the other origin. */
  otherHits: Map<string, number>;
  /** Request log (method, path, headers, time) on the main origin, newest last, capped at 10,000. */
  log: { path: string; at: number; headers: IncomingMessage['headers'] }[];
  /** Body bytes written per path for streamed faults (the 50 MB page). */
  bytesSent: Map<string, number>;
  /** Article paths on the healthy site, newest first. */
  articlePaths: string[];
  /** The generated article for an id (0 = newest). */
  article(id: number): { path: string; title: string; published: string; paragraphs: string[] };
  /** Add or replace a page at a path. */
  setPage(path: string, page: StaticPage): void;
  /** Replace the paragraphs of article `id` (its ETag and Last-Modified change). */
  updateArticle(id: number, paragraphs: string[]): void;
  /** Remove an article (it then answers 404) or any set page. */
  removePage(path: string): void;
  resetHits(): void;
  close(): Promise<void>;
}

// ---------- content ----------

const SENTENCES = [
  'Chiều 15/7, Ban Chấp hành Đảng bộ tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024.',
  'Đồng chí Bí thư Tỉnh ủy nhấn mạnh yêu cầu đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân.',
  'Theo báo cáo, tốc độ tăng trưởng kinh tế đạt 7,2%, cao hơn mức bình quân chung của cả nước.',
  'Toàn tỉnh đã có 356/382 xã đạt chuẩn nông thôn mới, chiếm 93,2% tổng số xã.',
  'Hội nghị đã quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.',
  'Ủy ban nhân dân thành phố yêu cầu các sở, ngành khẩn trương hoàn thiện hồ sơ dự án đường vành đai.',
  'Các đại biểu đề nghị tăng cường kiểm tra, giám sát việc thực hiện quy chế dân chủ ở cơ sở.',
  'Mặt trận Tổ quốc Việt Nam các cấp tích cực vận động nhân dân tham gia xây dựng đời sống văn hóa.',
  'Lễ khánh thành cầu mới giúp rút ngắn thời gian đi lại giữa hai huyện miền núi xuống còn 30 phút.',
  'Ngành y tế ghi nhận số ca sốt xuất huyết giảm 18% so với cùng kỳ năm trước.',
  'Thủ tướng Chính phủ đã ký Quyết định 290/QĐ-TTg phê duyệt quy hoạch vùng đồng bằng sông Hồng.',
  'Hội Liên hiệp Phụ nữ tỉnh trao tặng 120 suất quà cho các gia đình có hoàn cảnh khó khăn.',
];
const TITLES = [
  'Đẩy mạnh cải cách hành chính, nâng cao sự hài lòng của người dân',
  'Tỉnh ủy sơ kết công tác xây dựng Đảng 6 tháng đầu năm',
  'Khánh thành cầu nối hai huyện miền núi',
  'Quán triệt Nghị quyết về phát triển khoa học, công nghệ',
  'Xây dựng nông thôn mới: 93,2% số xã đạt chuẩn',
  'Tăng cường giám sát thực hiện dân chủ ở cơ sở',
];
const SLUGS = ['day-manh-cai-cach-hanh-chinh', 'so-ket-cong-tac-xay-dung-dang', 'khanh-thanh-cau-noi', 'quan-triet-nghi-quyet', 'xay-dung-nong-thon-moi', 'tang-cuong-giam-sat'];

/** A Vietnamese article page (UTF-8 unless `charset` says otherwise in its meta). */
export function articleHtml(a: { title: string; published: string; paragraphs: string[]; canonical?: string; charsetMeta?: string | null }): string {
  const meta = a.charsetMeta === null ? '' : `<meta charset="${a.charsetMeta ?? 'utf-8'}">`;
  const canonical = a.canonical ? `<link rel="canonical" href="${a.canonical}">` : '';
  return `<!DOCTYPE html><html lang="vi"><head>${meta}<title>${a.title}</title>${canonical}
<meta property="article:published_time" content="${a.published}"></head>
<body><header><nav><a href="/">Trang chủ</a> <a href="/chuyen-muc/thoi-su">Thời sự</a></nav></header>
<article><h1>${a.title}</h1><time datetime="${a.published}">${a.published}</time>
${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>Bản quyền thuộc về Báo Điện tử Thử nghiệm</footer></body></html>`;
}

function generatedArticle(id: number) {
  const published = new Date(Date.UTC(2024, 10, 20, 1, 0, 0) - id * 3_600_000); // 08:00 +07:00, one per hour back
  const paragraphs = [0, 1, 2, 3].map((k) => SENTENCES[(id * 5 + k * 7) % SENTENCES.length] as string);
  paragraphs.push(`Bài số ${id}: ${SENTENCES[id % SENTENCES.length]}`);
  return {
    path: `/tin-tuc/${SLUGS[id % SLUGS.length]}-${100000 + id}.html`,
    title: `${TITLES[id % TITLES.length]} (${id})`,
    published: published.toISOString().replace('.000Z', '+00:00'),
    paragraphs,
  };
}

/**
 * Encode Vietnamese text as windows-1258, which has no precomposed toned letters: base letters
 * (with circumflex, breve or horn) followed by a combining tone mark, as real 1258 pages do.
 */
/**
 * Serves `/<id>-sitemap.xml` listing `paths` (newest first, in the order given) and returns a source
 * that crawls it: no delay between requests, article URLs = anything on the server but XML.
 */
export function sitemapSource(server: FaultServer, id: string, paths: string[], extra: Partial<Source> = {}): Source {
  const stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) - i * 60_000).toISOString();
  server.setPage(`/${id}-sitemap.xml`, {
    contentType: 'application/xml',
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
      .map((p, i) => `<url><loc>${`${server.baseUrl}${p}`.replace(/&/g, '&amp;')}</loc><lastmod>${stamp(i)}</lastmod></url>`).join('')}</urlset>`,
  });
  return {
    id, name: id, baseUrl: `${server.baseUrl}/`, language: 'vi', sitemaps: [`${server.baseUrl}/${id}-sitemap.xml`],
    articleUrlPattern: /^http:\/\/127\.0\.0\.1:\d+\/(?!.*\.xml).+/, rateLimit: { minDelayMs: 0, concurrency: 4 },
    ...extra,
  };
}

export function encodeWindows1258(text: string): Buffer {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (iconv.decode(iconv.encode(ch, 'windows-1258'), 'windows-1258') === ch) {
      out += ch;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tones = parts.filter((c) => /[\u0300\u0301\u0303\u0309\u0323]/.test(c));
    out += parts.filter((c) => !/[\u0300\u0301\u0303\u0309\u0323]/.test(c)).join('').normalize('NFC') + tones.join('');
  }
  return iconv.encode(out, 'windows-1258');
}

// ---------- server ----------

let bomb: Buffer | undefined;

function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').map((s) => s.trim()).includes(etag);
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const t = Date.parse(ims);
    return !Number.isNaN(t) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(t / 1000);
  }
  return false;
}

function send(req: IncomingMessage, res: ServerResponse, page: StaticPage): void {
  const status = page.status ?? 200;
  const headers: Record<string, string> = { 'content-type': page.contentType ?? 'text/html; charset=utf-8', ...page.headers };
  if (status === 200 && page.conditional !== false) {
    const etag = etagOf(page.body);
    const lm = page.lastModified ?? new Date(Date.UTC(2024, 10, 20));
    headers['etag'] = etag;
    headers['last-modified'] = lm.toUTCString();
    if (notModified(req, etag, lm)) {
      res.writeHead(304, { etag, 'last-modified': headers['last-modified'] });
      res.end();
      return;
    }
  }
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const count = options.articles ?? 30;
  const perPage = options.perPage ?? 10;
  const hits = new Map<string, number>();
  const otherHits = new Map<string, number>();
  const log: FaultServer['log'] = [];
  const bytesSent = new Map<string, number>();
  const pages = new Map<string, StaticPage>();
  const counters = new Map<string, number>(); // for flaky routes
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  const articles = Array.from({ length: count }, (_v, id) => generatedArticle(id));
  const server = createServer();
  const other = createServer();
  const baseUrl = await listen(server);
  const otherBaseUrl = await listen(other);

  const putArticle = (id: number, paragraphs?: string[]) => {
    const a = articles[id];
    if (!a) return;
    if (paragraphs) a.paragraphs = paragraphs;
    pages.set(a.path, {
      body: articleHtml({ ...a, canonical: `${baseUrl}${a.path}` }),
      lastModified: paragraphs ? new Date() : new Date(a.published),
    });
  };
  articles.forEach((_a, id) => putArticle(id));

  const feedItems = () => articles.slice(0, 10).filter((a) => pages.has(a.path));
  const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Thời sự</title><link>${baseUrl}/</link>
<atom:link href="${baseUrl}/rss.xml" rel="self"/>
${feedItems().map((a) => `<item><title><![CDATA[${a.title}]]></title><link>${baseUrl}${a.path}?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">id-${a.path}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
  const atom = () => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Thời sự</title><link rel="self" href="${baseUrl}/atom.xml"/>
${feedItems().map((a) => `<entry><title>${xmlEscape(a.title)}</title><link rel="alternate" href="${a.path}#top"/>
<id>${baseUrl}${a.path}</id><published>${a.published}</published><updated>${a.published}</updated></entry>`).join('\n')}
</feed>`;
  const urlset = (list: typeof articles, news: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${list.filter((a) => pages.has(a.path)).map((a) => `<url><loc>${baseUrl}${a.path}</loc>${news
    ? `<news:news><news:publication><news:name>Báo Thử nghiệm</news:name><news:language>vi</news:language></news:publication><news:publication_date>${a.published}</news:publication_date><news:title>${xmlEscape(a.title)}</news:title></news:news>`
    : `<lastmod>${a.published}</lastmod>`}</url>`).join('\n')}
<url><loc>${baseUrl}/lien-he</loc></url>
</urlset>`;
  const sitemapIndex = (entries: { loc: string; lastmod: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<sitemap><loc>${baseUrl}${e.loc}</loc><lastmod>${e.lastmod}</lastmod></sitemap>`).join('\n')}
</sitemapindex>`;
  const listing = (page: number) => {
    const live = articles.filter((a) => pages.has(a.path));
    const pagesTotal = Math.max(1, Math.ceil(live.length / perPage));
    const items = live.slice((page - 1) * perPage, page * perPage);
    const next = page < pagesTotal ? `/chuyen-muc/thoi-su?trang=${page + 1}` : null;
    // Page 1 announces the next page with rel=next, page 2 only with numbered links, later pages with "Trang sau".
    const head = page === 1 && next ? `<link rel="next" href="${next}">` : '';
    const nav = page === 1 ? '' : page === 2
      ? Array.from({ length: pagesTotal }, (_v, k) => `<a href="/chuyen-muc/thoi-su?trang=${k + 1}">${k + 1}</a>`).join(' ')
      : next ? `<a href="${next}">Trang sau</a>` : '';
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Thời sự - trang ${page}</title>${head}</head><body>
<nav><a href="/">Trang chủ</a> <a href="/lien-he">Liên hệ</a> <a href="/chuyen-muc/the-thao">Thể thao</a> <a href="javascript:void(0)">In</a></nav>
<ul>${items.map((a) => `<li><a href="${a.path}?utm_campaign=home#binh-luan">${a.title}</a></li>`).join('\n')}</ul>
<div class="pager">${nav}</div><a href="${otherBaseUrl}/tin-tuc/ngoai-site-1.html">Bài ngoài</a></body></html>`;
  };

  const viText = 'Ủy ban nhân dân tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm, Đảng bộ đề ra nhiệm vụ trọng tâm: đẩy mạnh phát triển kinh tế, bảo đảm quốc phòng, an ninh; chăm lo đời sống nhân dân vùng sâu, vùng xa. Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo.';
  const viPage = (charsetMeta: string | null) => articleHtml({ title: 'Hội nghị tổng kết công tác năm', published: '2024-01-05T08:00:00+07:00', paragraphs: [viText, viText], charsetMeta });

  const handleFault = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const p = url.pathname;
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if ((m = /^\/fault\/status\/(\d{3})$/.exec(p))) {
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (q.has('retry-after')) headers['retry-after'] = q.get('retry-after') as string;
      if (q.has('retry-after-date')) headers['retry-after'] = new Date(Date.now() + Number(q.get('retry-after-date')) * 1000).toUTCString();
      res.writeHead(Number(m[1]), headers);
      res.end(`<html><body>status ${m[1]}</body></html>`);
      return true;
    }
    if ((m = /^\/fault\/flaky\/([\w-]+)$/.exec(p))) {
      // Fails `fails` times with `code` (and Retry-After `after`), then serves a page.
      const n = (counters.get(p) ?? 0) + 1;
      counters.set(p, n);
      if (n <= Number(q.get('fails') ?? 2)) {
        const headers: Record<string, string> = {};
        if (q.has('after')) headers['retry-after'] = q.get('after') as string;
        res.writeHead(Number(q.get('code') ?? 500), headers);
        res.end('try again');
      } else send(req, res, { body: viPage('utf-8') });
      return true;
    }
    if (p === '/fault/slow-headers') {
      later(Number(q.get('ms') ?? 5000), () => { if (!res.destroyed) send(req, res, { body: viPage('utf-8') }); });
      return true;
    }
    if (p === '/fault/stall-body') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!DOCTYPE html><html><head><title>Stalled</title></head><body><p>Đầu trang');
      return true; // never ends
    }
    if (p === '/fault/trickle') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const tick = () => { if (!res.destroyed) { res.write('<p>.</p>'); later(Number(q.get('every') ?? 50), tick); } };
      tick();
      return true;
    }
    if (p === '/fault/truncated') {
      const body = Buffer.from(viPage('utf-8'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length + 5000) });
      res.write(body);
      later(20, () => res.socket?.destroy());
      return true;
    }
    if (p === '/fault/truncated-chunked') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(viPage('utf-8').slice(0, 300));
      later(20, () => res.socket?.destroy());
      return true;
    }
    if (p === '/fault/reset') {
      req.socket.destroy();
      return true;
    }
    if (p === '/fault/huge' || p === '/fault/huge-chunked') {
      const total = 50 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, '<p>Nội dung rất dài</p>\n');
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (p === '/fault/huge') headers['content-length'] = String(total);
      res.writeHead(200, headers);
      let sent = 0;
      const pump = () => {
        while (sent < total && !res.destroyed) {
          const ok = res.write(chunk);
          sent += chunk.length;
          bytesSent.set(p, sent);
          if (!ok) { res.once('drain', pump); return; }
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return true;
    }
    if (p === '/fault/redirect/loop-a' || p === '/fault/redirect/loop-b') {
      res.writeHead(302, { location: p.endsWith('-a') ? '/fault/redirect/loop-b' : '/fault/redirect/loop-a' });
      res.end();
      return true;
    }
    if ((m = /^\/fault\/redirect\/chain\/(\d+)$/.exec(p))) {
      const n = Number(m[1]);
      res.writeHead(301, { location: n > 1 ? `/fault/redirect/chain/${n - 1}` : (articles[0]?.path ?? '/') });
      res.end();
      return true;
    }
    const redirects: Record<string, string> = {
      '/fault/redirect/to-article': `${baseUrl}${articles[1]?.path ?? '/'}`,
      '/fault/redirect/relative': `../..${articles[2]?.path ?? '/'}`,
      '/fault/redirect/cross': `${otherBaseUrl}/tin-tuc/ngoai-site-1.html`,
      '/fault/redirect/to-private': '/private/secret.html',
      '/fault/redirect/ftp': 'ftp://127.0.0.1/file.html',
    };
    if (p in redirects) {
      res.writeHead(p.endsWith('to-article') ? 301 : 302, { location: redirects[p] as string });
      res.end();
      return true;
    }
    if (p === '/fault/redirect/no-location') {
      res.writeHead(302);
      res.end();
      return true;
    }
    const types: Record<string, [string, Buffer]> = {
      '/fault/type/pdf': ['application/pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n')],
      '/fault/type/json': ['application/json; charset=utf-8', Buffer.from('{"tin":"Việt Nam"}')],
      '/fault/type/image': ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])],
      '/fault/type/none': ['', Buffer.from(viPage('utf-8'))],
    };
    if (p in types) {
      const [type, body] = types[p] as [string, Buffer];
      res.writeHead(200, type ? { 'content-type': type, 'content-length': String(body.length) } : { 'content-length': String(body.length) });
      res.end(body);
      return true;
    }
    if ((m = /^\/fault\/encoding\/([\w-]+)$/.exec(p))) {
      const html = Buffer.from(viPage('utf-8'));
      const encoders: Record<string, [string, (b: Buffer) => Buffer]> = {
        gzip: ['gzip', gzipSync], br: ['br', brotliCompressSync], deflate: ['deflate', deflateSync],
        'deflate-raw': ['deflate', deflateRawSync], 'bad-gzip': ['gzip', (b) => b.subarray(0, 100)],
        // 20 MB of spaces compress to ~20 KB: a decompression bomb (over the default 8 MB cap).
        bomb: ['gzip', () => (bomb ??= gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)))],
      };
      const enc = encoders[m[1] as string];
      if (!enc) return false;
      const body = enc[1](html);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': enc[0], 'content-length': String(body.length), vary: 'accept-encoding' });
      res.end(body);
      return true;
    }
    if ((m = /^\/fault\/charset\/([\w-]+)$/.exec(p))) {
      const variants: Record<string, [string, () => Buffer]> = {
        'utf8-nodecl': ['text/html', () => Buffer.from(viPage(null))],
        '1258-header': ['text/html; charset=windows-1258', () => encodeWindows1258(viPage(null))],
        '1258-meta': ['text/html', () => encodeWindows1258(viPage('windows-1258'))],
        '1258-nodecl': ['text/html', () => encodeWindows1258(viPage(null))],
        '1258-lying-header': ['text/html; charset=utf-8', () => encodeWindows1258(viPage(null))],
        '1258-lying-meta': ['text/html', () => encodeWindows1258(viPage('utf-8'))],
        '1258-as-latin1': ['text/html; charset=iso-8859-1', () => encodeWindows1258(viPage(null))],
        'utf8-as-latin1': ['text/html; charset=ISO-8859-1', () => Buffer.from(viPage(null))],
        'utf8-as-1258-meta': ['text/html', () => Buffer.from(viPage('windows-1258'))],
        'tcvn-nodecl': ['text/html', () => iconv.encode(viPage(null), 'tcvn')],
        'tcvn-meta': ['text/html', () => iconv.encode(viPage('TCVN3'), 'tcvn')],
        'utf8-bom': ['text/html; charset=windows-1252', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(viPage(null))])],
        'utf16-bom': ['text/html', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(viPage(null), 'utf-16le')])],
        'utf8-damaged': ['text/html; charset=utf-8', () => { const b = Buffer.from(viPage(null)); b[b.indexOf('Ủy')] = 0xff; return b; }],
        'unknown-label': ['text/html; charset=x-made-up', () => Buffer.from(viPage(null))],
      };
      const v = variants[m[1] as string];
      if (!v) return false;
      const body = v[1]();
      res.writeHead(200, { 'content-type': v[0], 'content-length': String(body.length) });
      res.end(body);
      return true;
    }
    return false;
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (log.length >= 10_000) log.shift();
    log.push({ path, at: Date.now(), headers: req.headers });
    const url = new URL(path, baseUrl);
    const p = url.pathname;

    if (p === '/robots.txt') {
      if (options.robotsStatus) {
        res.writeHead(options.robotsStatus, { 'content-type': 'text/plain' });
        res.end('robots unavailable');
        return;
      }
      const text = options.robotsTxt ?? [
        'User-agent: *', 'Disallow: /private/', 'Allow: /',
        ...(options.crawlDelaySec ? [`Crawl-delay: ${options.crawlDelaySec}`] : []),
        '', 'User-agent: BadBot', 'Disallow: /', '', `Sitemap: ${baseUrl}/sitemap.xml`, '',
      ].join('\n');
      send(req, res, { body: text, contentType: 'text/plain; charset=utf-8', conditional: false });
      return;
    }
    const page = pages.get(p + url.search) ?? pages.get(p);
    if (page) return send(req, res, page);
    if (handleFault(req, res, url)) return;

    const xmlPage = (body: string, type = 'application/xml; charset=utf-8') => send(req, res, { body, contentType: type });
    switch (p) {
      case '/rss.xml': return xmlPage(rss(), 'application/rss+xml; charset=utf-8');
      case '/atom.xml': return xmlPage(atom(), 'application/atom+xml; charset=utf-8');
      case '/sitemap.xml': return xmlPage(sitemapIndex([
        { loc: '/sitemaps/news.xml', lastmod: '2024-11-20T08:00:00+07:00' },
        { loc: '/sitemaps/archive-index.xml', lastmod: '2024-11-19T00:00:00+07:00' },
        { loc: '/sitemaps/old-2019.xml', lastmod: '2019-12-31T00:00:00+07:00' },
      ]));
      case '/sitemaps/news.xml': return xmlPage(urlset(articles.slice(0, 10), true));
      case '/sitemaps/archive-index.xml': return xmlPage(sitemapIndex([{ loc: '/sitemaps/archive.xml.gz', lastmod: '2024-11-19T00:00:00+07:00' }]));
      case '/sitemaps/archive.xml.gz': return send(req, res, { body: gzipSync(urlset(articles, false)), contentType: 'application/x-gzip' });
      case '/sitemaps/old-2019.xml': return xmlPage(urlset([], false));
      case '/chuyen-muc/thoi-su': return send(req, res, { body: listing(Math.max(1, Number(q(url, 'trang') ?? 1))) });
      case '/private/secret.html': return send(req, res, { body: viPage('utf-8') });
      case '/': return send(req, res, { body: `<html><body><a href="/chuyen-muc/thoi-su">Thời sự</a></body></html>` });
      default:
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body>Không tìm thấy trang</body></html>');
    }
  });

  other.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    otherHits.set(path, (otherHits.get(path) ?? 0) + 1);
    if (path === '/robots.txt') {
      res.writeHead(404);
      res.end();
      return;
    }
    send(req, res, { body: articleHtml({ title: 'Trang của site khác', published: '2024-01-01T00:00:00+07:00', paragraphs: ['Nội dung ngoài phạm vi.'] }) });
  });

  return {
    baseUrl, otherBaseUrl, hits, otherHits, log, bytesSent,
    get articlePaths() { return articles.filter((a) => pages.has(a.path)).map((a) => a.path); },
    article: (id) => {
      const a = articles[id];
      if (!a) throw new Error(`no article ${id}`);
      return { ...a, paragraphs: [...a.paragraphs] };
    },
    setPage: (path, page) => { pages.set(path, page); },
    updateArticle: (id, paragraphs) => putArticle(id, paragraphs),
    removePage: (path) => { pages.delete(path); },
    resetHits: () => { hits.clear(); otherHits.clear(); log.length = 0; },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of [server, other]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

function q(url: URL, name: string): string | null {
  return url.searchParams.get(name);
}
