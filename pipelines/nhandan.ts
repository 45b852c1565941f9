// Site profile: Báo Nhân Dân (nhandan.vn).
// Current CMS shared with vietnamplus/tienphong (docs/SELECTORS.md: scraper giapham123 config.py and [anon] hits).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "nhandan",
  name: "Báo Nhân Dân",
  baseUrl: "https://nhandan.vn/",
  hosts: ["nhandan.vn"],
  language: 'vi',
  feeds: [
    "https://nhandan.vn/rss/home.rss",
    "https://nhandan.vn/rss/chinhtri-1171.rss",
  ],
  sitemaps: [
    "https://nhandan.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://nhandan.vn/chinhtri/", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/nhandan\.vn\/[a-z0-9-]+-post\d+\.html$/,
  examples: {
    article: [
      "https://nhandan.vn/tong-bi-thu-tiep-doan-dai-bieu-cu-tri-post812345.html",
    ],
    notArticle: [
      "https://nhandan.vn/chinhtri/",
      "https://nhandan.vn/xa-hoi/",
    ],
  },
  selectors: {
    title: "h1.article__title",
    body: "div.article__body.cms-body",
    lead: "div.article__sapo",
    furniture: [
      ".article__relate",
      ".box-related",
      ".related-news",
      ".article__tag",
      ".article__social",
      ".box-comment",
      ".article__footer",
    ],
    author: ".article__author",
    published: ".article__meta time",
    section: ".breadcrumb li:last-child a",
    dateFormat: "dd/MM/yyyy HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
