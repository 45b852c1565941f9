// Site profile: VnExpress (vnexpress.net).
// Selectors seen in the saved page fixtures/pages/vnexpress.article.2022-02-13.html (docs/SELECTORS.md [seen]).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "vnexpress",
  name: "VnExpress",
  baseUrl: "https://vnexpress.net/",
  hosts: ["vnexpress.net"],
  language: 'vi',
  feeds: [
    "https://vnexpress.net/rss/tin-moi-nhat.rss",
    "https://vnexpress.net/rss/thoi-su.rss",
  ],
  sitemaps: [
    "https://vnexpress.net/sitemap.xml",
  ],
  listings: [
    { url: "https://vnexpress.net/thoi-su/chinh-tri", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/vnexpress\.net\/[a-z0-9-]+-\d{6,}\.html$/,
  examples: {
    article: [
      "https://vnexpress.net/viet-nam-du-kien-mo-lai-toan-bo-duong-bay-quoc-te-tu-15-2-4426992.html",
    ],
    notArticle: [
      "https://vnexpress.net/thoi-su",
      "https://vnexpress.net/thoi-su/chinh-tri",
      "https://vnexpress.net/thoi-su-p2",
    ],
  },
  selectors: {
    title: "h1.title-detail",
    body: "article.fck_detail",
    lead: "p.description",
    furniture: [
      "ul[data-campaign=\"Box-Related\"]",
      "div[data-component-type=\"list_link\"]",
      "p.author_mail",
      "#_detail_tinLienQuan",
      "#_detail_top_ykien",
      ".box-tinlienquanv2",
      ".section-comment",
      ".box_comment_vne",
      ".footer-content",
    ],
    author: "p.author_mail strong",
    published: "span.date",
    section: "ul.breadcrumb li:last-child a",
    dateFormat: "EEEE, d/M/yyyy, HH:mm (GMT+7)",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
