// The demo Source profiles: endpoints on the given base, and article patterns that accept each outlet's
// article URLs only on that base.
import { describe, expect, it } from 'vitest';
import { demoSources } from '../../pipelines/demo.ts';

const sites = [
  { id: 'hanoimoi', baseUrl: 'http://127.0.0.1:40001/' },
  { id: 'dangcongsan', baseUrl: 'http://127.0.0.1:40002' },
  { id: 'vnexpress', baseUrl: 'http://127.0.0.1:40003/' },
  { id: 'baochinhphu', baseUrl: 'http://127.0.0.1:40004/' },
  { id: 'no-such-profile', baseUrl: 'http://127.0.0.1:40005/' },
];
const sources = demoSources(sites);
const byId = (id: string) => sources.find((s) => s.id === id)!;

describe('demoSources', () => {
  it('builds one source per profiled site, every endpoint on that site base', () => {
    expect(sources.map((s) => s.id)).toEqual(['hanoimoi', 'dangcongsan', 'vnexpress', 'baochinhphu']);
    for (const s of sources) {
      expect(s.baseUrl.endsWith('/')).toBe(true);
      expect(s.hosts).toEqual([new URL(s.baseUrl).host]);
      const endpoints = [...(s.feeds ?? []), ...(s.sitemaps ?? []), ...(s.listings ?? []).map((l) => l.url)];
      expect(endpoints.length).toBeGreaterThan(0);
      for (const url of endpoints) expect(url.startsWith(s.baseUrl), url).toBe(true);
      expect(s.selectors?.body).toBeTruthy();
      expect(s.selectors?.title).toBeTruthy();
    }
  });

  it.each([
    ['hanoimoi', 'ha-noi-trien-khai-ke-hoach-phat-trien-kinh-te-dem-634512.html', true],
    ['hanoimoi', 'dan-van-kheo-event1287.html', false],
    ['hanoimoi', 'chinh-tri', false],
    ['hanoimoi', 'chinh-tri/trang-2', false],
    ['hanoimoi', 'ha-noi-trien-khai-634512.html?utm_source=rss', false],
    ['dangcongsan', 'thoi-su/hoi-nghi-truc-tuyen-toan-quoc-561009.html', true],
    ['dangcongsan', 'thoi-su', false],
    ['dangcongsan', 'sitemaps/sitemap-2020-03.xml', false],
    ['vnexpress', 'hang-khong-mo-lai-8-duong-bay-quoc-te-4411826.html', true],
    ['vnexpress', 'thoi-su/giao-thong', false],
    ['vnexpress', 'hang-khong-mo-lai-8-duong-bay-quoc-te-4411826.html#box_comment_vne', false],
    ['baochinhphu', 'thu-tuong-chu-tri-hoi-nghi-102201229090000555.htm', true],
    ['baochinhphu', 'thoi-su.htm', false],
    ['baochinhphu', 'timelinelist/1/2.htm', false],
  ] as const)('%s: %s is an article: %s', (id, path, expected) => {
    const source = byId(id);
    expect(source.articleUrlPattern!.test(new URL(path, source.baseUrl).href)).toBe(expected);
  });

  it('rejects article-shaped URLs of another host or port', () => {
    const vne = byId('vnexpress');
    expect(vne.articleUrlPattern!.test('https://vnexpress.net/hang-khong-mo-lai-8-duong-bay-quoc-te-4411826.html')).toBe(false);
    expect(vne.articleUrlPattern!.test('http://127.0.0.1:40004/hang-khong-mo-lai-8-duong-bay-quoc-te-4411826.html')).toBe(false);
  });
});
