// Which URL an article is stored under. A page says what it wants to be (`<link rel=canonical>`,
// `og:url`) and a server may redirect, but both are written by the site — or by whoever got a page
// onto it. So the key is the URL the page was fetched under, and a claim moves it only to a URL that
// the source itself would crawl as an article: http(s), on the same site as the page, on the source's
// hosts and matching its article pattern. Any other claim stays metadata (`canonical_url`), so no page
// can overwrite another site's article, nor store `javascript:` or `file:` as an article URL.
import type { Source } from '../core/types.ts';
import { canonicalUrl, sameSite } from './canonical.ts';
import { articleMatcher } from './discover.ts';

export interface ArticleIdentity {
  /** The key the article is stored under. */
  url: string;
  /** The page's canonical claim when it is an http(s) URL other than the key (kept as metadata), else null. */
  canonicalUrl: string | null;
  /** Why the claim did not become the key, when there was one that differs from the key. */
  refused: string | null;
  /**
   * A warning for the article when the claim was not a URL at all (`javascript:`, `data:`, `file:`,
   * unparsable): a broken or hostile page. A claim naming another site is syndication, not a problem.
   */
  warning: string | null;
}

/** What a claim is judged against: the source's article URLs. */
export interface IdentityRules {
  isArticle: (url: string) => boolean;
}

export function identityRules(source: Source): IdentityRules {
  return { isArticle: articleMatcher(source) };
}

/** Why a claimed URL may not be the key of a page of this source (null when it may). */
export function claimRefusal(claim: URL, page: URL | null, rules: IdentityRules | null): string | null {
  if (claim.protocol !== 'http:' && claim.protocol !== 'https:') return `not an http(s) URL (${claim.protocol})`;
  if (!rules) return 'no source to check it against';
  // A local file has no site of its own: the source's hosts are the only site it may claim.
  if (page && (page.protocol === 'http:' || page.protocol === 'https:') && !sameSite(page, claim)) return `another site (${claim.host})`;
  // Judged in its canonical form (no tracking parameters, no fragment), as discovery judges links.
  if (!rules.isArticle(canonicalUrl(claim.href) ?? claim.href)) return `not an article URL of the source (${claim.host}${claim.pathname})`;
  return null;
}

/**
 * The key of a page fetched (or read) under `fetchedUrl`. Candidates, in order: the page's canonical
 * claim (resolved against the page), then the URL a redirect ended at; the first one the source
 * allows becomes the key, else the fetched URL stays. Without `rules` (no source) nothing re-keys
 * and an http(s) claim is only kept as metadata.
 */
export function articleIdentity(
  fetchedUrl: string, claims: { canonical?: string | null; finalUrl?: string | null }, rules: IdentityRules | null,
): ArticleIdentity {
  const own = canonicalUrl(fetchedUrl) ?? fetchedUrl;
  const page = parse(fetchedUrl);
  const identity: ArticleIdentity = { url: own, canonicalUrl: null, refused: null, warning: null };
  const raw = claims.canonical?.trim();
  if (raw) {
    const claim = parse(raw, fetchedUrl);
    const why = claim ? claimRefusal(claim, page, rules) : 'unparsable URL';
    const normal = claim && (claim.protocol === 'http:' || claim.protocol === 'https:') ? canonicalUrl(claim.href) : null;
    if (!normal) {
      // Only the scheme is kept: the claim itself may be a script.
      identity.refused = why;
      identity.warning = `canonical-refused: ${why}`;
    } else if (normal !== own) {
      if (why) {
        identity.refused = why;
        identity.canonicalUrl = normal;
      } else identity.url = normal;
    }
  }
  if (identity.url === own && claims.finalUrl) {
    const final = parse(claims.finalUrl);
    const normal = final ? canonicalUrl(final.href) : null;
    if (final && normal && normal !== own && !claimRefusal(final, page, rules)) identity.url = normal;
  }
  if (identity.canonicalUrl === identity.url) identity.canonicalUrl = null;
  return identity;
}

function parse(url: string, base?: string): URL | null {
  try {
    return base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    return null;
  }
}
