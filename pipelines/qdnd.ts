// Site profile: Quân đội nhân dân (www.qdnd.vn).
// docs/SELECTORS.md: mourinhan8/qdnd-crawler (itemprop=articleBody) and giapham123 (.article-detail); captions sit in tables under images.
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "qdnd",
  name: "Quân đội nhân dân",
  baseUrl: "https://www.qdnd.vn/",
  hosts: ["www.qdnd.vn"],
  language: 'vi',
  feeds: [
    "https://www.qdnd.vn/rss/cate/chinh-tri.rss",
    "https://www.qdnd.vn/rss/cate/quoc-phong-an-ninh.rss",
  ],
  sitemaps: [
    "https://www.qdnd.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://www.qdnd.vn/chinh-tri", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/www\.qdnd\.vn\/[a-z0-9-]+\/[a-z0-9-\/]+-\d{5,}$/,
  examples: {
    article: [
      "https://www.qdnd.vn/chinh-tri/tin-tuc/chu-tich-nuoc-tiep-dai-su-cac-nuoc-trinh-quoc-thu-752345",
    ],
    notArticle: [
      "https://www.qdnd.vn/chinh-tri",
      "https://www.qdnd.vn/chinh-tri/tin-tuc",
    ],
  },
  selectors: {
    title: "h1.post-title",
    body: "div[itemprop=\"articleBody\"], .article-detail",
    lead: "p.logo-online",
    furniture: [
      ".post-tag",
      ".box-related",
      ".related-news",
      ".post-relate",
    ],
    author: ".post-author",
    published: ".post-subinfo",
    section: ".breadcrumb li:last-child a",
    dateFormat: "dd/MM/yyyy HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
