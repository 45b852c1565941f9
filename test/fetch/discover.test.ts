import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleMatcher, discover, discoverSource, parseFeed, parseListing, parseSitemap, toIsoDate } from '../../src/fetch/discover.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import type { Source } from '../../src/core/types.ts';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url), 'utf8');

describe('toIsoDate', () => {
  it.each([
    ['Sat, 02 Nov 2024 09:15:00 +0700', '2024-11-02T02:15:00.000Z'],
    ['2024-09-20T17:30:00+07:00', '2024-09-20T10:30:00.000Z'],
    ['2024-11-01', '2024-11-01'],
    ['30/10/2024 14:05', '2024-10-30T07:05:00.000Z'],
    ['5/3/2024', '2024-03-04T17:00:00.000Z'],
    ['Mon, 04 Nov 2024 08:00:00 GMT+7', '2024-11-04T01:00:00.000Z'],
  ])('%s → %s', (input, iso) => expect(toIsoDate(input)).toBe(iso));
  it('unreadable → undefined', () => {
    expect(toIsoDate('hôm qua')).toBeUndefined();
    expect(toIsoDate('')).toBeUndefined();
  });
});

describe('parseFeed', () => {
  it('reads RSS 2.0 items: link, guid permalink, CDATA titles, RFC 822 and Vietnamese dates', () => {
    const items = parseFeed(fixture('rss-vnexpress-style.xml'), 'https://vnexpress.net/rss/thoi-su.rss');
    expect(items).not.toBeNull();
    expect(items?.map((i) => i.url)).toEqual([
      'https://vnexpress.net/thu-tuong-chu-tri-phien-hop-4812345.html?utm_source=rss&utm_medium=feed',
      'https://vnexpress.net/quoc-hoi-thong-qua-luat-dat-dai-4811111.html',
      'https://vnexpress.net/chi-co-guid-4810000.html',
      'https://vnexpress.net/tin-ngan-4809000.html',
    ]);
    expect(items?.[0]).toMatchObject({ title: 'Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 10', published: '2024-11-02T02:15:00.000Z' });
    expect(items?.[2]?.published).toBe('2024-10-31T01:00:00.000Z');
    expect(items?.[3]?.published).toBe('2024-10-30T07:05:00.000Z');
  });

  it('reads Atom entries: rel=alternate over enclosures, relative links, published and updated', () => {
    const items = parseFeed(fixture('atom-example.xml'), 'https://baochinhphu.vn/rss/tin-moi.atom');
    expect(items).toEqual([
      { url: 'https://baochinhphu.vn/hoi-nghi-trung-uong-10-be-mac-102240920.htm', title: 'Hội nghị Trung ương 10 khóa XIII bế mạc', published: '2024-09-20T10:30:00.000Z', updated: '2024-09-21T01:00:00.000Z' },
      { url: 'https://baochinhphu.vn/tin-tuc/lien-ket-tuong-doi-102240921.htm', title: 'Liên kết tương đối, không có rel', updated: '2024-09-22T08:00:00.000Z' },
    ]);
  });

  it('reads RSS 1.0 (RDF); says null for what is not a feed', () => {
    expect(parseFeed(fixture('rdf-example.xml'), 'https://nhandan.vn/rss')).toEqual([
      { url: 'https://nhandan.vn/bai-rdf-1.html', title: 'Bài theo RSS 1.0', published: '2024-08-15T00:00:00.000Z' },
    ]);
    expect(parseFeed('<html><body>Không phải feed</body></html>', 'https://x.vn/')).toBeNull();
    expect(parseFeed(fixture('sitemap-news.xml'), 'https://x.vn/')).toBeNull();
  });
});

describe('parseSitemap', () => {
  it('reads a urlset with news: extensions and lastmod, trimming locations', () => {
    const s = parseSitemap(fixture('sitemap-news.xml'), 'https://tuoitre.vn/sitemap-news.xml');
    expect(s?.kind).toBe('urlset');
    if (s?.kind !== 'urlset') return;
    expect(s.urls).toEqual([
      { url: 'https://tuoitre.vn/bo-chinh-tri-ban-hanh-ket-luan-20241102101010.htm', published: '2024-11-02T03:10:10.000Z', title: 'Bộ Chính trị ban hành kết luận về công tác cán bộ' },
      { url: 'https://tuoitre.vn/gia-vang-hom-nay-20241101080000.htm', lastmod: '2024-11-01' },
      { url: 'https://tuoitre.vn/khoang-trang-quanh-loc-20241031000000.htm' },
    ]);
  });

  it('reads a sitemap index; null for other XML', () => {
    const s = parseSitemap(fixture('sitemap-index.xml'), 'https://dantri.com.vn/sitemap.xml');
    expect(s).toEqual({ kind: 'index', sitemaps: [
      { url: 'https://dantri.com.vn/sitemaps/news.xml', lastmod: '2024-11-02T03:00:00.000Z' },
      { url: 'https://dantri.com.vn/sitemaps/2024-10.xml.gz' },
    ] });
    expect(parseSitemap(fixture('atom-example.xml'), 'https://x.vn/')).toBeNull();
    expect(parseSitemap('not xml at all <<<', 'https://x.vn/')).toBeNull();
  });
});

describe('parseListing', () => {
  const html = `<html><head><base href="https://laodong.vn/thoi-su/"><link rel="next" href="?page=2"></head><body>
    <a href="bai-moi-1234.ldo">Bài mới   <b>nhất</b></a>
    <a href="/thoi-su/bai-cu-1200.ldo"><img alt="Ảnh bài cũ" src="a.jpg"></a>
    <a href="bai-moi-1234.ldo#comments">Bình luận</a>
    <a href="javascript:void(0)">In</a> <a href="mailto:a@b.vn">Thư</a>
    <nav><a href="?page=1">1</a><a href="?page=2">2</a><a href="?page=3">3</a><a href="?page=9" aria-label="Next">›</a></nav></body></html>`;
  it('resolves links against <base>, takes titles from text or image alt, skips script and mail links', () => {
    const l = parseListing(html, 'https://laodong.vn/thoi-su', 1);
    expect(l.links.slice(0, 3)).toEqual([
      { url: 'https://laodong.vn/thoi-su/bai-moi-1234.ldo', title: 'Bài mới nhất' },
      { url: 'https://laodong.vn/thoi-su/bai-cu-1200.ldo', title: 'Ảnh bài cũ' },
      { url: 'https://laodong.vn/thoi-su/bai-moi-1234.ldo#comments', title: 'Bình luận' },
    ]);
    expect(l.links.some((x) => x.url.startsWith('javascript') || x.url.startsWith('mailto'))).toBe(false);
  });
  it('ranks next-page candidates: rel=next, then "next" words, then the next number', () => {
    expect(parseListing(html, 'https://laodong.vn/thoi-su', 1).nextPages).toEqual([
      'https://laodong.vn/thoi-su/?page=2', 'https://laodong.vn/thoi-su/?page=9',
    ]);
    const noRel = html.replace(/<link rel="next"[^>]*>/, '').replace(/<a href="\?page=9"[^>]*>›<\/a>/, '');
    expect(parseListing(noRel, 'https://laodong.vn/thoi-su?page=2', 2).nextPages).toEqual(['https://laodong.vn/thoi-su/?page=3']);
    expect(parseListing('<a href="/p/2">Trang sau</a>', 'https://x.vn/p/1', 1).nextPages).toEqual(['https://x.vn/p/2']);
  });
});

describe('articleMatcher', () => {
  it('needs an allowed host (www. ignored) and the article pattern', () => {
    const isArticle = articleMatcher({ id: 'v', name: 'V', baseUrl: 'https://vnexpress.net/', language: 'vi', articleUrlPattern: /-\d{7}\.html$/g });
    expect(isArticle('https://vnexpress.net/bai-1234567.html')).toBe(true);
    expect(isArticle('https://www.vnexpress.net/bai-1234567.html')).toBe(true);
    expect(isArticle('https://vnexpress.net/bai-1234567.html')).toBe(true); // global flag: lastIndex reset
    expect(isArticle('https://vnexpress.net/thoi-su')).toBe(false);
    expect(isArticle('https://evil.example/bai-1234567.html')).toBe(false);
  });
});

describe('discoverSource against the local site', () => {
  let server: FaultServer;
  let fetcher: Fetcher;
  let source: Source;
  beforeAll(async () => {
    server = await startFaultServer({ articles: 30, perPage: 10 });
    source = {
      id: 'test', name: 'Báo Thử nghiệm', baseUrl: `${server.baseUrl}/`, language: 'vi',
      feeds: [`${server.baseUrl}/rss.xml`, `${server.baseUrl}/atom.xml`],
      sitemaps: [`${server.baseUrl}/sitemap.xml`],
      listings: [{ url: `${server.baseUrl}/chuyen-muc/thoi-su`, maxPages: 3 }],
      articleUrlPattern: /\/tin-tuc\/[a-z0-9-]+-\d+\.html$/,
    };
    fetcher = new Fetcher({ contactUrl: 'https://example.org/vnpress', sources: [source], politeness: { defaultMinDelayMs: 0, defaultHostConcurrency: 4 } });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('finds every article once, canonical, newest first, with hints, from all three kinds of endpoint', async () => {
    const r = await discoverSource(source, fetcher, { since: new Date('2024-01-01T00:00:00Z') });
    const expected = server.articlePaths.map((p) => `${server.baseUrl}${p}`);
    expect(r.urls.map((u) => u.url)).toEqual(expected); // articlePaths are newest first
    expect(r.urls.every((u) => !u.url.includes('utm_') && !u.url.includes('#'))).toBe(true);
    const newest = r.urls[0];
    expect(newest?.title).toBe(server.article(0).title);
    expect(Date.parse(newest?.published ?? '')).toBe(Date.parse(server.article(0).published));
    expect(r.urls.at(-1)?.lastmod).toBeTruthy(); // old ones only in the gzipped archive sitemap

    const byKind = (k: string) => r.endpoints.filter((e) => e.kind === k);
    expect(byKind('feed').map((e) => [e.outcome, e.found])).toEqual([['ok', 10], ['ok', 10]]);
    const sitemaps = byKind('sitemap').map((e) => new URL(e.url).pathname).sort();
    expect(sitemaps).toEqual(['/sitemap.xml', '/sitemaps/archive-index.xml', '/sitemaps/archive.xml.gz', '/sitemaps/news.xml']);
    expect(server.hits.get('/sitemaps/old-2019.xml')).toBeUndefined(); // older than `since`
    expect(byKind('sitemap').find((e) => e.url.endsWith('archive.xml.gz'))?.found).toBe(30);
    expect(byKind('listing').map((e) => e.found)).toEqual([10, 10, 10]);
    expect(byKind('listing').every((e) => e.etag)).toBe(true);
  });

  it('listing pagination stops at maxPages, and the listing alone finds what its pages link', async () => {
    const onlyListing: Source = { ...source, feeds: [], sitemaps: [], listings: [{ url: `${server.baseUrl}/chuyen-muc/thoi-su`, maxPages: 2 }] };
    const r = await discoverSource(onlyListing, fetcher);
    expect(r.urls).toHaveLength(20);
    expect(r.urls.every((u) => u.via === 'listing' && u.title)).toBe(true);
    expect(r.endpoints.map((e) => new URL(e.url).search)).toEqual(['', '?trang=2']);
  });

  it('sends validators back: unchanged feeds and sitemaps answer not-modified', async () => {
    const first = await discoverSource(source, fetcher, { since: new Date('2024-01-01T00:00:00Z') });
    const validators = new Map(first.endpoints.map((e) => [e.url, { etag: e.etag ?? null, lastModified: e.lastModified ?? null }]));
    const second = await discoverSource(source, fetcher, { since: new Date('2024-01-01T00:00:00Z'), validators: (u) => validators.get(u) });
    const feeds = second.endpoints.filter((e) => e.kind === 'feed');
    expect(feeds.map((e) => e.outcome)).toEqual(['not-modified', 'not-modified']);
    expect(second.endpoints.find((e) => e.url.endsWith('/sitemap.xml'))?.outcome).toBe('not-modified');
  });

  it('reports failing endpoints with their reason and goes on', async () => {
    const broken: Source = { ...source, feeds: [`${server.baseUrl}/fault/status/410`, `${server.baseUrl}/`], sitemaps: [`${server.baseUrl}/fault/type/image`], listings: [] };
    const r = await discoverSource(broken, fetcher);
    expect(r.endpoints.map((e) => [e.outcome, e.reason])).toEqual(expect.arrayContaining([
      ['failed', 'gone'], ['failed', 'unparsable'], ['failed', 'unwanted-type'],
    ]));
    expect(r.urls).toEqual([]);
  });

  it('discover() yields the same URLs one by one', async () => {
    const seen: string[] = [];
    for await (const d of discover({ ...source, sitemaps: [], listings: [] }, fetcher)) seen.push(d.url);
    expect(seen).toHaveLength(10);
    expect(seen[0]).toBe(`${server.baseUrl}${server.article(0).path}`);
  });
});
