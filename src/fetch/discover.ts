// Discovery: from a source's feeds, sitemaps and listing pages to article URLs, canonical,
// filtered by the source's article pattern and hosts. The parsers are pure; `discover` streams the
// URLs as they are parsed (memory bounded by one file), `discoverSource` collects them de-duplicated,
// newest first when dates are known.
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
  /** Called with each endpoint's report once all of its URLs have been yielded (an index's after its children). */
  onEndpoint?: (report: EndpointReport) => void;
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

export interface SitemapUrl {
  url: string;
  lastmod?: string;
  published?: string;
  title?: string;
}

export interface SitemapChild {
  url: string;
  lastmod?: string;
}

export type ParsedSitemap =
  | { kind: 'index'; sitemaps: SitemapChild[] }
  | { kind: 'urlset'; urls: SitemapUrl[] };

type SitemapEntry = { loc?: string; lastmod?: string; published?: string; title?: string };

/**
 * Reads a sitemap index or urlset (with `news:` extensions) as its text arrives, in pieces: the
 * entries completed so far are taken with `takeUrls` / `takeSitemaps`, so a file of any size is never
 * held as records all at once. Read with htmlparser2's XML tokenizer and no tree (a sitemap holds up
 * to 50,000 entries; the object tree of a general XML parser cost about six times as much CPU).
 * Namespace prefixes are ignored; only the entries' own children count (an `image:loc` inside
 * `image:image` is not the page's `loc`); the first of a repeated field wins; text is trimmed,
 * entities and CDATA decoded.
 */
export class SitemapReader {
  /** Local name of the root element once seen: `urlset`, `sitemapindex`, or something else (not a sitemap). */
  root: string | null = null;
  private entries: SitemapEntry[] = [];
  private readonly parser: Parser;

  constructor(private readonly sitemapUrl: string) {
    // Local names of the open elements, the root at 0.
    const path: string[] = [];
    let entry: SitemapEntry | null = null;
    let inNews = false;
    let newsSeen = false;
    // The entry field whose text is being read, and the text so far.
    let field: keyof SitemapEntry | null = null;
    let fieldDepth = -1;
    let buffer = '';
    const local = (name: string) => name.slice(name.indexOf(':') + 1);
    this.parser = new Parser({
      onopentag: (name) => {
        const tag = local(name);
        const depth = path.length;
        path.push(tag);
        if (depth === 0) { this.root ??= tag; return; }
        if (depth === 1) {
          if ((this.root === 'urlset' && tag === 'url') || (this.root === 'sitemapindex' && tag === 'sitemap')) {
            entry = {};
            newsSeen = false;
          }
          return;
        }
        if (!entry || field) return;
        if (depth === 2) {
          if ((tag === 'loc' || tag === 'lastmod') && !(tag in entry)) field = tag;
          else if (tag === 'news' && this.root === 'urlset' && !newsSeen) inNews = newsSeen = true;
        } else if (depth === 3 && inNews) {
          const key = tag === 'publication_date' ? 'published' : tag === 'title' ? 'title' : null;
          if (key && !(key in entry)) field = key;
        }
        if (field) { fieldDepth = depth; buffer = ''; }
      },
      ontext: (data) => {
        if (field && path.length === fieldDepth + 1) buffer += data;
      },
      onclosetag: () => {
        const depth = path.length - 1;
        path.pop();
        if (field && depth === fieldDepth) {
          entry![field] = buffer.trim();
          field = null;
        } else if (depth === 2 && inNews) inNews = false;
        else if (depth === 1 && entry) {
          // Complete once its element closes (end() closes what a cut-off file left open).
          this.entries.push(entry);
          entry = null;
        }
      },
    }, { xmlMode: true, decodeEntities: true });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.end();
  }

  /** The urlset entries completed since the last call, resolved against the sitemap's URL. */
  takeUrls(): SitemapUrl[] {
    const urls: SitemapUrl[] = [];
    for (const e of this.take()) {
      const abs = e.loc ? resolve(e.loc, this.sitemapUrl) : null;
      if (!abs) continue;
      const out: SitemapUrl = { url: abs };
      const lastmod = toIsoDate(e.lastmod);
      if (lastmod) out.lastmod = lastmod;
      const published = toIsoDate(e.published);
      if (published) out.published = published;
      if (e.title) out.title = e.title.normalize('NFC');
      urls.push(out);
    }
    return urls;
  }

  /** The index entries completed since the last call, resolved against the sitemap's URL. */
  takeSitemaps(): SitemapChild[] {
    const sitemaps: SitemapChild[] = [];
    for (const e of this.take()) {
      const abs = e.loc ? resolve(e.loc, this.sitemapUrl) : null;
      if (!abs) continue;
      const lastmod = toIsoDate(e.lastmod);
      sitemaps.push(lastmod ? { url: abs, lastmod } : { url: abs });
    }
    return sitemaps;
  }

  private take(): SitemapEntry[] {
    const taken = this.entries;
    this.entries = [];
    return taken;
  }
}

/** A whole sitemap index or urlset at once (see SitemapReader). Null when neither. */
export function parseSitemap(text: string, sitemapUrl: string): ParsedSitemap | null {
  const reader = new SitemapReader(sitemapUrl);
  reader.write(text);
  reader.end();
  if (reader.root === 'sitemapindex') return { kind: 'index', sitemaps: reader.takeSitemaps() };
  if (reader.root === 'urlset') return { kind: 'urlset', urls: reader.takeUrls() };
  return null;
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

/** Collects a stream into one de-duplicated list: a later sighting fills what an earlier one lacked. */
class Collector {
  private readonly byUrl = new Map<string, DiscoveredUrl>();

  add(found: DiscoveredUrl): void {
    const known = this.byUrl.get(found.url);
    if (!known) {
      this.byUrl.set(found.url, found);
      return;
    }
    // A later sighting fills what the earlier one lacked (a feed title, a sitemap date).
    if (!known.title && found.title) known.title = found.title;
    if (!known.published && found.published) known.published = found.published;
    if (!known.lastmod && found.lastmod) known.lastmod = found.lastmod;
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

/**
 * Characters of a sitemap given to the reader at a time: the URLs of one slice (~12,000 of them at
 * ~85 characters per entry) are yielded before the next slice is read, so a 50 MB sitemap never
 * exists as half a million records at once.
 */
const SITEMAP_SLICE = 1 << 20;

/**
 * URLs remembered to skip repeats within one discovery (the same article in the feed, the news
 * sitemap and a listing). A constant bound, not the site's size: past it, repeats go through and the
 * crawl state (one row per URL) absorbs them.
 */
const REMEMBERED_URLS = 10_000;

/**
 * The article URLs of a source, yielded as each feed, sitemap (a slice at a time) and listing page is
 * parsed: memory is bounded by one file, not by how many URLs the site lists. Endpoints are read one
 * after another (feeds, then sitemaps depth first, newest child first, then listings); each endpoint's
 * report goes to `options.onEndpoint` after its last URL was yielded (an index's after its children's),
 * so a consumer that has stored what it was given may mark the endpoint as read. Not sorted: a
 * consumer that wants newest first orders by the `published`/`lastmod` hints (the crawl state does).
 * A URL seen again with a date it lacked the first time is yielded again.
 */
export async function* discover(source: Source, fetcher: PageFetcher, options: DiscoverOptions = {}): AsyncGenerator<DiscoveredUrl> {
  yield* discoverStream(source, fetcher, options, true);
}

async function* discoverStream(source: Source, fetcher: PageFetcher, options: DiscoverOptions, dedupe: boolean): AsyncGenerator<DiscoveredUrl> {
  const isArticle = articleMatcher(source);
  const onEndpoint = options.onEndpoint ?? (() => {});
  // URL → whether its sighting carried a date.
  const seen = new Map<string, boolean>();
  const found = (raw: string, via: DiscoveryVia, from: string, hints: { title?: string | undefined; published?: string | undefined; lastmod?: string | undefined }): DiscoveredUrl | null => {
    const url = canonicalUrl(raw);
    if (!url || !isArticle(url)) return null;
    const dated = !!(hints.published || hints.lastmod);
    if (dedupe) {
      const known = seen.get(url);
      if (known !== undefined && (known || !dated)) return null;
      if (known !== undefined || seen.size < REMEMBERED_URLS) seen.set(url, dated);
    }
    const d: DiscoveredUrl = { url, via, from };
    if (hints.title) d.title = hints.title;
    if (hints.published) d.published = hints.published;
    if (hints.lastmod) d.lastmod = hints.lastmod;
    return d;
  };
  const get = (url: string, kind: 'feed' | 'sitemap' | 'listing') => {
    const v = options.validators?.(url);
    return fetcher.fetchPage(url, { sourceId: source.id, kind, etag: v?.etag ?? null, lastModified: v?.lastModified ?? null });
  };

  for (const feedUrl of source.feeds ?? []) {
    const res = await get(feedUrl, 'feed');
    if (res.outcome !== 'ok') {
      onEndpoint(report(feedUrl, 'feed', res));
      continue;
    }
    const items = parseFeed(res.page.html, res.page.finalUrl);
    if (!items) {
      onEndpoint({ ...report(feedUrl, 'feed', res), outcome: 'failed', action: 'give-up', reason: 'unparsable' });
      continue;
    }
    let count = 0;
    for (const it of items) {
      const d = found(it.url, 'feed', feedUrl, { title: it.title, published: it.published, lastmod: it.updated });
      if (d) { count++; yield d; }
    }
    onEndpoint(report(feedUrl, 'feed', res, count));
  }

  let sitemapBudget = options.maxSitemaps ?? 50;
  const maxDepth = options.maxSitemapDepth ?? 3;
  const sitemapSeen = new Set<string>();
  const since = options.since?.getTime();
  async function* sitemap(sitemapUrl: string, depth: number): AsyncGenerator<DiscoveredUrl> {
    if (sitemapSeen.has(sitemapUrl) || sitemapBudget <= 0) return;
    sitemapSeen.add(sitemapUrl);
    sitemapBudget--;
    const res = await get(sitemapUrl, 'sitemap');
    if (res.outcome !== 'ok') {
      onEndpoint(report(sitemapUrl, 'sitemap', res));
      return;
    }
    const text = res.page.html;
    const reader = new SitemapReader(res.page.finalUrl);
    let count = 0;
    for (let at = 0; at < text.length || at === 0; at += SITEMAP_SLICE) {
      if (at + SITEMAP_SLICE >= text.length) {
        reader.write(text.slice(at));
        reader.end();
      } else reader.write(text.slice(at, at + SITEMAP_SLICE));
      if (reader.root !== 'urlset') continue;
      for (const u of reader.takeUrls()) {
        const d = found(u.url, 'sitemap', sitemapUrl, u);
        if (d) { count++; yield d; }
      }
    }
    if (reader.root === 'urlset') {
      onEndpoint(report(sitemapUrl, 'sitemap', res, count));
      return;
    }
    if (reader.root !== 'sitemapindex') {
      onEndpoint({ ...report(sitemapUrl, 'sitemap', res), outcome: 'failed', action: 'give-up', reason: 'unparsable' });
      return;
    }
    // An index lists at most as many children as its file holds; newest first, recent ones only with `since`.
    if (depth < maxDepth) {
      const children = reader.takeSitemaps()
        .filter((c) => since === undefined || !c.lastmod || Date.parse(c.lastmod) >= since)
        .sort((a, b) => (b.lastmod ? Date.parse(b.lastmod) : 0) - (a.lastmod ? Date.parse(a.lastmod) : 0));
      for (const child of children) yield* sitemap(child.url, depth + 1);
    }
    onEndpoint(report(sitemapUrl, 'sitemap', res, 0));
  }
  for (const sitemapUrl of source.sitemaps ?? []) yield* sitemap(sitemapUrl, 0);

  for (const listing of source.listings ?? []) {
    const maxPages = listing.maxPages ?? options.defaultMaxPages ?? 3;
    const startHost = hostKey(new URL(listing.url).host);
    const visited = new Set<string>();
    let pageUrl: string | undefined = listing.url;
    for (let n = 1; pageUrl && n <= maxPages; n++) {
      visited.add(canonicalUrl(pageUrl) ?? pageUrl);
      const res = await get(pageUrl, 'listing');
      if (res.outcome !== 'ok') {
        onEndpoint(report(pageUrl, 'listing', res));
        break;
      }
      const parsed = parseListing(res.page.html, res.page.finalUrl, n);
      let count = 0;
      for (const l of parsed.links) {
        const d = found(l.url, 'listing', pageUrl, { title: l.title });
        if (d) { count++; yield d; }
      }
      onEndpoint(report(pageUrl, 'listing', res, count));
      pageUrl = parsed.nextPages.find((u) => {
        const c = canonicalUrl(u) ?? u;
        return !visited.has(c) && !isArticle(c) && hostKey(new URL(u).host) === startHost;
      });
    }
  }
}

/**
 * Discover the article URLs of a source through its feeds, sitemaps and listing pages, all at once:
 * de-duplicated (hints merged), newest first. It holds every URL; a crawl uses `discover`, which streams.
 */
export async function discoverSource(source: Source, fetcher: PageFetcher, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const collector = new Collector();
  const endpoints: EndpointReport[] = [];
  const onEndpoint = options.onEndpoint;
  for await (const d of discoverStream(source, fetcher, { ...options, onEndpoint: (r) => { endpoints.push(r); onEndpoint?.(r); } }, false)) collector.add(d);
  return { sourceId: source.id, urls: collector.sorted(), endpoints };
}
