// Site profile: Tuổi Trẻ (tuoitre.vn).
// Sapo CMS (docs/SELECTORS.md: detail-title/detail-sapo/detail-content.afcbc-body, related boxes inside the body).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "tuoitre",
  name: "Tuổi Trẻ",
  baseUrl: "https://tuoitre.vn/",
  hosts: ["tuoitre.vn"],
  language: 'vi',
  feeds: [
    "https://tuoitre.vn/rss/tin-moi-nhat.rss",
    "https://tuoitre.vn/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://tuoitre.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://tuoitre.vn/thoi-su.htm", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/tuoitre\.vn\/[a-z0-9-]+-\d{17}\.htm$/,
  examples: {
    article: [
      "https://tuoitre.vn/mo-lai-toan-bo-duong-bay-quoc-te-20220213160812345.htm",
    ],
    notArticle: [
      "https://tuoitre.vn/thoi-su.htm",
      "https://tuoitre.vn/the-gioi.htm",
    ],
  },
  selectors: {
    title: "h1.detail-title, h1.article-title",
    body: "div.detail-content.afcbc-body",
    lead: "h2.detail-sapo",
    furniture: [
      "div.VCSortableInPreviewMode[type=\"RelatedNewsBox\"]",
      "div.VCSortableInPreviewMode[type=\"RelatedOneNews\"]",
      ".kbwscwl-relatedbox",
      "#listNewsInContent",
      "div.tindnd",
      ".box-relate",
    ],
    author: ".detail-author-bot a.name, div.author-info a.name",
    published: "div.detail-time",
    section: ".detail-cate a",
    dateFormat: "dd/MM/yyyy HH:mm GMT+7",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
