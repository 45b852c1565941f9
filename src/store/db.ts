// The SQLite store: one file, WAL, migrations, one transaction per article and its extraction.
import Database from 'better-sqlite3';
import { mkdirSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { Article, Extraction, Source } from '../core/types.ts';
import { migrations } from './migrations.ts';
import { foldForIndex } from './fts-fold.ts';
import { plainKey } from '../core/fold.ts';
import { ownCopy } from '../core/strings.ts';
import { WalCheckpointer } from './checkpointer.ts';

export type DB = Database.Database;

/** A problem with the database file itself; the CLI prints the message as one line. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): DB {
  if (options.readonly && !existsSync(path)) {
    throw new StoreError(`database ${path} does not exist (run \`vnpress demo\`, \`crawl\` or \`ingest\` first)`);
  }
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: DB;
  try {
    db = new Database(path, { readonly: !!options.readonly, fileMustExist: !!options.readonly });
    // A new file gets 8 KiB pages (SQLite's default is 4 KiB): fewer page splits and WAL frames per
    // article, a raw page in fewer overflow pages; ingest measured about 9% less CPU. It has to be set
    // before the first write, and an existing file keeps the page size it has.
    if (!options.readonly && (db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('page_size = 8192');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('synchronous = NORMAL');
      // A batch of saveArticle calls nests each article in a savepoint; its sub-journal and
      // FTS merges stay in memory instead of temp files.
      db.pragma('temp_store = MEMORY');
      // 8 MiB of page cache per writer (SQLite's default is 2 MiB). With 64 MiB the cache filled as
      // the file grew and a crawl's RSS grew with it (+40 MB over 10k pages); 8 MiB keeps RSS flat
      // and ingest no slower: pages beyond it come from the OS cache. Readers keep their own cache.
      db.pragma('cache_size = -8192');
      // The WAL file is cut back to 64 MiB after a checkpoint (it grows past the 1000-page
      // autocheckpoint while a reader holds an old snapshot); disk only, not memory.
      db.pragma('journal_size_limit = 67108864');
      migrate(db);
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) throw new StoreError(`${path} is not a vnpress database (no schema)`);
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open database ${path}: ${(error as Error).message}`);
  }
  return db;
}

export function migrate(db: DB): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new StoreError(`database schema version ${current} is newer than this vnpress (${latest}); upgrade vnpress`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}

export interface RawPage {
  html: string;
  fetchedAt?: string | null;
  contentType?: string | null;
  charset?: string | null;
  /** `html` already gzipped (e.g. as the server sent it); must gunzip to exactly html's UTF-8. Stored as is. */
  htmlGzip?: Buffer | null;
}

export interface SaveOptions {
  raw?: RawPage | null;
  fetchedAt?: string | null;
}

export type SaveStatus = 'inserted' | 'updated' | 'unchanged' | 'duplicate';

export interface SaveResult {
  status: SaveStatus;
  articleId: number;
  entities: number;
}

export interface RunSourceCounts {
  discovered: number;
  fetched: number;
  notModified: number;
  failed: number;
  failedReasons: Record<string, number>;
  stored: number;
  updated: number;
  unchanged: number;
  entities: number;
  warnings: Record<string, number>;
}

export function emptyCounts(): RunSourceCounts {
  return {
    discovered: 0, fetched: 0, notModified: 0, failed: 0, failedReasons: {},
    stored: 0, updated: 0, unchanged: 0, entities: 0, warnings: {},
  };
}

/** `YYYY`, `YYYY/YYYY` or `YYYY-MM-DD/YYYY-MM-DD` → first and last day. */
export function periodBounds(value: string | null | undefined): [string | null, string | null] {
  if (!value) return [null, null];
  const [from, to = from] = value.split('/') as [string, string?];
  const start = /^\d{4}$/.test(from) ? `${from}-01-01` : /^\d{4}-\d{2}$/.test(from) ? `${from}-01` : from;
  const end = /^\d{4}$/.test(to!) ? `${to}-12-31` : /^\d{4}-\d{2}$/.test(to!) ? lastDayOfMonth(to!) : to!;
  return [start, end];
}

function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(day).padStart(2, '0')}`;
}

const nowIso = () => new Date().toISOString();

/**
 * A write transaction's search-index rows, written at its end: FTS5 flushes its pending index at
 * every savepoint opened after a write to it, so rows written early would be flushed once per
 * save inside `Store.transaction` (and once by the batch's multi-row summary upsert).
 */
interface OpenWrite {
  search: Array<[kind: typeof SEARCH_INSERT | typeof SEARCH_DELETE, rowid: number, title: string, text: string]>;
}
const SEARCH_INSERT = 1;
const SEARCH_DELETE = 0;

/**
 * Rows per statistics_summary upsert (8 parameters each, far below SQLite's 32,766). A multi-row
 * INSERT pays off here and not for the entity tables: there it measured slower than one row each.
 */
const SUMMARY_ROWS = 64;

interface SummaryBucket {
  unitFolded: string;
  grain: 'year' | 'month' | 'none';
  time: string;
  statistics: number;
  articles: number;
  valueSum: number;
  /** Least and greatest value added; least and greatest removed (null: none). */
  least: number | null;
  greatest: number | null;
  removedLeast: number | null;
  removedGreatest: number | null;
}

/**
 * What a transaction adds to (or, with sign -1, removes from) statistics_summary. The store writes
 * and deletes an article's numbers all together, so an article counts once in each bucket it has
 * numbers in: call startArticle() before each article's numbers.
 */
class SummaryDelta {
  // Emptied by replacing, never by Map.clear(): see Store.clearTransactionCaches.
  /** unit → grain+time → bucket: two look-ups, no key strings to build per number. */
  private byUnit = new Map<string, Map<string, SummaryBucket>>();
  private seen = new Set<SummaryBucket>();

  *buckets(): IterableIterator<SummaryBucket> {
    for (const times of this.byUnit.values()) yield* times.values();
  }

  startArticle(): void {
    if (this.seen.size) this.seen = new Set();
  }

  /** One number; `time` is its period's first day, else its article's publication date. */
  add(unitFolded: string, value: number, time: string | null, sign: 1 | -1): void {
    let times = this.byUnit.get(unitFolded);
    if (!times) {
      times = new Map();
      this.byUnit.set(unitFolded, times);
    }
    if (time === null) {
      this.bump(times, unitFolded, 'none', '', value, sign);
    } else {
      this.bump(times, unitFolded, 'year', time.slice(0, 4), value, sign);
      this.bump(times, unitFolded, 'month', time.slice(0, 7), value, sign);
    }
  }

  private bump(times: Map<string, SummaryBucket>, unitFolded: string, grain: SummaryBucket['grain'], time: string, value: number,
    sign: 1 | -1): void {
    // Months are YYYY-MM, years YYYY and the undated '': the time alone tells the grain apart,
    // except for malformed dates, which the grain's initial keeps apart.
    const key = grain === 'month' ? `m${time}` : grain === 'year' ? `y${time}` : 'n';
    let bucket = times.get(key);
    if (!bucket) {
      bucket = { unitFolded, grain, time, statistics: 0, articles: 0, valueSum: 0, least: null, greatest: null, removedLeast: null, removedGreatest: null };
      times.set(key, bucket);
    }
    bucket.statistics += sign;
    bucket.valueSum += sign * value;
    if (sign > 0) {
      if (bucket.least === null || value < bucket.least) bucket.least = value;
      if (bucket.greatest === null || value > bucket.greatest) bucket.greatest = value;
    } else {
      if (bucket.removedLeast === null || value < bucket.removedLeast) bucket.removedLeast = value;
      if (bucket.removedGreatest === null || value > bucket.removedGreatest) bucket.removedGreatest = value;
    }
    if (!this.seen.has(bucket)) {
      this.seen.add(bucket);
      bucket.articles += sign;
    }
  }

  clear(): void {
    if (this.byUnit.size) this.byUnit = new Map();
    if (this.seen.size) this.seen = new Set();
  }

  /** Adds another delta's buckets to this one (a save inside a transaction, once it succeeded). */
  merge(other: SummaryDelta): void {
    for (const [unitFolded, times] of other.byUnit) {
      let mine = this.byUnit.get(unitFolded);
      if (!mine) {
        mine = new Map();
        this.byUnit.set(unitFolded, mine);
      }
      for (const [key, b] of times) {
        const into = mine.get(key);
        if (!into) {
          mine.set(key, { ...b });
          continue;
        }
        into.statistics += b.statistics;
        into.articles += b.articles;
        into.valueSum += b.valueSum;
        into.least = minOf(into.least, b.least);
        into.greatest = maxOf(into.greatest, b.greatest);
        into.removedLeast = minOf(into.removedLeast, b.removedLeast);
        into.removedGreatest = maxOf(into.removedGreatest, b.removedGreatest);
      }
    }
  }
}

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * Recomputes statistics_summary from the statistics table: for databases whose numbers were
 * written by other means than the Store (bulk loads, hand edits in an SQLite tool).
 */
export function rebuildStatisticsSummary(db: DB): void {
  db.transaction(() => {
    db.exec(`DELETE FROM statistics_summary;
      INSERT INTO statistics_summary (unit_folded, grain, time, statistics, articles, value_sum, least, greatest)
      SELECT unit_folded, grain, time, count(*), count(DISTINCT article_id), sum(value), min(value), max(value) FROM (
        SELECT unit_folded, 'year' AS grain, substr(coalesce(period_start, published), 1, 4) AS time, article_id, value
          FROM statistics WHERE coalesce(period_start, published) IS NOT NULL
        UNION ALL
        SELECT unit_folded, 'month', substr(coalesce(period_start, published), 1, 7), article_id, value
          FROM statistics WHERE coalesce(period_start, published) IS NOT NULL
        UNION ALL
        SELECT unit_folded, 'none', '', article_id, value FROM statistics WHERE coalesce(period_start, published) IS NULL)
      GROUP BY unit_folded, grain, time;`);
  })();
}

/** Writes and crawl-state reads. Queries and exports live in their own modules. */
export class Store {
  readonly db: DB;
  private readonly stmt;

  /** Checkpoints the WAL on a thread of its own once it grows (src/store/checkpointer.ts). */
  private readonly checkpointer: WalCheckpointer | null;

  constructor(readonly path: string, options: OpenOptions = {}) {
    this.db = openDatabase(path, options);
    const db = this.db;
    this.checkpointer = options.readonly ? null : new WalCheckpointer(db, path);
    this.stmt = options.readonly ? null : {
      upsertSource: db.prepare(`INSERT INTO sources (id, name, base_url, language) VALUES (@id, @name, @baseUrl, @language)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, language = excluded.language`),
      sourceExists: db.prepare(`SELECT 1 FROM sources WHERE id = ?`).pluck(),
      articleByUrl: db.prepare(`SELECT id, content_hash AS contentHash, title, text, updated_at AS updatedAt FROM articles WHERE url = ?`),
      articleByHash: db.prepare(`SELECT id, url FROM articles WHERE content_hash = ? AND source_id IS ? LIMIT 1`),
      // Hot inserts take positional parameters: binding an object costs a property look-up per column.
      insertArticle: db.prepare(`INSERT INTO articles (url, source_id, title, published, published_origin, modified, author, credit,
          section, language, text, content_hash, warnings, fetched_at, first_stored_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updateArticle: db.prepare(`UPDATE articles SET source_id = @sourceId, title = @title, published = @published,
          published_origin = @publishedOrigin, modified = @modified, author = @author, credit = @credit, section = @section,
          language = @language, text = @text, content_hash = @contentHash, warnings = @warnings, fetched_at = @fetchedAt,
          updated_at = @now WHERE id = @id`),
      insertRevision: db.prepare(`INSERT INTO article_revisions (article_id, title, text, content_hash, stored_at, replaced_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      upsertRaw: db.prepare(`INSERT INTO raw_pages (article_id, url, fetched_at, content_type, charset, html_gzip)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(article_id) DO UPDATE SET url = excluded.url, fetched_at = excluded.fetched_at,
          content_type = excluded.content_type, charset = excluded.charset, html_gzip = excluded.html_gzip`),
      // articles_fts reads its text from articles (external content): a row is removed by giving
      // back exactly the folded values it was indexed with.
      deleteFts: db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`),
      insertFts: db.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`),
      deleteTitles: db.prepare(`DELETE FROM official_titles WHERE article_id = ?`),
      deleteCitations: db.prepare(`DELETE FROM document_citations WHERE article_id = ?`),
      deleteDates: db.prepare(`DELETE FROM dates WHERE article_id = ?`),
      deletePeriods: db.prepare(`DELETE FROM periods WHERE article_id = ?`),
      deleteStatistics: db.prepare(`DELETE FROM statistics WHERE article_id = ?`),
      statisticsOfArticle: db.prepare(`SELECT unit_folded, value, coalesce(period_start, published) AS time FROM statistics
        WHERE article_id = ?`).raw(),
      dropEmptySummary: db.prepare(`DELETE FROM statistics_summary WHERE unit_folded = ? AND grain = ? AND time = ? AND statistics <= 0`),
      // When a number that was a bucket's least or greatest goes, the bucket's extremes are read
      // again: a month's from the unit indexes (numbers with a period starting that month, and
      // numbers without one published that month), the undated ones' likewise, a year's from its
      // months. CASE evaluates the look-ups only when needed.
      refreshMonthExtremes: db.prepare(`UPDATE statistics_summary SET
          least = CASE WHEN @removedLeast <= least THEN (SELECT min(v) FROM (
            SELECT min(value) AS v FROM statistics INDEXED BY statistics_unit_period WHERE unit_folded = @unit
              AND period_start >= @time AND period_start < @time || '~' AND substr(period_start, 1, 7) = @time
            UNION ALL SELECT min(value) FROM statistics INDEXED BY statistics_unit WHERE unit_folded = @unit
              AND published >= @time AND published < @time || '~' AND period_start IS NULL AND substr(published, 1, 7) = @time)) ELSE least END,
          greatest = CASE WHEN @removedGreatest >= greatest THEN (SELECT max(v) FROM (
            SELECT max(value) AS v FROM statistics INDEXED BY statistics_unit_period WHERE unit_folded = @unit
              AND period_start >= @time AND period_start < @time || '~' AND substr(period_start, 1, 7) = @time
            UNION ALL SELECT max(value) FROM statistics INDEXED BY statistics_unit WHERE unit_folded = @unit
              AND published >= @time AND published < @time || '~' AND period_start IS NULL AND substr(published, 1, 7) = @time)) ELSE greatest END
        WHERE unit_folded = @unit AND grain = 'month' AND time = @time`),
      refreshUndatedExtremes: db.prepare(`UPDATE statistics_summary SET
          least = CASE WHEN @removedLeast <= least THEN (SELECT min(value) FROM statistics INDEXED BY statistics_unit
            WHERE unit_folded = @unit AND published IS NULL AND period_start IS NULL) ELSE least END,
          greatest = CASE WHEN @removedGreatest >= greatest THEN (SELECT max(value) FROM statistics INDEXED BY statistics_unit
            WHERE unit_folded = @unit AND published IS NULL AND period_start IS NULL) ELSE greatest END
        WHERE unit_folded = @unit AND grain = 'none' AND time = @time`),
      refreshYearExtremes: db.prepare(`UPDATE statistics_summary AS y SET
          least = CASE WHEN @removedLeast <= y.least THEN (SELECT min(m.least) FROM statistics_summary m WHERE m.unit_folded = @unit
            AND m.grain = 'month' AND m.time >= @time AND m.time < @time || '~' AND substr(m.time, 1, 4) = @time) ELSE y.least END,
          greatest = CASE WHEN @removedGreatest >= y.greatest THEN (SELECT max(m.greatest) FROM statistics_summary m WHERE m.unit_folded = @unit
            AND m.grain = 'month' AND m.time >= @time AND m.time < @time || '~' AND substr(m.time, 1, 4) = @time) ELSE y.greatest END
        WHERE y.unit_folded = @unit AND y.grain = 'year' AND y.time = @time`),
      officialByKey: db.prepare(`SELECT id FROM officials WHERE name_folded = ?`).pluck(),
      insertOfficial: db.prepare(`INSERT INTO officials (name, name_folded) VALUES (?, ?)`),
      insertTitle: db.prepare(`INSERT INTO official_titles (article_id, official_id, title, position) VALUES (?, ?, ?, ?)`),
      documentByKey: db.prepare(`SELECT id, date, issuer, term FROM documents WHERE doc_key = ?`),
      insertDocument: db.prepare(`INSERT INTO documents (doc_key, kind, number, code, date, issuer, term) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      // A later citation may know what an earlier one did not.
      completeDocument: db.prepare(`UPDATE documents SET date = coalesce(date, ?), issuer = coalesce(issuer, ?), term = coalesce(term, ?)
        WHERE id = ?`),
      insertCitation: db.prepare(`INSERT INTO document_citations (article_id, document_id, text, span_start, span_end) VALUES (?, ?, ?, ?, ?)`),
      insertDate: db.prepare(`INSERT INTO dates (article_id, text, value, part_of_day, implied, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertPeriod: db.prepare(`INSERT INTO periods (article_id, text, value, start_date, end_date, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertStatistic: db.prepare(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded, context, period,
          period_start, period_end, rule, span_start, span_end, place, place_folded, published)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // crawl state
      discoverUrl: db.prepare(`INSERT INTO urls (url, source_id, kind, published_hint, discovered_at)
        VALUES (@url, @sourceId, @kind, @publishedHint, @now) ON CONFLICT(url) DO NOTHING`),
      refreshHint: db.prepare(`UPDATE urls SET published_hint = coalesce(?, published_hint) WHERE url = ?`),
      urlState: db.prepare(`SELECT url, source_id AS sourceId, kind, status, attempts, last_status AS lastStatus, last_error AS lastError,
        etag, last_modified AS lastModified, content_hash AS contentHash, next_check_at AS nextCheckAt FROM urls WHERE url = ?`),
      recordFetch: db.prepare(`UPDATE urls SET status = @status, attempts = @attempts, last_status = @lastStatus, last_error = @lastError,
        etag = coalesce(@etag, etag), last_modified = coalesce(@lastModified, last_modified),
        content_hash = coalesce(@contentHash, content_hash), fetched_at = @now, next_check_at = @nextCheckAt WHERE url = @url`),
      startRun: db.prepare(`INSERT INTO runs (kind, pipeline, started_at) VALUES (?, ?, ?)`),
      finishRun: db.prepare(`UPDATE runs SET finished_at = ?, status = ? WHERE id = ?`),
      upsertRunSource: db.prepare(`INSERT INTO run_sources (run_id, source_id, discovered, fetched, not_modified, failed, failed_reasons,
          stored, updated, unchanged, entities, warnings)
        VALUES (@runId, @sourceId, @discovered, @fetched, @notModified, @failed, @failedReasons, @stored, @updated, @unchanged, @entities, @warnings)
        ON CONFLICT(run_id, source_id) DO UPDATE SET discovered = excluded.discovered, fetched = excluded.fetched,
          not_modified = excluded.not_modified, failed = excluded.failed, failed_reasons = excluded.failed_reasons,
          stored = excluded.stored, updated = excluded.updated, unchanged = excluded.unchanged, entities = excluded.entities,
          warnings = excluded.warnings`),
    };
  }

  private get w() {
    if (!this.stmt) throw new StoreError(`database ${this.path} is open read-only`);
    return this.stmt;
  }

  close(): void {
    this.checkpointer?.close();
    this.db.close();
  }

  upsertSource(source: Pick<Source, 'id' | 'name' | 'baseUrl' | 'language'>): void {
    this.w.upsertSource.run({ id: source.id, name: source.name, baseUrl: source.baseUrl ?? null, language: source.language ?? null });
  }

  /**
   * Stores an article and its extraction in one transaction. The key is the canonical URL;
   * the same text under the same URL changes nothing, new text keeps the old one as a revision,
   * and the same text under another URL of the same source is recorded as a duplicate.
   */
  saveArticle(article: Article, extraction: Extraction, options: SaveOptions = {}): SaveResult {
    return this.unit(() => this.saveOne(article, extraction, options));
  }

  /**
   * Stores many articles in one transaction, all or none: several times faster than one
   * transaction each. When it throws nothing of the batch is stored; a caller that wants to keep
   * the good ones retries that batch with saveArticle one by one (inside `transaction` if they
   * should commit together).
   */
  saveArticles(items: ReadonlyArray<{ article: Article; extraction: Extraction; options?: SaveOptions }>): SaveResult[] {
    return this.unit(() => items.map((item) => this.saveOne(item.article, item.extraction, item.options ?? {})));
  }

  /**
   * Runs `fn` in one write transaction (all of it commits, or none). The store's writes inside it
   * (saveArticle, saveArticles, replaceExtraction) each stay all-or-nothing on their own — a save
   * that throws leaves nothing behind and the caller may go on — while the search index rows and
   * the statistics summary of all of them are written once, at the end. Prefer it to a bare
   * `store.db.transaction(...)` around saves: there each save must write its search rows before
   * its savepoint closes, and FTS5 then flushes its pending index at every savepoint (measured
   * ~2× slower per article).
   */
  transaction<T>(fn: () => T): T {
    return this.open ? fn() : this.topLevel(fn);
  }

  private saveOne(article: Article, extraction: Extraction, options: SaveOptions): SaveResult {
    const url = article.canonicalUrl ?? article.url;
    if (!url) throw new StoreError('an article needs a URL (or a file path as one) to be stored');
    if (article.sourceId !== null) this.checkSource(article.sourceId);
    const w = this.w;
    const now = nowIso();
    const existing = w.articleByUrl.get(url) as
      | { id: number; contentHash: string; title: string | null; text: string; updatedAt: string }
      | undefined;
    const warnings = article.warnings.length ? JSON.stringify(article.warnings) : null;
    const fetchedAt = options.fetchedAt ?? options.raw?.fetchedAt ?? null;
    let articleId: number;
    let status: SaveStatus;
    if (existing && existing.contentHash === article.contentHash) {
      return { status: 'unchanged', articleId: existing.id, entities: 0 };
    } else if (existing) {
      w.insertRevision.run(existing.id, existing.title, existing.text, existing.contentHash, existing.updatedAt, now);
      w.updateArticle.run({
        id: existing.id, sourceId: article.sourceId, title: article.title, published: article.published,
        publishedOrigin: article.publishedOrigin ?? null, modified: article.modified ?? null, author: article.author,
        credit: article.credit ?? null, section: article.section ?? null, language: article.language, text: article.text,
        contentHash: article.contentHash, warnings, fetchedAt, now,
      });
      articleId = existing.id;
      status = 'updated';
      this.deleteExtraction(articleId);
      this.open!.search.push([SEARCH_DELETE, articleId, foldForIndex(existing.title ?? ''), foldForIndex(existing.text)]);
    } else {
      const twin = w.articleByHash.get(article.contentHash, article.sourceId) as { id: number; url: string } | undefined;
      if (twin && article.text.length > 0) return { status: 'duplicate', articleId: twin.id, entities: 0 };
      articleId = Number(w.insertArticle.run(url, article.sourceId, article.title, article.published, article.publishedOrigin ?? null,
        article.modified ?? null, article.author, article.credit ?? null, article.section ?? null, article.language, article.text,
        article.contentHash, warnings, fetchedAt, now, now).lastInsertRowid);
      status = 'inserted';
    }
    this.open!.search.push([SEARCH_INSERT, articleId, foldForIndex(article.title ?? ''), foldForIndex(article.text)]);
    if (options.raw) {
      // Level 1: half the CPU of the default level (6) for output about 18% larger (measured on the
      // generated scale pages); still gzip, so rows written at any level read back the same way.
      w.upsertRaw.run(articleId, url, options.raw.fetchedAt ?? null, options.raw.contentType ?? null, options.raw.charset ?? null,
        options.raw.htmlGzip ?? gzipSync(options.raw.html, { level: 1 }));
    }
    const entities = this.insertExtraction(articleId, extraction, { title: article.title, published: article.published });
    return { status, articleId, entities };
  }

  /** Replaces an article's extraction (re-extraction over stored text). */
  replaceExtraction(articleId: number, extraction: Extraction): number {
    return this.unit(() => {
      const article = this.db.prepare(`SELECT title, published FROM articles WHERE id = ?`).get(articleId) as ArticleLabels | undefined;
      // The text has not changed, so its search row stays as it is.
      this.deleteExtraction(articleId);
      return this.insertExtraction(articleId, extraction, article ?? { title: null, published: null });
    });
  }

  /** The write transaction in progress through this Store, if any. */
  private open: OpenWrite | null = null;

  /**
   * One write (an article, a batch, a re-extraction): a transaction of its own, or inside
   * `transaction` a savepoint whose search rows and summary share join the transaction's only
   * when it succeeds.
   */
  private unit<T>(write: () => T): T {
    const open = this.open;
    if (!open) return this.topLevel(write);
    const searchMark = open.search.length;
    const transactionSummary = this.summary;
    const own = new SummaryDelta();
    this.summary = own;
    try {
      // Built once: better-sqlite3's db.transaction() costs tens of µs.
      this.savepoint ??= this.db.transaction((run: () => unknown) => run());
      const result = this.savepoint(write) as T;
      transactionSummary.merge(own);
      return result;
    } catch (error) {
      open.search.length = searchMark;
      // Officials or documents first inserted by the failed write were rolled back with it.
      this.clearTransactionCaches();
      throw error;
    } finally {
      this.summary = transactionSummary;
    }
  }

  private savepoint: ((run: () => unknown) => unknown) | undefined;

  /**
   * A write transaction (a savepoint when the caller's own `db.transaction` is open). SQLite's
   * foreign-key checks are off while it runs: every id the store writes comes from a row it has
   * just written or looked up in the same transaction, so the checks (a parent look-up per row,
   * ~5% of ingest) would only repeat that; the one key a caller supplies, the article's source,
   * is checked by saveOne. They stay on for every other write, and inside a caller's transaction
   * (the pragma cannot change there). The schema keeps its REFERENCES for analysts' tools.
   */
  private topLevel<T>(write: () => T): T {
    this.topTransaction ??= this.db.transaction((run: () => unknown) => this.withSummary(run));
    if (this.db.inTransaction) return this.topTransaction(write) as T;
    this.foreignKeys ??= { off: this.db.prepare('PRAGMA foreign_keys = OFF'), on: this.db.prepare('PRAGMA foreign_keys = ON') };
    this.foreignKeys.off.run();
    let result: T;
    try {
      result = this.topTransaction(write) as T;
    } finally {
      this.foreignKeys.on.run();
    }
    this.checkpointer?.committed();
    return result;
  }

  private foreignKeys: { off: Database.Statement; on: Database.Statement } | undefined;

  /** Throws unless the source is in the sources table (the foreign key saveOne checks itself). */
  private checkSource(sourceId: string): void {
    if (this.knownSources.has(sourceId)) return;
    if (!this.w.sourceExists.get(sourceId)) {
      throw new StoreError(`unknown source "${sourceId}": the sources table has no such id (add it with upsertSource before storing its articles)`);
    }
    this.knownSources.add(sourceId);
  }

  /** Source ids seen in the sources table (sources are never deleted, so an entry cannot go stale). */
  private readonly knownSources = new Set<string>();

  private topTransaction: ((run: () => unknown) => unknown) | undefined;

  /**
   * Runs `write` (inside a transaction), then writes the search rows it queued and adds what it
   * did to the statistics to statistics_summary, once for the whole transaction: a few hundred
   * upserts per batch instead of two per number. Both commit or roll back with the rest.
   */
  private withSummary<T>(write: () => T): T {
    this.summary.clear();
    // Ids seen in this transaction only: they commit or roll back with it, so no entry outlives its row.
    this.clearTransactionCaches();
    const open: OpenWrite = { search: [] };
    this.open = open;
    let result: T;
    try {
      result = write();
    } finally {
      this.open = null;
      this.clearTransactionCaches();
    }
    const w = this.w;
    for (const [kind, rowid, title, text] of open.search) (kind === SEARCH_INSERT ? w.insertFts : w.deleteFts).run(rowid, title, text);
    const shrunk: SummaryBucket[] = [];
    const buckets = [...this.summary.buckets()];
    this.addToSummary(buckets);
    for (const bucket of buckets) {
      if (bucket.statistics < 0 || bucket.articles < 0) w.dropEmptySummary.run(bucket.unitFolded, bucket.grain, bucket.time);
      if (bucket.removedLeast !== null) shrunk.push(bucket);
    }
    // Months (and the undated) before years: a year's extremes are read from its months.
    shrunk.sort((a, b) => Number(a.grain === 'year') - Number(b.grain === 'year'));
    for (const bucket of shrunk) {
      const refresh = bucket.grain === 'month' ? w.refreshMonthExtremes : bucket.grain === 'year' ? w.refreshYearExtremes : w.refreshUndatedExtremes;
      refresh.run({ unit: bucket.unitFolded, time: bucket.time, removedLeast: bucket.removedLeast, removedGreatest: bucket.removedGreatest });
    }
    this.summary.clear();
    return result;
  }

  private summary = new SummaryDelta();

  /**
   * Adds the buckets to statistics_summary, SUMMARY_ROWS rows per upsert: a batch of 500 articles
   * touches a thousand or more buckets, and one upsert each cost twice the CPU per bucket (measured).
   * Every bucket of a batch has its own key, so no two rows of one statement conflict.
   */
  private addToSummary(buckets: readonly SummaryBucket[]): void {
    for (let from = 0; from < buckets.length; from += SUMMARY_ROWS) {
      const rows = Math.min(SUMMARY_ROWS, buckets.length - from);
      const params: Array<string | number | null> = [];
      for (let i = from; i < from + rows; i++) {
        const b = buckets[i]!;
        params.push(b.unitFolded, b.grain, b.time, b.statistics, b.articles, b.valueSum, b.least, b.greatest);
      }
      const statement = (this.summaryUpserts[rows] ??= this.db.prepare(`INSERT INTO statistics_summary
          (unit_folded, grain, time, statistics, articles, value_sum, least, greatest)
        VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
        ON CONFLICT (unit_folded, grain, time) DO UPDATE SET statistics = statistics + excluded.statistics,
          articles = articles + excluded.articles, value_sum = value_sum + excluded.value_sum,
          least = min(coalesce(least, excluded.least), coalesce(excluded.least, least)),
          greatest = max(coalesce(greatest, excluded.greatest), coalesce(excluded.greatest, greatest))`));
      statement.run(params);
    }
  }

  /** The summary upsert by number of rows (1 to SUMMARY_ROWS), prepared on first use. */
  private readonly summaryUpserts: Database.Statement[] = [];

  private deleteExtraction(articleId: number): void {
    const w = this.w;
    this.summary.startArticle();
    for (const [unitFolded, value, time] of w.statisticsOfArticle.all(articleId) as Array<[string, number, string | null]>) {
      this.summary.add(unitFolded, value, time, -1);
    }
    w.deleteTitles.run(articleId);
    w.deleteCitations.run(articleId);
    w.deleteDates.run(articleId);
    w.deletePeriods.run(articleId);
    w.deleteStatistics.run(articleId);
  }

  private insertExtraction(articleId: number, extraction: Extraction, article: ArticleLabels): number {
    const w = this.w;
    this.summary.startArticle();
    let count = 0;
    for (const official of extraction.officials) {
      const id = this.officialId(official.name);
      if (official.titles.length === 0) w.insertTitle.run(articleId, id, null, 0);
      else official.titles.forEach((title, position) => w.insertTitle.run(articleId, id, title, position));
      count++;
    }
    for (const doc of extraction.documents) {
      const key = doc.code ? this.documentKey(doc.code) : plainKey([doc.kind, doc.number ?? '', doc.issuer ?? '', doc.date ?? ''].join('|'));
      const id = this.documentId(key, doc);
      w.insertCitation.run(articleId, id, doc.text, doc.span?.[0] ?? null, doc.span?.[1] ?? null);
      count++;
    }
    for (const date of extraction.dates) {
      w.insertDate.run(articleId, date.text, date.value, date.partOfDay ?? null, date.implied?.join(',') || null,
        date.span?.[0] ?? null, date.span?.[1] ?? null);
      count++;
    }
    for (const period of extraction.periods) {
      const [start, end] = periodBounds(period.value);
      w.insertPeriod.run(articleId, period.text, period.value, start, end, period.span?.[0] ?? null, period.span?.[1] ?? null);
      count++;
    }
    for (const stat of extraction.statistics) {
      const [periodStart, periodEnd] = periodBounds(stat.period);
      const place = stat.place ?? null;
      const unitFolded = this.folded(stat.unit);
      this.summary.add(unitFolded, stat.value, periodStart ?? article.published, 1);
      w.insertStatistic.run(articleId, stat.text, stat.value, stat.total ?? null, stat.unit, unitFolded,
        stat.context ?? null, stat.period ?? null, periodStart, periodEnd, stat.rule ?? null,
        stat.span?.[0] ?? null, stat.span?.[1] ?? null, place, place ? this.folded(place) : null, article.published);
      count++;
    }
    return count;
  }

  /**
   * The id of an official, inserting the person on first sight. A look-up by the unique folded
   * name, then a plain insert: an upsert with RETURNING cost several times more per call.
   */
  private officialId(name: string): number {
    // By the name as written first, then by its folded key: folding is idempotent, so a name that
    // equals some folded key is that very person. Not through folded(), whose cache outlives the
    // transaction: names are many, and mostly seen in one batch only.
    let id = this.officialIds.get(name);
    if (id !== undefined) return id;
    const key = plainKey(name);
    id = this.officialIds.get(key);
    if (id === undefined) {
      id = (this.w.officialByKey.get(key) as number | undefined) ?? Number(this.w.insertOfficial.run(name, key).lastInsertRowid);
      this.officialIds.set(key, id);
    }
    this.officialIds.set(name, id);
    return id;
  }

  /** Officials and documents already looked up or inserted in the current transaction, by key (and by name or code as written). */
  private officialIds = new Map<string, number>();
  private documents = new Map<string, KnownDocument>();
  private documentKeys = new Map<string, string>();

  /** A document code's folded key, remembered for the transaction (a batch cites the same few again and again). */
  private documentKey(code: string): string {
    let key = this.documentKeys.get(code);
    if (key === undefined) {
      key = plainKey(code);
      this.documentKeys.set(code, key);
    }
    return key;
  }

  /**
   * They commit or roll back with the transaction, so no entry may outlive it. Emptied by
   * replacing the maps, not with Map.clear(): V8 allocates a cleared or grown Map's new table in
   * the generation the Map lives in, so a long-lived Map refilled at every transaction put every
   * table it grew through straight into the old generation as garbage (3.6 KB a page at one article
   * per transaction; peak RSS climbed until the next full collection). A new Map starts young.
   */
  private clearTransactionCaches(): void {
    if (this.officialIds.size) this.officialIds = new Map();
    if (this.documents.size) this.documents = new Map();
    if (this.documentKeys.size) this.documentKeys = new Map();
  }

  /** The id of a document, inserting it on first sight and filling its date, issuer or term when a later citation gives them. */
  private documentId(key: string, doc: Extraction['documents'][number]): number {
    const w = this.w;
    let known = this.documents.get(key) ?? (w.documentByKey.get(key) as KnownDocument | undefined);
    if (!known) {
      const id = Number(w.insertDocument.run(key, doc.kind, doc.number, doc.code, doc.date, doc.issuer, doc.term ?? null).lastInsertRowid);
      known = { id, date: doc.date ?? null, issuer: doc.issuer ?? null, term: doc.term ?? null };
    } else if ((known.date === null && doc.date != null) || (known.issuer === null && doc.issuer != null) || (known.term === null && doc.term != null)) {
      w.completeDocument.run(doc.date, doc.issuer, doc.term ?? null, known.id);
      known = { id: known.id, date: known.date ?? doc.date ?? null, issuer: known.issuer ?? doc.issuer ?? null, term: known.term ?? doc.term ?? null };
    }
    this.documents.set(key, known);
    return known.id;
  }

  /**
   * plainKey of units and places, remembered: a few hundred distinct strings recur across millions
   * of numbers, and folding (NFD, a Unicode regex) costs more than a Map look-up. Pure, so no
   * transaction can make an entry wrong. A key is stored as a copy: a unit cut out of an article's
   * text (a V8 sliced string) would otherwise keep that whole text alive for the rest of the run.
   */
  private folded(text: string): string {
    let key = this.foldCache.get(text);
    if (key === undefined) {
      key = plainKey(text);
      if (this.foldCache.size > 50_000) this.foldCache.clear();
      this.foldCache.set(ownCopy(text), key);
    }
    return key;
  }

  private readonly foldCache = new Map<string, string>();

  /** Raw HTML of a stored article, for re-extraction. */
  rawPage(articleId: number): RawPage | null {
    const row = this.db.prepare(`SELECT html_gzip AS html, fetched_at AS fetchedAt, content_type AS contentType, charset
      FROM raw_pages WHERE article_id = ?`).get(articleId) as { html: Buffer; fetchedAt: string; contentType: string; charset: string } | undefined;
    if (!row) return null;
    return { ...row, html: gunzipSync(row.html).toString('utf8') };
  }

  // ---- crawl state ----

  /** Records a discovered URL; returns true when it was not known before. */
  discoverUrl(url: string, sourceId: string, kind: UrlKind, publishedHint: string | null = null): boolean {
    const inserted = this.w.discoverUrl.run({ url, sourceId, kind, publishedHint, now: nowIso() }).changes === 1;
    if (!inserted && publishedHint) this.w.refreshHint.run(publishedHint, url);
    return inserted;
  }

  urlState(url: string): UrlState | null {
    return (this.w.urlState.get(url) as UrlState | undefined) ?? null;
  }

  recordFetch(url: string, outcome: FetchRecord): void {
    this.w.recordFetch.run({
      url, status: outcome.status, attempts: outcome.attempts, lastStatus: outcome.httpStatus ?? null,
      lastError: outcome.error ?? null, etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null,
      contentHash: outcome.contentHash ?? null, nextCheckAt: outcome.nextCheckAt ?? null, now: nowIso(),
    });
  }

  /**
   * Article URLs of a source that are due, newest first (by the published hint a feed or
   * sitemap gave): new ones, failed ones whose retry time has come, and fetched ones whose
   * re-check time has come. `now = null` makes every known URL due (a forced re-check).
   */
  dueArticleUrls(sourceId: string, limit: number, now: string | null = nowIso(), maxAttempts = 5): UrlState[] {
    return this.db.prepare(`SELECT url, source_id AS sourceId, kind, status, attempts, last_status AS lastStatus, last_error AS lastError,
        etag, last_modified AS lastModified, content_hash AS contentHash, next_check_at AS nextCheckAt
      FROM urls WHERE source_id = @sourceId AND kind = 'article' AND (
        status = 'new'
        OR (status = 'failed' AND attempts < @maxAttempts AND (@now IS NULL OR next_check_at IS NULL OR next_check_at <= @now))
        OR (status IN ('fetched', 'not-modified') AND (@now IS NULL OR (next_check_at IS NOT NULL AND next_check_at <= @now))))
      ORDER BY status <> 'new', published_hint IS NULL, published_hint DESC, id LIMIT @limit`)
      .all({ sourceId, maxAttempts, now, limit }) as UrlState[];
  }

  // ---- runs ----

  startRun(kind: string, pipeline: string | null): number {
    return Number(this.w.startRun.run(kind, pipeline, nowIso()).lastInsertRowid);
  }

  recordRunSource(runId: number, sourceId: string, counts: RunSourceCounts): void {
    this.w.upsertRunSource.run({
      runId, sourceId, discovered: counts.discovered, fetched: counts.fetched, notModified: counts.notModified,
      failed: counts.failed, failedReasons: JSON.stringify(counts.failedReasons), stored: counts.stored,
      updated: counts.updated, unchanged: counts.unchanged, entities: counts.entities, warnings: JSON.stringify(counts.warnings),
    });
  }

  finishRun(runId: number, status: 'finished' | 'failed' | 'interrupted'): void {
    this.w.finishRun.run(nowIso(), status, runId);
  }
}

/** A stored document's id and the fields a later citation may fill in. */
interface KnownDocument {
  id: number;
  date: string | null;
  issuer: string | null;
  term: string | null;
}

/** What the extraction rows copy from their article. */
interface ArticleLabels {
  title: string | null;
  published: string | null;
}

export type UrlKind = 'article' | 'feed' | 'sitemap' | 'listing';

export interface UrlState {
  url: string;
  sourceId: string;
  kind: UrlKind;
  status: 'new' | 'fetched' | 'not-modified' | 'failed' | 'gone' | 'skipped';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
  nextCheckAt: string | null;
}

export interface FetchRecord {
  status: UrlState['status'];
  attempts: number;
  httpStatus?: number | null;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  contentHash?: string | null;
  nextCheckAt?: string | null;
}
