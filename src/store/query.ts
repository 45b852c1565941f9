// Reading the store: named analyst queries (`src/store/queries/*.sql`), full-text search over the
// articles, and read-only SQL. Everything here reads; nothing here writes.
//
// A named query is a `.sql` file that opens with a comment block:
//   -- title: Statistics by unit
//   -- description: …
//   -- param: unit — the unit as written (required)
//   -- param: from (date) — published on or after (default none)
//   -- param: limit (int) — most rows (default 100)
// Types: text (the default), int, number, date (`YYYY[-MM[-DD]]`, widened to the first day),
// end-date (widened to the last day) or a choice list `a|b`. `(default none…)` binds NULL.
// For every param `x` the runner also binds `:x_folded` (diacritics, đ and case removed), which
// is how units, names, places and codes are stored for comparison.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { buildFtsQuery } from './fts-query.ts';
import { makeSnippet } from './snippets.ts';
import { ReadModel, searchExportRows, type ArticleHit, type SearchFilters } from './read-model.ts';
import { plainKey } from '../core/fold.ts';
import { periodBounds } from '../core/periods.ts';
import { packagePath } from '../core/package-root.ts';
import type { DB } from './connection.ts';

export type Row = Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: Row[];
}

/** Rows produced lazily (better-sqlite3 `iterate()`), for exports that must not hold them. */
export interface RowStream {
  columns: string[];
  rows: IterableIterator<Row>;
  /**
   * The same rows as arrays of values in column order, when the source can give them (SQLite's
   * raw mode: no object per row, and duplicate column names survive). Writers prefer it; use
   * either this or `rows`, not both.
   */
  arrays?: () => IterableIterator<unknown[]>;
  /** SQLite's declared type of each column (null for an expression), when the source is a statement. */
  declaredTypes?: Array<string | null>;
}

/** `id, id` → `id, id_2`: SQL allows repeated column names, CSV headers and JSON keys should not. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** A prepared statement as a RowStream; nothing runs until one of the iterators is pulled. */
export function statementStream(statement: Database.Statement, params?: Record<string, unknown>): RowStream {
  const bind: unknown[] = params === undefined ? [] : [params];
  const names = statement.columns().map((c) => c.name);
  const columns = uniqueNames(names);
  const renamed = columns.some((c, i) => c !== names[i]);
  return {
    columns,
    declaredTypes: statement.columns().map((c) => c.type),
    rows: (function* () {
      if (!renamed) {
        yield* statement.iterate(...bind) as IterableIterator<Row>;
        return;
      }
      // Repeated names would overwrite each other in an object: build rows from raw values.
      for (const values of statement.raw(true).iterate(...bind) as IterableIterator<unknown[]>) {
        const row: Row = {};
        columns.forEach((c, i) => (row[c] = values[i]));
        yield row;
      }
    })(),
    arrays: () => statement.raw(true).iterate(...bind) as IterableIterator<unknown[]>,
  };
}

export type ParamType = 'text' | 'int' | 'number' | 'date' | 'end-date' | { choices: string[] };

export interface QueryParam {
  name: string;
  type: ParamType;
  description: string;
  required: boolean;
  /** The default as written in the file, already validated; null for `none`. */
  default: string | number | null;
}

export interface NamedQuery {
  name: string;
  title: string;
  description: string;
  params: QueryParam[];
  sql: string;
  file: string;
}

export const QUERIES_DIR = packagePath('src/store/queries');

// ---------------------------------------------------------------------------------------------
// Named queries

const PARAM_LINE = /^--\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*[—–-]+\s*(.*)$/;
const TRAILER = /\((required|default\s+([^)]*))\)\s*$/;

function parseType(tag: string | undefined, file: string, name: string): ParamType {
  const t = (tag ?? 'text').trim();
  if (t === 'text' || t === 'int' || t === 'number' || t === 'date' || t === 'end-date') return t;
  if (t.includes('|')) return { choices: t.split('|').map((c) => c.trim()).filter(Boolean) };
  throw new Error(`${file}: param ${name}: unknown type ${JSON.stringify(t)}`);
}

/** Parses one `.sql` file's header; throws (a bug in the file, not a user error) when it is malformed. */
export function parseNamedQuery(name: string, sql: string, file = `${name}.sql`): NamedQuery {
  let title = '';
  let description = '';
  const params: QueryParam[] = [];
  for (const raw of sql.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('--')) {
      if (line === '') continue;
      break;
    }
    const field = /^--\s*(title|description):\s*(.*)$/.exec(line);
    if (field) {
      if (field[1] === 'title') title = field[2]!.trim();
      else description = field[2]!.trim();
      continue;
    }
    const param = PARAM_LINE.exec(line);
    if (!param) continue;
    const [, pname, tag, rest] = param as unknown as [string, string, string | undefined, string];
    const type = parseType(tag, file, pname);
    const trailer = TRAILER.exec(rest);
    const meaning = (trailer ? rest.slice(0, trailer.index) : rest).trim();
    const required = !trailer || trailer[1] === 'required';
    let def: string | number | null = null;
    if (!required) {
      const written = trailer![2]!.trim();
      def = /^none\b/.test(written) ? null : (validateValue(type, written, `${file}: default of ${pname}`) as string | number);
    }
    params.push({ name: pname, type, description: meaning, required, default: def });
  }
  if (!title) throw new Error(`${file}: the header needs a "-- title:" line`);
  for (const p of params) {
    if (!new RegExp(`:${p.name}(?![A-Za-z0-9_])`).test(sql) && !sql.includes(`:${p.name}_folded`)) {
      throw new Error(`${file}: param ${p.name} is declared but never used`);
    }
  }
  return { name, title, description, params, sql, file };
}

let cache: NamedQuery[] | null = null;

/** All named queries in a directory (default `src/store/queries/`), sorted by name. */
export function loadQueries(dir = QUERIES_DIR): NamedQuery[] {
  const load = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => parseNamedQuery(f.slice(0, -4), readFileSync(`${dir}/${f}`, 'utf8'), f));
  if (dir !== QUERIES_DIR) return load();
  cache ??= load();
  return cache;
}

export function listQueries(): NamedQuery[] {
  return loadQueries();
}

export function findQuery(name: string): NamedQuery | undefined {
  return loadQueries().find((q) => q.name === name);
}

export function getQuery(name: string): NamedQuery {
  const query = findQuery(name);
  if (!query) {
    throw new UserError(`unknown query ${JSON.stringify(name)}; named queries are: ${loadQueries().map((q) => q.name).join(', ')}`);
  }
  return query;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function validDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function schemaFor(type: ParamType): z.ZodType<string | number> {
  if (typeof type === 'object') {
    // Choices are matched whatever the case (`grain=YEAR` or `grain=year`), and passed on as written in the query.
    const byKey = new Map(type.choices.map((c) => [c.toLowerCase(), c]));
    return z.string().trim().transform((v) => byKey.get(v.toLowerCase()) ?? v).pipe(z.enum(type.choices as [string, ...string[]]));
  }
  switch (type) {
    case 'int':
      return z.string().trim().regex(/^-?\d+$/, 'expected a whole number').transform(Number);
    case 'number':
      return z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'expected a number').transform(Number);
    case 'date':
    case 'end-date':
      return z
        .string()
        .trim()
        .regex(DATE, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD')
        .transform((v) => {
          const [start, end] = periodBounds(v);
          return (type === 'date' ? start : end) as string;
        })
        .refine(validDay, 'no such day');
    case 'text':
      return z.string().transform((v) => v.normalize('NFC')).refine((v) => v.trim() !== '', 'expected a value');
  }
}

function validateValue(type: ParamType, value: string, label: string): string | number {
  const parsed = schemaFor(type).safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid value';
    const allowed = typeof type === 'object' ? ` (one of ${type.choices.join(', ')})` : '';
    throw new UserError(`${label}: ${JSON.stringify(value)}: ${reason}${allowed}`);
  }
  return parsed.data;
}

/** `['unit=xã', 'limit=5']` → `{ unit: 'xã', limit: '5' }`; a later value for the same key wins. */
export function parseParamArgs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`--param ${JSON.stringify(pair)}: expected NAME=VALUE`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

/** Validates given params against a query's declaration and returns what to bind (with `_folded` twins). */
export function bindParams(query: NamedQuery, given: Record<string, string | number | null | undefined>): Record<string, unknown> {
  const known = new Set(query.params.map((p) => p.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      const list = query.params.length ? query.params.map((p) => p.name).join(', ') : 'none';
      throw new UserError(`query ${query.name}: unknown param ${JSON.stringify(key)}; its params are: ${list}`);
    }
  }
  const bound: Record<string, unknown> = {};
  for (const p of query.params) {
    const raw = given[p.name];
    let value: string | number | null;
    if (raw === undefined || raw === null) {
      if (p.required) throw new UserError(`query ${query.name}: param ${p.name} is required (${p.description}); pass --param ${p.name}=VALUE`);
      value = p.default;
    } else {
      value = validateValue(p.type, String(raw), `query ${query.name}: param ${p.name}`);
    }
    bound[p.name] = value;
    bound[`${p.name}_folded`] = typeof value === 'string' ? plainKey(value) : value;
  }
  return bound;
}

function prepareNamed(db: DB, query: NamedQuery, given: Record<string, string | number | null | undefined>) {
  const params = bindParams(query, given);
  const statement = db.prepare(query.sql);
  // Named queries ship with vnpress, but a query file that writes must never run here.
  if (!statement.readonly) throw new UserError(`query ${query.name} (${query.file}) would write to the database; refused`);
  return { statement, params };
}

/** Runs a named query with validated params and returns all its rows. */
export function runQuery(db: DB, name: string, given: Record<string, string | number | null | undefined> = {}): QueryResult {
  const { statement, params } = prepareNamed(db, getQuery(name), given);
  const stream = statementStream(statement, params);
  return { columns: stream.columns, rows: [...stream.rows] };
}

/** The same, row by row, for exports. */
export function iterateQuery(db: DB, name: string, given: Record<string, string | number | null | undefined> = {}): RowStream {
  const { statement, params } = prepareNamed(db, getQuery(name), given);
  return statementStream(statement, params);
}

// ---------------------------------------------------------------------------------------------
// Full-text search

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Only this source id. */
  source?: string | null;
  /** Published on or after this day (`YYYY[-MM[-DD]]`). */
  from?: string | null;
  /** Published on or before this day. */
  to?: string | null;
  /** Characters of text around the matches. */
  snippetLength?: number;
  /** What to put around each matched word in the snippet. */
  marks?: [string, string];
}

export interface SearchHit {
  article_id: number;
  published: string | null;
  source_id: string | null;
  source_name: string | null;
  title: string | null;
  /** A passage of the original text (diacritics intact) with the matched words marked. */
  snippet: string;
  article_url: string;
  /** bm25 rank: lower is better. */
  rank: number;
  /** [start, end) offsets of every match in `articles.text`. */
  matches: Array<[number, number]>;
}

export { buildFtsQuery } from './fts-query.ts';

function searchFilters(text: string, options: SearchOptions) {
  const day = (v: string | null | undefined, which: 'date' | 'end-date', flag: string) =>
    v ? (validateValue(which, v, `search --${flag}`) as string) : undefined;
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || !Number.isInteger(offset) || offset < 0) {
    throw new UserError(`search: --limit and --offset must be whole numbers (got ${limit}, ${offset})`);
  }
  buildFtsQuery(text); // a query with no words is the user's to fix, before anything runs
  const filters: SearchFilters = {
    q: text, order: 'relevance', source: options.source ?? undefined,
    from: day(options.from, 'date', 'from'), to: day(options.to, 'end-date', 'to'),
  };
  return { filters, limit, offset };
}

function toHit(row: ArticleHit, options: SearchOptions): SearchHit {
  return {
    article_id: row.id, published: row.published, source_id: row.source_id, source_name: row.source_name,
    title: row.title, snippet: makeSnippet(row.text, row.textMatches, options.snippetLength, options.marks),
    article_url: row.url, rank: row.rank ?? 0, matches: row.textMatches,
  };
}

/** Full-text search over articles (title weighs 5× the body), best first: the read model's relevance order. */
export function searchArticles(db: DB, text: string, options: SearchOptions = {}): SearchHit[] {
  const { filters, limit, offset } = searchFilters(text, options);
  return new ReadModel(db).searchRange(filters, limit, offset).hits.map((row) => toHit(row, options));
}

/**
 * Search results row by row (no limit unless given), best first, for exports: the columns of
 * every search export (SEARCH_EXPORT_COLUMNS, the web download's too).
 */
export function iterateSearch(db: DB, text: string, options: SearchOptions = {}): RowStream {
  const { filters, offset } = searchFilters(text, options);
  return searchExportRows(new ReadModel(db).searchHits(filters), offset, options.limit ?? Infinity, options.snippetLength ?? 240);
}

// ---------------------------------------------------------------------------------------------
// Read-only SQL

function shortSql(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}…` : one;
}

/**
 * Prepares one statement and refuses it unless SQLite says it only reads and returns rows
 * (`stmt.readonly && stmt.reader`). That refuses INSERT/UPDATE/DELETE/DDL, PRAGMA assignments,
 * VACUUM, and also ATTACH/DETACH and transaction statements, which SQLite counts as read-only.
 */
export function prepareReadOnly(db: DB, sql: string): Database.Statement {
  const text = sql.trim().replace(/;\s*$/, '');
  if (!text) throw new UserError('query sql: no statement given');
  let statement: Database.Statement;
  try {
    statement = db.prepare(text);
  } catch (error) {
    const message = (error as Error).message;
    if (/more than one statement/.test(message)) {
      throw new UserError(`query sql runs one statement at a time; refused "${shortSql(sql)}"`);
    }
    throw new UserError(`query sql: ${message} in "${shortSql(sql)}"`);
  }
  if (!statement.readonly) {
    throw new UserError(`query sql is read-only: refused "${shortSql(sql)}" (it would write to the database)`);
  }
  if (!statement.reader) {
    throw new UserError(`query sql is read-only: refused "${shortSql(sql)}" (only statements that return rows run; ATTACH, PRAGMA settings and transactions are refused)`);
  }
  return statement;
}

/** Runs with a read-only connection: the given one, or a new one on the same file. */
function withReadOnly<T>(db: DB, use: (readonlyDb: DB) => T): T {
  if (db.readonly) return use(db);
  if (db.memory) throw new UserError('query sql needs a database file, not an in-memory database');
  const ro = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    return use(ro);
  } finally {
    ro.close();
  }
}

/** Binds named params now, so a missing one is reported before any row is read. */
function bindReadOnly(statement: Database.Statement, sql: string, params: Record<string, unknown>): Database.Statement {
  try {
    return statement.bind(params);
  } catch (error) {
    throw new UserError(`query sql: ${(error as Error).message} in "${shortSql(sql)}"; give values with --param NAME=VALUE`);
  }
}

/** Runs one read-only statement with optional named params and returns its rows. */
export function runReadOnlySql(db: DB, sql: string, params: Record<string, unknown> = {}): QueryResult {
  return withReadOnly(db, (ro) => {
    const statement = bindReadOnly(prepareReadOnly(ro, sql), sql, params);
    const stream = statementStream(statement);
    return { columns: stream.columns, rows: [...stream.rows] };
  });
}

/** The same row by row, for a connection opened read-only (the CLI's). */
export function iterateReadOnlySql(db: DB, sql: string, params: Record<string, unknown> = {}): RowStream {
  if (!db.readonly) throw new Error('iterateReadOnlySql needs a connection opened read-only');
  return statementStream(bindReadOnly(prepareReadOnly(db, sql), sql, params));
}
