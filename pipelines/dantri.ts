// Site profile: Dân trí (dantri.com.vn).
// Current layout (docs/SELECTORS.md [anon]); legacy 2013–2019 pages used #ctl00_IDContent_ctl00_divContent.
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "dantri",
  name: "Dân trí",
  baseUrl: "https://dantri.com.vn/",
  hosts: ["dantri.com.vn"],
  language: 'vi',
  feeds: [
    "https://dantri.com.vn/rss/home.rss",
    "https://dantri.com.vn/rss/xa-hoi.rss",
  ],
  sitemaps: [
    "https://dantri.com.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://dantri.com.vn/xa-hoi/chinh-tri.htm", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/dantri\.com\.vn\/[a-z0-9-]+\/[a-z0-9-]+-\d{17}\.htm$/,
  examples: {
    article: [
      "https://dantri.com.vn/xa-hoi/ha-noi-bi-thu-huyen-phuc-tho-bi-cach-tat-ca-chuc-vu-trong-dang-20190626104100846.htm",
    ],
    notArticle: [
      "https://dantri.com.vn/xa-hoi.htm",
      "https://dantri.com.vn/xa-hoi/chinh-tri.htm",
      "https://dantri.com.vn/event/ky-hop-thu-7-quoc-hoi-khoa-xiv-3662.htm",
    ],
  },
  selectors: {
    title: "h1.title-page.detail",
    body: "div.singular-content",
    lead: "h2.singular-sapo",
    furniture: [
      "article.article-related",
      ".article-related",
      ".singular-content .article-item",
    ],
    author: "div.author-name",
    published: "time.author-time",
    section: ".breadcrumbs li:last-child a",
    dateFormat: "EEEE, dd/MM/yyyy - HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
