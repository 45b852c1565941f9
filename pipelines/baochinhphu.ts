// Site profile: Báo Điện tử Chính phủ (baochinhphu.vn).
// Sapo/VCCorp CMS; the URL carries the timestamp -102YYMMDDHHMMSSmmm.htm (docs/SELECTORS.md).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "baochinhphu",
  name: "Báo Điện tử Chính phủ",
  baseUrl: "https://baochinhphu.vn/",
  hosts: ["baochinhphu.vn"],
  language: 'vi',
  feeds: [
    "https://baochinhphu.vn/rss/home.rss",
    "https://baochinhphu.vn/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://baochinhphu.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://baochinhphu.vn/thoi-su.htm", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/baochinhphu\.vn\/[a-z0-9-]+-102\d{15}\.htm$/,
  examples: {
    article: [
      "https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-102260905122709839.htm",
    ],
    notArticle: [
      "https://baochinhphu.vn/thoi-su.htm",
      "https://baochinhphu.vn/chinh-sach-moi.htm",
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
      ".detail-tab",
      ".detail-related",
    ],
    author: ".detail-author",
    published: "div.detail-time",
    section: ".detail-cate a",
    dateFormat: "dd/MM/yyyy HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
