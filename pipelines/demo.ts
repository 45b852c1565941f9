// Source profiles for the embedded demo sites (fixtures/sites/, served by src/demo/sites-server.ts).
// The selectors match the demo markup, which copies each outlet's real markup where it is known
// (VnExpress from a saved page, baochinhphu from the Sapo CMS) and is modelled on it elsewhere.

import type { Source, SiteSelectors } from '../src/core/types.ts';

interface DemoProfile {
  name: string;
  language: 'vi';
  feeds?: string[];
  sitemaps?: string[];
  listings?: { path: string; maxPages?: number }[];
  /** Pattern of an article path (after the base URL, no leading slash). */
  articlePath: RegExp;
  selectors: SiteSelectors;
}

const PROFILES: Record<string, DemoProfile> = {
  // hanoimoi.vn: articles at `/<slug>-<id>.html`; aggregate pages `-event<id>.html` are not articles.
  hanoimoi: {
    name: 'Hànộimới',
    language: 'vi',
    feeds: ['rss/chinh-tri.xml'],
    listings: [{ path: 'chinh-tri', maxPages: 3 }],
    articlePath: /^(?![^/]*-event\d+\.html$)[a-z0-9-]+-\d{5,}\.html$/,
    selectors: {
      title: 'h1.article-title',
      lead: 'div.article-sapo',
      body: 'div.article-content',
      author: 'p.article-author',
      published: 'time.article-time[datetime]',
      section: 'ul.breadcrumb li:last-child a',
      furniture: ['.box-related-inline', '.image-code', '.share-bar', '.article-tags'],
      dateFormat: 'EEEE, dd/MM/yyyy HH:mm',
    },
  },
  // dangcongsan.vn: `/<section>/<slug>-<id>.html`; the only date is the visible stamp `(HH:mm dd/MM/yyyy)`.
  dangcongsan: {
    name: 'Báo điện tử Đảng Cộng sản Việt Nam',
    language: 'vi',
    sitemaps: ['sitemap.xml'],
    listings: [{ path: 'thoi-su' }, { path: 'xay-dung-dang' }],
    articlePath: /^[a-z0-9-]+\/[a-z0-9-]+-\d{5,}\.html$/,
    selectors: {
      title: 'h1.post-title',
      lead: 'div.post-summary',
      body: 'div#content-detail',
      author: 'div.post-author',
      published: 'span.post-date',
      section: 'div.breadcrumb a:last-child',
      furniture: ['.box-tinlienquan', '.social-share', '.comment-box', '.box-other'],
      dateFormat: '(HH:mm dd/MM/yyyy)',
    },
  },
  // vnexpress.net: `/<slug>-<7 digit id>.html` (docs/SELECTORS.md, seen on a saved page).
  vnexpress: {
    name: 'VnExpress',
    language: 'vi',
    feeds: ['rss/thoi-su.rss'],
    sitemaps: ['sitemap.xml'],
    listings: [{ path: 'thoi-su' }],
    articlePath: /^[a-z0-9-]+-\d{7}\.html$/,
    selectors: {
      title: 'h1.title-detail',
      // `p.description` alone also matches the summaries in related-news items.
      lead: 'h1.title-detail + p.description',
      body: 'article.fck_detail',
      author: 'p.author_mail strong',
      published: 'span.date',
      section: 'meta[itemprop=articleSection]',
      furniture: [
        'div[data-component-type="list_link"]',
        'ul.list-news[data-campaign="Box-Related"]',
        'p.author_mail',
        '#ad-container',
        '.footer-content .social',
      ],
      dateFormat: 'EEEE, d/M/yyyy, HH:mm (GMT+7)',
    },
  },
  // baochinhphu.vn (Sapo CMS): `/<slug>-102YYMMDDHHmmssxxx.htm`.
  baochinhphu: {
    name: 'Báo Điện tử Chính phủ',
    language: 'vi',
    feeds: ['rss/home.rss'],
    sitemaps: ['sitemap.xml'],
    listings: [{ path: '' }],
    articlePath: /^[a-z0-9-]+-102\d{15}\.htm$/,
    selectors: {
      title: 'h1.detail-title',
      lead: 'h2.detail-sapo',
      body: 'div.detail-content.afcbc-body',
      author: 'div.detail-author a.name',
      published: '[data-role=publishdate]',
      section: 'div.detail-cate a',
      furniture: [
        'div.VCSortableInPreviewMode[type=RelatedNewsBox]',
        'div.VCSortableInPreviewMode[type=RelatedOneNews]',
        '.kbwscwl-relatedbox',
        '.detail-share',
      ],
      dateFormat: 'dd/MM/yyyy HH:mm',
    },
  },
};

/** Ids of the demo sites that have a profile here. */
export const DEMO_SITE_IDS = Object.keys(PROFILES);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One Source per served demo site (as returned by startDemoSites); sites without a profile are skipped. */
export function demoSources(sites: { id: string; baseUrl: string }[]): Source[] {
  const sources: Source[] = [];
  for (const site of sites) {
    const profile = PROFILES[site.id];
    if (!profile) continue;
    const base = site.baseUrl.endsWith('/') ? site.baseUrl : site.baseUrl + '/';
    const at = (path: string) => new URL(path, base).href;
    const source: Source = {
      id: site.id,
      name: profile.name,
      baseUrl: base,
      hosts: [new URL(base).host],
      language: profile.language,
      // Query strings and fragments are not part of an article URL.
      articleUrlPattern: new RegExp(`^${escapeRegExp(base)}${profile.articlePath.source.replace(/^\^/, '')}`),
      selectors: profile.selectors,
      // Local servers: no need to wait between requests; robots.txt Crawl-delay still applies.
      rateLimit: { minDelayMs: 0, concurrency: 2, maxArticlesPerRun: 50 },
    };
    if (profile.feeds) source.feeds = profile.feeds.map(at);
    if (profile.sitemaps) source.sitemaps = profile.sitemaps.map(at);
    if (profile.listings) source.listings = profile.listings.map((l) => ({ url: at(l.path), ...(l.maxPages ? { maxPages: l.maxPages } : {}) }));
    sources.push(source);
  }
  return sources;
}
