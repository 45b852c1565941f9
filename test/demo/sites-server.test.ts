// The demo sites served over real HTTP on 127.0.0.1: discovery files, articles, conditional GETs, 404s,
// and that the demo profiles (pipelines/demo.ts) match the markup the sites serve.

import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import robotsParserModule from 'robots-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../pipelines/demo.ts';
import type { Source } from '../../src/core/types.ts';
import { startDemoSites, type DemoSites } from '../../src/run/demo-sites.ts';

interface ManifestArticle { path: string; title: string; published: string; seed: string | null; origin: string }
interface Manifest { sites: { id: string; articles: ManifestArticle[] }[] }
interface GoldArticle {
  id: string; published: string | null;
  documents: { text: string }[]; statistics: { text: string }[];
  officials: { name: string }[];
  absent?: string[]; absent_officials?: string[];
}

// robots-parser's typings declare the module twice; its default export is this function.
interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ParsedRobots;

const fixtures = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const manifest = JSON.parse(readFileSync(fixtures('sites/manifest.json'), 'utf8')) as Manifest;
const gold = (JSON.parse(readFileSync(fixtures('gold/seeds.gold.json'), 'utf8')) as { articles: GoldArticle[] }).articles;

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });
const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

let demo: DemoSites;
let sources: Source[];

beforeAll(async () => {
  demo = await startDemoSites();
  sources = demoSources(demo.sites);
});
afterAll(async () => {
  await demo?.close();
});

function sourceOf(id: string): Source {
  const s = sources.find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { res, text: await res.text() };
}

/** Article URLs listed by a source's feeds and sitemaps (following sitemap indexes). */
async function discover(source: Source): Promise<string[]> {
  const found: string[] = [];
  for (const feed of source.feeds ?? []) {
    const { res, text } = await get(feed);
    expect(res.status, feed).toBe(200);
    expect(text).not.toContain('{{BASE}}');
    const items = (xml.parse(text) as { rss: { channel: { item: { link: string }[] } } }).rss.channel.item;
    found.push(...items.map((i) => i.link));
  }
  const queue = [...(source.sitemaps ?? [])];
  for (let url = queue.shift(); url; url = queue.shift()) {
    const { res, text } = await get(url);
    expect(res.status, url).toBe(200);
    expect(text).not.toContain('{{BASE}}');
    const doc = xml.parse(text) as { urlset?: { url: { loc: string }[] }; sitemapindex?: { sitemap: { loc: string }[] } };
    if (doc.sitemapindex) queue.push(...doc.sitemapindex.sitemap.map((s) => s.loc));
    else found.push(...(doc.urlset?.url ?? []).map((u) => u.loc));
  }
  return [...new Set(found)];
}

/** Article URLs linked from a source's listing pages, following rel=next up to maxPages. */
async function crawlListings(source: Source): Promise<string[]> {
  const found = new Set<string>();
  for (const listing of source.listings ?? []) {
    let url: string | undefined = listing.url;
    for (let page = 0; url && page < (listing.maxPages ?? 1); page++) {
      const { res, text } = await get(url);
      expect(res.status, url).toBe(200);
      const $ = cheerio.load(text);
      $('a[href]').each((_, el) => {
        const href = new URL($(el).attr('href') ?? '', url).href;
        if (source.articleUrlPattern?.test(href)) found.add(href);
      });
      const next = $('a[rel=next], link[rel=next]').first().attr('href');
      url = next ? new URL(next, url).href : undefined;
    }
  }
  return [...found];
}

describe('demo sites server', () => {
  it('serves at least three sites, each on its own 127.0.0.1 port', () => {
    expect(demo.sites.map((s) => s.id).sort()).toEqual(manifest.sites.map((s) => s.id).sort());
    expect(demo.sites.length).toBeGreaterThanOrEqual(3);
    const hosts = demo.sites.map((s) => new URL(s.baseUrl).host);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const s of demo.sites) expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(sources.map((s) => s.id).sort()).toEqual(demo.sites.map((s) => s.id).sort());
  });

  it.each(manifest.sites.map((s) => [s.id, s] as const))('%s: feeds and sitemaps list exactly its articles, on its own base', async (id, site) => {
    const source = sourceOf(id);
    const expected = site.articles.map((a) => new URL(a.path, source.baseUrl).href).sort();
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.length).toBeLessThanOrEqual(5);
    const discovered = await discover(source);
    for (const url of discovered) {
      expect(url.startsWith(source.baseUrl), url).toBe(true);
      expect(source.articleUrlPattern?.test(url), url).toBe(true);
    }
    expect(discovered.sort()).toEqual(expected);
  });

  it.each(manifest.sites.map((s) => [s.id, s] as const))('%s: listing pages lead to every article', async (id, site) => {
    const source = sourceOf(id);
    const expected = site.articles.map((a) => new URL(a.path, source.baseUrl).href).sort();
    expect((await crawlListings(source)).sort()).toEqual(expected);
  });

  it.each(manifest.sites.map((s) => [s.id, s] as const))('%s: articles are UTF-8 HTML whose markup the profile selects', async (id, site) => {
    const source = sourceOf(id);
    const sel = source.selectors!;
    for (const article of site.articles) {
      const { res, text } = await get(new URL(article.path, source.baseUrl).href);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(text).not.toContain('\uFFFD'.repeat(2));
      const $ = cheerio.load(text);
      expect($(sel.title!).length, `${article.path} title`).toBe(1);
      expect(norm($(sel.title!).text())).toBe(article.title);
      expect($(sel.body!).length, `${article.path} body`).toBe(1);
      expect($(sel.lead!).length, `${article.path} lead`).toBe(1);
      // The published stamp the profile points at names the manifest's day.
      const stamp = $(sel.published!).first();
      const stampText = `${stamp.attr('datetime') ?? ''} ${stamp.attr('content') ?? ''} ${stamp.text()}`;
      const [y, m, d] = article.published.slice(0, 10).split('-').map(Number);
      const iso = stampText.match(/(\d{4})-(\d{2})-(\d{2})/);
      const vn = stampText.match(/(\d{1,2})\/(\d{1,2})\/(\d{4})/);
      const got = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : vn ? [Number(vn[3]), Number(vn[2]), Number(vn[1])] : null;
      expect(got, `${article.path} published stamp "${stampText.trim()}"`).toEqual([y, m, d]);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since, 200 when the validator differs', async () => {
    for (const site of manifest.sites) {
      const url = new URL(site.articles[0]!.path, sourceOf(site.id).baseUrl).href;
      const first = await get(url);
      const etag = first.res.headers.get('etag');
      const lastModified = first.res.headers.get('last-modified');
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(lastModified).toBeTruthy();
      const byEtag = await get(url, { 'if-none-match': etag! });
      expect(byEtag.res.status).toBe(304);
      expect(byEtag.text).toBe('');
      expect(byEtag.res.headers.get('etag')).toBe(etag);
      const byDate = await get(url, { 'if-modified-since': lastModified! });
      expect(byDate.res.status).toBe(304);
      const stale = await get(url, { 'if-none-match': '"not-the-current-tag"' });
      expect(stale.res.status).toBe(200);
      expect(stale.text).toBe(first.text);
      const older = await get(url, { 'if-modified-since': new Date(Date.parse(lastModified!) - 86_400_000).toUTCString() });
      expect(older.res.status).toBe(200);
    }
  });

  it('gives feeds an ETag of the substituted bytes and replaces {{BASE}} with the serving base', async () => {
    const source = sourceOf('hanoimoi');
    const { res, text } = await get(source.feeds![0]!);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(text).toContain(`<link>${source.baseUrl}`);
    const again = await get(source.feeds![0]!, { 'if-none-match': res.headers.get('etag')! });
    expect(again.res.status).toBe(304);
  });

  it('answers 404 for missing pages and for paths that try to leave the site folder', async () => {
    const base = sourceOf('vnexpress').baseUrl;
    for (const path of ['khong-co-bai-nay-1234567.html', 'rss/khong-co.rss', 'thoi-su/khong-co']) {
      const { res, text } = await get(new URL(path, base).href);
      expect(res.status, path).toBe(404);
      expect(text).toContain('404');
    }
    const { port } = new URL(base);
    for (const rawPath of ['/../hanoimoi/index.html', '/..%2F..%2Fmanifest.json', '/%2e%2e/%2e%2e/gold/seeds.gold.json']) {
      const status = await new Promise<number>((done, fail) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: rawPath }, (res) => { res.resume(); done(res.statusCode ?? 0); });
        req.on('error', fail);
        req.end();
      });
      expect(status, rawPath).toBe(404);
    }
  });

  it('serves robots.txt with a tiny Crawl-delay on one site and an admin Disallow on another', async () => {
    const robots = new Map<string, ParsedRobots>();
    for (const s of demo.sites) {
      const url = new URL('robots.txt', s.baseUrl).href;
      const { res, text } = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(text).not.toContain('{{BASE}}');
      robots.set(s.id, robotsParser(url, text));
    }
    const dcs = robots.get('dangcongsan')!;
    expect(dcs.getCrawlDelay('vnpress')).toBeLessThanOrEqual(0.5);
    expect(dcs.getSitemaps()).toEqual([new URL('sitemap.xml', sourceOf('dangcongsan').baseUrl).href]);
    const hnm = robots.get('hanoimoi')!;
    const hnmBase = sourceOf('hanoimoi').baseUrl;
    expect(hnm.isAllowed(new URL('admin/login', hnmBase).href, 'vnpress')).toBe(false);
    const someArticle = manifest.sites.find((s) => s.id === 'hanoimoi')!.articles[0]!.path;
    expect(hnm.isAllowed(new URL(someArticle, hnmBase).href, 'vnpress')).toBe(true);
  });
});

describe('demo articles carry the seeds', () => {
  const seeded = manifest.sites.flatMap((s) => s.articles.filter((a) => a.seed).map((a) => [a.seed!, s.id, a] as const));

  it('places each of the five seeds on exactly one article', () => {
    expect(seeded.map(([seed]) => seed).sort()).toEqual(gold.map((g) => g.id).sort());
  });

  it.each(seeded)('seed %s on %s: body holds what the gold lists, furniture stays outside', async (seed, siteId, article) => {
    const g = gold.find((x) => x.id === seed)!;
    if (g.published) expect(article.published.slice(0, 10)).toBe(g.published.slice(0, 10));
    else expect(article.published.slice(0, 4)).toBe('2020');

    const source = sourceOf(siteId);
    const { text: html } = await get(new URL(article.path, source.baseUrl).href);
    const $ = cheerio.load(html);
    const sel = source.selectors!;
    const body = $(sel.body!).first();
    for (const f of sel.furniture ?? []) body.find(f).remove();
    const bodyText = norm(`${$(sel.lead!).text()} ${body.text()}`);
    const pageText = norm($('body').text());

    for (const d of g.documents) expect(bodyText, d.text).toContain(norm(d.text));
    for (const st of g.statistics) expect(bodyText, st.text).toContain(norm(st.text));
    for (const o of g.officials) expect(bodyText, o.name).toContain(o.name);
    // Furniture the gold names is on the page (the demo is realistic) but not in the selected body.
    for (const a of g.absent ?? []) expect(bodyText, a).not.toContain(norm(a));
    for (const name of g.absent_officials ?? []) {
      expect(pageText, name).toContain(name);
      expect(bodyText, name).not.toContain(name);
    }
  });

  it('puts realistic furniture on every site: related lists, comment or login prompts, share bars', async () => {
    for (const site of manifest.sites) {
      const source = sourceOf(site.id);
      const pages = await Promise.all(site.articles.map(async (a) => (await get(new URL(a.path, source.baseUrl).href)).text));
      const text = norm(pages.map((h) => cheerio.load(h)('body').text()).join(' '));
      expect(text, site.id).toMatch(/Tin liên quan|Cùng chuyên mục|Đọc thêm|Có thể bạn quan tâm|Tin khác|Xem thêm/);
      expect(text, site.id).toMatch(/Đăng nhập|bình luận/i);
      expect(text, site.id).toMatch(/Chia sẻ|Facebook|Zalo/);
    }
  });
});

describe('startDemoSites options', () => {
  it('serves any sites folder, honours a free preferred port and falls back when it is taken', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'vnpress-sites-'));
    try {
      mkdirSync(join(dir, 'baomoi', 'rss'), { recursive: true });
      mkdirSync(join(dir, '_drafts'));
      writeFileSync(join(dir, 'baomoi', 'rss', 'tin.xml'), '<rss><channel><item><link>{{BASE}}bai-1.html</link></item></channel></rss>');
      writeFileSync(join(dir, 'baomoi', 'bai-1.html'), '<!DOCTYPE html><meta charset="utf-8"><p>Đồng chí</p>');
      writeFileSync(join(dir, 'notes.md'), 'not a site');
      const taken = Number(new URL(demo.sites[0]!.baseUrl).port);
      const fallback = await startDemoSites({ sitesDir: dir, ports: { baomoi: taken } });
      try {
        expect(fallback.sites.map((s) => s.id)).toEqual(['baomoi']);
        const site = fallback.sites[0]!;
        expect(Number(new URL(site.baseUrl).port)).not.toBe(taken);
        const feed = await get(new URL('rss/tin.xml', site.baseUrl).href);
        expect(feed.text).toContain(`<link>${site.baseUrl}bai-1.html</link>`);
        const page = await get(new URL('bai-1.html', site.baseUrl).href);
        expect(page.text).toContain('Đồng chí');
        expect((await get(new URL('notes.md', site.baseUrl).href)).res.status).toBe(404);
      } finally {
        await fallback.close();
      }
      const freed = Number(new URL((await (async () => {
        const probe = await startDemoSites({ sitesDir: dir });
        const url = probe.sites[0]!.baseUrl;
        await probe.close();
        return url;
      })())).port);
      const preferred = await startDemoSites({ sitesDir: dir, ports: { baomoi: freed } });
      try {
        expect(preferred.sites[0]!.baseUrl).toBe(`http://127.0.0.1:${freed}/`);
      } finally {
        await preferred.close();
      }
      await expect(startDemoSites({ sitesDir: join(dir, 'baomoi', 'rss') })).rejects.toThrow(/no demo sites/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
