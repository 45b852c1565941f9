// Site profile: VietnamPlus (www.vietnamplus.vn).
// Same CMS as nhandan.vn (.article__body.zce-content-body.cms-body, docs/SELECTORS.md [anon] + giapham123).
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "vietnamplus",
  name: "VietnamPlus",
  baseUrl: "https://www.vietnamplus.vn/",
  hosts: ["www.vietnamplus.vn"],
  language: 'vi',
  feeds: [
    "https://www.vietnamplus.vn/rss/home.rss",
    "https://www.vietnamplus.vn/rss/chinhtri-303.rss",
  ],
  sitemaps: [
    "https://www.vietnamplus.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://www.vietnamplus.vn/chinhtri/", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/www\.vietnamplus\.vn\/[a-z0-9-]+-post\d+\.vnp$/,
  examples: {
    article: [
      "https://www.vietnamplus.vn/thu-tuong-lam-viec-voi-tinh-uy-post998877.vnp",
    ],
    notArticle: [
      "https://www.vietnamplus.vn/chinhtri/",
      "https://www.vietnamplus.vn/kinhte/",
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
    ],
    author: ".article__author",
    published: ".article__meta time",
    section: ".breadcrumb li:last-child a",
    dateFormat: "dd/MM/yyyy HH:mm",
  },
  rateLimit: { minDelayMs: 1500, concurrency: 1, maxArticlesPerRun: 200 },
};

export default source;
