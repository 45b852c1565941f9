// Site profile: Thanh Niên (thanhnien.vn).
// Sapo CMS since 2022 (docs/SELECTORS.md); legacy 2019 layout used #abody.cms-body.
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "thanhnien",
  name: "Thanh Niên",
  baseUrl: "https://thanhnien.vn/",
  hosts: ["thanhnien.vn"],
  language: 'vi',
  feeds: [
    "https://thanhnien.vn/rss/home.rss",
    "https://thanhnien.vn/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://thanhnien.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://thanhnien.vn/thoi-su.htm", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/thanhnien\.vn\/[a-z0-9-]+-\d{15,}\.htm$/,
  examples: {
    article: [
      "https://thanhnien.vn/quoc-hoi-thong-qua-luat-dat-dai-sua-doi-185240118103045678.htm",
    ],
    notArticle: [
      "https://thanhnien.vn/thoi-su.htm",
      "https://thanhnien.vn/thoi-su/chinh-tri.htm",
    ],
  },
  selectors: {
    title: "h1.detail-title",
    body: "div.detail-content.afcbc-body",
    lead: "h2.detail-sapo",
    furniture: [
      "div.VCSortableInPreviewMode[type=\"RelatedNewsBox\"]",
      "div.VCSortableInPreviewMode[type=\"RelatedOneNews\"]",
      ".kbwscwl-relatedbox",
      "#listNewsInContent",
      ".box-relate",
    ],
    author: ".detail-author a.name, div.author-info a.name",
    published: "div.detail-time",
    section: ".detail-cate a",
    dateFormat: "dd/MM/yyyy HH:mm GMT+7",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
