// Site profile: Báo Pháp luật Việt Nam (baophapluat.vn).
// No public scraper selectors known (docs/SELECTORS.md): generic extractor; leads start with "(PLVN) - ".
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "baophapluat",
  name: "Báo Pháp luật Việt Nam",
  baseUrl: "https://baophapluat.vn/",
  hosts: ["baophapluat.vn"],
  language: 'vi',
  feeds: [
    "https://baophapluat.vn/rss/home.rss",
    "https://baophapluat.vn/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://baophapluat.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://baophapluat.vn/thoi-su", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/baophapluat\.vn\/[a-z0-9-]+-\d+\.html$/,
  examples: {
    article: [
      "https://baophapluat.vn/bo-tu-phap-tong-ket-cong-tac-nam-2023-123456.html",
    ],
    notArticle: [
      "https://baophapluat.vn/thoi-su",
      "https://baophapluat.vn/phap-luat",
    ],
  },
  selectors: {
    furniture: [
      ".box-related",
      ".related-news",
      ".tin-lien-quan",
      ".box-comment",
    ],
    dateFormat: "dd/MM/yyyy HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
