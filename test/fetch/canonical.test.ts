import { describe, expect, it } from 'vitest';
import { canonicalFromHtml, canonicalUrl, findCanonicalLink, siteKey } from '../../src/fetch/canonical.ts';

describe('canonicalUrl', () => {
  it.each([
    // tracking parameters of several families go, others stay and are sorted
    ['https://vnexpress.net/a-123.html?utm_source=fb&utm_medium=social', 'https://vnexpress.net/a-123.html'],
    ['https://vnexpress.net/a-123.html?vn_source=home&vn_campaign=box', 'https://vnexpress.net/a-123.html'],
    ['https://dantri.com.vn/x.htm?fbclid=IwAR0abc&page=2', 'https://dantri.com.vn/x.htm?page=2'],
    ['https://tuoitre.vn/x.htm?gclid=1&msclkid=2&b=2&a=1', 'https://tuoitre.vn/x.htm?a=1&b=2'],
    ['https://baochinhphu.vn/x.htm?_ga=2.1&mc_cid=9&zarsrc=30', 'https://baochinhphu.vn/x.htm'],
    // fragments, host case, default ports, empty query
    ['HTTPS://NhanDan.VN:443/chinhtri/bai-1.html#binh-luan', 'https://nhandan.vn/chinhtri/bai-1.html'],
    ['http://qdnd.vn:80/a?', 'http://qdnd.vn/a'],
    ['http://127.0.0.1:8080/a?x=1#top', 'http://127.0.0.1:8080/a?x=1'],
    // dot segments and percent-escape case
    ['https://vov.vn/a/../b/./c-1.vov?q=%c3%a1', 'https://vov.vn/b/c-1.vov?q=%C3%A1'],
    ['https://vov.vn/%7euser/%e1%bb%87', 'https://vov.vn/~user/%E1%BB%87'],
    // a non-tracking parameter that merely contains "utm" survives
    ['https://x.vn/a?autumn=1', 'https://x.vn/a?autumn=1'],
    // an empty fragment, credentials and a trailing dot on the host go; an @ in the path stays
    ['http://x.vn/a#', 'http://x.vn/a'],
    ['http://user:pw@x.vn/a', 'http://x.vn/a'],
    ['https://x.vn./a', 'https://x.vn/a'],
    ['https://x.vn/@tac-gia/bai-1.html', 'https://x.vn/@tac-gia/bai-1.html'],
    // already canonical: unchanged; raw Vietnamese and spaces in a path are percent-encoded
    ['https://nhandan.vn/chinhtri/bai-1.html', 'https://nhandan.vn/chinhtri/bai-1.html'],
    ['HTTPS://X.VN:443/Bài viết.html', 'https://x.vn/B%C3%A0i%20vi%E1%BA%BFt.html'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('equal for the same article linked in different ways', () => {
    const forms = [
      'https://nhandan.vn/bai-viet-1.html',
      'https://NHANDAN.vn/bai-viet-1.html?utm_source=zalo#comments',
      'https://nhandan.vn:443/bai-viet-1.html?fbclid=abc',
    ];
    expect(new Set(forms.map((f) => canonicalUrl(f))).size).toBe(1);
  });

  it('resolves relative links and refuses non-http schemes', () => {
    expect(canonicalUrl('/a/b.html?utm_term=x', 'https://laodong.vn/c/d.html')).toBe('https://laodong.vn/a/b.html');
    expect(canonicalUrl('mailto:toasoan@nhandan.vn')).toBeNull();
    expect(canonicalUrl('javascript:void(0)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('drops extra site-specific parameters on request', () => {
    expect(canonicalUrl('https://x.vn/a?from=home&id=3', undefined, { dropParams: ['FROM'] })).toBe('https://x.vn/a?id=3');
  });
});

describe('siteKey', () => {
  it.each([
    ['m.vnexpress.net', 'vnexpress.net'],
    ['www.dantri.com.vn', 'dantri.com.vn'],
    ['dantri.com.vn', 'dantri.com.vn'],
    ['baochinhphu.vn', 'baochinhphu.vn'],
    ['en.baochinhphu.vn', 'baochinhphu.vn'],
    ['thanhnien.vn', 'thanhnien.vn'],
  ])('%s → %s', (host, key) => expect(siteKey(host)).toBe(key));
});

describe('canonicalFromHtml', () => {
  const page = 'https://vnexpress.net/bai-viet-123.html?utm_source=rss';
  it('follows a same-site rel=canonical, with attributes in any order and quoting', () => {
    expect(canonicalFromHtml('<head><link href="https://vnexpress.net/bai-viet-123.html" rel="canonical"></head>', page)).toBe('https://vnexpress.net/bai-viet-123.html');
    expect(canonicalFromHtml("<head><LINK REL='canonical' HREF='/bai-viet-123.html#x'/></head>", page)).toBe('https://vnexpress.net/bai-viet-123.html');
    expect(canonicalFromHtml('<head><link rel=canonical href=https://m.vnexpress.net/bai-viet-123.html></head>', page)).toBe('https://m.vnexpress.net/bai-viet-123.html');
    expect(canonicalFromHtml('<head><link rel="canonical" href="https://vnexpress.net/a?x=1&amp;y=2"></head>', page)).toBe('https://vnexpress.net/a?x=1&y=2');
  });

  it('ignores a cross-site canonical (syndication) unless the host is allowed', () => {
    const html = '<head><link rel="canonical" href="https://tuoitre.vn/goc-456.htm"></head>';
    expect(canonicalFromHtml(html, page)).toBe('https://vnexpress.net/bai-viet-123.html');
    expect(canonicalFromHtml(html, page, ['tuoitre.vn'])).toBe('https://tuoitre.vn/goc-456.htm');
  });

  it('falls back to the page URL when there is no canonical link, or it is only in the body', () => {
    expect(canonicalFromHtml('<head><title>x</title></head><body></body>', page)).toBe('https://vnexpress.net/bai-viet-123.html');
    expect(findCanonicalLink('<head></head><body><link rel="canonical" href="https://vnexpress.net/other.html"></body>', page)).toBeNull();
    expect(findCanonicalLink('<head><link rel="alternate" href="https://vnexpress.net/amp.html"><link rel="stylesheet" href="/a.css"></head>', page)).toBeNull();
  });
});
