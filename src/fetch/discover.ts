// Discovery: from a source's feeds, sitemaps and listing pages to article URLs, canonical,
// de-duplicated, filtered by the source's article pattern and hosts, newest first when
// dates are known. The parsers are pure; `discoverSource` does the fetching through a Fetcher.
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import * as cheerio from 'cheerio';
import type { Source } from '../core/types.ts';
import { canonicalUrl, hostKey } from './canonical.ts';
import type { FailureAction, FailureReason } from './failure.ts';
import type { FetchOutcome, FetchPageOptions } from './fetcher.ts';

export type DiscoveryVia = 'feed' | 'sitemap' | 'listing';

export interface DiscoveredUrl {
  /** Canonical article URL. */
  url: string;
  via: DiscoveryVia;
  /** The feed, sitemap or listing page it was found on. */
  from: string;
  title?: string;
  /** ISO 8601: feed pubDate/published, sitemap news:publication_date. */
  published?: string;
  /** ISO 8601: sitemap lastmod, Atom updated. */
  lastmod?: string;
}

export interface EndpointReport {
  url: string;
  kind: 'feed' | 'sitemap' | 'listing';
  outcome: 'ok' | 'not-modified' | 'failed';
  /** Article URLs found there (before de-duplication across endpoints). */
  found: number;
  status?: number;
  action?: FailureAction;
  reason?: FailureReason | 'unparsable';
  retryAfterMs?: number;
  /** Validators to send next time (store them with the endpoint's next-check time). */
  etag?: string | null;
  lastModified?: string | null;
}

export interface DiscoveryResult {
  sourceId: string;
  urls: DiscoveredUrl[];
  endpoints: EndpointReport[];
}

/** What discovery needs from a Fetcher. */
export interface PageFetcher {
  fetchPage(url: string, options: FetchPageOptions): Promise<FetchOutcome>;
}

export interface DiscoverOptions {
  /** Listing pages followed per listing when the profile does not say (`ListingPage.maxPages`). */
  defaultMaxPages?: number;
  /** Sitemap files fetched per source, indexes included. */
  maxSitemaps?: number;
  /** Depth of sitemap indexes followed. */
  maxSitemapDepth?: number;
  /** Skip child sitemaps whose index lastmod is older than this (nightly runs need only recent ones). */
  since?: Date;
  /** Validators from the previous run for an endpoint URL. */
  validators?: (url: string) => { etag?: string | null; lastModified?: string | null } | undefined;
}

// ---------- dates ----------

/** An ISO 8601 string from the dates feeds and sitemaps carry (RFC 822, W3C, `dd/MM/yyyy HH:mm` as +07:00). */
export function toIsoDate(value: unknown): string | undefined {
  const v = textOf(value)?.trim();
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  // d/m/y as Vietnamese sites write it — except with AM/PM, the US form m/d/y that Sapo-CMS
  // feeds use (`9/5/2026 1:30:00 PM` is 5 September); a part above 12 settles the order.
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T,-]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?/.exec(v);
  if (slashed) {
    const [, a, b, y, hh = '0', mm = '0', ss = '0', meridiem] = slashed as unknown as [string, string, string, string, string?, string?, string?, string?];
    const monthFirst = Number(a) > 12 ? false : Number(b) > 12 ? true : !!meridiem;
    const [d, m] = monthFirst ? [b, a] : [a, b];
    let hour = Number(hh);
    if (meridiem && hour > 12) return undefined;
    if (meridiem?.toLowerCase() === 'pm' && hour < 12) hour += 12;
    if (meridiem?.toLowerCase() === 'am' && hour === 12) hour = 0;
    if (Number(m) > 12 || Number(d) > 31) return undefined;
    const pad = (n: string | number) => String(n).padStart(2, '0');
    const iso = `${y}-${pad(m)}-${pad(d)}T${pad(hour)}:${pad(mm)}:${pad(ss)}+07:00`;
    const parsed = new Date(iso);
    // Reject days that roll over (31/2): the date must read back as written.
    if (Number.isNaN(parsed.getTime()) || new Date(parsed.getTime() + 7 * 3_600_000).getUTCDate() !== Number(d)) return undefined;
    return parsed.toISOString();
  }
  const t = Date.parse(v.replace(/\bGMT([+-]\d{1,2})$/, (_m, h: string) => `${h[0]}${h.slice(1).padStart(2, '0')}00`));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function dateKey(d: DiscoveredUrl): number | null {
  const v = d.published ?? d.lastmod;
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

// ---------- XML ----------

const ARRAY_TAGS = new Set(['item', 'entry', 'url', 'sitemap', 'link']);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
  // The callbacks need only the tag name: no path string built for every tag.
  jPath: false,
});

function textOf(v: unknown): string | undefined {
  if (v == null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as Record<string, unknown>)['#text']);
  return undefined;
}

function asArray(v: unknown): unknown[] {
  return v == null ? [] : Array.isArray(v) ? v : [v];
}

function field(obj: unknown, name: string): unknown {
  return obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[name] : undefined;
}

function parseXml(text: string): Record<string, unknown> | null {
  try {
    const doc = xml.parse(text) as unknown;
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface FeedItem {
  url: string;
  title?: string;
  published?: string;
  updated?: string;
}

/** Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, links resolved against the feed URL. Null when not a feed. */
export function parseFeed(text: string, feedUrl: string): FeedItem[] | null {
  const doc = parseXml(text);
  if (!doc) return null;
  const rss = field(doc, 'rss');
  const rdf = field(doc, 'RDF');
  const atom = field(doc, 'feed');
  let entries: unknown[];
  if (rss) entries = asArray(field(field(rss, 'channel'), 'item'));
  else if (rdf) entries = asArray(field(rdf, 'item'));
  else if (atom) entries = asArray(field(atom, 'entry'));
  else return null;

  const items: FeedItem[] = [];
  for (const e of entries) {
    let href: string | undefined;
    for (const link of asArray(field(e, 'link'))) {
      const attrHref = field(link, '@_href');
      const rel = textOf(field(link, '@_rel')) ?? 'alternate';
      if (typeof attrHref === 'string') {
        if (rel === 'alternate' && !href) href = attrHref;
      } else if (!href) href = textOf(link);
    }
    if (!href) {
      const guid = field(e, 'guid');
      if (textOf(field(guid, '@_isPermaLink')) !== 'false') href = textOf(guid);
    }
    const abs = href ? resolve(href, feedUrl) : null;
    if (!abs) continue;
    const item: FeedItem = { url: abs };
    const title = textOf(field(e, 'title'))?.trim();
    if (title) item.title = title.normalize('NFC');
    const published = toIsoDate(field(e, 'pubDate') ?? field(e, 'published') ?? field(e, 'date') ?? field(e, 'issued'));
    if (published) item.published = published;
    const updated = toIsoDate(field(e, 'updated') ?? field(e, 'modified'));
    if (updated) item.updated = updated;
    items.push(item);
  }
  return items;
}

export type ParsedSitemap =
  | { kind: 'index'; sitemaps: { url: string; lastmod?: string }[] }
  | { kind: 'urlset'; urls: { url: string; lastmod?: string; published?: string; title?: string }[] };

/**
 * A sitemap index or urlset (with `news:` extensions). Null when neither. Read with htmlparser2's
 * XML tokenizer and no tree (a sitemap holds up to 50,000 entries; the object tree of a general XML
 * parser cost about six times as much CPU). Namespace prefixes are ignored; only the entries' own
 * children count (an `image:loc` inside `image:image` is not the page's `loc`); the first of a
 * repeated field wins; text is trimmed, entities and CDATA decoded.
 */
export function parseSitemap(text: string, sitemapUrl: string): ParsedSitemap | null {
  type Entry = { loc?: string; lastmod?: string; published?: string; title?: string };
  let root: string | null = null;
  const entries: Entry[] = [];
  // Local names of the open elements, the root at 0.
  const path: string[] = [];
  let entry: Entry | null = null;
  let inNews = false;
  let newsSeen = false;
  // The entry field whose text is being read, and the text so far.
  let field: keyof Entry | null = null;
  let fieldDepth = -1;
  let buffer = '';
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const parser = new Parser({
    onopentag(name) {
      const tag = local(name);
      const depth = path.length;
      path.push(tag);
      if (depth === 0) { root ??= tag; return; }
      if (depth === 1) {
        if ((root === 'urlset' && tag === 'url') || (root === 'sitemapindex' && tag === 'sitemap')) {
          entry = {};
          entries.push(entry);
          newsSeen = false;
        }
        return;
      }
      if (!entry || field) return;
      if (depth === 2) {
        if ((tag === 'loc' || tag === 'lastmod') && !(tag in entry)) field = tag;
        else if (tag === 'news' && root === 'urlset' && !newsSeen) inNews = newsSeen = true;
      } else if (depth === 3 && inNews) {
        const key = tag === 'publication_date' ? 'published' : tag === 'title' ? 'title' : null;
        if (key && !(key in entry)) field = key;
      }
      if (field) { fieldDepth = depth; buffer = ''; }
    },
    ontext(data) {
      if (field && path.length === fieldDepth + 1) buffer += data;
    },
    onclosetag() {
      const depth = path.length - 1;
      path.pop();
      if (field && depth === fieldDepth) {
        entry![field] = buffer.trim();
        field = null;
      } else if (depth === 2 && inNews) inNews = false;
      else if (depth === 1) entry = null;
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.end(text);
  if (root === 'sitemapindex') {
    const sitemaps: { url: string; lastmod?: string }[] = [];
    for (const e of entries) {
      const abs = e.loc ? resolve(e.loc, sitemapUrl) : null;
      if (!abs) continue;
      const lastmod = toIsoDate(e.lastmod);
      sitemaps.push(lastmod ? { url: abs, lastmod } : { url: abs });
    }
    return { kind: 'index', sitemaps };
  }
  if (root !== 'urlset') return null;
  const urls: { url: string; lastmod?: string; published?: string; title?: string }[] = [];
  for (const e of entries) {
    const abs = e.loc ? resolve(e.loc, sitemapUrl) : null;
    if (!abs) continue;
    const out: { url: string; lastmod?: string; published?: string; title?: string } = { url: abs };
    const lastmod = toIsoDate(e.lastmod);
    if (lastmod) out.lastmod = lastmod;
    const published = toIsoDate(e.published);
    if (published) out.published = published;
    if (e.title) out.title = e.title.normalize('NFC');
    urls.push(out);
  }
  return { kind: 'urlset', urls };
}

// ---------- listing pages ----------

// Link texts that mean "next page" on Vietnamese and English sites.
const NEXT_TEXTS = new Set(['trang sau', 'trang tiếp', 'tiếp', 'tiếp theo', 'xem tiếp', 'sau', 'next', 'next page', 'older', '»', '›', '>', '>>']);

export interface ParsedListing {
  links: { url: string; title?: string }[];
  /** Candidate next-page URLs, best first (rel=next, then "next" texts, then the next page number). */
  nextPages: string[];
}

/** Links and next-page candidates of a listing page. `pageNumber` is this page's number (1 for the first). */
export function parseListing(html: string, pageUrl: string, pageNumber = 1): ParsedListing {
  const $ = cheerio.load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && resolve(baseHref, pageUrl)) || pageUrl;
  const links: { url: string; title?: string }[] = [];
  const seen = new Set<string>();
  const relNext: string[] = [];
  const textNext: string[] = [];
  const numberNext: string[] = [];
  $('link[rel~="next"][href]').each((_i, el) => {
    const u = resolve($(el).attr('href') ?? '', base);
    if (u) relNext.push(u);
  });
  $('a[href]').each((_i, el) => {
    const a = $(el);
    const href = a.attr('href') ?? '';
    if (/^(javascript|mailto|tel):/i.test(href.trim())) return;
    const u = resolve(href, base);
    if (!u) return;
    const text = a.text().replace(/\s+/g, ' ').trim().normalize('NFC');
    const rel = (a.attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('next')) relNext.push(u);
    const lower = text.toLowerCase();
    if (NEXT_TEXTS.has(lower) || NEXT_TEXTS.has((a.attr('aria-label') ?? '').trim().toLowerCase())) textNext.push(u);
    if (text === String(pageNumber + 1)) numberNext.push(u);
    if (seen.has(u)) return;
    seen.add(u);
    const title = text || a.attr('title')?.trim() || a.find('img[alt]').attr('alt')?.trim();
    links.push(title ? { url: u, title: title.normalize('NFC') } : { url: u });
  });
  return { links, nextPages: [...new Set([...relNext, ...textNext, ...numberNext])] };
}

function resolve(href: string, base: string): string | null {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

// ---------- discovery over a source ----------

/** A predicate: is this URL an article of the source (host allowed, pattern matched)? */
export function articleMatcher(source: Source): (url: string) => boolean {
  const hosts = new Set([new URL(source.baseUrl).host, ...(source.hosts ?? [])].map(hostKey));
  const pattern = source.articleUrlPattern;
  return (url: string) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (!hosts.has(hostKey(u.host))) return false;
    if (!pattern) return true;
    pattern.lastIndex = 0;
    if (pattern.test(url)) return true;
    pattern.lastIndex = 0;
    return pattern.test(u.pathname + u.search);
  };
}

class Collector {
  private readonly byUrl = new Map<string, DiscoveredUrl>();
  constructor(private readonly isArticle: (url: string) => boolean) {}

  /** Add a found URL; returns whether it counted as an article. */
  add(raw: string, via: DiscoveryVia, from: string, hints: { title?: string | undefined; published?: string | undefined; lastmod?: string | undefined }): boolean {
    const url = canonicalUrl(raw);
    if (!url || !this.isArticle(url)) return false;
    const known = this.byUrl.get(url);
    if (!known) {
      const d: DiscoveredUrl = { url, via, from };
      if (hints.title) d.title = hints.title;
      if (hints.published) d.published = hints.published;
      if (hints.lastmod) d.lastmod = hints.lastmod;
      this.byUrl.set(url, d);
    } else {
      // A later sighting fills what the earlier one lacked (a feed title, a sitemap date).
      if (!known.title && hints.title) known.title = hints.title;
      if (!known.published && hints.published) known.published = hints.published;
      if (!known.lastmod && hints.lastmod) known.lastmod = hints.lastmod;
    }
    return true;
  }

  /** Newest first where dates are known, then undated in the order found. */
  sorted(): DiscoveredUrl[] {
    // Each date is parsed once, not at every comparison.
    const dated: { d: DiscoveredUrl; t: number }[] = [];
    const undated: DiscoveredUrl[] = [];
    for (const d of this.byUrl.values()) {
      const t = dateKey(d);
      if (t === null) undated.push(d);
      else dated.push({ d, t });
    }
    dated.sort((a, b) => b.t - a.t);
    return [...dated.map((x) => x.d), ...undated];
  }
}

function report(url: string, kind: EndpointReport['kind'], res: FetchOutcome, found = 0): EndpointReport {
  if (res.outcome === 'ok') return { url, kind, outcome: 'ok', found, status: res.page.status, etag: res.page.etag ?? null, lastModified: res.page.lastModified ?? null };
  if (res.outcome === 'not-modified') return { url, kind, outcome: 'not-modified', found: 0, status: 304, etag: res.etag, lastModified: res.lastModified };
  const r: EndpointReport = { url, kind, outcome: 'failed', found: 0, action: res.action, reason: res.reason };
  if (res.status !== undefined) r.status = res.status;
  if (res.retryAfterMs !== undefined) r.retryAfterMs = res.retryAfterMs;
  return r;
}

/** Discover the article URLs of a source through its feeds, sitemaps and listing pages. */
export async function discoverSource(source: Source, fetcher: PageFetcher, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const isArticle = articleMatcher(source);
  const collector = new Collector(isArticle);
  const endpoints: EndpointReport[] = [];
  const get = (url: string, kind: 'feed' | 'sitemap' | 'listing') => {
    const v = options.validators?.(url);
    return fetcher.fetchPage(url, { sourceId: source.id, kind, etag: v?.etag ?? null, lastModified: v?.lastModified ?? null });
  };

  const doFeed = async (feedUrl: string) => {
    const res = await get(feedUrl, 'feed');
    if (res.outcome !== 'ok') return endpoints.push(report(feedUrl, 'feed', res));
    const items = parseFeed(res.page.html, res.page.finalUrl);
    if (!items) return endpoints.push({ ...report(feedUrl, 'feed', res), outcome: 'failed', action: 'give-up', reason: 'unparsable' });
    let found = 0;
    for (const it of items) if (collector.add(it.url, 'feed', feedUrl, { title: it.title, published: it.published, lastmod: it.updated })) found++;
    endpoints.push(report(feedUrl, 'feed', res, found));
  };

  let sitemapBudget = options.maxSitemaps ?? 50;
  const maxDepth = options.maxSitemapDepth ?? 3;
  const sitemapSeen = new Set<string>();
  const doSitemap = async (sitemapUrl: string, depth: number): Promise<void> => {
    if (sitemapSeen.has(sitemapUrl) || sitemapBudget <= 0) return;
    sitemapSeen.add(sitemapUrl);
    sitemapBudget--;
    const res = await get(sitemapUrl, 'sitemap');
    if (res.outcome !== 'ok') {
      endpoints.push(report(sitemapUrl, 'sitemap', res));
      return;
    }
    const parsed = parseSitemap(res.page.html, res.page.finalUrl);
    if (!parsed) {
      endpoints.push({ ...report(sitemapUrl, 'sitemap', res), outcome: 'failed', action: 'give-up', reason: 'unparsable' });
      return;
    }
    if (parsed.kind === 'index') {
      endpoints.push(report(sitemapUrl, 'sitemap', res, 0));
      if (depth >= maxDepth) return;
      const since = options.since?.getTime();
      const children = parsed.sitemaps
        .filter((s) => since === undefined || !s.lastmod || Date.parse(s.lastmod) >= since)
        .sort((a, b) => (b.lastmod ? Date.parse(b.lastmod) : 0) - (a.lastmod ? Date.parse(a.lastmod) : 0));
      for (const child of children) await doSitemap(child.url, depth + 1);
      return;
    }
    let found = 0;
    for (const u of parsed.urls) if (collector.add(u.url, 'sitemap', sitemapUrl, u)) found++;
    endpoints.push(report(sitemapUrl, 'sitemap', res, found));
  };

  const doListing = async (startUrl: string, maxPages: number) => {
    const visited = new Set<string>();
    let pageUrl: string | undefined = startUrl;
    for (let n = 1; pageUrl && n <= maxPages; n++) {
      visited.add(canonicalUrl(pageUrl) ?? pageUrl);
      const res = await get(pageUrl, 'listing');
      if (res.outcome !== 'ok') {
        endpoints.push(report(pageUrl, 'listing', res));
        return;
      }
      const parsed = parseListing(res.page.html, res.page.finalUrl, n);
      let found = 0;
      for (const l of parsed.links) if (collector.add(l.url, 'listing', pageUrl, { title: l.title })) found++;
      endpoints.push(report(pageUrl, 'listing', res, found));
      const startHost = hostKey(new URL(startUrl).host);
      pageUrl = parsed.nextPages.find((u) => {
        const c = canonicalUrl(u) ?? u;
        return !visited.has(c) && !isArticle(c) && hostKey(new URL(u).host) === startHost;
      });
    }
  };

  await Promise.all([
    ...(source.feeds ?? []).map((f) => doFeed(f)),
    ...(source.sitemaps ?? []).map((s) => doSitemap(s, 0)),
    ...(source.listings ?? []).map((l) => doListing(l.url, l.maxPages ?? options.defaultMaxPages ?? 3)),
  ]);
  return { sourceId: source.id, urls: collector.sorted(), endpoints };
}

/** The same as `discoverSource`, one URL at a time (newest first), for runners that stream. */
export async function* discover(source: Source, fetcher: PageFetcher, options: DiscoverOptions = {}): AsyncGenerator<DiscoveredUrl> {
  const result = await discoverSource(source, fetcher, options);
  yield* result.urls;
}
