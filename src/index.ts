// vnpress as a library for Node programs: `import { clean, extract, openStore } from 'vnpress'`.
// The public API is what this module exports, with its types; the CLI runs the same functions.
// The compiled package (dist/index.js, declarations in dist/types/) is what `import 'vnpress'`
// loads; the English rules (chrono, compromise's lexicon as data) load on the first English text. better-sqlite3 loads
// with the package (~40 ms), so that openStore() stays synchronous.
import { decodeHtmlBytes } from './fetch/charset.ts';
import { sniffKind } from './fetch/files.ts';
import { cleanHtml, cleanText, type CleanOptions } from './clean/index.ts';
import { extract as extractStage } from './extract/index.ts';
import { Store } from './store/db.ts';
import { ReadModel } from './store/read-model.ts';
import {
  listQueries, runQuery, runReadOnlySql, searchArticles,
  type NamedQuery, type QueryResult, type SearchHit, type SearchOptions,
} from './store/query.ts';
import type { DB } from './store/connection.ts';
import type { Article, Extraction, InputKind } from './core/types.ts';

export { processPage, type Processed } from './run/process.ts';
export { toContract, type ContractRecord } from './core/contract.ts';
export { UserError, StoreError } from './core/errors.ts';
export { Store, type SaveOptions, type SaveResult, type SaveStatus, type RawPage } from './store/db.ts';
export { ReadModel } from './store/read-model.ts';
export type { CleanOptions } from './clean/index.ts';
export type { DB } from './store/connection.ts';
export type { NamedQuery, QueryParam, QueryResult, Row, SearchHit, SearchOptions } from './store/query.ts';
export type {
  ArticleHit, ArticleRecord, DocumentRecord, DocumentRow, OfficialRecord, OfficialRow, SearchFilters, StatisticRow, StatisticsFilters,
} from './store/read-model.ts';
export type {
  Article, DateRef, DocumentRef, Extraction, ExtractInput, InputKind, MetaOrigin, Official, PeriodRef, Source, Statistic,
} from './core/types.ts';

export interface CleanInputOptions extends CleanOptions {
  /** `html` for a page, `text` for text already flattened; by default the content says which (see `sniffKind`). */
  kind?: InputKind;
  /** For bytes: the Content-Type header they came with (its charset is one of the clues). */
  contentType?: string | null;
}

/**
 * Cleans one page (HTML) or text into an Article: the body without page furniture, paragraphs
 * separated by a blank line, with title, publication time, author and language. Bytes are decoded
 * from their declared or detected charset. Never throws on bad input: `warnings` say what went wrong.
 */
export function clean(input: string | Uint8Array, options: CleanInputOptions = {}): Article {
  const { kind, contentType, ...cleanOptions } = options;
  const content = typeof input === 'string' ? input : decodeHtmlBytes(input, contentType ?? undefined).text;
  return (kind ?? sniffKind(content)) === 'html' ? cleanHtml(content, cleanOptions) : cleanText(content, cleanOptions);
}

/** What extract() reads: an Article from clean(), or any text with what is known about it. */
export interface ExtractableText {
  text: string;
  /** A statistic whose sentence names no province takes the one the title names. */
  title?: string | null;
  /** ISO date or date-time: a day written without its year takes this one's. */
  published?: string | null;
  /** `vi` (the default) or `en`; other languages have no rules and give no entities. */
  language?: string | null;
}

/** Officials with their titles, documents, dates, periods and statistics found in a text. Synchronous and pure. */
export function extract(input: ExtractableText): Extraction {
  return extractStage({ text: input.text, title: input.title ?? null, published: input.published ?? null, language: input.language ?? 'vi' });
}

export interface OpenStoreOptions {
  /** Open for reading only (the file must exist): `writer` is then null. */
  readonly?: boolean;
}

/** A vnpress database: the read API every reader uses, and the Store for writes. */
export interface VnpressStore {
  readonly path: string;
  /** The better-sqlite3 connection (read-only when opened so). */
  readonly db: DB;
  /** The web app's read model: search pages, articles with their entities, statistics, officials, documents. */
  readonly readModel: ReadModel;
  /** Writes (saveArticle, saveArticles, upsertSource, …); null when opened read-only. */
  readonly writer: Store | null;
  /** Full-text search, best first; finds words with or without diacritics (`thanh uy` = `Thành ủy`). */
  search(text: string, options?: SearchOptions): SearchHit[];
  /** Runs a named query (`src/store/queries/*.sql`, see `queries()`) with its params. */
  runQuery(name: string, params?: Record<string, string | number | null | undefined>): QueryResult;
  /** Runs one read-only SQL statement; one that writes is refused (UserError). */
  runReadOnlySql(sql: string, params?: Record<string, unknown>): QueryResult;
  /** The named queries with their params. */
  queries(): NamedQuery[];
  close(): void;
}

/**
 * Opens (or, unless `readonly`, creates) a vnpress database. Its schema is brought up to date when
 * opened for writing; a file that is not a vnpress database is a StoreError.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): VnpressStore {
  const store = new Store(path, { readonly: !!options.readonly });
  const db = store.db;
  let readModel: ReadModel | undefined;
  return {
    path,
    db,
    get readModel() {
      return (readModel ??= new ReadModel(db));
    },
    writer: options.readonly ? null : store,
    search: (text, searchOptions = {}) => searchArticles(db, text, searchOptions),
    runQuery: (name, params = {}) => runQuery(db, name, params),
    runReadOnlySql: (sql, params = {}) => runReadOnlySql(db, sql, params),
    queries: () => listQueries(),
    close: () => store.close(),
  };
}

export { sniffKind };
