// The article key: the URL a page was fetched under, re-keyed only to a claim the source itself would
// crawl as an article (http(s), same site, its hosts, its pattern). Every other claim is metadata.
import { describe, expect, it } from 'vitest';
import { articleIdentity, identityRules } from '../../src/fetch/identity.ts';
import type { Source } from '../../src/core/types.ts';

const source: Source = {
  id: 'vnexpress', name: 'VnExpress', baseUrl: 'https://vnexpress.net/', hosts: ['vnexpress.net', 'm.vnexpress.net'], language: 'vi',
  articleUrlPattern: /^https:\/\/(m\.)?vnexpress\.net\/[a-z0-9-]+-\d{6,}\.html$/,
};
const rules = identityRules(source);
const PAGE = 'https://vnexpress.net/bai-viet-4812345.html?utm_source=rss';
const OWN = 'https://vnexpress.net/bai-viet-4812345.html';

describe('articleIdentity', () => {
  // [what, canonical claim, key, canonical_url kept, warning?]
  it.each([
    ['no claim', null, OWN, null, false],
    ['the page itself', OWN, OWN, null, false],
    ['the page itself, relative with a fragment', '/bai-viet-4812345.html#top', OWN, null, false],
    ['a same-site article URL of the source', 'https://vnexpress.net/goc-bai-viet-4800001.html', 'https://vnexpress.net/goc-bai-viet-4800001.html', null, false],
    ['the same, relative', '/goc-bai-viet-4800001.html?utm_medium=x', 'https://vnexpress.net/goc-bai-viet-4800001.html', null, false],
    ['a source host on the same site (mobile)', 'https://m.vnexpress.net/goc-4800001.html', 'https://m.vnexpress.net/goc-4800001.html', null, false],
    ['a same-site URL that is not an article (a section)', 'https://vnexpress.net/thoi-su', OWN, 'https://vnexpress.net/thoi-su', false],
    ['the same site on a host the source does not list', 'https://e.vnexpress.net/news/goc-4800001.html', OWN, 'https://e.vnexpress.net/news/goc-4800001.html', false],
    ['another site (syndication, or a takeover)', 'https://tuoitre.vn/goc-20240101123456789.htm', OWN, 'https://tuoitre.vn/goc-20240101123456789.htm', false],
    ['another site that looks like the source', 'https://vnexpress.net.evil.example/goc-4800001.html', OWN, 'https://vnexpress.net.evil.example/goc-4800001.html', false],
    ['plain http of the same host', 'http://vnexpress.net/goc-4800001.html', OWN, 'http://vnexpress.net/goc-4800001.html', false],
    ['javascript:', 'javascript:alert(1)', OWN, null, true],
    ['JavaScript: with spaces', '  JavaScript:alert(document.cookie)', OWN, null, true],
    ['file:', 'file:///etc/passwd', OWN, null, true],
    ['data:', 'data:text/html,<script>alert(1)</script>', OWN, null, true],
    ['an unparsable URL', 'http://[::1', OWN, null, true],
  ] as const)('%s', (_what, claim, key, kept, warned) => {
    const id = articleIdentity(PAGE, { canonical: claim }, rules);
    expect(id.url).toBe(key);
    expect(id.canonicalUrl).toBe(kept);
    expect(!!id.warning).toBe(warned);
    if (warned) expect(id.warning).not.toMatch(/alert|passwd|script>/);
  });

  it('a redirect ending on another article URL of the source re-keys; one the source would not crawl does not', () => {
    expect(articleIdentity(PAGE, { finalUrl: 'https://vnexpress.net/moi-4800002.html' }, rules).url).toBe('https://vnexpress.net/moi-4800002.html');
    expect(articleIdentity(PAGE, { finalUrl: 'https://vnexpress.net/tag/x' }, rules).url).toBe(OWN);
    // A refused claim does not stop an allowed redirect end, and an allowed claim wins over it.
    expect(articleIdentity(PAGE, { canonical: 'javascript:x', finalUrl: 'https://vnexpress.net/moi-4800002.html' }, rules).url).toBe('https://vnexpress.net/moi-4800002.html');
    expect(articleIdentity(PAGE, { canonical: '/goc-4800001.html', finalUrl: 'https://vnexpress.net/moi-4800002.html' }, rules).url).toBe('https://vnexpress.net/goc-4800001.html');
  });

  it('IP hosts: another port is another site', () => {
    const local: Source = { id: 'a', name: 'a', baseUrl: 'http://127.0.0.1:8001/', language: 'vi' };
    const id = articleIdentity('http://127.0.0.1:8001/a-1.html', { canonical: 'http://127.0.0.1:8002/b-2.html' }, identityRules(local));
    expect(id).toMatchObject({ url: 'http://127.0.0.1:8001/a-1.html', canonicalUrl: 'http://127.0.0.1:8002/b-2.html' });
  });

  it('a local file: keyed by its file URL, unless a source is given and the claim is one of its article URLs', () => {
    const file = 'file:///home/u/saved/bai.html';
    expect(articleIdentity(file, { canonical: 'https://vnexpress.net/goc-4800001.html' }, null))
      .toMatchObject({ url: file, canonicalUrl: 'https://vnexpress.net/goc-4800001.html', warning: null });
    expect(articleIdentity(file, { canonical: 'https://vnexpress.net/goc-4800001.html' }, rules).url).toBe('https://vnexpress.net/goc-4800001.html');
    expect(articleIdentity(file, { canonical: 'https://tuoitre.vn/goc-20240101123456789.htm' }, rules).url).toBe(file);
    expect(articleIdentity(file, { canonical: 'https://vnexpress.net/thoi-su' }, rules).url).toBe(file);
    expect(articleIdentity(file, { canonical: 'file:///etc/passwd' }, rules)).toMatchObject({ url: file, canonicalUrl: null });
    // A relative claim in a file resolves to another file URL: never a key.
    expect(articleIdentity(file, { canonical: '/etc/passwd' }, rules)).toMatchObject({ url: file, canonicalUrl: null });
  });
});
