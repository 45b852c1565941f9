// The SQLite store: one file, WAL, migrations, one transaction per article and its extraction.
// Store is the one door for writes; behind it each reason to change has its own module:
// connection.ts (opening and tuning the file, migrations), this file (articles, revisions, raw
// pages, search rows, transactions), entities.ts (the extraction's rows), summary.ts
// (statistics_summary), crawl-state.ts (URLs and fetch outcomes), runs.ts (run records).
import type Database from 'better-sqlite3';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { Article, Extraction, Source } from '../core/types.ts';
import { profileOf, profileSchema } from '../core/profile.ts';
import { WalCheckpointer } from './checkpointer.ts';
import { openDatabase, StoreError, type DB, type OpenOptions } from './connection.ts';
import { EntityWriter, type ArticleLabels } from './entities.ts';
import { StatisticsSummary, SummaryDelta } from './summary.ts';
import { CrawlState } from './crawl-state.ts';
import { RunLog } from './runs.ts';


const nowIso = () => new Date().toISOString();

/** A source's row; its profile is kept when it is a whole one (a bare `--new-source` record has no base URL). */
function sourceRow(source: Source) {
  const profile = profileOf(source);
  return {
    id: source.id, name: source.name, baseUrl: source.baseUrl ?? null, language: source.language ?? null,
    profile: profileSchema.safeParse(profile).success ? JSON.stringify(profile) : null,
  };
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
  /**
   * A new article is a duplicate when an article of any source has its text, or when the page's own
   * canonical URL (`canonicalClaim`) is a stored article's URL (ingest: a saved copy of a crawled
   * page). Without it, duplicates are looked for within the article's source only (the crawl).
   */
  acrossSources?: { canonicalClaim?: string | null };
}

/**
 * `refused`: the URL is an article of another source, which this write may not touch (nothing is
 * written; `articleId` is that article's).
 */
export type SaveStatus = 'inserted' | 'updated' | 'unchanged' | 'duplicate' | 'refused';

export interface SaveResult {
  status: SaveStatus;
  articleId: number;
  entities: number;
}

/**
 * A write transaction's search-index rows, written at its end: FTS5 flushes its pending index at
 * every savepoint opened after a write to it, so rows written early would be flushed once per
 * save inside `Store.transaction` (and once by the batch's multi-row summary upsert).
 */
interface OpenWrite {
  search: Array<[kind: typeof SEARCH_INSERT | typeof SEARCH_DELETE, rowid: number, title: string | null, text: string]>;
}
const SEARCH_INSERT = 1;
const SEARCH_DELETE = 0;

/** What the store writes with, made once per writable store. */
interface Writers {
  articles: ReturnType<typeof articleStatements>;
  entities: EntityWriter;
  summary: StatisticsSummary;
  crawlState: CrawlState;
  runs: RunLog;
}

function articleStatements(db: DB) {
  return {
      upsertSource: db.prepare(`INSERT INTO sources (id, name, base_url, language, profile) VALUES (@id, @name, @baseUrl, @language, @profile)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, language = excluded.language,
          profile = coalesce(excluded.profile, profile)`),
      insertSource: db.prepare(`INSERT INTO sources (id, name, base_url, language, profile) VALUES (@id, @name, @baseUrl, @language, @profile)
        ON CONFLICT(id) DO NOTHING`),
      sourceExists: db.prepare(`SELECT 1 FROM sources WHERE id = ?`).pluck(),
      articleByUrl: db.prepare(`SELECT id, source_id AS sourceId, content_hash AS contentHash, title, text, updated_at AS updatedAt FROM articles WHERE url = ?`),
      articleByHash: db.prepare(`SELECT id, url FROM articles WHERE content_hash = ? AND source_id IS ? LIMIT 1`),
      articleByHashAnySource: db.prepare(`SELECT id, url FROM articles WHERE content_hash = ? LIMIT 1`),
      // Hot inserts take positional parameters: binding an object costs a property look-up per column.
      insertArticle: db.prepare(`INSERT INTO articles (url, source_id, title, published, published_origin, modified, author, credit,
          section, language, text, content_hash, warnings, fetched_at, first_stored_at, updated_at, canonical_url)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updateArticle: db.prepare(`UPDATE articles SET source_id = @sourceId, title = @title, published = @published,
          published_origin = @publishedOrigin, modified = @modified, author = @author, credit = @credit, section = @section,
          language = @language, text = @text, content_hash = @contentHash, warnings = @warnings, fetched_at = @fetchedAt,
          updated_at = @now, canonical_url = @canonicalUrl WHERE id = @id`),
      insertRevision: db.prepare(`INSERT INTO article_revisions (article_id, title, text, content_hash, stored_at, replaced_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      upsertRaw: db.prepare(`INSERT INTO raw_pages (article_id, url, fetched_at, content_type, charset, html_gzip)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(article_id) DO UPDATE SET url = excluded.url, fetched_at = excluded.fetched_at,
          content_type = excluded.content_type, charset = excluded.charset, html_gzip = excluded.html_gzip`),
      // articles_fts reads its text from articles (external content) and indexes it as it is
      // there, so that an FTS5 'rebuild' makes the same index: a row is removed by giving back
      // exactly the values it was indexed with (the article's before the update).
      deleteFts: db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`),
      insertFts: db.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`),
  };
}

/** Writes and crawl-state reads. Queries and exports live in their own modules. */
export class Store {
  readonly db: DB;
  private readonly writable: Writers | null;

  /** Checkpoints the WAL on a thread of its own once it grows (src/store/checkpointer.ts). */
  private readonly checkpointer: WalCheckpointer | null;

  constructor(readonly path: string, options: OpenOptions = {}) {
    this.db = openDatabase(path, options);
    const db = this.db;
    this.checkpointer = options.readonly ? null : new WalCheckpointer(db, path);
    this.writable = options.readonly ? null : {
      articles: articleStatements(db), entities: new EntityWriter(db), summary: new StatisticsSummary(db),
      crawlState: new CrawlState(db), runs: new RunLog(db, path),
    };
  }

  private get w() {
    return this.writers.articles;
  }

  /** The writers, made when the store is opened for writing. */
  private get writers(): Writers {
    if (!this.writable) throw new StoreError(`database ${this.path} is open read-only`);
    return this.writable;
  }

  close(): void {
    this.checkpointer?.close();
    this.db.close();
  }

  /** Crawl state: discovered URLs, fetch outcomes, what is due. */
  get crawlState(): CrawlState {
    return this.writers.crawlState;
  }

  /** Run records. */
  get runs(): RunLog {
    return this.writers.runs;
  }

  /**
   * Writes a source from its profile: name, base URL, language and the profile itself (kept for
   * reextract, src/core/profile.ts). Only a profile changes a stored source; a bare record without
   * selectors etc. is written as a profile too, so its pages are re-extracted as they were cleaned.
   */
  upsertSource(source: Source): void {
    this.w.upsertSource.run(sourceRow(source));
  }

  /** Adds a source unless its id is taken; a stored source is left exactly as it is. Returns whether it was added. */
  addSource(source: Source): boolean {
    return this.w.insertSource.run(sourceRow(source)).changes === 1;
  }

  /**
   * Stores an article and its extraction in one transaction. The key is `article.url`, which the
   * runner chose (src/fetch/identity.ts); the page's own canonical claim is kept beside it
   * (`canonical_url`) when it differs, never used as the key. The same text under the same URL
   * changes nothing, new text keeps the old one as a revision, the same text under another URL of
   * the same source is recorded as a duplicate, and an article stored under another source is not
   * touched (`refused`).
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
    const url = article.url;
    if (!url) throw new StoreError('an article needs a URL (or a file path as one) to be stored');
    const canonical = article.canonicalUrl && article.canonicalUrl !== url ? article.canonicalUrl : null;
    if (article.sourceId !== null) this.checkSource(article.sourceId);
    const w = this.w;
    const now = nowIso();
    const existing = w.articleByUrl.get(url) as
      | { id: number; sourceId: string | null; contentHash: string; title: string | null; text: string; updatedAt: string }
      | undefined;
    // No page may write an article of another source (two profiles sharing a host, a file filed under a source).
    if (existing && existing.sourceId !== article.sourceId) return { status: 'refused', articleId: existing.id, entities: 0 };
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
        contentHash: article.contentHash, warnings, fetchedAt, now, canonicalUrl: canonical,
      });
      articleId = existing.id;
      status = 'updated';
      this.writers.entities.delete(articleId, this.summary);
      this.open!.search.push([SEARCH_DELETE, articleId, existing.title, existing.text]);
    } else {
      const across = options.acrossSources;
      const twin = (across ? w.articleByHashAnySource.get(article.contentHash) ?? (across.canonicalClaim ? w.articleByUrl.get(across.canonicalClaim) : undefined)
        : w.articleByHash.get(article.contentHash, article.sourceId)) as { id: number } | undefined;
      if (twin && article.text.length > 0) return { status: 'duplicate', articleId: twin.id, entities: 0 };
      articleId = Number(w.insertArticle.run(url, article.sourceId, article.title, article.published, article.publishedOrigin ?? null,
        article.modified ?? null, article.author, article.credit ?? null, article.section ?? null, article.language, article.text,
        article.contentHash, warnings, fetchedAt, now, now, canonical).lastInsertRowid);
      status = 'inserted';
    }
    this.open!.search.push([SEARCH_INSERT, articleId, article.title, article.text]);
    if (options.raw) {
      // Level 1: half the CPU of the default level (6) for output about 18% larger (measured on the
      // generated scale pages); still gzip, so rows written at any level read back the same way.
      w.upsertRaw.run(articleId, url, options.raw.fetchedAt ?? null, options.raw.contentType ?? null, options.raw.charset ?? null,
        options.raw.htmlGzip ?? gzipSync(options.raw.html, { level: 1 }));
    }
    const entities = this.writers.entities.insert(articleId, extraction, { title: article.title, published: article.published }, this.summary);
    return { status, articleId, entities };
  }

  /** Replaces an article's extraction (re-extraction over stored text). */
  replaceExtraction(articleId: number, extraction: Extraction): number {
    return this.unit(() => {
      const article = this.db.prepare(`SELECT title, published FROM articles WHERE id = ?`).get(articleId) as ArticleLabels | undefined;
      // The text has not changed, so its search row stays as it is.
      this.writers.entities.delete(articleId, this.summary);
      return this.writers.entities.insert(articleId, extraction, article ?? { title: null, published: null }, this.summary);
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
      this.writers.entities.clearTransactionCaches();
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
    this.writers.entities.clearTransactionCaches();
    const open: OpenWrite = { search: [] };
    this.open = open;
    let result: T;
    try {
      result = write();
    } finally {
      this.open = null;
      this.writers.entities.clearTransactionCaches();
    }
    const w = this.w;
    for (const [kind, rowid, title, text] of open.search) (kind === SEARCH_INSERT ? w.insertFts : w.deleteFts).run(rowid, title, text);
    this.writers.summary.apply(this.summary);
    this.summary.clear();
    return result;
  }

  private summary = new SummaryDelta();

  /** Raw HTML of a stored article, for re-extraction. */
  rawPage(articleId: number): RawPage | null {
    const row = this.db.prepare(`SELECT html_gzip AS html, fetched_at AS fetchedAt, content_type AS contentType, charset
      FROM raw_pages WHERE article_id = ?`).get(articleId) as { html: Buffer; fetchedAt: string; contentType: string; charset: string } | undefined;
    if (!row) return null;
    return { ...row, html: gunzipSync(row.html).toString('utf8') };
  }
}
