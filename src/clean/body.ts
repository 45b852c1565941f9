// Generic main-content extraction over a domhandler tree (parsed once by cheerio/htmlparser2).
//
// Ideas taken and combined:
// - Readability.js: paragraph scores (commas, length) pushed up to ancestors, link density,
//   class/id cues, the top candidate plus its qualifying siblings.
// - trafilatura: strong hints for the body container (itemprop=articleBody, entry/post/article
//   content classes), pruning of navigation/related/comment blocks inside the container.
// - jusText: paragraph-level decisions with context (short blocks kept only next to good ones),
//   furniture vocabulary (here multilingual, with Vietnamese first).
// Nothing is removed from the tree: pruned subtrees are kept in a set, so the same parse can be
// queried for metadata and profile selectors. All walks are iterative (deeply nested input).
import type { AnyNode, Element } from 'domhandler';
import { collapseSpaces, isFurnitureHeading, isBoilerplateLine, isReaderAppeal, isRelatedHeading } from './furniture.ts';
import { ownCopy } from '../core/strings.ts';

export interface BodyBlock {
  text: string;
  /** p, h, li, quote, pre, cell, caption */
  kind: BlockKind;
  chars: number;
  linkChars: number;
}
type BlockKind = 'p' | 'h' | 'li' | 'quote' | 'pre' | 'cell' | 'caption';

interface Stats {
  chars: number;
  linkChars: number;
  commas: number;
  /** Has a block-level child element (so it is not a paragraph by itself). */
  blockChild: boolean;
  depth: number;
  /** Line breaks inside: many short lines make a list (names, addresses), not prose. */
  brs: number;
}

const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'object', 'embed', 'button',
  'input', 'select', 'textarea', 'option', 'nav', 'aside', 'footer', 'menu', 'dialog', 'map',
  'audio', 'video', 'title', 'link', 'meta', 'label', 'math', 'base',
  // Ruby annotations (furigana, pinyin) printed above the base text: read inline they double every word.
  'rt', 'rp',
]);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tbody', 'thead',
  'tfoot', 'tr', 'td', 'th', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure',
  'figcaption', 'form', 'fieldset', 'address', 'hr', 'center', 'caption', 'details', 'summary', 'body', 'html',
]);
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);

// Class/id cues (Readability's lists, widened with trafilatura's and the VN sites' vocabulary).
const UNLIKELY = /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|relate[ds]?\b|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe|share|sharing|toolbar|navbar|\bnav\b|widget|lienquan|lien-quan|tinkhac|tin-khac|box-tin|list-news|most-?read|most-?popular|trending|recommend|outbrain|taboola|signup|login|paywall|print-?only|skip-?link|author-?box|byline-?box|tag-?list|\btags\b|post-tags|keywords|rating|vote|poll|caption-?credit|copyright|promo/i;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow|entry|story|post-?text|text-?content|detail/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|fck_detail|singular|cms-body|chi-?tiet|noi-?dung/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|caption|credit|lienquan|tinkhac|box-/i;
const STRONG_BODY = /(^|[\s_-])(article-?body|articlebody|article-?content|article-?text|entry-?content|post-?content|post-?body|post-?entry|story-?body|story-?content|body-?text|content-?body|news-?content|detail-?content|fck_detail|singular-content|cms-body|main-?text|text-?body)([\s_-]|$)/i;
// Class cues that page-wide wrappers carry too (`page-header-wrap`, `menu-push-container`).
const WRAPPER_CUES = /header|menu|banner|navbar|pusher|extra|supplemental|popup|cover-wrap/i;
// Never article prose, whatever else the class says (no MAYBE exception): the consent placeholder
// of an embedded post, and the author's bio box under the article. (Embedded posts themselves stay:
// the development set's gold keeps a quoted tweet as often as it drops one.)
const NEVER_BODY = /privacy-embed|third-party|author[-_]?(bio|box|description|about|details|card|profile)|(about|bio)[-_]?(the[-_]?)?author|saboxplugin|abh_box/i;
// Captions and photo credits by class or id: a name that ends in "caption" (`figure__caption`,
// `imageCaption`), `*caption-text`, `caption__*`, or a legend/credit name (`img-metadata`, `photo-credit`);
// not a type style that merely starts with the word (`caption-s5-fx`).
const CAPTION_CUES = /captions?(\s|$)|caption[-_]text|(^|\s)caption__|(^|[\s_-])(legend|credits?|photo-?credits?|image-?credits?|bildunterschrift|bildnachweis|img-?meta(data)?)([\s_-]|$)/i;
const RARE_CUE_WORDS = /caption|legend|credit|bildun|bildna|meta|embed|third-party|author|bio|sabox|abh_/i;
const DROP_ROLES = /^(navigation|banner|contentinfo|complementary|menu|menubar|dialog|alertdialog|search|toolbar|tablist)$/i;

// Class/id strings repeat within a page and across a site's pages: their scoring and dropping cues are
// cached, by class and then by id (no `class id` string is built per element to look them up).
const CUE_NEGATIVE = 1, CUE_POSITIVE = 2, CUE_STRONG = 4, CUE_UNLIKELY = 8, CUE_WRAPPER = 16, CUE_CAPTION = 32;
const cueCache = new Map<string, Map<string, number>>();
let cueCacheSize = 0;
function elementCues(el: Element): number {
  const a = el.attribs;
  const cls = a['class'] ?? '';
  const id = a['id'] ?? '';
  let byId = cueCache.get(cls);
  let f = byId?.get(id);
  if (f !== undefined) return f;
  f = cuesOf(`${cls} ${id}`);
  if (++cueCacheSize > 20_000) { cueCache.clear(); cueCacheSize = 1; byId = undefined; }
  if (!byId) { byId = new Map(); cueCache.set(ownCopy(cls), byId); }
  byId.set(ownCopy(id), f);
  return f;
}

/** Cues read from `class id`. */
function cuesOf(ci: string): number {
  let f = 0;
  if (ci.length > 1) {
    if (NEGATIVE.test(ci)) f |= CUE_NEGATIVE;
    if (POSITIVE.test(ci)) f |= CUE_POSITIVE;
    if (STRONG_BODY.test(ci)) f |= CUE_STRONG;
  }
  if (UNLIKELY.test(ci) && !MAYBE.test(ci)) f |= CUE_UNLIKELY;
  if (WRAPPER_CUES.test(ci)) f |= CUE_WRAPPER;
  // The rarer cues behind one quick test of their words: most class names hold none of them.
  if (RARE_CUE_WORDS.test(ci)) {
    if (NEVER_BODY.test(ci)) f |= CUE_UNLIKELY;
    if (CAPTION_CUES.test(ci)) f |= CUE_CAPTION;
  }
  return f;
}

function classWeight(el: Element): number {
  const f = elementCues(el);
  let w = 0;
  if (f & CUE_NEGATIVE) w -= 25;
  if (f & CUE_POSITIVE) w += 25;
  if (f & CUE_STRONG) w += 25;
  if (el.attribs['itemprop'] === 'articleBody') w += 50;
  return w;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  const style = a['style'];
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

const MAX_DEPTH = 400;

export interface ExtractOptions {
  /** Subtrees to skip in addition to the generic rules (profile furniture). */
  extraDrops?: Iterable<Element>;
  /** Use this element as the body container instead of scoring (a site profile matched). */
  container?: Element | null;
  title?: string | null;
}

export interface BodyResult {
  blocks: BodyBlock[];
  /** How the body was found. */
  method: 'profile' | 'scored' | 'fallback' | 'empty';
  /** The elements the blocks were read from (for diagnostics). */
  containers?: Element[];
}

export function extractBody(root: AnyNode, options: ExtractOptions = {}): BodyResult {
  const body = findBody(root);
  if (!body) return { blocks: [], method: 'empty' };
  const judged = new Map<string, number>();
  const first = extractPass(body, options, true, judged);
  if (first.chars >= 500 || first.result.method === 'profile') return first.result;
  // Readability's retry: class/id cues can hide the whole page (`nav-header` wrappers); try without them.
  const second = extractPass(body, options, false, judged);
  return second.chars > first.chars * 1.3 ? second.result : first.result;
}

function extractPass(body: Element, options: ExtractOptions, byClass: boolean, judged: Map<string, number>): { result: BodyResult; chars: number } {
  const dropped = new Set<Element>(options.extraDrops ?? []);
  const stats = new Map<Element, Stats>();
  const protect = options.container ? ancestorsOf(options.container) : null;
  const headings: Element[] = [];
  const title = options.title ?? null;
  const headline = computeStats(body, stats, dropped, protect, byClass, headings, title);

  if (options.container && stats.has(options.container)) {
    // Profiles keep captions (VN captions name officials): no caption blocks by class.
    const blocks = filterBlocks(emitBlocks([options.container], stats, dropped, false), title, true, judged);
    return { result: { blocks, method: 'profile', containers: [options.container] }, chars: blocks.reduce((n, b) => n + b.chars, 0) };
  }
  // Reader threads and teaser lists leave the page before it is scored: their prose would pull the
  // pick up to a wrapper of article + thread, or into the listing (the whole-page grabs).
  const feeds = findFeeds(body, stats, dropped);
  for (const f of feeds) for (const item of f.items) prune(item, body, stats, dropped);
  let pass = scoredPass(body, stats, dropped, headings, headline, title, judged, feeds);
  const feedChars = feeds.reduce((n, f) => n + f.chars, 0);
  if (feeds.length && proseChars(pass.result.blocks) < Math.max(200, feedChars * 0.1)) {
    // No prose of weight is left without them: the repeated items are the page (a forum thread, a list).
    for (const f of feeds) for (const item of f.items) unprune(item, body, stats, dropped);
    pass = scoredPass(body, stats, dropped, headings, headline, title, judged, []);
  }
  return pass;
}

function scoredPass(body: Element, stats: Map<Element, Stats>, dropped: Set<Element>, headings: Element[], headline: Element | null, title: string | null,
  judged: Map<string, number>, feeds: Feed[]): { result: BodyResult; chars: number } {
  const pick = pickContainers(body, stats, dropped, headings, title);
  let containers = pick.containers;
  // A teaser list inside the pick that outweighs the rest of it is the article itself (a list article).
  for (const f of feeds) {
    if (f.kind !== 'teasers' || !containers.some((c) => isAncestor(c, f.items[0]!))) continue;
    const rest = containers.reduce((n, c) => n + (isAncestor(c, f.items[0]!) ? stats.get(c)?.chars ?? 0 : 0), 0);
    if (f.chars > rest) for (const item of f.items) unprune(item, body, stats, dropped);
  }
  let method: BodyResult['method'] = 'scored';
  const first = containers[0];
  const lead = first && first !== body ? (headline ? findLeadAfter(headline, first, body, stats, dropped) : null) ?? findLead(first, body, stats, dropped) : null;
  if (lead) containers = [lead, ...containers];
  let blocks = filterBlocks(emitBlocks(containers, stats, dropped), title, false, judged);
  let chars = blocks.reduce((n, b) => n + b.chars, 0);
  if (chars < 2000 && !pick.severalArticles) {
    // trafilatura's fallback chain: when the pick is short, judge the whole page block by block
    // (jusText-like) and take that when it finds far more prose (the pick was a teaser or a bio).
    // Threads and teaser lists are out of the page by now, so a long thread cannot outvote the article.
    const all = filterBlocks(emitBlocks([body], stats, dropped), title, false, judged);
    const kept = keepByContext(all);
    const keptChars = kept.reduce((n, b) => n + b.chars, 0);
    if (keptChars > chars * 2.5) { blocks = kept; method = 'fallback'; chars = keptChars; }
  }
  return { result: { blocks, method, containers }, chars };
}

/** Characters in blocks that read as prose (80+ characters, under 30 % link text), not menus or labels. */
function proseChars(blocks: BodyBlock[]): number {
  let n = 0;
  for (const b of blocks) if (b.chars >= 80 && b.linkChars < b.chars * 0.3) n += b.chars;
  return n;
}

/** Take a subtree out of the page: dropped, and its text out of every ancestor's counts. */
function prune(el: Element, body: Element, stats: Map<Element, Stats>, dropped: Set<Element>): void {
  if (dropped.has(el)) return;
  dropped.add(el);
  shiftAncestors(el, body, stats, -1);
}

function unprune(el: Element, body: Element, stats: Map<Element, Stats>, dropped: Set<Element>): void {
  if (!dropped.delete(el)) return;
  shiftAncestors(el, body, stats, 1);
}

function shiftAncestors(el: Element, body: Element, stats: Map<Element, Stats>, sign: 1 | -1): void {
  const s = stats.get(el);
  if (!s) return;
  let p = el.parent as Element | null;
  while (p) {
    const ps = stats.get(p);
    if (ps) { ps.chars += sign * s.chars; ps.linkChars += sign * s.linkChars; ps.commas += sign * s.commas; ps.brs += sign * s.brs; }
    if (p === body) break;
    p = p.parent as Element | null;
  }
}

/**
 * Repeated items under one parent that are not article prose: a reader thread (comments, forum
 * replies) or a list of teasers (related, "more from", a site-wide stream). Found by structure, in
 * any language and under any class name: at least three composite siblings of one kind (same tag
 * and first class) holding most of the parent's text, where each item is either
 * - a thread post: a short head that is not a heading (the poster), prose, and a short line with a
 *   digit (the time: "2 hours ago", "13.03.2024 16:15", "2 giờ trước"), the heads differing from
 *   item to item once digits are removed (names, not "Step 1", "Step 2" or "22:45", "22:30"), or
 * - a teaser: a linked title among its first blocks and little else (at most 600 characters).
 * Chapters (a heading, then paragraphs), live-blog entries and list articles with long items are
 * none of these.
 */
interface Feed { kind: 'thread' | 'teasers'; items: Element[]; chars: number }

function findFeeds(body: Element, stats: Map<Element, Stats>, dropped: Set<Element>): Feed[] {
  const feeds: Feed[] = [];
  const live = liveness(body, dropped);
  stats.forEach((s, el) => {
    if (s.chars < 300 || !s.blockChild || el.children.length < 3) return;
    let composite = 0;
    for (const c of el.children) if (c.type === 'tag' && stats.get(c as Element)?.blockChild) composite++;
    if (composite < 3 || !live(el)) return;
    const groups = new Map<string, Element[]>();
    for (const c of el.children) {
      if (c.type !== 'tag') continue;
      const child = c as Element;
      const cs = stats.get(child);
      if (!cs || cs.chars < 20 || !cs.blockChild || dropped.has(child)) continue;
      const key = `${child.name} ${firstClass(child)}`;
      const g = groups.get(key);
      if (g) g.push(child); else groups.set(key, [child]);
    }
    let best: Element[] | null = null;
    let bestChars = 0;
    groups.forEach((g) => {
      if (g.length < 3) return;
      let n = 0;
      for (const e of g) n += stats.get(e)!.chars;
      if (n > bestChars) { best = g; bestChars = n; }
    });
    if (!best || bestChars < s.chars * 0.5) return;
    const kind = feedKind(best, stats, dropped);
    // A thread stands apart from the article: its parent holds little besides the posts (a heading,
    // a form, "load more"). Items among the article's own paragraphs are the article (a list of tips).
    if (kind === 'thread' && s.chars - bestChars > Math.min(400, bestChars * 0.25)) return;
    if (kind) feeds.push({ kind, items: best, chars: bestChars });
  });
  return feeds;
}

/**
 * Is an element outside every dropped subtree? Pruned subtrees keep their stats, so walks over the
 * stats ask this; answers are remembered for every element on the way up (linear over a page).
 */
function liveness(body: Element, dropped: Set<Element>): (el: Element) => boolean {
  const memo = new Map<Element, boolean>();
  const path: Element[] = [];
  return (el) => {
    let result = true;
    path.length = 0;
    for (let p: Element | null = el; p; p = p.parent as Element | null) {
      if (dropped.has(p)) { result = false; break; }
      const known = memo.get(p);
      if (known !== undefined) { result = known; break; }
      path.push(p);
      if (p === body) break;
    }
    for (const q of path) memo.set(q, result);
    return result;
  };
}

function firstClass(el: Element): string {
  const c = el.attribs['class'];
  if (!c) return '';
  const t = c.trim();
  const i = t.search(/\s/);
  return i < 0 ? t : t.slice(0, i);
}

function inFigure(el: Element, item: Element): boolean {
  for (let p: Element | null = el; p && p !== item; p = p.parent as Element | null) if (p.name === 'figure' || p.name === 'figcaption') return true;
  return false;
}

const DIGIT = /\d/;
const DIGITS = /\d+/g;

function feedKind(items: Element[], stats: Map<Element, Stats>, dropped: Set<Element>): Feed['kind'] | null {
  const sample = items.length > 8 ? items.slice(0, 8) : items;
  let posts = 0;
  let teasers = 0;
  const heads = new Set<string>();
  for (const item of sample) {
    const leaves = leafBlocks(item, stats, dropped);
    if (leaves.length < 2) continue;
    const is = stats.get(item)!;
    if (is.chars <= 600 && leaves.slice(0, 3).some((l) => { const ls = stats.get(l)!; return ls.chars >= 15 && ls.chars <= 200 && linkDensity(ls) >= 0.6; })) teasers++;
    // The head is the first block outside a figure (a photo credit is not the poster); an item with a
    // titled heading after it is a chapter or a list entry, not a post.
    const firstIdx = leaves.findIndex((l) => !inFigure(l, item));
    const head = leaves[firstIdx];
    if (!head) continue;
    const hs = stats.get(head)!;
    if (hs.chars > 80 || HEADING.test(head.name)) continue;
    if (leaves.some((l, i) => i > firstIdx && HEADING.test(l.name) && stats.get(l)!.chars >= 20)) continue;
    let prose = false;
    let dated = false;
    for (let i = 1; i < leaves.length; i++) {
      const ls = stats.get(leaves[i]!)!;
      if (ls.chars >= 60 && linkDensity(ls) < 0.3) prose = true;
    }
    for (const l of leaves) if (stats.get(l)!.chars <= 80 && DIGIT.test(textOf(l, dropped))) { dated = true; break; }
    if (!prose || !dated) continue;
    posts++;
    heads.add(collapseSpaces(textOf(head, dropped).replace(DIGITS, '')).trim().toLowerCase());
  }
  const enough = (n: number): boolean => n >= 3 && n >= sample.length * 0.7;
  if (enough(posts) && heads.size >= posts * 0.5) return 'thread';
  if (enough(teasers)) return 'teasers';
  return null;
}

function findBody(root: AnyNode): Element | null {
  const stack: AnyNode[] = [root];
  let html: Element | null = null;
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag') {
      const el = n as Element;
      if (el.name === 'html') { html = el; break; }
    }
    if ('children' in n && (n.type === 'root' || (n as Element).name === 'html')) {
      for (const c of (n as Element).children) stack.push(c);
    }
  }
  return html ?? (root.type === 'root' ? (root as unknown as Element) : null);
}

function ancestorsOf(el: Element): Set<Element> {
  const s = new Set<Element>();
  let p: Element | null = el;
  while (p) { s.add(p); p = p.parent && p.parent.type === 'tag' ? (p.parent as Element) : null; }
  return s;
}

/** 'hard': never content; 'soft': furniture by tag or class cue, unless it turns out to hold most of the page. */
type DropKind = false | 'hard' | 'soft';

function shouldDrop(el: Element, depth: number, protect: Set<Element> | null, byClass: boolean, inArticle: boolean, pageSpan: number): DropKind {
  const tag = el.name;
  if (protect?.has(el)) return false;
  if (depth > MAX_DEPTH) return 'hard';
  if (DROP_TAGS.has(tag)) return 'hard';
  if (isHidden(el)) return 'hard';
  const role = el.attribs['role'];
  if (role && DROP_ROLES.test(role)) return role === 'banner' ? 'soft' : 'hard';
  // A page header holds the masthead and menus; an article's own header holds its title and lead.
  // Some templates wrap the whole page in a <header>, hence only a soft drop.
  if (tag === 'header' && !inArticle) return 'soft';
  if (!byClass || tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main' || tag === 'a') return false;
  const a = el.attribs;
  if (a['class'] === undefined && a['id'] === undefined) return false;
  const cues = elementCues(el);
  if (cues & CUE_UNLIKELY) {
    // A class cue on an element that spans most of the page's markup (`above-footer`, `pane-taxomenu`
    // around the article) is a layout wrapper's name: judged softly, by the text it turns out to hold.
    if (cues & CUE_WRAPPER || (el.endIndex !== null && el.startIndex !== null && el.endIndex - el.startIndex > pageSpan * 0.4)) return 'soft';
    return 'hard';
  }
  if (el.attribs['itemprop'] === 'comment' || el.attribs['data-campaign'] === 'Box-Related') return 'hard';
  return false;
}

/**
 * Post-order walk: text length, link text, commas per element; marks pruned subtrees.
 * Soft-dropped subtrees are walked too, then pruned afterwards unless they hold most of the page's
 * text (a template that wraps everything in `<header>` or `class="page-header-wrap"`).
 */
/** Returns the headline: the first h1/h2 that repeats the page title. */
function computeStats(body: Element, stats: Map<Element, Stats>, dropped: Set<Element>, protect: Set<Element> | null, byClass: boolean, headings: Element[], title: string | null): Element | null {
  interface Frame { el: Element; i: number; s: Stats; inLink: boolean; inArticle: boolean }
  const mk = (depth: number): Stats => ({ chars: 0, linkChars: 0, commas: 0, blockChild: false, depth, brs: 0 });
  const pageSpan = body.endIndex !== null && body.startIndex !== null ? body.endIndex - body.startIndex : Infinity;
  const stack: Frame[] = [{ el: body, i: 0, s: mk(0), inLink: false, inArticle: false }];
  const softs: Element[] = [];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = top.el.children;
    if (top.i < kids.length) {
      const child = kids[top.i++]!;
      if (child.type === 'text') {
        const data = (child as unknown as { data: string }).data;
        const n = visibleLength(data);
        if (n) {
          top.s.chars += n;
          if (top.inLink) top.s.linkChars += n;
          top.s.commas += countCommas(data);
        }
      } else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') {
        const el = child as Element;
        if (el.name === 'br') { top.s.brs++; continue; }
        if (dropped.has(el)) continue;
        const drop = shouldDrop(el, stack.length, protect, byClass, top.inArticle, pageSpan);
        if (drop === 'hard') { dropped.add(el); continue; }
        if (drop === 'soft') softs.push(el);
        if (BLOCK_TAGS.has(el.name)) {
          top.s.blockChild = true;
          if (el.name === 'h1' || el.name === 'h2' || el.name === 'h3') headings.push(el);
        }
        const inArticle = top.inArticle || el.name === 'article' || el.name === 'main' || el.attribs['itemprop'] === 'articleBody';
        stack.push({ el, i: 0, s: mk(stack.length), inLink: top.inLink || el.name === 'a', inArticle });
      }
    } else {
      stack.pop();
      stats.set(top.el, top.s);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.s.chars += top.s.chars;
        parent.s.linkChars += top.s.linkChars;
        parent.s.commas += top.s.commas;
        parent.s.brs += top.s.brs;
      }
    }
  }
  const total = stats.get(body)?.chars ?? 0;
  // The article's own header (class `page-row--header`, a <header> outside <article>) holds its
  // headline, and often the lead: a soft drop that holds the headline is not page furniture (nor is a
  // CMS panel named `pane-taxomenu` around the whole article).
  const isTitle = title ? titleMatcher(title) : null;
  const headline = isTitle ? headings.find((h) => h.name !== 'h3' && isTitle(textOf(h, dropped))) ?? null : null;
  for (const el of softs) {
    const s = stats.get(el);
    if (!s || insideDropped(el, dropped, body)) continue;
    if (s.chars > total * 0.5 && s.chars > 500) continue;
    if (headline && isAncestor(el, headline)) continue;
    prune(el, body, stats, dropped);
  }
  return headline && !insideDropped(headline, dropped, body) ? headline : null;
}

/** Does a heading repeat the page title (the title may carry the site's name before or after)? */
function titleMatcher(title: string): (text: string) => boolean {
  const want = foldTitle(title);
  return (text) => {
    // Cheap length bounds first: most headings are far shorter or longer than the title.
    const n = visibleLength(text);
    if (n < 10 || n > want.length * 2 + 20 || n * 2 + 10 < want.length) return false;
    const t = foldTitle(text);
    if (t.length < 10) return false;
    return t === want || (want.includes(t) && t.length >= want.length * 0.5) || (t.includes(want) && want.length >= t.length * 0.6);
  };
}

function insideDropped(el: Element, dropped: Set<Element>, body: Element): boolean {
  let p = el.parent as Element | null;
  while (p && p !== body) { if (dropped.has(p)) return true; p = p.parent as Element | null; }
  return false;
}

function visibleLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (ws) { if (!space) { n++; space = true; } } else { n++; space = false; }
  }
  return n;
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++; }
  return n;
}

const linkDensity = (s: Stats): number => (s.chars ? s.linkChars / s.chars : 0);

function initialScore(el: Element): number {
  let s = 0;
  switch (el.name) {
    case 'div': case 'article': case 'section': case 'main': s = 5; break;
    case 'pre': case 'td': case 'blockquote': s = 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s = -3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
  }
  if (el.name === 'article') s += 10;
  return s + classWeight(el);
}

/** Readability-style candidate scoring, then the top candidate with its qualifying siblings. */
interface Pick {
  containers: Element[];
  /** The page holds several articles and the own one was taken: the whole-page fallback would mix them. */
  severalArticles: boolean;
}

function pickContainers(body: Element, stats: Map<Element, Stats>, dropped: Set<Element>, headings: Element[], title: string | null): Pick {
  const scores = new Map<Element, number>();
  const live = liveness(body, dropped);
  // forEach rather than `for…of` with destructuring: no [key, value] array per entry.
  stats.forEach((s, el) => {
    if (s.chars < 25) return;
    const isPara = PARAGRAPH_TAGS.has(el.name) || (!s.blockChild && el.name !== 'a' && el.name !== 'li' && !/^h\d$/.test(el.name) && hasOwnText(el));
    if (!isPara || !live(el)) return;
    // A paragraph inside another paragraph-like element is counted by the outer one.
    // Text cut by <br> into short lines is a list (signatories, addresses, menus): its commas are not prose.
    const listLike = s.brs >= 4 && s.chars / (s.brs + 1) < 60;
    const score = 1 + (listLike ? 0 : s.commas) + Math.min(Math.floor(s.chars / 100), 3);
    let anc = el.parent as Element | null;
    for (let level = 0; anc && anc.type === 'tag' && level < 5; level++) {
      if (!stats.has(anc)) break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      const prev = scores.get(anc) ?? initialScore(anc);
      scores.set(anc, prev + score / divider);
      if (anc === body) break;
      anc = anc.parent as Element | null;
    }
  });
  let top = null as Element | null;
  let topScore = -Infinity;
  const finals = new Map<Element, number>();
  scores.forEach((sc, el) => {
    const f = sc * (1 - linkDensity(stats.get(el)!));
    finals.set(el, f);
    if (f > topScore) { topScore = f; top = el; }
  });
  if (!top) return { containers: [body], severalArticles: false };
  // Several strong alternatives under one ancestor: that ancestor holds the article.
  const alternatives: Element[] = [];
  for (const el of finals.keys()) {
    if (el !== top && finals.get(el)! >= topScore * 0.75) { alternatives.push(el); if (alternatives.length === 5) break; }
  }
  if (alternatives.length >= 3) {
    let p = top.parent as Element | null;
    while (p && p.type === 'tag' && p !== body) {
      let n = 0;
      for (const a of alternatives) if (isAncestor(p, a)) n++;
      if (n >= 3) { top = p; break; }
      p = p.parent as Element | null;
    }
  }
  // Climb while the parent scores higher (the article is split in scored children).
  let last = finals.get(top) ?? topScore;
  const threshold = last / 3;
  let p = top.parent as Element | null;
  while (p && p.type === 'tag' && p !== body) {
    const ps = finals.get(p);
    if (ps === undefined) { p = p.parent as Element | null; continue; }
    if (ps < threshold) break;
    if (ps > last) { top = p; break; }
    last = ps;
    p = p.parent as Element | null;
  }
  while (top.parent && top.parent.type === 'tag' && top.parent !== body && elementChildren(top.parent as Element, dropped).length === 1) top = top.parent as Element;
  topScore = finals.get(top) ?? topScore;
  const own = ownArticle(top, topScore, finals, stats, dropped, headings, title);
  const severalArticles = !!own;
  if (own) { top = own; topScore = finals.get(own)!; }

  const parent = top.parent as Element | null;
  if (!parent || parent.type !== 'tag') return { containers: [top], severalArticles };
  const siblingThreshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs['class'] ?? '';
  const out: Element[] = [];
  for (const sib of elementChildren(parent, dropped)) {
    if (sib === top) { out.push(sib); continue; }
    const s = stats.get(sib);
    if (!s || s.chars === 0) continue;
    let bonus = 0;
    if (topClass && sib.attribs['class'] === topClass) bonus += topScore * 0.2;
    const sc = finals.get(sib);
    if (sc !== undefined && sc + bonus >= siblingThreshold) { out.push(sib); continue; }
    const ld = linkDensity(s);
    if (sib.name === 'p') {
      if (s.chars > 80 && ld < 0.25) out.push(sib);
      else if (s.chars < 80 && ld === 0 && /[.!?。]( |$)/.test(textOf(sib, dropped))) out.push(sib);
    } else if (s.chars > 100 && ld < 0.2 && classWeight(sib) >= 0 && s.commas + countSentenceEnds(textOf(sib, dropped)) >= 2) {
      // A lead or standfirst in its own div next to the body (trafilatura keeps these, Readability does not).
      out.push(sib);
    }
  }
  const more = continuations(top, body, stats, dropped, live, headings);
  if (more.length) {
    for (const c of more) if (!out.some((o) => o === c || isAncestor(o, c) || isAncestor(c, o))) out.push(c);
    out.sort((a, b) => (a.startIndex ?? 0) - (b.startIndex ?? 0));
  }
  return { containers: out, severalArticles };
}

/**
 * A body split into several blocks of one kind (rows between ad slots, one section per chapter): the
 * other elements with the pick's tag and class near it continue its text. Searched in the smallest
 * ancestor (at most six levels up) that holds them without being much larger than the pick (at
 * most twice its text), so a sidebar widget that shares a generic class is not reached; each must be
 * link-poor prose (100+ characters, under 30 % link text) inside the same `<article>` as the pick,
 * with no h1 between them (the next article of an infinite scroll has the same markup).
 */
function continuations(top: Element, body: Element, stats: Map<Element, Stats>, dropped: Set<Element>, live: (el: Element) => boolean, headings: Element[]): Element[] {
  const cls = top.attribs['class'];
  const ts = stats.get(top);
  if (!cls || !ts || top.name === 'p') return [];
  let region: Element | null = null;
  let p = top.parent as Element | null;
  for (let level = 0; level < 6 && p && p.type === 'tag' && p !== body; level++, p = p.parent as Element | null) {
    const ps = stats.get(p);
    if (!ps || ps.chars > ts.chars * 2 + 200) break;
    region = p;
  }
  if (!region) return [];
  const article = enclosing(top, 'article');
  const out: Element[] = [];
  const stack: Element[] = [region];
  while (stack.length) {
    const el = stack.pop()!;
    if (el === top || dropped.has(el)) continue;
    if (el.name === top.name && el.attribs['class'] === cls) {
      const s = stats.get(el);
      if (s && s.chars >= 100 && linkDensity(s) < 0.3 && enclosing(el, 'article') === article && live(el) && !headlineBetween(top, el, headings)) out.push(el);
      continue;
    }
    for (const c of el.children) if (c.type === 'tag') stack.push(c as Element);
  }
  return out;
}

/** Is there an h1 between two elements, outside both (in page order)? */
function headlineBetween(a: Element, b: Element, headings: Element[]): boolean {
  const [x, y] = (a.startIndex ?? 0) < (b.startIndex ?? 0) ? [a, b] : [b, a];
  const from = x.endIndex ?? 0;
  const to = y.startIndex ?? 0;
  return headings.some((h) => h.name === 'h1' && h.startIndex !== null && h.startIndex > from && h.startIndex < to);
}

function enclosing(el: Element, tag: string): Element | null {
  for (let p = el.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) if (p.name === tag) return p;
  return null;
}

/**
 * Several articles on one page (infinite scroll, a story stream): the page's own is the one under the
 * headline that repeats the page title. Another article's headline is a second h1, or a linked
 * h2/h3 title inside an `<article>` that does not hold the own headline. When the pick spans another
 * headline or lies after one, the best candidate between the own headline and the next article's is
 * taken, if it is article-sized (300+ characters, a sixth of the pick's score).
 */
function ownArticle(top: Element, topScore: number, finals: Map<Element, number>, stats: Map<Element, Stats>, dropped: Set<Element>,
  headings: Element[], title: string | null): Element | null {
  if (!title || headings.length < 2 || top.startIndex === null || top.endIndex === null) return null;
  if (foldTitle(title).length < 10) return null;
  const isTitle = titleMatcher(title);
  let own: Element | null = null;
  const others: number[] = [];
  for (const h of headings) {
    const hs = stats.get(h);
    if (!hs || hs.chars < 10 || hs.chars > 300 || dropped.has(h) || h.startIndex === null) continue;
    const titleLike = h.name === 'h1' || (linkDensity(hs) >= 0.6 && !!own && !articleHolds(h, own));
    if (!own && h.name !== 'h3') {
      if (isTitle(textOf(h, dropped))) { own = h; continue; }
    }
    if (own && titleLike && parallel(own, h) && !isTitle(textOf(h, dropped))) others.push(h.startIndex);
  }
  if (!own || !others.length || own.startIndex === null) return null;
  const start = own.startIndex;
  const end = others.find((x) => x > start) ?? Infinity;
  const foreign = others.some((x) => (x > top.startIndex! && x < top.endIndex! && top.name !== 'body') || (x > start && x < top.startIndex!));
  if (!foreign) return null;
  let best: Element | null = null;
  let bestScore = topScore / 6;
  finals.forEach((f, el) => {
    if (f <= bestScore || el.startIndex === null || el.endIndex === null || el.startIndex < start || el.endIndex > end) return;
    if ((stats.get(el)?.chars ?? 0) < 300) return;
    best = el; bestScore = f;
  });
  return best;
}

/**
 * Do two headlines head blocks of one kind: below their lowest common ancestor, the two children
 * that hold them share tag and first class (`article.post` and `article.post`)? A second h1 in a
 * banner or a widget is not another article.
 */
function parallel(a: Element, b: Element): boolean {
  const chain: Element[] = [];
  for (let p: Element | null = a; p && p.type === 'tag'; p = p.parent as Element | null) chain.push(p);
  let below: Element = b;
  for (let p = b.parent as Element | null; p && p.type === 'tag'; below = p, p = p.parent as Element | null) {
    const i = chain.indexOf(p);
    if (i < 0) continue;
    if (i === 0) return false;
    const sideA = chain[i - 1]!;
    return sideA !== a && below !== b && sideA.name === below.name && firstClass(sideA) === firstClass(below);
  }
  return false;
}

/** Is `h` inside an `<article>` element that also holds `own`? */
function articleHolds(h: Element, own: Element): boolean {
  for (let p = h.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (p.name === 'article') return isAncestor(p, own);
  }
  return true;
}

function countSentenceEnds(s: string): number {
  let n = 0;
  for (const m of s.matchAll(/[.!?。…](\s|$)/g)) { void m; n++; }
  return n;
}

function isAncestor(a: Element, b: Element): boolean {
  let p = b.parent;
  while (p) { if (p === a) return true; p = p.parent; }
  return false;
}

function elementChildren(el: Element, dropped: Set<Element>): Element[] {
  const out: Element[] = [];
  for (const c of el.children) if (c.type === 'tag' && !dropped.has(c as Element)) out.push(c as Element);
  return out;
}

function hasOwnText(el: Element): boolean {
  for (const c of el.children) if (c.type === 'text' && /\S/.test((c as unknown as { data: string }).data)) return true;
  return false;
}

function textOf(el: Element, dropped: Set<Element>): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (n.type === 'tag' && !dropped.has(n as Element)) {
      const kids = (n as Element).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

const HEADING = /^h[1-6]$/;

/**
 * A lead (standfirst, sapo) printed just before the body container, often in its own block or in the
 * article header under the title: the nearest earlier prose-like block, reached across at most a
 * byline's worth of other text (bylines, dates, captions), and never before the title (h1).
 */
function findLead(first: Element, body: Element, stats: Map<Element, Stats>, dropped: Set<Element>): Element | null {
  let budget = 300;
  let node: Element = first;
  for (let level = 0; level < 6; level++) {
    for (let sib = prevElement(node); sib; sib = prevElement(sib)) {
      if (dropped.has(sib)) continue;
      const s = stats.get(sib);
      if (!s || s.chars === 0) continue;
      // Blocks inside this sibling, last first.
      const inner = s.blockChild ? leafBlocks(sib, stats, dropped).reverse() : [sib];
      for (const el of inner) {
        if (HEADING.test(el.name) && el.name === 'h1') return null;
        const es = stats.get(el)!;
        if (isLeadLike(el, es, dropped)) return el;
        budget -= es.chars;
        if (budget < 0) return null;
      }
      if (containsTag(sib, 'h1', dropped)) return null;
    }
    const parent = node.parent as Element | null;
    if (!parent || parent.type !== 'tag' || parent === body) return null;
    node = parent;
  }
  return null;
}

// Class names that mark a lead (standfirst, dek, sapo, excerpt, sub-headline).
const LEAD_CUES = /lead|intro|standfirst|(^|[\s_-])dek([\s_-]|$)|excerpt|sapo|summary|subhead|sub-?title|teaser|abstract|description|chapo|perex|vorspann/i;

/**
 * The lead under the page's headline: the first lead-like block after the headline and before the
 * body container in page order, past kickers, bylines, dates, share bars and pictures (up to 1,500
 * characters of them). Besides a sentence-like block, a block whose class names a lead, or an h2/h3
 * sub-headline of eight words or more, counts though it does not end like a sentence.
 */
function findLeadAfter(headline: Element, first: Element, body: Element, stats: Map<Element, Stats>, dropped: Set<Element>): Element | null {
  if (headline.endIndex === null || first.startIndex === null || headline.endIndex >= first.startIndex) return null;
  let budget = 1500;
  let el = nextInOrder(headline, body);
  for (let steps = 0; el && steps < 400; steps++) {
    if (el.startIndex === null || el.startIndex >= first.startIndex) return null;
    const s = stats.get(el);
    if (dropped.has(el) || !s || s.chars === 0 || el.name === 'figure' || el.name === 'figcaption' || (elementCues(el) & CUE_CAPTION)) { el = nextInOrder(el, body); continue; }
    if (!s.blockChild || el.name === 'p' || HEADING.test(el.name)) {
      if (el.name === 'h1') return null;
      if (isLeadLike(el, s, dropped)) return el;
      if (s.chars >= 40 && s.chars <= 1200 && linkDensity(s) < 0.3 && classWeight(el) >= 0
        && ((el.attribs['class'] !== undefined && LEAD_CUES.test(el.attribs['class'])) || ((el.name === 'h2' || el.name === 'h3') && wordsAtLeast(textOf(el, dropped), 8)))) return el;
      budget -= s.chars;
      if (budget < 0) return null;
      el = nextInOrder(el, body);
      continue;
    }
    el = firstElementChild(el) ?? nextInOrder(el, body);
  }
  return null;
}

/** The element after `el`'s subtree in page order (its next sibling, or an ancestor's). */
function nextInOrder(el: Element, body: Element): Element | null {
  for (let n: Element | null = el; n && n !== body; n = n.parent as Element | null) {
    let sib = n.next;
    while (sib && sib.type !== 'tag') sib = sib.next;
    if (sib) return sib as Element;
  }
  return null;
}

function firstElementChild(el: Element): Element | null {
  for (const c of el.children) if (c.type === 'tag') return c as Element;
  return null;
}

function wordsAtLeast(text: string, n: number): boolean {
  let words = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) if (++words >= n) return true;
  return false;
}

function isLeadLike(el: Element, s: Stats, dropped: Set<Element>): boolean {
  if (s.chars < 80 || s.chars > 1200 || linkDensity(s) > 0.2 || classWeight(el) < 0) return false;
  if (el.name === 'li' || el.name === 'td' || el.name === 'figcaption' || el.name === 'h1') return false;
  const text = textOf(el, dropped).trim();
  return /[.!?…"”»)]$/.test(text) && countSentenceEnds(text + ' ') >= 1;
}

function prevElement(el: Element): Element | null {
  let p = el.prev;
  while (p && p.type !== 'tag') p = p.prev;
  return (p as Element | null) ?? null;
}

/** Elements with text and no block-level children, in document order. */
function leafBlocks(root: Element, stats: Map<Element, Stats>, dropped: Set<Element>): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const s = stats.get(el);
    if (!s || s.chars === 0 || dropped.has(el)) continue;
    if (!s.blockChild || el.name === 'p' || HEADING.test(el.name)) { out.push(el); continue; }
    const kids = elementChildren(el, dropped);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

function containsTag(root: Element, tag: string, dropped: Set<Element>): boolean {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === tag) return true;
    for (const c of el.children) if (c.type === 'tag' && !dropped.has(c as Element)) stack.push(c as Element);
  }
  return false;
}

/** Should a container inside the chosen region be skipped as a whole (Readability's conditional cleaning)? */
function skipContainer(el: Element, s: Stats): boolean {
  const tag = el.name;
  // (An <article> nested in the body is an embedded teaser when its class says so and its text is linked.)
  if (tag !== 'ul' && tag !== 'ol' && tag !== 'div' && tag !== 'section' && tag !== 'table' && tag !== 'dl' && tag !== 'form' && tag !== 'figure' && tag !== 'article') return false;
  const ld = linkDensity(s);
  const weight = classWeight(el);
  if (weight < 0 && ld > 0.2) return true;
  if ((tag === 'ul' || tag === 'ol') && ld > 0.7 && s.chars < 2000) return true;
  if (tag !== 'ul' && tag !== 'ol' && ld > 0.6 && s.chars < 1500 && weight <= 0) return true;
  return false;
}

/** Walk the containers in document order and cut their text into blocks. */
function emitBlocks(containers: Element[], stats: Map<Element, Stats>, dropped: Set<Element>, captionsByClass = true): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let buf = '';
  let linkChars = 0;
  let kind: BlockKind = 'p';
  const flush = (): void => {
    const text = (buf.includes('\u200b') ? buf.replace(/[\s\u200b]+/g, ' ') : collapseSpaces(buf)).trim();
    if (text) {
      const chars = text.length;
      blocks.push({ text, kind, chars, linkChars: Math.min(linkChars, chars) });
    }
    buf = ''; linkChars = 0; kind = 'p';
  };
  for (const container of containers) {
    // Stack of nodes to visit; a string marks "close this block element".
    const stack: (AnyNode | BlockKind | null | 'end-caption')[] = [container];
    let linkDepth = 0;
    let captionDepth = 0;
    while (stack.length) {
      const item = stack.pop()!;
      if (item === null) { linkDepth--; continue; }
      if (item === 'end-caption') { captionDepth--; continue; }
      if (typeof item === 'string') { if (item !== 'p' || buf) { flush(); } continue; }
      const n = item;
      if (n.type === 'text') {
        const data = (n as unknown as { data: string }).data;
        buf += data;
        if (linkDepth > 0) linkChars += visibleLength(data);
        continue;
      }
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (dropped.has(el)) continue;
      const tag = el.name;
      if (tag === 'br') { buf += '\n'; if (endsWithBlankLine(buf)) flush(); continue; }
      if (tag === 'img' || tag === 'hr' || tag === 'wbr') { if (tag === 'hr') flush(); continue; }
      const s = stats.get(el);
      if (!s || s.chars === 0) continue;
      if (el !== container && skipContainer(el, s)) continue;
      // A caption by its class (`wp-caption-text`, `media__caption`, `photo-credit`), even on an inline
      // element inside a paragraph, is a block of its own.
      const captionClass = captionsByClass && (el.attribs['class'] !== undefined || el.attribs['id'] !== undefined) && (elementCues(el) & CUE_CAPTION) !== 0;
      if (BLOCK_TAGS.has(tag) || captionClass) {
        flush();
        kind = HEADING.test(tag) ? 'h' : tag === 'li' || tag === 'dt' || tag === 'dd' ? 'li' : tag === 'blockquote' ? 'quote'
          : tag === 'pre' ? 'pre' : tag === 'td' || tag === 'th' ? 'cell' : tag === 'figcaption' || tag === 'caption' ? 'caption' : 'p';
        if (captionDepth > 0 || captionClass) kind = 'caption';
        stack.push(kind);
        if (tag === 'figcaption' || tag === 'caption' || captionClass) { captionDepth++; stack.push('end-caption'); }
      }
      if (tag === 'a') { linkDepth++; stack.push(null); }
      const kids = el.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    flush();
  }
  return blocks;
}

// What `\s` matches in JavaScript.
const JS_SPACE = /\s/;

/** `/\n\s*\n\s*$/.test(s)` read from the end: a regex tried at every start would be quadratic on pages of <br>s. */
function endsWithBlankLine(s: string): boolean {
  let newlines = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 10) { if (++newlines === 2) return true; }
    else if (!(c === 32 || c === 9 || c === 13 || (c > 127 || c === 11 || c === 12 ? JS_SPACE.test(s[i]!) : false))) return false;
  }
  return false;
}

const FURNITURE_HEADING = 1, BOILERPLATE = 2, APPEAL = 4, RELATED_HEADING = 8;

/**
 * The furniture tests of one block text, kept for the page: the same blocks are judged again when a
 * page is walked a second time (the retry without class cues, the whole-page fallback).
 */
function judge(text: string, judged: Map<string, number>): number {
  let v = judged.get(text);
  if (v === undefined) {
    v = (isFurnitureHeading(text) ? FURNITURE_HEADING : 0) | (text.length < 200 && isBoilerplateLine(text) ? BOILERPLATE : 0) | (isReaderAppeal(text) ? APPEAL : 0) | (isRelatedHeading(text) ? RELATED_HEADING : 0);
    judged.set(text, v);
  }
  return v;
}

/** Block-level decisions: link lists, furniture headings and what follows them, boilerplate lines, repeats. */
function filterBlocks(blocks: BodyBlock[], title: string | null, keepCaptions: boolean, judged: Map<string, number>): BodyBlock[] {
  const out: BodyBlock[] = [];
  const seen = new Set<string>();
  const normTitle = title ? foldTitle(title) : null;
  let proseSeen = 0;
  let skippingAfterHeading = false;
  for (const b of blocks) {
    const ld = b.chars ? b.linkChars / b.chars : 0;
    const verdict = judge(b.text, judged);
    if (verdict & FURNITURE_HEADING || (verdict & RELATED_HEADING && (b.kind === 'h' || b.text.endsWith(':')))) { skippingAfterHeading = true; continue; }
    if (skippingAfterHeading) {
      // After "Tin liên quan"/"Read more": skip the link list and teasers until real prose resumes.
      if (ld > 0.3 || (b.chars < 120 && !/[.!?…:;»"”]$/.test(b.text))) continue;
      skippingAfterHeading = false;
    }
    if (ld > 0.4 && b.kind !== 'h') continue;
    // Generic pages: captions and credits are not article prose. Profiles keep captions (VN captions name officials).
    if (b.kind === 'caption' && !keepCaptions) continue;
    if (b.chars < 200 && verdict & BOILERPLATE) continue;
    if (verdict & APPEAL && b.kind !== 'h') continue;
    // A dateline above the article (the byline area), not a date in a list of events further down.
    if (proseSeen === 0 && b.chars <= 60 && isDateLine(b.text)) continue;
    // The title is not part of the body: drop it where it is repeated, and as a heading before the prose starts.
    if (normTitle && (b.chars < 400 || b.kind === 'h') && b.chars > normTitle.length * 0.4 && b.chars < normTitle.length * 2 + 20) {
      const t = foldTitle(b.text);
      if (t === normTitle) continue;
      if (proseSeen < 2 && t.length >= 15 && (b.kind === 'h' || b.chars < 200)
        && ((normTitle.includes(t) && t.length >= normTitle.length * 0.5) || (t.includes(normTitle) && normTitle.length >= t.length * 0.6))) continue;
    }
    if (b.chars >= 150) proseSeen++;
    const key = b.text.toLowerCase();
    if (b.chars >= 20 && seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out;
}

// A date: d/m/y in any separators, or a day and a four-digit year apart (`March 13, 2024`, `13. März 2024`).
const DATE_IN_LINE = /(?<!\d)(\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d)|\b\d{1,2}\b.{1,14}\b(19|20)\d{2}\b|\b(19|20)\d{2}\b.{1,14}\b\d{1,2}\b/;
const LETTER_WORD = /\p{L}+/gu;

/**
 * A line that is only a date (`Chủ nhật, 13/2/2022, 16:08 (GMT+7)`, `27.10.2021`, `12.12.2022,
 * 08:30 Uhr`, `Tuesday, March 12, 2024`): a date with at most four words around it, each no longer
 * than a weekday or month name. Never article prose.
 */
function isDateLine(text: string): boolean {
  if (!DATE_IN_LINE.test(text)) return false;
  let words = 0;
  for (const m of text.matchAll(LETTER_WORD)) if (++words > 4 || m[0].length > 10) return false;
  return true;
}

function foldTitle(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** jusText-style context: long, link-poor blocks are good; short ones survive only between good ones. */
function keepByContext(blocks: BodyBlock[]): BodyBlock[] {
  const cls = blocks.map((b) => {
    const ld = b.chars ? b.linkChars / b.chars : 0;
    if (ld > 0.3) return 'bad';
    if (b.chars >= 150) return 'good';
    if (b.chars >= 60 && /[.!?…]$/.test(b.text)) return 'near';
    return 'short';
  });
  const near = (i: number, dir: number): string => {
    for (let j = i + dir; j >= 0 && j < cls.length; j += dir) if (cls[j] === 'good' || cls[j] === 'bad') return cls[j]!;
    return 'bad';
  };
  return blocks.filter((_, i) => {
    const c = cls[i];
    if (c === 'good') return true;
    if (c === 'bad') return false;
    const prev = near(i, -1);
    const next = near(i, 1);
    if (c === 'near') return prev === 'good' || next === 'good';
    return prev === 'good' && next === 'good';
  });
}

