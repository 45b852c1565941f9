// Site profile: Tuổi trẻ Thủ đô (tuoitrethudo.vn).
// No public scraper selectors known (docs/SELECTORS.md): generic extractor; reprints end with the credit "Theo Tuổi trẻ Thủ đô".
import type { Source } from '../src/core/types.ts';

const source: Source = {
  id: "tuoitrethudo",
  name: "Tuổi trẻ Thủ đô",
  baseUrl: "https://tuoitrethudo.vn/",
  hosts: ["tuoitrethudo.vn"],
  language: 'vi',
  feeds: [
    "https://tuoitrethudo.vn/rss/home.rss",
    "https://tuoitrethudo.vn/rss/chinh-tri.rss",
  ],
  sitemaps: [
    "https://tuoitrethudo.vn/sitemap.xml",
  ],
  listings: [
    { url: "https://tuoitrethudo.vn/chinh-tri", maxPages: 2 },
  ],
  articleUrlPattern: /^https:\/\/tuoitrethudo\.vn\/[a-z0-9-]+-\d+\.html$/,
  examples: {
    article: [
      "https://tuoitrethudo.vn/ha-noi-trien-khai-nhiem-vu-nam-hoc-moi-234567.html",
    ],
    notArticle: [
      "https://tuoitrethudo.vn/chinh-tri",
      "https://tuoitrethudo.vn/xa-hoi",
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
