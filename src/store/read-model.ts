// The read model: what the web app, the CLI's search and the reports read from the store. Every
// statement is a constant string with bound parameters; where a filter is absent the statement
// without its clause is chosen from a fixed set (the planner cannot use an index behind
// `:x IS NULL OR col = :x`), so no data ever reaches SQL text. The indexes named in INDEXED BY
// hints are the migrations' (test/store/read-model-indexes.test.ts checks every name).
import type Database from 'better-sqlite3';
import type { DB } from './connection.ts';
import { plainKey } from '../core/fold.ts';
import { buildFtsQuery } from './fts-query.ts';
import type { RowStream } from './query.ts';
import { makeSnippet, markedRanges } from './snippets.ts';
import { UserError } from '../core/errors.ts';
import { ENTITY_KINDS, type EntityKind, type EntityKindInfo } from '../core/entities.ts';

type Statement = Database.Statement;
type Params = Record<string, string | number | null>;

/** Counts stop here: "more than 1 000 results" is all a reader needs, and counting costs. */
export const COUNT_CAP = 1000;
export const SEARCH_PAGE_SIZE = 20;
export const TABLE_PAGE_SIZE = 50;
/** Most points one chart draws (the newest ones). */
export const CHART_CAP = 2000;
/** A by-period selection up to this many rows is sorted; a larger one walks the period index. */
const PERIOD_SORT_LIMIT = 50_000;

interface StatisticsShape {
  where: string;
  params: Params;
}

export interface Counted {
  count: number;
  /** True when there are more than `count` (the count stopped at the cap). */
  capped: boolean;
}

/** A clause and the parameter it needs; the clause text is a constant. */
interface Clause {
  key: string;
  sql: string;
}

/** Prepared statements keyed by the shape of the query (which clauses are present). */
class StatementCache {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly db: DB) {}
  get(key: string, build: () => string): Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(build());
      this.statements.set(key, statement);
    }
    return statement;
  }
}

/**
 * Results of recent reads, least recently used dropped first, all dropped as soon as the database
 * changes: `PRAGMA data_version` moves when another connection commits (a crawl writing while the
 * server runs) and total_changes() when this one does. Pages and charts are asked for again and
 * again (paging back, reloading, several readers on one question); a hit costs a Map look-up
 * instead of a query that can take tens of milliseconds and would hold up every other request on
 * the server's one thread. Cached values are shared: callers must not modify them.
 */
class ResultCache {
  private readonly entries = new Map<string, { value: unknown; weight: number }>();
  private weight = 0;
  private currentKey: string;
  private readonly currentVersion: () => string;

  /** `maxWeight`: the sum of entry weights kept (a weight is about 100 bytes: a chart point, a table row). */
  constructor(db: DB, private readonly maxWeight: number) {
    const statement = db.prepare<[], string>(`SELECT total_changes() || '/' || data_version FROM pragma_data_version`).pluck();
    this.currentVersion = () => statement.get() as string;
    this.currentKey = this.currentVersion();
  }

  /** Which state of the database the entries belong to (as of the last check). */
  get version(): string {
    return this.currentKey;
  }

  /** Empties the cache when the database has changed since the last call; true when it had. */
  changed(): boolean {
    const version = this.currentVersion();
    if (version === this.currentKey) return false;
    this.currentKey = version;
    this.entries.clear();
    this.weight = 0;
    return true;
  }

  get<T>(key: string, compute: () => T, weigh: (value: T) => number = () => 1): T {
    this.changed();
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    const weight = Math.max(1, weigh(value));
    if (weight > this.maxWeight / 8) return value;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
    return value;
  }
}

/** What the result cache keeps, in units of about 100 bytes (a chart point, a table row): some 30–60 MB. */
const RESULT_CACHE_WEIGHT = 300_000;

/** The weight of rows that carry an article's text. */
const textWeight = (rows: { text: string }[]) => rows.reduce((sum, r) => sum + 1 + r.text.length / 100, 0);

/**
 * Rows for a download, from a statement of its own (a shared cached statement would be busy
 * while a long download iterates), with the column names known before the first row.
 */
function stream(db: DB, sql: string, params: Params | number): RowStream {
  const statement = db.prepare(sql);
  return { columns: statement.columns().map((c) => c.name), rows: statement.iterate(params) as IterableIterator<Record<string, unknown>> };
}

/** FTS5 refuses some expressions the query builder lets through (`alert(1)`): that is bad input, not a crash. */
function ftsGuard<T>(q: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (q && /^fts5:/.test((error as Error).message)) {
      throw new UserError(`search ${JSON.stringify(q)} cannot be read (${(error as Error).message}); put words with brackets or signs in "quotes"`);
    }
    throw error;
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- search

/**
 * How a search ranks: `newest` by publication date (the web's pages), `relevance` by bm25 with the
 * title weighing 5× the body, then newest (the CLI's `query search`). Without words, newest.
 */
export type SearchOrder = 'newest' | 'relevance';

export interface SearchFilters {
  q?: string | undefined;
  order?: SearchOrder | undefined;
  source?: string | undefined;
  section?: string | undefined;
  language?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ArticleHit {
  id: number;
  /** Offsets of the matched words in `text` and `title` (empty without a text query). */
  textMatches: [number, number][];
  titleMatches: [number, number][];
  url: string;
  title: string | null;
  published: string | null;
  source_id: string | null;
  source_name: string | null;
  section: string | null;
  language: string;
  author: string | null;
  text: string;
  /** bm25 rank (lower is better), in relevance order only. */
  rank?: number;
}

/** The folded FTS5 expression for what a reader typed (the CLI's rules), or the reason there is none. */
export function ftsMatch(q: string): { match: string } | { problem: string } {
  try {
    return { match: buildFtsQuery(q) };
  } catch (error) {
    if (error instanceof UserError) return { problem: error.message };
    throw error;
  }
}

const SEARCH_FILTERS: Record<string, Clause> = {
  source: { key: 's', sql: 'a.source_id = @source' },
  section: { key: 'c', sql: 'a.section = @section' },
  language: { key: 'l', sql: 'a.language = @language' },
  from: { key: 'f', sql: 'a.published >= @from' },
  to: { key: 't', sql: 'a.published < @toNext' },
};

/** Ids per block of the search walk's date bound (dateOrder): 2^10; 100k articles make ~100 blocks. */
const SEARCH_BLOCK_BITS = 10;

const HIT_COLUMNS = `a.id, a.url, a.title, a.published, a.source_id, src.name AS source_name, a.section, a.language, a.author, a.text`;

/**
 * The columns of every search export, the web's download (`/search/export`, `/search.csv`) and
 * the CLI's `export search:…` alike: the article, a snippet with the matched words in «», its
 * URL, and FTS5's bm25 rank (lower is better; null when no words were given).
 */
export const SEARCH_EXPORT_COLUMNS = ['article_id', 'published', 'source_id', 'source_name', 'section', 'language', 'title', 'author',
  'snippet', 'article_url', 'rank'] as const;

/** Search hits as export rows (SEARCH_EXPORT_COLUMNS), one at a time. */
export function searchExportRows(hits: Iterable<ArticleHit>, skip = 0, limit = Infinity, snippetLength = 240): RowStream {
  function* rows(): IterableIterator<Record<string, unknown>> {
    let at = 0;
    for (const row of hits) {
      if (at++ < skip) continue;
      if (at > skip + limit) return;
      yield {
        article_id: row.id, published: row.published, source_id: row.source_id, source_name: row.source_name, section: row.section,
        language: row.language, title: row.title, author: row.author ?? null, snippet: makeSnippet(row.text, row.textMatches, snippetLength),
        article_url: row.url, rank: row.rank ?? null,
      };
    }
  }
  return { columns: [...SEARCH_EXPORT_COLUMNS], rows: rows() };
}

/** See ReadModel.dateOrder(). */
interface DateOrder {
  rank: Int32Array;
  sourceOf: Int32Array;
  sourceCodes: Map<string, number>;
  upTo: Int32Array;
  range(from?: string, toNext?: string): { lo: number; hi: number; minRank: number; maxRank: number } | null;
}

interface SearchShape {
  key: string;
  /** The filters (not the text match) as `AND …` clauses. */
  and: string;
  params: Params;
  match: string | null;
}

export class ReadModel {
  private readonly cache: StatementCache;
  private readonly results: ResultCache;
  private facetsCache: { at: number; version: string; value: Facets } | null = null;
  /**
   * dateOrder()'s tables and the state of the database they were read in: kept apart from the result cache, which
   * refuses an entry this large (8 bytes an article) past ~500k articles and would then read them at every search.
   */
  private dateOrderCache: { version: string; value: DateOrder } | null = null;

  private readonly searchBlockBits: number;
  private readonly periodSortLimit: number;

  /** The period limit chooses between two plans that must give the same rows, and the block size sets how often the search walk may stop; tests lower them to compare. */
  constructor(readonly db: DB, options: { periodSortLimit?: number; searchBlockBits?: number } = {}) {
    this.cache = new StatementCache(db);
    this.results = new ResultCache(db, RESULT_CACHE_WEIGHT);
    this.searchBlockBits = options.searchBlockBits ?? SEARCH_BLOCK_BITS;
    this.periodSortLimit = options.periodSortLimit ?? PERIOD_SORT_LIMIT;
  }

  // ------------------------------------------------------------ cached entry points
  // What the pages ask for goes through the result cache (emptied whenever the database changes).

  article(id: number): ArticleRecord | null {
    return this.results.get(`article:${id}`, () => this.articleFresh(id),
      (r) => (r ? textWeight([r.article]) + r.statistics.length + r.documents.length + Object.values(r.rows).reduce((n, list) => n + list.length, 0) : 1));
  }

  countStatistics(filters: StatisticsFilters, cap = COUNT_CAP): Counted {
    return this.results.get(`statCount:${JSON.stringify([filters, cap])}`, () => this.countStatisticsFresh(filters, cap));
  }

  statistics(filters: StatisticsFilters, page: number, pageSize = TABLE_PAGE_SIZE): StatisticRow[] {
    return this.results.get(`statistics:${JSON.stringify([filters, page, pageSize])}`, () => this.statisticsFresh(filters, page, pageSize),
      (rows) => textWeight(rows));
  }

  statisticsChart(filters: StatisticsFilters): ChartPoint[] {
    return this.results.get(`chart:${JSON.stringify(filters)}`, () => this.statisticsChartFresh(filters), (points) => points.length);
  }

  /**
   * The chart endpoint's JSON body, serialised once per database state: turning 2,000 points into
   * JSON is about half of a chart request's time, and readers ask for the same chart again and again.
   */
  statisticsChartBody(filters: StatisticsFilters, unit: string | null): string {
    return this.results.get(`chart-body:${JSON.stringify([filters, unit])}`, () => {
      const points = this.statisticsChart(filters);
      return JSON.stringify({ unit, by: filters.by, count: points.length, capped: points.length >= CHART_CAP, points });
    }, (body) => body.length / 100);
  }

  officials(q: string | undefined, page: number, pageSize = TABLE_PAGE_SIZE): { rows: OfficialRow[]; total: Counted } {
    return this.results.get(`officials:${JSON.stringify([q ?? null, page, pageSize])}`, () => this.officialsFresh(q, page, pageSize),
      (r) => r.rows.length);
  }

  official(id: number): OfficialRecord | null {
    return this.results.get(`official:${id}`, () => this.officialFresh(id), (r) => (r ? r.articles.length + r.titles.length : 1));
  }

  documents(q: string | undefined, page: number, pageSize = TABLE_PAGE_SIZE): { rows: DocumentRow[]; total: Counted } {
    return this.results.get(`documents:${JSON.stringify([q ?? null, page, pageSize])}`, () => this.documentsFresh(q, page, pageSize),
      (r) => r.rows.length);
  }

  document(id: number): DocumentRecord | null {
    return this.results.get(`document:${id}`, () => this.documentFresh(id), (r) => (r ? r.citations.length + r.months.length : 1));
  }

  private searchShape(filters: SearchFilters): SearchShape {
    const params: Params = {};
    const clauses: Clause[] = [];
    let match: string | null = null;
    if (filters.q) {
      const fts = ftsMatch(filters.q);
      if ('problem' in fts) throw new UserError(fts.problem);
      match = params.match = fts.match;
    }
    if (filters.source) { params.source = filters.source; clauses.push(SEARCH_FILTERS.source!); }
    if (filters.section) { params.section = filters.section; clauses.push(SEARCH_FILTERS.section!); }
    if (filters.language) { params.language = filters.language; clauses.push(SEARCH_FILTERS.language!); }
    if (filters.from) { params.from = filters.from; clauses.push(SEARCH_FILTERS.from!); }
    if (filters.to) { params.toNext = nextDay(filters.to); clauses.push(SEARCH_FILTERS.to!); }
    return { key: clauses.map((c) => c.key).join(''), and: clauses.map((c) => ` AND ${c.sql}`).join(''), params, match };
  }

  /** One page of articles (newest first unless filters.order says relevance), and how many there are (capped). */
  search(filters: SearchFilters, page: number, pageSize = SEARCH_PAGE_SIZE): { hits: ArticleHit[]; total: Counted } {
    return this.searchRange(filters, pageSize, (page - 1) * pageSize);
  }

  /** `limit` articles from `offset` on, in the filters' order, and how many there are (capped). */
  searchRange(filters: SearchFilters, limit: number, offset: number): { hits: ArticleHit[]; total: Counted } {
    const shape = this.searchShape(filters);
    const order = shape.match && filters.order === 'relevance' ? 'relevance' : 'newest';
    return this.results.get(`search:${JSON.stringify([shape.match, shape.params, order, limit, offset])}`,
      () => ftsGuard(filters.q, () => this.searchPage(shape, order, limit, offset)), (r) => textWeight(r.hits));
  }

  private searchPage(shape: SearchShape, order: SearchOrder, limit: number, offset: number): { hits: ArticleHit[]; total: Counted } {
    const paging: Params = { ...shape.params, limit, offset };
    let ids: string;
    let count: number;
    if (!shape.match) {
      ids = `SELECT a.id FROM articles a WHERE 1${shape.and} ORDER BY a.published DESC, a.id DESC LIMIT @limit OFFSET @offset`;
      count = (this.cache.get(`searchCount:${shape.key}`, () => `
        SELECT count(*) AS n FROM (SELECT 1 FROM articles a WHERE 1${shape.and} LIMIT ${COUNT_CAP + 1})`).get(shape.params) as { n: number }).n;
    } else if (order === 'relevance') {
      ids = `SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH @match${shape.and}
           ORDER BY bm25(articles_fts, 5.0, 1.0), a.published DESC LIMIT @limit OFFSET @offset`;
      // Without filters the count needs no article row.
      count = (this.cache.get(`searchCount:q${shape.key}`, () => shape.and === ''
        ? `SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH @match LIMIT ${COUNT_CAP + 1})`
        : `SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts f JOIN articles a ON a.id = f.rowid
             WHERE articles_fts MATCH @match${shape.and} LIMIT ${COUNT_CAP + 1})`).get(shape.params) as { n: number }).n;
    } else {
      const walked = this.walkSearch(shape, limit, offset);
      ids = `SELECT value AS id FROM json_each(@ids)`;
      paging.ids = JSON.stringify(walked.ids);
      count = walked.count;
    }
    // The page's ids first (the sort carries no text), then their rows, in the same order.
    const pageIds = this.cache.get(`searchIds:${ids}`, () => ids).pluck().all(paging) as number[];
    const rows = this.cache.get('searchRows', () => `
      SELECT ${HIT_COLUMNS} FROM json_each(@ids) AS pick JOIN articles a ON a.id = pick.value LEFT JOIN sources src ON src.id = a.source_id
      ORDER BY pick.key`).all({ ids: JSON.stringify(pageIds) }) as ArticleHit[];
    if (shape.match) {
      // The matched words, found by FTS5 itself on the folded copy (offsets equal the original's),
      // for this page's rows, each from its own row: with `rowid = ?` instead of a set, FTS5 (SQLite
      // 3.53) gives every row the first matching row's phrase positions.
      const marks = this.cache.get(`searchMarks:${order}`, () => `
        SELECT rowid AS id, highlight(articles_fts, 0, char(2), char(3)) AS title, highlight(articles_fts, 1, char(2), char(3)) AS text
        ${order === 'relevance' ? ', bm25(articles_fts, 5.0, 1.0) AS rank' : ''}
        FROM articles_fts WHERE articles_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))`)
        .all({ match: shape.match, ids: JSON.stringify(pageIds) }) as { id: number; title: string | null; text: string; rank?: number }[];
      const byId = new Map(marks.map((m) => [m.id, m]));
      for (const row of rows) {
        const marked = byId.get(row.id);
        row.textMatches = marked ? markedRanges(marked.text) : [];
        row.titleMatches = marked?.title ? markedRanges(marked.title) : [];
        if (marked?.rank !== undefined) row.rank = marked.rank;
      }
    } else {
      for (const row of rows) {
        row.textMatches = [];
        row.titleMatches = [];
      }
    }
    return { hits: rows, total: { count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP } };
  }

  /**
   * The newest matches, without sorting them all: they are read from the full-text index by
   * descending id, the `offset + limit` newest so far kept in a short sorted list, and the reading
   * stops once no article of a lower id can be newer than the last one kept and the count has
   * reached its cap. Ids and dates go roughly together (a crawl stores the news as it comes), so a
   * common word reads a couple of thousand matches instead of all of them. Dates and sources come
   * from dateOrder() (no article row is read); a section or language filter joins the row; a date
   * filter narrows the ids read to the blocks that hold such dates. Measured on the bench's 300
   * uncached searches over 100k articles (in one process, no HTTP): 8.3 → 6.1 ms a search; reading
   * every match into an id bitmap and walking the date index, as before, read 60k matches on average.
   */
  private walkSearch(shape: SearchShape, limit: number, offset: number): { ids: number[]; count: number } {
    const dates = this.dateOrder();
    const bits = this.searchBlockBits;
    const { from, toNext, source, section, language } = shape.params as Record<string, string | undefined>;
    let lo = 0;
    let hi = Number.MAX_SAFE_INTEGER;
    let minRank = 0;
    let maxRank = Number.MAX_SAFE_INTEGER;
    if (from !== undefined || toNext !== undefined) {
      const range = dates.range(from, toNext);
      if (!range) return { ids: [], count: 0 };
      ({ lo, hi, minRank, maxRank } = range);
    }
    const sourceCode = source === undefined ? -1 : dates.sourceCodes.get(source) ?? -2;
    if (sourceCode === -2) return { ids: [], count: 0 };
    // Dates and sources are checked here, from dateOrder(); a section or language filter joins the article row.
    const joined = section !== undefined || language !== undefined;
    const rowFilters = [section !== undefined ? ' AND a.section = @section' : '', language !== undefined ? ' AND a.language = @language' : ''].join('');
    const newestFirst = this.cache.get(`searchNewest:${rowFilters}`, () => joined
      ? `SELECT a.id FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH @match AND f.rowid <= @hi${rowFilters} ORDER BY f.rowid DESC LIMIT @limit OFFSET @offset`
      : `SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match AND rowid <= @hi ORDER BY rowid DESC LIMIT @limit OFFSET @offset`).pluck();
    const params: Params = { match: shape.match, hi };
    if (section !== undefined) params.section = section;
    if (language !== undefined) params.language = language;
    const need = offset + limit;
    const { rank, sourceOf, upTo } = dates;
    // The newest `need` matches so far, newest first, as [date rank, id].
    const top: Array<[number, number]> = [];
    let seen = 0;
    let block = -1;
    // The ids come in batches, each a statement run whole, four times larger than the one before: a row read by
    // iterate() cost 0.45 µs against 0.13 µs in a batch. Each batch finds its place again, which below the newest
    // ids means passing every match above them (4–5 ms for a common word over 100k articles: FTS5 does not seek
    // downward), so a date range starts with a larger batch.
    let read = 0;
    walk: for (let batch = hi < Number.MAX_SAFE_INTEGER ? 8192 : 2048; ; batch *= 4) {
      const ids = newestFirst.all({ ...params, limit: batch, offset: read }) as number[];
      read += ids.length;
      for (const id of ids) {
        // FTS5 seeks to the upper bound but, measured, goes on below the lower one: the range ends here.
        if (id < lo) break walk;
        const b = Math.floor(id / 2 ** bits);
        if (b !== block) {
          block = b;
          // Every match still to come has a lower id, so a date ranked at most upTo[b] (and maxRank, if it is to
          // count): it ranks below the last one kept when that one's date is at least as new (equal dates go by
          // id, descending). Ids past the blocks, stored since dateOrder() was read, bound nothing.
          if (seen > COUNT_CAP && top.length >= need && b < upTo.length && top[top.length - 1]![0] >= Math.min(upTo[b]!, maxRank)) break walk;
        }
        const date = rank[id] ?? 0;
        if (date < minRank || date > maxRank || (sourceCode >= 0 && sourceOf[id] !== sourceCode)) continue;
        seen++;
        const last = top[top.length - 1];
        if (top.length >= need && last && (date < last[0] || (date === last[0] && id < last[1]))) continue;
        let at = top.length;
        top.push([date, id]);
        while (at > 0 && (top[at - 1]![0] < date || (top[at - 1]![0] === date && top[at - 1]![1] < id))) {
          top[at] = top[at - 1]!;
          at--;
        }
        top[at] = [date, id];
        if (top.length > need) top.pop();
      }
      if (ids.length < batch) break;
    }
    return { ids: top.slice(offset).map(([, id]) => id), count: seen };
  }

  /**
   * The articles' publication dates and sources by id, for the search walk, read once per state of
   * the database (one pass over each of two indexes: ~150 ms for 100k articles): `rank[id]` orders as the dates
   * do (0 for none; equal dates, equal ranks), `sourceOf[id]` is a code of `sourceCodes`, `upTo[b]` the
   * newest rank among the ids of blocks 0…b (2^searchBlockBits ids a block), and range() turns a date
   * filter into ranks and the ids of the blocks that hold such dates.
   */
  private dateOrder(): DateOrder {
    this.results.changed();
    const version = this.results.version;
    if (this.dateOrderCache?.version !== version) this.dateOrderCache = { version, value: this.readDateOrder() };
    return this.dateOrderCache.value;
  }

  private readDateOrder(): DateOrder {
    const bits = this.searchBlockBits;
    const maxId = (this.cache.get('maxArticleId', () => `SELECT max(id) FROM articles`).pluck().get() as number | null) ?? 0;
    const rank = new Int32Array(maxId + 1);
    const blocks = Math.floor(maxId / 2 ** bits) + 1;
    const newest = new Int32Array(blocks);
    const oldest = new Int32Array(blocks).fill(-1);
    // The first date of each rank, to turn a date filter into ranks.
    const firstOfRank: string[] = [''];
    let current: string | null = null;
    let r = 0;
    const byDate = this.cache.get('articlesByDate', () => `SELECT id, published FROM articles INDEXED BY articles_published ORDER BY published`).raw();
    for (const [id, published] of byDate.iterate() as IterableIterator<[number, string | null]>) {
      if (published !== null && published !== current) {
        current = published;
        firstOfRank.push(published);
        r++;
      }
      const value = published === null ? 0 : r;
      rank[id] = value;
      const b = Math.floor(id / 2 ** bits);
      if (value > newest[b]!) newest[b] = value;
      if (oldest[b]! < 0 || value < oldest[b]!) oldest[b] = value;
    }
    const sourceCodes = new Map<string, number>();
    const sourceOf = new Int32Array(maxId + 1).fill(-1);
    const bySource = this.cache.get('articlesBySource', () => `SELECT id, source_id FROM articles INDEXED BY articles_source_published`).raw();
    for (const [id, source] of bySource.iterate() as IterableIterator<[number, string | null]>) {
      if (source === null) continue;
      let code = sourceCodes.get(source);
      if (code === undefined) sourceCodes.set(source, code = sourceCodes.size);
      sourceOf[id] = code;
    }
    const upTo = new Int32Array(blocks);
    for (let b = 0, running = 0; b < blocks; b++) upTo[b] = running = Math.max(running, newest[b]!);
    /** The lowest rank whose date is at least `date` (past the last rank when none). */
    const rankFrom = (date: string) => {
      let low = 1;
      let high = firstOfRank.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (firstOfRank[mid]! < date) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    const range = (from?: string, toNext?: string) => {
      const minRank = from === undefined ? 1 : rankFrom(from);
      const maxRank = toNext === undefined ? firstOfRank.length - 1 : rankFrom(toNext) - 1;
      let first = -1;
      let last = -1;
      for (let b = 0; b < blocks; b++) {
        if (oldest[b]! < 0 || newest[b]! < minRank || oldest[b]! > maxRank) continue;
        if (first < 0) first = b;
        last = b;
      }
      return first < 0 || minRank > maxRank ? null : { lo: first * 2 ** bits, hi: (last + 1) * 2 ** bits - 1, minRank, maxRank };
    };
    return { rank, sourceOf, sourceCodes, upTo, range };
  }

  /**
   * Every article the words match, with its matched words, in the filters' order, one row at a
   * time from one statement (for exports: nothing is held but the row in hand).
   */
  *searchHits(filters: SearchFilters): IterableIterator<ArticleHit> {
    const shape = this.searchShape(filters);
    if (!shape.match) throw new UserError('search: no words to search for');
    const order = filters.order === 'relevance' ? 'ORDER BY rank, a.published DESC' : 'ORDER BY a.published DESC, a.id DESC';
    const statement = ftsGuard(filters.q, () => this.db.prepare(`
      SELECT ${HIT_COLUMNS}, highlight(articles_fts, 0, char(2), char(3)) AS markedTitle,
             highlight(articles_fts, 1, char(2), char(3)) AS markedText, bm25(articles_fts, 5.0, 1.0) AS rank
      FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN sources src ON src.id = a.source_id
      WHERE articles_fts MATCH @match${shape.and} ${order}`));
    type Row = ArticleHit & { markedTitle: string | null; markedText: string };
    const rows = ftsGuard(filters.q, () => statement.iterate(shape.params) as IterableIterator<Row>);
    for (const { markedTitle, markedText, ...hit } of rows) {
      hit.textMatches = markedRanges(markedText);
      hit.titleMatches = markedTitle ? markedRanges(markedTitle) : [];
      yield hit;
    }
  }

  /** Every matching article, for downloads (streamed by the caller). */
  searchAll(filters: SearchFilters): RowStream {
    const shape = this.searchShape(filters);
    if (!shape.match) {
      // No words: every article of the filters, newest first, in the same columns (no snippet, no rank).
      const statement = this.db.prepare(`SELECT a.id AS article_id, a.published, a.source_id, src.name AS source_name, a.section,
        a.language, a.title, a.author, NULL AS snippet, a.url AS article_url, NULL AS rank
        FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE 1${shape.and} ORDER BY a.published DESC, a.id DESC`);
      return { columns: [...SEARCH_EXPORT_COLUMNS], rows: statement.iterate(shape.params) as IterableIterator<Record<string, unknown>> };
    }
    // Find out now whether FTS5 accepts the expression: once the download has started, a 400 cannot be sent.
    ftsGuard(filters.q, () => this.cache.get('ftsCheck', () => `SELECT 1 FROM articles_fts WHERE articles_fts MATCH @match LIMIT 1`)
      .get({ match: shape.match }));
    return searchExportRows(this.searchHits(filters));
  }

  /**
   * Sources, sections, units and places for the filter menus. Recomputed only when the database
   * has changed, and then at most once a minute (a crawl may write all the time; menus may lag).
   * Units come from statistics_summary; a label is one seek per unit or place.
   */
  facets(): Facets {
    const now = Date.now();
    this.results.changed();
    const version = this.results.version;
    if (this.facetsCache && (this.facetsCache.version === version || now - this.facetsCache.at < 60_000)) return this.facetsCache.value;
    const value: Facets = {
      sources: this.db.prepare(`SELECT id, name FROM sources ORDER BY name`).all() as Facets['sources'],
      sections: (this.db.prepare(`SELECT DISTINCT section FROM articles WHERE section IS NOT NULL ORDER BY section LIMIT 200`)
        .all() as { section: string }[]).map((r) => r.section),
      units: this.db.prepare(`SELECT folded, (SELECT s.unit FROM statistics s WHERE s.unit_folded = u.folded LIMIT 1) AS unit, n
        FROM (SELECT unit_folded AS folded, sum(statistics) AS n FROM statistics_summary WHERE grain IN ('year', 'none')
          GROUP BY unit_folded ORDER BY n DESC, folded LIMIT 100) AS u
        ORDER BY n DESC, folded`).all() as Facets['units'],
      // Grouped on the (partial) indicator index; a percentage restating an a/b figure is not counted again.
      indicators: this.db.prepare(`SELECT s.indicator_key AS key, min(s.indicator) AS indicator, count(*) AS n
        FROM statistics s INDEXED BY statistics_indicator WHERE s.indicator_key IS NOT NULL AND s.restates IS NULL
        GROUP BY s.indicator_key ORDER BY n DESC, key LIMIT 40`).all() as Facets['indicators'],
      places: this.db.prepare(`SELECT folded, (SELECT s.place FROM statistics s WHERE s.place_folded = p.folded LIMIT 1) AS place, n
        FROM (SELECT place_folded AS folded, count(*) AS n FROM statistics WHERE place_folded IS NOT NULL
          GROUP BY place_folded ORDER BY n DESC, folded LIMIT 100) AS p
        ORDER BY n DESC, folded`).all() as Facets['places'],
    };
    this.facetsCache = { at: now, version, value };
    return value;
  }

  // ------------------------------------------------------------ article

  private articleFresh(id: number): ArticleRecord | null {
    const article = this.cache.get('article', () => `
      SELECT a.id, a.url, a.source_id, src.name AS source_name, src.base_url AS source_url, a.title, a.published, a.modified,
             a.author, a.credit, a.section, a.language, a.text, a.fetched_at
      FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE a.id = ?`).get(id) as ArticleRecord['article'] | undefined;
    if (!article) return null;
    const officials = this.cache.get('articleOfficials', () => `
      SELECT o.id, o.name, group_concat(t.title, ' · ') AS titles
      FROM official_titles t JOIN officials o ON o.id = t.official_id
      WHERE t.article_id = ? GROUP BY o.id ORDER BY min(t.id)`).all(id) as ArticleRecord['officials'];
    const documents = this.cache.get('articleDocuments', () => `
      SELECT c.id, c.document_id, c.text, c.span_start, c.span_end, d.code, d.kind
      FROM document_citations c JOIN documents d ON d.id = c.document_id WHERE c.article_id = ? ORDER BY c.span_start, c.id`)
      .all(id) as ArticleRecord['documents'];
    // The kinds kept as plain rows (dates, periods …): each has its text and value.
    const rows: ArticleRecord['rows'] = {};
    for (const info of ENTITY_KINDS as readonly EntityKindInfo[]) {
      if (!info.columns) continue;
      rows[info.kind] = this.cache.get(`articleRows:${info.kind}`, () => `
        SELECT id, text, value, span_start, span_end FROM ${info.table} WHERE article_id = ? ORDER BY span_start, id`).all(id) as EntityRow[];
    }
    const statistics = this.cache.get('articleStatistics', () => `
      SELECT id, text, value, total, unit, period, place, span_start, span_end FROM statistics WHERE article_id = ? ORDER BY span_start, id`)
      .all(id) as ArticleRecord['statistics'];
    return { article, officials, documents, rows, statistics };
  }

  /** Every entity of one article as flat rows, for downloads. */
  articleEntities(id: number): RowStream {
    const record = this.article(id);
    const columns = ['kind', 'text', 'value', 'unit', 'total', 'span_start', 'span_end', 'entity_id', 'article_id', 'published', 'article_url'];
    if (!record) return { columns, rows: [][Symbol.iterator]() };
    const { article } = record;
    const base = { article_id: article.id, article_url: article.url, published: article.published };
    const rows: Record<string, unknown>[] = [
      ...record.officials.map((o) => ({ ...base, kind: 'official', text: o.name, value: o.titles, entity_id: o.id })),
      ...record.documents.map((d) => ({ ...base, kind: 'document', text: d.text, value: d.code, entity_id: d.document_id, span_start: d.span_start, span_end: d.span_end })),
      ...ENTITY_KINDS.flatMap((info) => (record.rows[info.kind] ?? []).map((r) =>
        ({ ...base, kind: info.one, text: r.text, value: r.value, entity_id: r.id, span_start: r.span_start, span_end: r.span_end }))),
      ...record.statistics.map((s) => ({ ...base, kind: 'statistic', text: s.text, value: s.value, unit: s.unit, total: s.total, entity_id: s.id, span_start: s.span_start, span_end: s.span_end })),
    ].map((row) => ({ kind: row.kind, text: row.text, value: row.value, unit: 'unit' in row ? row.unit : null, total: 'total' in row ? row.total : null,
      span_start: 'span_start' in row ? row.span_start : null, span_end: 'span_end' in row ? row.span_end : null,
      entity_id: row.entity_id, article_id: row.article_id, published: row.published, article_url: row.article_url }));
    return { columns, rows: rows[Symbol.iterator]() };
  }

  // ------------------------------------------------------------ statistics

  /** Resolves an official's name (diacritics and case ignored) to an id. */
  officialByName(name: string): { id: number; name: string } | null {
    return (this.cache.get('officialByName', () => `SELECT id, name FROM officials WHERE name_folded = ?`)
      .get(plainKey(name)) as { id: number; name: string } | undefined) ?? null;
  }

  private statisticsShape(filters: StatisticsFilters): StatisticsShape {
    const params: Params = {};
    const clauses: Clause[] = [];
    if (filters.unit) { params.unit = plainKey(filters.unit); clauses.push({ key: 'u', sql: 's.unit_folded = @unit' }); }
    // Words of the indicator (issue #20), diacritics ignored; a percentage restating an a/b figure is that figure again.
    if (filters.indicator) {
      params.indicator = likePattern(plainKey(filters.indicator));
      clauses.push({ key: 'i', sql: `s.indicator_key IS NOT NULL AND s.indicator_key LIKE @indicator ESCAPE '\\' AND s.restates IS NULL` });
    }
    if (filters.sentence) {
      params.sentence = likePattern(plainKey(filters.sentence));
      clauses.push({ key: 'x', sql: `s.context_folded LIKE @sentence ESCAPE '\\'` });
    }
    if (filters.place) { params.place = plainKey(filters.place); clauses.push({ key: 'p', sql: 's.place_folded = @place' }); }
    // Only the source needs the article row; statistics.published is the article's, copied so
    // that the unit and place indexes (unit_folded, published) can range over it.
    if (filters.source) {
      params.source = filters.source;
      clauses.push({ key: 's', sql: 's.article_id IN (SELECT id FROM articles WHERE source_id = @source)' });
    }
    if (filters.officialId !== undefined) {
      params.officialId = filters.officialId;
      clauses.push({ key: 'o', sql: 's.article_id IN (SELECT article_id FROM official_titles WHERE official_id = @officialId)' });
    }
    if (filters.from) { params.from = filters.from; clauses.push({ key: 'f', sql: 's.published >= @from' }); }
    if (filters.to) { params.toNext = nextDay(filters.to); clauses.push({ key: 't', sql: 's.published < @toNext' }); }
    if (filters.by === 'period') clauses.push({ key: 'P', sql: 's.period_start IS NOT NULL' });
    return { where: clauses.length ? `WHERE ${clauses.map((c) => c.sql).join(' AND ')}` : '', params };
  }

  /**
   * FROM … ORDER BY over statistics alone, newest first, chosen so the first rows come without
   * sorting everything: by publication date, a unit or place index (…, published) gives the
   * order, and without either the articles' date index is walked. By period, a selection of
   * up to PERIOD_SORT_LIMIT rows is sorted; a larger one walks the period index.
   */
  private statisticsOrder(filters: StatisticsFilters, shape: StatisticsShape): { from: string; order: string } {
    // One indicator's numbers: the indicator index is read whole (a substring cannot seek) and the few matches sorted.
    if (filters.indicator) {
      return { from: `FROM statistics s INDEXED BY statistics_indicator ${shape.where}`,
        order: filters.by === 'period' ? 'ORDER BY s.period_start DESC, s.id DESC' : 'ORDER BY s.published DESC, s.id DESC' };
    }
    if (filters.by === 'period') {
      const order = 'ORDER BY s.period_start DESC, s.id DESC';
      // One unit in one place: a few thousand numbers at most, read from their own index and sorted.
      if (filters.unit && filters.place) return { from: `FROM statistics s INDEXED BY statistics_unit_place ${shape.where}`, order };
      if (filters.unit && !filters.source && filters.officialId === undefined) {
        // One unit's numbers with a period, newest period first, come straight from their own index;
        // with a date range, the unit's numbers published in it (a range of the unit index, which
        // holds every column the chart needs) are fewer than those to walk past, and are sorted.
        const index = filters.from || filters.to ? 'statistics_unit' : 'statistics_unit_period';
        return { from: `FROM statistics s INDEXED BY ${index} ${shape.where}`, order };
      }
      const small = this.countStatisticsFresh(filters, this.periodSortLimit, shape).count < this.periodSortLimit;
      return { from: `FROM statistics s${small ? '' : ' INDEXED BY statistics_period'} ${shape.where}`, order };
    }
    const order = 'ORDER BY s.published DESC, s.id DESC';
    if (filters.unit && filters.place) return { from: `FROM statistics s INDEXED BY statistics_unit_place ${shape.where}`, order };
    if (filters.unit || filters.place) return { from: `FROM statistics s ${shape.where}`, order };
    return { from: `FROM articles a CROSS JOIN statistics s ON s.article_id = a.id ${shape.where}`, order: 'ORDER BY a.published DESC, a.id DESC, s.id DESC' };
  }

  private countStatisticsFresh(filters: StatisticsFilters, cap = COUNT_CAP, shape = this.statisticsShape(filters)): Counted {
    const n = (this.cache.get(`statCount:${shape.where}:${cap}`, () => `
      SELECT count(*) AS n FROM (SELECT 1 FROM statistics s ${shape.where} LIMIT ${cap + 1})`).get(shape.params) as { n: number }).n;
    return { count: Math.min(n, cap), capped: n > cap };
  }

  private statisticsFresh(filters: StatisticsFilters, page: number, pageSize: number): StatisticRow[] {
    const shape = this.statisticsShape(filters);
    const { from, order } = this.statisticsOrder(filters, shape);
    // The page's ids first, then their sentences and articles.
    return this.cache.get(`stat:${from}:${order}`, () => `
      SELECT ${STATISTIC_COLUMNS} FROM (SELECT s.id ${from} ${order} LIMIT @limit OFFSET @offset) AS pick
      JOIN statistics s ON s.id = pick.id JOIN articles a ON a.id = s.article_id LEFT JOIN sources src ON src.id = a.source_id
      ${order.replace('a.published DESC, a.id DESC', 's.published DESC, s.article_id DESC')}`)
      .all({ ...shape.params, limit: pageSize, offset: (page - 1) * pageSize }) as StatisticRow[];
  }

  /** The newest CHART_CAP points of the selection (by publication date, or by period); no joins, mostly index-only. */
  private statisticsChartFresh(filters: StatisticsFilters): ChartPoint[] {
    const shape = this.statisticsShape(filters);
    const { from, order } = this.statisticsOrder(filters, shape);
    const x = filters.by === 'period' ? 's.period_start AS x, s.period_end AS x2' : 's.published AS x, NULL AS x2';
    return this.cache.get(`chart:${from}:${order}:${filters.by}`, () => `
      SELECT s.id, s.value, s.share, ${x}, s.article_id ${from} ${order} LIMIT ${CHART_CAP}`).all(shape.params) as ChartPoint[];
  }

  statisticsAll(filters: StatisticsFilters): RowStream {
    const shape = this.statisticsShape(filters);
    const { from, order } = this.statisticsOrder(filters, shape);
    const joined = from.startsWith('FROM articles a') ? from.replace('FROM articles a CROSS JOIN statistics s ON s.article_id = a.id',
      'FROM articles a CROSS JOIN statistics s ON s.article_id = a.id LEFT JOIN sources src ON src.id = a.source_id')
      : from.replace(/^FROM statistics s( INDEXED BY \w+)?/, (m) => `${m} JOIN articles a ON a.id = s.article_id LEFT JOIN sources src ON src.id = a.source_id`);
    return stream(this.db, `SELECT ${STATISTIC_COLUMNS} ${joined} ${order}`, shape.params);
  }

  // ------------------------------------------------------------ officials

  private officialsFresh(q: string | undefined, page: number, pageSize: number): { rows: OfficialRow[]; total: Counted } {
    const params = { q: q ? likePattern(plainKey(q)) : null, limit: pageSize, offset: (page - 1) * pageSize };
    const key = q ? 'q' : '';
    const where = q ? `WHERE o.name_folded LIKE @q ESCAPE '\\'` : '';
    const only = q ? `WHERE official_id IN (SELECT id FROM officials o ${where})` : '';
    // Rank by articles over the (official_id, article_id) index alone, then describe only this page's officials.
    const rows = this.cache.get(`officials:${key}`, () => `
      WITH ranked AS (SELECT official_id, count(DISTINCT article_id) AS articles FROM official_titles ${only}
        GROUP BY official_id ORDER BY articles DESC, official_id LIMIT @limit OFFSET @offset)
      SELECT o.id, o.name, r.articles,
             (SELECT group_concat(title, ' · ') FROM (SELECT DISTINCT t2.title FROM official_titles t2
               WHERE t2.official_id = o.id AND t2.title IS NOT NULL LIMIT 4)) AS titles,
             (SELECT min(a.published) FROM official_titles t JOIN articles a ON a.id = t.article_id WHERE t.official_id = o.id) AS first_seen,
             (SELECT max(a.published) FROM official_titles t JOIN articles a ON a.id = t.article_id WHERE t.official_id = o.id) AS last_seen
      FROM ranked r JOIN officials o ON o.id = r.official_id ORDER BY r.articles DESC, o.id`).all(params) as OfficialRow[];
    const n = (this.cache.get(`officialsCount:${key}`, () => `
      SELECT count(*) AS n FROM (SELECT 1 FROM officials o ${where} LIMIT ${COUNT_CAP + 1})`).get(q ? { q: params.q } : {}) as { n: number }).n;
    return { rows, total: { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP } };
  }

  officialsAll(q: string | undefined): RowStream {
    const where = q ? `WHERE o.name_folded LIKE @q ESCAPE '\\'` : '';
    return stream(this.db, `
      SELECT o.id AS official_id, o.name, t.title, a.published, a.id AS article_id, a.title AS article_title, a.url AS article_url
      FROM officials o JOIN official_titles t ON t.official_id = o.id JOIN articles a ON a.id = t.article_id
      ${where} ORDER BY o.name, a.published, t.position`, q ? { q: likePattern(plainKey(q)) } : {});
  }

  private officialFresh(id: number): OfficialRecord | null {
    const official = this.cache.get('official', () => `SELECT id, name FROM officials WHERE id = ?`).get(id) as
      { id: number; name: string } | undefined;
    if (!official) return null;
    const titles = this.cache.get('officialTitles', () => `
      SELECT t.title, min(a.published) AS first_seen, max(a.published) AS last_seen, count(DISTINCT t.article_id) AS articles
      FROM official_titles t JOIN articles a ON a.id = t.article_id WHERE t.official_id = ?
      GROUP BY t.title ORDER BY first_seen IS NULL, first_seen, t.title`).all(id) as OfficialRecord['titles'];
    const articles = this.cache.get('officialArticles', () => `
      SELECT a.id, a.title, a.published, a.url, a.source_id, group_concat(t.title, ' · ') AS titles
      FROM official_titles t JOIN articles a ON a.id = t.article_id WHERE t.official_id = ?
      GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT 500`).all(id) as OfficialRecord['articles'];
    return { official, titles, articles };
  }

  officialRows(id: number): RowStream {
    return stream(this.db, `
      SELECT o.id AS official_id, o.name, t.title, a.published, a.id AS article_id, a.title AS article_title, a.url AS article_url
      FROM official_titles t JOIN officials o ON o.id = t.official_id JOIN articles a ON a.id = t.article_id
      WHERE t.official_id = ? ORDER BY a.published, t.position`, id);
  }

  // ------------------------------------------------------------ documents

  private documentsFresh(q: string | undefined, page: number, pageSize: number): { rows: DocumentRow[]; total: Counted } {
    const where = q ? `WHERE d.doc_key LIKE @q ESCAPE '\\'` : '';
    const only = q ? `WHERE document_id IN (SELECT id FROM documents d ${where})` : '';
    const key = q ? 'q' : '';
    const params = { q: q ? likePattern(plainKey(q)) : null, limit: pageSize, offset: (page - 1) * pageSize };
    const rows = this.cache.get(`documents:${key}`, () => `
      WITH ranked AS (SELECT document_id, count(*) AS citations FROM document_citations ${only}
        GROUP BY document_id ORDER BY citations DESC, document_id LIMIT @limit OFFSET @offset)
      SELECT d.id, d.code, d.kind, d.number, d.date AS issued, d.issuer, r.citations,
             (SELECT min(a.published) FROM document_citations c JOIN articles a ON a.id = c.article_id WHERE c.document_id = d.id) AS first_cited,
             (SELECT max(a.published) FROM document_citations c JOIN articles a ON a.id = c.article_id WHERE c.document_id = d.id) AS last_cited
      FROM ranked r JOIN documents d ON d.id = r.document_id ORDER BY r.citations DESC, d.code`).all(params) as DocumentRow[];
    const n = (this.cache.get(`documentsCount:${key}`, () => `
      SELECT count(*) AS n FROM (SELECT 1 FROM documents d ${where} LIMIT ${COUNT_CAP + 1})`).get(q ? { q: params.q } : {}) as { n: number }).n;
    return { rows, total: { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP } };
  }

  documentsAll(q: string | undefined): RowStream {
    const where = q ? `WHERE d.doc_key LIKE @q ESCAPE '\\'` : '';
    return stream(this.db, `
      SELECT d.id AS document_id, d.code, d.kind, d.number, d.date AS issued, d.issuer, c.text AS citation,
             a.published, a.id AS article_id, a.title AS article_title, a.url AS article_url
      FROM documents d JOIN document_citations c ON c.document_id = d.id JOIN articles a ON a.id = c.article_id
      ${where} ORDER BY d.code, a.published, c.id`, q ? { q: likePattern(plainKey(q)) } : {});
  }

  private documentFresh(id: number): DocumentRecord | null {
    const document = this.cache.get('document', () => `
      SELECT id, code, kind, number, date AS issued, issuer, term FROM documents WHERE id = ?`).get(id) as DocumentRecord['document'] | undefined;
    if (!document) return null;
    const citations = this.cache.get('documentCitations', () => `
      SELECT c.id, c.text, a.id AS article_id, a.title, a.published, a.url, a.source_id
      FROM document_citations c JOIN articles a ON a.id = c.article_id WHERE c.document_id = ?
      ORDER BY a.published DESC, c.id LIMIT 1000`).all(id) as DocumentRecord['citations'];
    const months = this.cache.get('documentMonths', () => `
      SELECT substr(a.published, 1, 7) AS month, count(*) AS count
      FROM document_citations c JOIN articles a ON a.id = c.article_id
      WHERE c.document_id = ? AND a.published IS NOT NULL GROUP BY month ORDER BY month`).all(id) as DocumentRecord['months'];
    return { document, citations, months };
  }

  documentRows(id: number): RowStream {
    return stream(this.db, `
      SELECT d.id AS document_id, d.code, d.kind, d.number, d.date AS issued, d.issuer, c.text AS citation,
             a.published, a.id AS article_id, a.title AS article_title, a.url AS article_url
      FROM document_citations c JOIN documents d ON d.id = c.document_id JOIN articles a ON a.id = c.article_id
      WHERE c.document_id = ? ORDER BY a.published, c.id`, id);
  }
}

const STATISTIC_COLUMNS = `s.id, s.value, s.total, s.unit, s.text, s.context, s.period, s.period_start, s.period_end, s.place,
  a.published, a.source_id, src.name AS source_name, s.article_id, a.title AS article_title, a.url AS article_url,
  s.indicator, s.share, s.qualifier, s.upper, s.change, s.compared_to, s.restates`;

function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Facets {
  sources: { id: string; name: string }[];
  sections: string[];
  units: { folded: string; unit: string; n: number }[];
  /** The most stated indicators (what numbers measure), for the explorer's list. */
  indicators: { key: string; indicator: string; n: number }[];
  places: { folded: string; place: string; n: number }[];
}

export interface StatisticsFilters {
  unit?: string | undefined;
  /** Words of the indicator (what the numbers measure), diacritics and case ignored. */
  indicator?: string | undefined;
  /** Words of the sentence, diacritics and case ignored. */
  sentence?: string | undefined;
  place?: string | undefined;
  source?: string | undefined;
  officialId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  by: 'published' | 'period';
}

export interface StatisticRow {
  id: number;
  value: number;
  total: number | null;
  unit: string;
  text: string;
  context: string | null;
  period: string | null;
  period_start: string | null;
  period_end: string | null;
  place: string | null;
  published: string | null;
  source_id: string | null;
  source_name: string | null;
  article_id: number;
  article_title: string | null;
  article_url: string;
  // The analyst fields (issue #20), NULL when the sentence does not give them.
  indicator: string | null;
  share: number | null;
  qualifier: string | null;
  upper: number | null;
  change: string | null;
  compared_to: string | null;
  restates: string | null;
}

export interface ChartPoint {
  id: number;
  value: number;
  /** value / total × 100 for an a/b figure (or the percentage stated for it); null otherwise. */
  share: number | null;
  /** Publication date, or the first day of the period. */
  x: string | null;
  /** The last day of the period (by period only). */
  x2: string | null;
  article_id: number;
}

/** A hit of a kind kept as plain rows (core/entities.ts: a row with `columns`). */
export type EntityRow = Spanned & { value: string };

export interface Spanned {
  id: number;
  text: string;
  span_start: number | null;
  span_end: number | null;
}

export interface ArticleRecord {
  article: {
    id: number; url: string; source_id: string | null; source_name: string | null; source_url: string | null;
    title: string | null; published: string | null; modified: string | null; author: string | null; credit: string | null;
    section: string | null; language: string; text: string; fetched_at: string | null;
  };
  officials: { id: number; name: string; titles: string | null }[];
  documents: (Spanned & { document_id: number; code: string | null; kind: string })[];
  /** The kinds kept as plain rows (dates, periods …), by kind. */
  rows: Partial<Record<EntityKind, EntityRow[]>>;
  statistics: (Spanned & { value: number; total: number | null; unit: string; period: string | null; place: string | null })[];
}

export interface OfficialRow {
  id: number;
  name: string;
  articles: number;
  titles: string | null;
  first_seen: string | null;
  last_seen: string | null;
}

export interface OfficialRecord {
  official: { id: number; name: string };
  titles: { title: string | null; first_seen: string | null; last_seen: string | null; articles: number }[];
  articles: { id: number; title: string | null; published: string | null; url: string; source_id: string | null; titles: string | null }[];
}

export interface DocumentRow {
  id: number;
  code: string | null;
  kind: string;
  number: string | null;
  issued: string | null;
  issuer: string | null;
  citations: number;
  first_cited: string | null;
  last_cited: string | null;
}

export interface DocumentRecord {
  document: { id: number; code: string | null; kind: string; number: string | null; issued: string | null; issuer: string | null; term: string | null };
  citations: { id: number; text: string; article_id: number; title: string | null; published: string | null; url: string; source_id: string | null }[];
  months: { month: string; count: number }[];
}
