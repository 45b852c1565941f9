// Canonical URLs, so that one article is one record however it was linked
// (tracking parameters, fragments, host case, default ports, parameter order).

/** Query parameters that only say how a reader arrived; dropped from canonical URLs. */
export const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'wickedid', 'zarsrc', 'zalo_source', 'spm', 'ref_src', 'ref_url',
]);
/** Parameter name prefixes of campaign tags (utm_source, vn_source used by VnExpress, …). */
export const TRACKING_PREFIXES = ['utm_', 'vn_', 'pk_', 'mtm_', 'hsa_'];

export interface CanonicalOptions {
  /** More parameter names to drop for a site (compared lower-case). */
  dropParams?: Iterable<string>;
}

function isTrackingParam(name: string, extra: Set<string> | null): boolean {
  const n = name.toLowerCase();
  if (TRACKING_PARAMS.has(n) || extra?.has(n)) return true;
  return TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

// Percent escapes compare case-insensitively (RFC 3986 §6.2.2.1); unreserved ones decode.
function normalisePercent(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const code = parseInt(hex, 16);
    const ch = String.fromCharCode(code);
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

/**
 * The canonical form of an http(s) URL, or null when it is not one.
 * Lower-case scheme and host (URL does both), no default port, no fragment, no tracking
 * parameters, remaining parameters sorted by name (stable for equal names), no empty `?`.
 */
export function canonicalUrl(input: string, base?: string, options: CanonicalOptions = {}): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(input.trim()) : new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Already canonical (the usual case for sitemap and feed links): nothing below would change it.
  if (!/[?#%@]/.test(url.href) && !url.hostname.endsWith('.')) return url.href;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  const extra = options.dropParams ? new Set([...options.dropParams].map((p) => p.toLowerCase())) : null;
  const kept = [...url.searchParams.entries()].filter(([name]) => !isTrackingParam(name, extra));
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const search = new URLSearchParams(kept).toString();
  url.search = search ? `?${search}` : '';
  url.pathname = normalisePercent(url.pathname);
  return url.toString();
}

/** Host of a URL lower-cased, with a leading `www.` removed: the unit of "same host" here. */
export function hostKey(hostOrUrl: string): string {
  let host = hostOrUrl.toLowerCase();
  if (host.includes('/')) {
    try {
      host = new URL(hostOrUrl).host.toLowerCase();
    } catch {
      return host;
    }
  }
  return host.startsWith('www.') ? host.slice(4) : host;
}

// Second-level labels under which registrations sit one level deeper (baochinhphu.vn vs. x.com.vn).
const SECOND_LEVEL = new Set(['com', 'net', 'org', 'gov', 'edu', 'ac', 'co', 'int', 'info', 'biz', 'name', 'pro', 'health']);

/** Approximate registrable domain (no public-suffix list): `m.vnexpress.net` → `vnexpress.net`, `a.b.com.vn` → `b.com.vn`. */
export function siteKey(hostname: string): string {
  const host = hostname.toLowerCase().replace(/:\d+$/, '');
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const keep = labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2] ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * Whether `b` is on the same site as `a`: the same host (without `www.`), a host in `allowedHosts`,
 * or the same registrable domain on the same port (IP hosts only by host and port).
 */
export function sameSite(a: URL, b: URL, allowedHosts?: readonly string[]): boolean {
  if (hostKey(a.host) === hostKey(b.host)) return true;
  if (allowedHosts?.some((h) => hostKey(h) === hostKey(b.host))) return true;
  // IP hosts with different ports are different sites; names compare by registrable domain.
  if (/^[\d.]+$/.test(a.hostname) || /^[\d.]+$/.test(b.hostname)) return false;
  return siteKey(a.hostname) === siteKey(b.hostname) && a.port === b.port;
}

const LINK_TAG = /<link\b[^>]*>/gi;
const ATTR = /([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|apos|lt|gt|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

function tagAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const inner = tag.replace(/^<link\b/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(ATTR)) {
    const name = m[1]?.toLowerCase();
    if (name && !attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** The raw href of `<link rel=canonical>` resolved against the page, or null. Scans only the head. */
export function findCanonicalLink(html: string, pageUrl: string): string | null {
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = headEnd > 0 ? html.slice(0, headEnd) : html.slice(0, 200_000);
  for (const m of head.matchAll(LINK_TAG)) {
    const attrs = tagAttributes(m[0]);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (!rel.includes('canonical') || !href) continue;
    try {
      return new URL(href.trim(), pageUrl).toString();
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The canonical URL of a fetched page: its `link rel=canonical` when that points to the same
 * site (a cross-site canonical is a syndication claim we do not follow), else the page URL;
 * canonicalised either way.
 */
export function canonicalFromHtml(html: string, pageUrl: string, allowedHosts?: readonly string[]): string {
  const own = canonicalUrl(pageUrl) ?? pageUrl;
  const link = findCanonicalLink(html, pageUrl);
  if (!link) return own;
  const linked = canonicalUrl(link);
  if (!linked) return own;
  return sameSite(new URL(own), new URL(linked), allowedHosts) ? linked : own;
}
