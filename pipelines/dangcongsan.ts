// Site profile: Báo điện tử Đảng Cộng sản Việt Nam (dangcongsan.vn).
// No public scraper selectors known (docs/SELECTORS.md): generic extractor; visible stamps look like (11:51 27/03/2020).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "dangcongsan",
  name: "Báo điện tử Đảng Cộng sản Việt Nam",
  baseUrl: "https://dangcongsan.vn/",
  hosts: ["dangcongsan.vn"],
  language: 'vi',
  feeds: [
    "https://dangcongsan.vn/rss/home.rss",
    "https://dangcongsan.vn/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://dangcongsan.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://dangcongsan.vn/thoi-su", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/dangcongsan\.vn\/[a-z0-9-]+\/[a-z0-9-\/]*-\d+\.html$/,
  examples: {
    article: [
      "https://dangcongsan.vn/thoi-su/tong-bi-thu-lam-viec-voi-ban-thuong-vu-thanh-uy-567890.html",
    ],
    notArticle: [
      "https://dangcongsan.vn/thoi-su",
      "https://dangcongsan.vn/xay-dung-dang",
    ],
  },
  selectors: {
    furniture: [
      ".box-related",
      ".related-news",
      ".tin-lien-quan",
      ".box-comment",
      ".post-tags",
    ],
    dateFormat: "HH:mm dd/MM/yyyy",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
