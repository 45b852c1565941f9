// The records that pass between stages (docs/DESIGN.md "Records"). Every stage imports its
// input and output types from here, so the shape of the pipeline is readable in one file.

/** How a source's pages are found and read: one site profile from `pipelines/`. */
export interface Source {
  /** Short stable id, e.g. `vnexpress`. Used as a foreign key in the store. */
  id: string;
  /** Human name, e.g. `VnExpress`. */
  name: string;
  /** Site root, e.g. `https://vnexpress.net/`. */
  baseUrl: string;
  /** Hosts this source may fetch from (redirects elsewhere are refused). Defaults to baseUrl's host. */
  hosts?: string[];
  language: 'vi' | 'en';
  /** RSS/Atom feed URLs. */
  feeds?: string[];
  /** Sitemap or sitemap-index URLs (gzipped allowed). */
  sitemaps?: string[];
  /** Section/listing pages whose links lead to articles. */
  listings?: ListingPage[];
  /** A URL is an article when it matches this pattern. */
  articleUrlPattern?: RegExp;
  /** Selectors that sharpen the generic cleaner for this site. */
  selectors?: SiteSelectors;
  /** Politeness settings for this host. */
  rateLimit?: RateLimit;
  /**
   * URLs of this site that the profile must classify: `article` ones match `articleUrlPattern`,
   * `notArticle` ones (sections, topic and event pages, on the same host) do not. Every profile in
   * pipelines/ carries its own; test/clean/profiles.test.ts checks them.
   */
  examples?: UrlExamples;
}

export interface UrlExamples {
  article: string[];
  notArticle: string[];
}

export interface ListingPage {
  url: string;
  /** Follow rel=next / page links up to this many pages. */
  maxPages?: number;
}

export interface SiteSelectors {
  title?: string;
  /** The article body container; when it matches nothing, clean falls back to the generic extractor. */
  body?: string;
  /** Lead paragraph (sapo) shown above the body. */
  lead?: string;
  /** Elements removed from the body (related boxes, captions, share bars…). */
  furniture?: string[];
  author?: string;
  published?: string;
  section?: string;
  /** Format of visible date stamps, informational (e.g. `dd/MM/yyyy HH:mm`). */
  dateFormat?: string;
}

export interface RateLimit {
  /** Minimum delay between two requests to the host, in ms (robots Crawl-delay raises it). */
  minDelayMs?: number;
  /** Requests in flight to this host at once. */
  concurrency?: number;
  /** Most article fetches per host in one run. */
  maxArticlesPerRun?: number;
}

/** A page as fetched and decoded. */
export interface FetchedPage {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  /** ISO 8601 with offset. */
  fetchedAt: string;
  /** Decoded, NFC-normalised HTML (or text). */
  html: string;
  /** The charset the body was decoded with, and where it came from. */
  charset: string;
  charsetSource?: 'header' | 'meta' | 'bom' | 'detected' | 'default';
  etag?: string | null;
  lastModified?: string | null;
  sourceId: string;
  contentType?: string;
}

/** Where a metadata value was found, most trusted first. */
export type MetaOrigin =
  | 'json-ld'
  | 'meta'
  | 'itemprop'
  | 'time-element'
  | 'visible-text'
  | 'url'
  | 'profile'
  | 'given';

/** Where a publication time's offset comes from. */
export type PublishedZone = 'stated' | 'profile' | 'unknown';

/** A cleaned article: the output of the clean stage. */
export interface Article {
  /** The URL as given or fetched (null for local files without one). */
  url: string | null;
  /** `link rel=canonical` when present, else url. */
  canonicalUrl: string | null;
  sourceId: string | null;
  title: string | null;
  /**
   * ISO 8601 `YYYY-MM-DDTHH:MM:SS`, never after the fetch time; with the offset the page states or,
   * for a time the page prints without one, the source profile's zone (+07:00 for the Vietnamese
   * outlets). Without a profile such a time keeps no offset: local time, zone unknown.
   */
  published: string | null;
  publishedOrigin?: MetaOrigin | null;
  /** Where `published`'s offset comes from: `stated` (by the page, or the caller's time), the source `profile`, or `unknown` (no offset). */
  publishedZone?: PublishedZone | null;
  modified?: string | null;
  modifiedOrigin?: MetaOrigin | null;
  author: string | null;
  /** A source credit such as `Theo Tuổi trẻ Thủ đô`, kept apart from the author. */
  credit?: string | null;
  section?: string | null;
  /** BCP-47 primary tag, e.g. `vi`, `en`. */
  language: string;
  /** Body paragraphs, NFC, one space per gap. */
  paragraphs: string[];
  /** Paragraphs joined by a blank line. */
  text: string;
  /** sha256 hex of `text`. */
  contentHash: string;
  /** Problems a user should know about (mojibake, profile fell back to generic, empty body…). */
  warnings: string[];
}

/** Which fields of a hit were written in the text and which were implied (e.g. a year from the publication date). */
export interface HitProvenance {
  /** [start, end) offsets into Article.text. */
  span?: [number, number];
  /** Id of the rule that produced the hit. */
  rule?: string;
  /** Names of fields filled by inference rather than read from the text. */
  implied?: string[];
}

export interface Official extends HitProvenance {
  name: string;
  titles: string[];
  /** The surface forms under which the person is mentioned. */
  mentions?: string[];
}

export interface DocumentRef extends HitProvenance {
  text: string;
  kind: string;
  number: string | null;
  code: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date: string | null;
  issuer: string | null;
  /** Party congress term, e.g. `khóa X`. */
  term?: string | null;
}

export interface DateRef extends HitProvenance {
  text: string;
  /** ISO date `YYYY-MM-DD`. */
  value: string;
  /** `sáng`, `trưa`, `chiều`, `tối`, `đêm` when the text gives it. */
  partOfDay?: string | null;
  /** `lunar` when the text names a day of the lunar calendar (`mồng 1 Tết`, `rằm tháng Giêng`, `10/3 âm lịch`); `value` is then its Gregorian day. */
  calendar?: 'lunar';
  /** The lunar day as written, `YYYY-MM-DD` in the lunar calendar (the year is the lunar year, the one its Tết opens). */
  lunar?: string;
  /** True when the lunar month is a leap month (`tháng 2 nhuận`). */
  leapMonth?: boolean;
}

export interface PeriodRef extends HitProvenance {
  text: string;
  /** `YYYY`, `YYYY/YYYY` or `YYYY-MM-DD/YYYY-MM-DD`. */
  value: string;
  /** `lunar` when the text names a lunar month (`tháng Giêng âm lịch`, `tháng Chạp`); `value` is then its Gregorian span. */
  calendar?: 'lunar';
  /** The lunar month as written, `YYYY-MM` in the lunar calendar. */
  lunar?: string;
}

export interface Statistic extends HitProvenance {
  text: string;
  value: number;
  total?: number | null;
  unit: string;
  /** The sentence the number stands in. */
  context?: string;
  /** Period value (as in PeriodRef) that the sentence ties the number to, when it gives one. */
  period?: string | null;
  /** Province or centrally-run city the number is about: the first its sentence names, else its article title's. */
  place?: string | null;
  /** ISO 4217 code of an amount of money (`VND`, `USD`, `EUR`…); absent for other quantities. */
  currency?: string;
  /** How the text bounds the number: absent when it is exact. */
  qualifier?: StatisticQualifier;
  /** A vague count (`hundreds of`, `dozens of`, `hàng chục`): `value` is its lower bound, never a guess. */
  vague?: boolean;
  // Analyst fields (issue #20): each is absent when the sentence does not say it.
  /**
   * What is counted or measured, as written in the sentence: the counted noun with what defines it (`xã đạt chuẩn
   * nông thôn mới`), or the subject measured (`tỷ lệ hộ cận nghèo`, `vốn FDI thu hút`, `GDP`).
   */
  indicator?: string;
  /** plainKey(indicator): what statistics are grouped by (`xa dat chuan nong thon moi`). */
  indicatorKey?: string;
  /** Upper bound of a range (`từ 300 đến 350 học viên`, `5–7%`); `value` is then the lower bound. */
  upper?: number;
  /** The number is a change, not a level: `tăng 12%` up, `giảm 1,1%` down (value stays positive). */
  change?: 'up' | 'down';
  /** The baseline the number is compared with, as written: `cùng kỳ năm trước`, `kế hoạch`, `năm 2019`. */
  comparedTo?: string;
  /** For an `a/b` figure, value/total × 100 (1 decimal), or the percentage the sentence states for it when they agree. */
  share?: number;
  /** On a percentage that restates an `a/b` figure's share: that figure's `text` (`356/382 xã`); not a second fact. */
  restates?: string;
}

/** `approx` (about), `over` (more than), `under` (nearly, less than), `at-least`, `at-most`. */
export type StatisticQualifier = 'approx' | 'over' | 'under' | 'at-least' | 'at-most';

/** The output of the extract stage. */
export interface Extraction {
  officials: Official[];
  documents: DocumentRef[];
  dates: DateRef[];
  periods: PeriodRef[];
  statistics: Statistic[];
}

/** What a local input holds: a whole page, or text whose furniture lines are still to be removed. */
export type InputKind = 'html' | 'text';

/** Input to extraction: the cleaned body and what resolves relative dates. */
export interface ExtractInput {
  text: string;
  /** The article's title: a statistic whose sentence names no province takes the one the title names. */
  title?: string | null;
  /** ISO date or datetime; days without a year take its year. */
  published: string | null;
  language: string;
}
