// Site profile: Hà Nội Mới (hanoimoi.vn).
// No body selectors are known (docs/SELECTORS.md): the generic extractor does the body; aggregate -event<id>.html pages are not articles.
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "hanoimoi",
  name: "Hà Nội Mới",
  baseUrl: "https://hanoimoi.vn/",
  hosts: ["hanoimoi.vn"],
  language: 'vi',
  feeds: [
    "https://hanoimoi.vn/rss/chinh-tri",
    "https://hanoimoi.vn/rss/do-thi",
  ],
  sitemaps: [
    "https://hanoimoi.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://hanoimoi.vn/chinh-tri", maxPages: 2 },
    { url: "https://hanoimoi.vn/kinh-te", maxPages: 2 },
    { url: "https://hanoimoi.vn/do-thi", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/hanoimoi\.vn\/(?![a-z0-9-]+-event\d+\.html$)[a-z0-9-]+-\d+\.html$/,
  examples: {
    article: [
      "https://hanoimoi.vn/ha-noi-khanh-thanh-cau-vinh-tuy-giai-doan-2-654321.html",
    ],
    notArticle: [
      "https://hanoimoi.vn/dai-hoi-dang-bo-thanh-pho-ha-noi-event12345.html",
      "https://hanoimoi.vn/chinh-tri",
    ],
  },
  selectors: {
    furniture: [
      ".box-related",
      ".related-news",
      ".tin-lien-quan",
      ".box-comment",
    ],
    dateFormat: "HH:mm dd/MM/yyyy",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
