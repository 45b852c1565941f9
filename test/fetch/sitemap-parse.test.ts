// parseSitemap reads sitemaps with a tokenizer and no tree; these pin what a tree reading gave on the
// shapes real sitemaps take: prefixes, nested extensions, CDATA, entities, comments, repeats, bad locs.
import { describe, expect, it } from 'vitest';
import { parseSitemap } from '../../src/fetch/discover.ts';

const X = '<?xml version="1.0" encoding="UTF-8"?>';
const BASE = 'https://bao.vn/sitemap.xml';

describe('parseSitemap on the shapes sitemaps take', () => {
  it('takes the entry\'s own loc, not an image:loc nested in an extension', () => {
    const s = parseSitemap(`${X}<urlset xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><image:image><image:loc>https://bao.vn/anh.jpg</image:loc></image:image><loc>https://bao.vn/tin-1.html</loc></url></urlset>`, BASE);
    expect(s).toEqual({ kind: 'urlset', urls: [{ url: 'https://bao.vn/tin-1.html' }] });
  });

  it('decodes CDATA and entities and trims whitespace, comments ignored', () => {
    const s = parseSitemap(`${X}<!-- made by CMS --><urlset>
      <url><loc><![CDATA[ https://bao.vn/tim?q=a&p=2 ]]></loc></url>
      <url>
        <loc>
          https://bao.vn/tim?q=b&amp;p=3
        </loc><!-- note --><lastmod> 2024-05-06T07:08:09+07:00 </lastmod>
      </url></urlset>`, BASE);
    expect(s).toEqual({ kind: 'urlset', urls: [
      { url: 'https://bao.vn/tim?q=a&p=2' },
      { url: 'https://bao.vn/tim?q=b&p=3', lastmod: '2024-05-06T00:08:09.000Z' },
    ] });
  });

  it('ignores namespace prefixes on the sitemap elements themselves', () => {
    const s = parseSitemap(`${X}<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:sitemap><sm:loc>/sitemap-2024-11.xml</sm:loc><sm:lastmod>2024-11-30</sm:lastmod></sm:sitemap>
      <sm:sitemap><sm:loc>https://bao.vn/sitemap-2024-10.xml</sm:loc></sm:sitemap></sm:sitemapindex>`, BASE);
    expect(s).toEqual({ kind: 'index', sitemaps: [
      { url: 'https://bao.vn/sitemap-2024-11.xml', lastmod: '2024-11-30' },
      { url: 'https://bao.vn/sitemap-2024-10.xml' },
    ] });
  });

  it('reads Google News fields inside news:news only, first of each, title in NFC', () => {
    const s = parseSitemap(`${X}<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://bao.vn/a.html</loc>
        <news:news><news:publication><news:name>Báo &amp; Đời</news:name><news:title>not this</news:title></news:publication>
          <news:publication_date>2024-11-01T08:00:00+07:00</news:publication_date>
          <news:title> ${'Hội nghị Trung ương'.normalize('NFD')} </news:title><news:title>second</news:title></news:news>
        <news:news><news:title>another block</news:title></news:news>
      </url>
      <url><loc>https://bao.vn/b.html</loc><news:publication_date>2024-01-01</news:publication_date></url></urlset>`, BASE);
    expect(s).toEqual({ kind: 'urlset', urls: [
      { url: 'https://bao.vn/a.html', published: '2024-11-01T01:00:00.000Z', title: 'Hội nghị Trung ương' },
      { url: 'https://bao.vn/b.html' },
    ] });
  });

  it('the first of a repeated field wins; empty and non-http locs are dropped, relative ones resolved', () => {
    const s = parseSitemap(`${X}<urlset>
      <url><loc>https://bao.vn/1.html</loc><loc>https://bao.vn/2.html</loc></url>
      <url><loc></loc><loc>https://bao.vn/late.html</loc></url>
      <url><loc>mailto:toasoan@bao.vn</loc></url>
      <url><loc>chuyen-muc/3.html</loc><lastmod>not a date</lastmod></url></urlset>`, BASE);
    expect(s).toEqual({ kind: 'urlset', urls: [{ url: 'https://bao.vn/1.html' }, { url: 'https://bao.vn/chuyen-muc/3.html' }] });
  });

  it('is null for feeds, HTML and text', () => {
    expect(parseSitemap(`${X}<rss><channel><item><link>https://bao.vn/1</link></item></channel></rss>`, BASE)).toBeNull();
    expect(parseSitemap('<html><body><a href="/x">x</a></body></html>', BASE)).toBeNull();
    expect(parseSitemap('not xml at all <<<', BASE)).toBeNull();
  });
});
