// Page metadata from one parsed document: title, published/modified (each with its origin),
// author, section, language, canonical URL. Order of trust for times (docs/DESIGN.md, docs/STACK.md lessons):
// JSON-LD → article:published_time/meta → itemprop → <time> → visible stamp → URL; never after the fetch.
// cheerio/slim: selectors over htmlparser2's DOM, without parse5 and the HTTP client the package root loads (~0.4 s at start-up).
import * as cheerio from 'cheerio/slim';
import type { Cheerio } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import type { MetaOrigin, PublishedZone, SiteSelectors } from '../core/types.ts';
import { hasOffset, notAfter, parseMachineDate, parseUrlTimestamp, parseVisibleStamp, type Zone } from './dates.ts';
import { tidy } from './text.ts';

export interface PageMeta {
  title: string | null;
  published: string | null;
  publishedOrigin: MetaOrigin | null;
  /** Where `published`'s offset comes from: the page, the source profile, or nowhere (no offset). */
  publishedZone: PublishedZone | null;
  modified: string | null;
  modifiedOrigin: MetaOrigin | null;
  author: string | null;
  section: string | null;
  language: string | null;
  canonicalUrl: string | null;
  /** JSON-LD `articleBody`: a cross-check for a weak DOM pick. */
  articleBody: string | null;
}

interface JsonLdFacts { articleBody?: string; headline?: string; published?: string; modified?: string; author?: string; section?: string; language?: string; breadcrumb?: string; publisher?: string }

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|WebPage|Report|ScholarlyArticle|LiveBlogPosting|TechArticle)$/;

function readJsonLd(scripts: string[]): JsonLdFacts {
  const facts: JsonLdFacts = {};
  for (const raw of scripts) {
    if (!raw || raw.length > 500_000) continue;
    let data: unknown;
    try { data = JSON.parse(raw.trim().replace(/^\s*<!--|-->\s*$/g, '')); } catch { continue; }
    const queue: unknown[] = [data];
    let guard = 0;
    while (queue.length && guard++ < 200) {
      const item = queue.shift();
      if (Array.isArray(item)) { queue.push(...item); continue; }
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
      const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
      if (types.includes('BreadcrumbList') && !facts.breadcrumb) {
        const items = Array.isArray(o['itemListElement']) ? (o['itemListElement'] as Record<string, unknown>[]) : [];
        const names = items.map((it) => {
          const inner = it['item'];
          return String((it['name'] ?? (inner && typeof inner === 'object' ? (inner as Record<string, unknown>)['name'] : '')) ?? '');
        }).filter(Boolean);
        if (names.length) facts.breadcrumb = names[names.length - 1];
      }
      if (!types.some((t) => ARTICLE_TYPES.test(t))) continue;
      const isPage = types.every((t) => t === 'WebPage');
      if (!facts.headline && typeof o['headline'] === 'string') facts.headline = o['headline'];
      if (!facts.articleBody && typeof o['articleBody'] === 'string') facts.articleBody = o['articleBody'];
      if (!facts.published && typeof o['datePublished'] === 'string' && !isPage) facts.published = o['datePublished'];
      if (!facts.modified && typeof o['dateModified'] === 'string' && !isPage) facts.modified = o['dateModified'];
      if (!facts.section && (typeof o['articleSection'] === 'string' || Array.isArray(o['articleSection']))) facts.section = ([] as unknown[]).concat(o['articleSection'])[0] as string;
      if (!facts.language && typeof o['inLanguage'] === 'string') facts.language = o['inLanguage'];
      const publisher = o['publisher'];
      if (!facts.publisher && publisher && typeof publisher === 'object' && typeof (publisher as Record<string, unknown>)['name'] === 'string') facts.publisher = (publisher as Record<string, unknown>)['name'] as string;
      if (!facts.author && o['author']) {
        const names = ([] as unknown[]).concat(o['author']).map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? String((a as Record<string, unknown>)['name'] ?? '') : '')).filter(Boolean);
        if (names.length) facts.author = names.join(', ');
      }
    }
  }
  return facts;
}

/** What metadata needs from the page, gathered in one walk instead of a dozen selector queries. */
interface PageIndex {
  meta: Map<string, string>;
  canonical: string | null;
  ldJson: string[];
  title: string | null;
  h1: string | null;
  lang: string | null;
  timeDatetime: string | null;
  pubTimeDatetime: string | null;
  itempropPublished: string | null;
  itempropModified: string | null;
  authorText: string | null;
  dateish: Element[];
}

const DATEISH = /date|time|publish|posted|meta|ngay-?dang/i;
const AUTHORISH = /(^|\s)(author|author-name|byline__name|byline-name)(\s|$)/i;

function textContent(el: AnyNode, limit = Infinity): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length && out.length <= limit) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if ('children' in n) { const k = (n as Element).children; for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]!); }
  }
  return out;
}

function indexPage(root: AnyNode): PageIndex {
  const idx: PageIndex = { meta: new Map(), canonical: null, ldJson: [], title: null, h1: null, lang: null, timeDatetime: null, pubTimeDatetime: null, itempropPublished: null, itempropModified: null, authorText: null, dateish: [] };
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style' && n.type !== 'root') continue;
    if (n.type !== 'root') {
      const el = n as Element;
      const a = el.attribs;
      switch (el.name) {
        case 'html': if (a['lang']) idx.lang = a['lang']; break;
        case 'meta': {
          const content = a['content'];
          if (content !== undefined) for (const k of [a['property'], a['name'], a['itemprop'], a['http-equiv']]) if (k && !idx.meta.has(k.toLowerCase())) idx.meta.set(k.toLowerCase(), content.trim());
          break;
        }
        case 'link': if (!idx.canonical && /(^|\s)canonical(\s|$)/i.test(a['rel'] ?? '') && a['href']) idx.canonical = a['href'].trim(); break;
        case 'script': if (a['type'] === 'application/ld+json') idx.ldJson.push(textContent(el)); continue;
        case 'style': continue;
        case 'title': if (idx.title === null) idx.title = textContent(el); continue;
        case 'h1': if (idx.h1 === null) idx.h1 = textContent(el); break;
        case 'time': if (a['datetime']) { idx.timeDatetime ??= a['datetime']; if ('pubdate' in a || a['itemprop'] === 'datePublished') idx.pubTimeDatetime ??= a['datetime']; } break;
      }
      const itemprop = a['itemprop'];
      if (itemprop === 'datePublished' && el.name !== 'meta') idx.itempropPublished ??= a['datetime'] ?? a['content'] ?? textContent(el);
      if (itemprop === 'dateModified' && el.name !== 'meta') idx.itempropModified ??= a['datetime'] ?? a['content'] ?? textContent(el);
      const cls = a['class'];
      if (idx.authorText === null && (a['rel'] === 'author' || (itemprop === 'author' && el.name !== 'meta') || (cls && AUTHORISH.test(cls)))) {
        const t = tidy(textContent(el, 200));
        if (t && t.length <= 80) idx.authorText = t;
      }
      if (idx.dateish.length < 40 && ((cls && DATEISH.test(cls)) || (a['id'] && DATEISH.test(a['id'])))) idx.dateish.push(el);
    }
    const kids = (n as Element).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return idx;
}


// One cheerio instance for the whole run, queried with each page's document as context. `cheerio.load`
// per page defines a new class each time; V8's scavenger treats the inline caches' weak references to
// those classes as strong, so every recent page's whole DOM survived young-generation GCs and was
// promoted (≈ 4 MB per scavenge, a fifth of clean's time).
const shared$ = cheerio.load([]);

/** Selector queries over one page (cheerio semantics), and the page's root. */
export interface PageQuery {
  (selector: string | AnyNode): Cheerio<AnyNode>;
  root: Document;
}

export function pageQuery(root: Document): PageQuery {
  const q = ((selector: string | AnyNode) => (typeof selector === 'string' ? shared$(selector, root) : shared$(selector))) as PageQuery;
  q.root = root;
  return q;
}

/** The first node a selector matches, or null (also for a malformed selector). */
export type FirstMatch = (selector: string) => AnyNode | null;

// jQuery's positional filters (`li:eq(2)`, `p:first`) count within a selection, so they cannot be
// answered from a union of selectors.
const POSITIONAL = /:(first|last|eq|gt|lt|even|odd|nth)(?![\w-])/;

/**
 * A profile's selectors are answered from one query of their union (one walk of the tree instead of
 * one per selector); each then takes the first element of the union it matches, which is its first
 * match in the document. Selectors outside `selectors`, or a union that does not parse, are queried alone.
 */
export function firstMatcher($: PageQuery, selectors: readonly (string | undefined)[]): FirstMatch {
  const alone: FirstMatch = (selector) => {
    try { return $(selector).first()[0] ?? null; } catch { return null; } // a malformed profile selector must not break the page
  };
  const wanted = [...new Set(selectors.filter((s): s is string => !!s))];
  if (wanted.length < 2 || wanted.some((s) => POSITIONAL.test(s))) return alone;
  let union: Cheerio<AnyNode> | null = null;
  try { union = $(wanted.join(', ')); } catch { return alone; }
  const found = new Map<string, AnyNode | null>();
  return (selector) => {
    if (!union || !wanted.includes(selector)) return alone(selector);
    if (!found.has(selector)) {
      let el: AnyNode | null = null;
      try { el = union.filter(selector).first()[0] ?? null; } catch { el = alone(selector); }
      found.set(selector, el);
    }
    return found.get(selector) ?? null;
  };
}

const textOf = ($: PageQuery, first: FirstMatch, selector: string | undefined): string | null => {
  if (!selector) return null;
  const el = first(selector);
  if (!el) return null;
  const t = tidy($(el).text());
  return t || null;
};

export interface MetaOptions {
  url?: string | null; fetchedAt?: string | null; selectors?: SiteSelectors | null; published?: string | null;
  /** The zone of times the page prints without one: the source profile's, else null (left unknown). */
  zone?: Zone;
  /** How profile selectors are answered (default: one query each). */
  firstMatch?: FirstMatch;
}

export function readMetadata($: PageQuery, opts: MetaOptions): PageMeta {
  const idx = indexPage($.root);
  const first = opts.firstMatch ?? firstMatcher($, []);
  const m = (...keys: string[]): string | null => { for (const k of keys) { const v = idx.meta.get(k); if (v) return v; } return null; };
  const ld = readJsonLd(idx.ldJson);
  const sel = opts.selectors ?? undefined;
  // Title: profile, og:title, JSON-LD headline, first h1, <title>; without the site's name.
  const docTitle = tidy(idx.title ?? '') || null;
  const rawTitle = textOf($, first, sel?.title) ?? m('og:title') ?? ld.headline ?? (idx.h1 ? tidy(idx.h1) || null : null) ?? docTitle;
  let title = rawTitle ? withoutSiteName(tidy(rawTitle), {
    names: [m('og:site_name'), m('application-name'), m('apple-mobile-web-app-title'), ld.publisher].filter((n): n is string => !!n),
    url: opts.url ?? null, h1: idx.h1 ? tidy(idx.h1) : null,
  }) : null;
  // Only the <title> left, and nothing known of the site: its last ` - Part` is taken for the site's name.
  if (title && title === docTitle) title = title.replace(/\s+[-|–—]\s+[^-|–—]{2,40}$/, '') || title;

  const candidates: { value: string | null; origin: MetaOrigin; zone: PublishedZone }[] = [];
  const fetchedAt = opts.fetchedAt ?? null;
  const zone = opts.zone ?? null;
  const parse = (raw: string, visible: boolean, z: Zone): string | null => (visible ? parseVisibleStamp(raw, z) : parseMachineDate(raw, z));
  const push = (raw: string | null | undefined, origin: MetaOrigin, visible = false): void => {
    if (!raw) return;
    const stated = parse(raw, visible, null);
    if (!stated) return;
    // The page's own offset when it states one; else the profile's zone; else none (unknown).
    if (hasOffset(stated)) candidates.push({ value: zone ? parse(raw, visible, zone) : stated, origin, zone: 'stated' });
    else candidates.push({ value: zone ? parse(raw, visible, zone) : stated, origin, zone: zone ? 'profile' : 'unknown' });
  };
  push(ld.published, 'json-ld');
  push(m('article:published_time', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date'), 'meta');
  push(m('datepublished') ?? idx.itempropPublished, 'itemprop');
  push(idx.pubTimeDatetime ?? idx.timeDatetime, 'time-element');
  if (sel?.published) push(textOf($, first, sel.published), 'profile', true);
  // The visible stamp is only read when nothing trusted before it stands (it walks text).
  if (!candidates.some((c) => c.value && notAfter(c.value, fetchedAt))) {
    const visibleStamp = firstVisibleStamp(idx.dateish);
    if (visibleStamp) push(visibleStamp, 'visible-text', true);
  }
  const url = opts.url ?? null;
  const canonical = idx.canonical || m('og:url') || url;
  for (const u of [url, canonical]) { const t = parseUrlTimestamp(u, zone); if (t) { candidates.push({ value: t, origin: 'url', zone: zone ? 'profile' : 'unknown' }); break; } }
  if (opts.published) push(opts.published, 'given');
  const pub = candidates.find((c) => c.value && notAfter(c.value, fetchedAt)) ?? null;

  const modCandidates: { value: string | null; origin: MetaOrigin }[] = [];
  const pushMod = (raw: string | null | undefined, origin: MetaOrigin): void => { const v = parseMachineDate(raw, zone); if (v) modCandidates.push({ value: v, origin }); };
  pushMod(ld.modified, 'json-ld');
  pushMod(m('article:modified_time', 'lastmod', 'og:updated_time', 'last-modified'), 'meta');
  pushMod(m('datemodified') ?? idx.itempropModified, 'itemprop');
  const mod = modCandidates.find((c) => c.value && notAfter(c.value, fetchedAt)) ?? null;

  const metaAuthor = m('author', 'article:author', 'dc.creator', 'sailthru.author');
  const author = textOf($, first, sel?.author) ?? ld.author ?? (metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor : null) ?? idx.authorText ?? null;

  const section = textOf($, first, sel?.section) ?? ld.section ?? m('article:section', 'articlesection')
    ?? (m('tt_list_folder_name')?.split(',').pop()?.trim() || null) ?? ld.breadcrumb ?? null;

  const langRaw = idx.lang ?? ld.language ?? m('content-language', 'og:locale');
  const language = langRaw ? langRaw.trim().toLowerCase().split(/[-_]/)[0] || null : null;

  return {
    title,
    published: pub?.value ?? null, publishedOrigin: pub?.origin ?? null, publishedZone: pub?.zone ?? null,
    modified: mod?.value ?? null, modifiedOrigin: mod?.origin ?? null,
    author: author && author.length <= 120 ? tidy(author) : null,
    section: section ? tidy(section) : null,
    language,
    canonicalUrl: canonical ?? null,
    articleBody: ld.articleBody ?? null,
  };
}

/**
 * The first short element whose class/id speaks of a date and whose text holds a dd/MM/yyyy stamp;
 * stamps with a time of day beat bare dates (a bare date is often the masthead's "today").
 */
function firstVisibleStamp(elements: Element[]): string | null {
  let dateOnly: string | null = null;
  for (const el of elements) {
    if (/now|today|current|clock|weather/i.test(`${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`)) continue;
    const t = textContent(el, 200);
    if (t.length > 200) continue;
    if (/\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(t)) {
      if (/\d{1,2}[:h]\d{2}/.test(t)) return tidy(t);
      dateOnly ??= tidy(t);
    }
  }
  return dateOnly;
}

// Separators between a headline and the site's name in titles: ` - `, ` | `, ` – `, ` — `, ` :: `,
// ` · `, ` • `, ` » `, ` / `; and a leading `Site: ` before the headline.
const TITLE_SEPARATOR = /\s+(?:[-|–—·•»\/]|::)\s+/g;
// A title with no separator and no colon has nothing to split off.
const SPLITTABLE = /\s(?:[-|–—·•»\/]|::)\s|:\s/;

// Latin letters with diacritics (Vietnamese, Western European) → their lower-case base letter, built
// once: a table look-up per character instead of NFD and a regex per title piece (16 → ~2 µs a title).
const LATIN_BASE = new Map<number, number>();
for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
  for (let c = from; c <= to; c++) {
    const base = String.fromCharCode(c).normalize('NFD').toLowerCase().charCodeAt(0);
    if (base >= 97 && base <= 122) LATIN_BASE.set(c, base);
  }
}
LATIN_BASE.set(0x111, 100).set(0x110, 100); // đ Đ → d
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters and digits only, no diacritics, lower case: `Tuổi Trẻ Online` → `tuoitreonline`. */
function foldName(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) {
      const base = LATIN_BASE.get(c);
      if (base !== undefined) c = base;
      else if (!LETTER_OR_DIGIT.test(s[i]!)) continue;
      else { out += s[i]!.toLowerCase(); continue; }
    }
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += String.fromCharCode(c);
  }
  return out;
}
const HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i;
const GENERIC_HOST_PARTS = new Set(['www', 'm', 'amp', 'com', 'net', 'org', 'co', 'gov', 'edu', 'vn', 'de', 'uk', 'fr']);

/** The distinctive part of a host name: `www.tuoitre.vn` → `tuoitre`, `dantri.com.vn` → `dantri`. */
function hostName(url: string | null): string | null {
  const host = url ? HOST.exec(url)?.[1] : undefined;
  if (!host) return null;
  let name = '';
  for (const part of host.toLowerCase().split('.')) if (!GENERIC_HOST_PARTS.has(part) && part.length > name.length) name = part;
  return name.length >= 4 ? foldName(name) : null;
}

/**
 * A title without the site's name before or after it (`Headline - VnExpress`, `Headline | Tuổi Trẻ
 * Online`, `Valley Weekly: Headline`). By structure, not by site: the piece split off at a separator
 * is removed only when it names the site, i.e. it matches a name the page gives itself (og:site_name,
 * application-name, JSON-LD publisher) or its host name (`tuoitre` in `Tuổi Trẻ Online`), or when
 * the page's h1 is exactly the rest. A headline that merely holds a dash or a colon stays whole.
 */
export function withoutSiteName(title: string, ctx: { names: string[]; url: string | null; h1: string | null }): string {
  if (!SPLITTABLE.test(title)) return title;
  let names: string[] | null = null;
  let host: string | null | undefined;
  const isSite = (piece: string): boolean => {
    if (piece.length > 60) return false;
    const f = foldName(piece);
    if (f.length < 2) return false;
    names ??= ctx.names.map(foldName).filter((n) => n.length >= 3);
    if (names.some((n) => f === n || (f.length >= 4 && (n.includes(f) || f.includes(n))))) return true;
    if (host === undefined) host = hostName(ctx.url);
    return !!host && f.includes(host);
  };
  const h1 = ctx.h1 && ctx.h1.length < title.length ? foldName(ctx.h1) : null;
  let t = title;
  for (let round = 0; round < 3; round++) {
    const seps = [...t.matchAll(TITLE_SEPARATOR)];
    const last = seps.at(-1);
    const firstSep = seps[0];
    const colon = /^([^:]{2,60}):\s+(?=\S)/.exec(t);
    if (last && isSite(t.slice(last.index + last[0].length)) && last.index > 0) { t = t.slice(0, last.index).trim(); continue; }
    if (firstSep && isSite(t.slice(0, firstSep.index))) { t = t.slice(firstSep.index + firstSep[0].length).trim(); continue; }
    if (colon && isSite(colon[1]!)) { t = t.slice(colon[0].length).trim(); continue; }
    // No name known: the h1 is the headline when it is exactly one side of the separator.
    if (h1 && last && foldName(t.slice(0, last.index)) === h1) { t = t.slice(0, last.index).trim(); continue; }
    if (h1 && firstSep && foldName(t.slice(firstSep.index + firstSep[0].length)) === h1) { t = t.slice(firstSep.index + firstSep[0].length).trim(); continue; }
    break;
  }
  return t || title;
}
