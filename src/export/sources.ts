// What an export reads: a table (with label columns joined in next to each foreign-key id, and
// an `article_url` on every row that belongs to an article), a view, a named query, or a search.
import { UserError } from '../core/errors.ts';
import type { DB } from '../store/connection.ts';
import { findQuery, iterateQuery, iterateReadOnlySql, iterateSearch, loadQueries, statementStream, type RowStream } from '../store/query.ts';

/**
 * How a source's rows can also be read in ranges of a key, by several readers at once (each range
 * in key order, the ranges in order give the rows in the source's order).
 */
export interface KeyRanges {
  /** The database file, for readers of their own. */
  path: string;
  /** The source's SQL for the rows with `:after < key <= :last`, in key order. */
  sql: string;
  /** The smallest and the largest key, in the snapshot the source was resolved in. */
  first: number;
  last: number;
  /** The rows of a range, read in the source's own connection and snapshot. */
  read: (after: number, last: number) => IterableIterator<unknown[]>;
}

export interface ExportSource extends RowStream {
  /** What was asked for, for messages: `statistics`, `query statistics-by-unit`, `search "thanh uy"`. */
  label: string;
  kind: 'table' | 'view' | 'query' | 'search' | 'sql';
  /** Rows the source holds, when that is cheap to know (tables); read in the same snapshot as the rows. */
  total: number | null;
  /** Set for tables and keyed views of a database file that hold rows. */
  ranges: KeyRanges | null;
}

/** Tables and views a user may export: not SQLite's own, not full-text shadow or virtual tables. */
export function listExportables(db: DB): { tables: string[]; views: string[] } {
  const rows = db
    .prepare(`SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view')
      AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as Array<{ name: string; type: 'table' | 'view' }>;
  return {
    tables: rows.filter((r) => r.type === 'table').map((r) => r.name),
    views: rows.filter((r) => r.type === 'view').map((r) => r.name),
  };
}

/** Which columns of a referenced table label its id, in order. */
const LABELS: Record<string, string[]> = {
  articles: ['title', 'url'],
  sources: ['name'],
  officials: ['name'],
  documents: ['code', 'kind'],
  runs: ['kind', 'started_at'],
};
const FALLBACK_LABELS = ['name', 'title', 'code'];

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Whether a table has rowids (`WITHOUT ROWID` tables are ordered by their primary key instead). */
function hasRowid(db: DB, table: string): boolean {
  return (db.prepare(`SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?`).get(table) as { wr: number } | undefined)?.wr === 0;
}

/**
 * `SELECT t.*` with, right after each foreign-key column, the referenced row's label columns named
 * after the key (`article_id` → `article_title`, `article_url`; `source_id` → `source_name`), in
 * rowid order (primary-key order for a `WITHOUT ROWID` table). `ranged` restricts it to the rows
 * with `:after < rowid <= :last`.
 */
export function labelledTableSql(db: DB, table: string, options: { ranged?: boolean } = {}): string {
  const columns = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string; pk: number }>;
  const keys = db.prepare(`SELECT "from" AS col, "table" AS ref, "to" AS target FROM pragma_foreign_key_list(?)`).all(table) as Array<{
    col: string;
    ref: string;
    target: string | null;
  }>;
  const select: string[] = [];
  const joins: string[] = [];
  const taken = new Set(columns.map((c) => c.name));
  for (const column of columns) {
    select.push(`t.${quoteId(column.name)}`);
    const key = keys.find((k) => k.col === column.name);
    if (!key || key.ref === table) continue;
    const refColumns = new Set(
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(key.ref) as Array<{ name: string }>).map((c) => c.name),
    );
    const labels = (LABELS[key.ref] ?? FALLBACK_LABELS).filter((l) => refColumns.has(l));
    if (!labels.length) continue;
    const alias = `j${joins.length}`;
    joins.push(`LEFT JOIN ${quoteId(key.ref)} ${alias} ON ${alias}.${quoteId(key.target ?? 'rowid')} = t.${quoteId(column.name)}`);
    const stem = column.name.replace(/_id$/, '');
    for (const label of labels) {
      const name = `${stem}_${label}`;
      if (taken.has(name)) continue;
      taken.add(name);
      select.push(`${alias}.${quoteId(label)} AS ${quoteId(name)}`);
    }
  }
  const order = hasRowid(db, table)
    ? 't.rowid'
    : columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `t.${quoteId(c.name)}`).join(', ');
  const where = options.ranged ? ' WHERE t.rowid > :after AND t.rowid <= :last' : '';
  return `SELECT ${select.join(', ')} FROM ${quoteId(table)} t ${joins.join(' ')}${where} ORDER BY ${order}`;
}

/**
 * Views whose every row is one row of a table, carrying that row's integer primary key: exported
 * in the order of that key, and readable in ranges of it.
 */
const KEYED_VIEWS: Record<string, string> = { statistics_view: 'id', articles_view: 'id' };

/** The table whose rowid a column of a statement holds, if it holds one (an INTEGER PRIMARY KEY). */
function rowidTableOf(db: DB, sql: string, column: string): string | null {
  const origin = db.prepare(sql).columns().find((c) => c.name === column);
  if (!origin?.table || origin.database !== 'main') return null;
  const keys = db.prepare(`SELECT name, type FROM pragma_table_info(?) WHERE pk > 0`).all(origin.table) as Array<{ name: string; type: string }>;
  const isRowid = keys.length === 1 && keys[0]!.name === origin.column && keys[0]!.type.toUpperCase() === 'INTEGER' && hasRowid(db, origin.table);
  return isRowid ? origin.table : null;
}

/** Key ranges of a source whose rows follow `table`'s rowids, or null (an empty table, a database in memory). */
function keyRanges(db: DB, table: string, sql: string): KeyRanges | null {
  if (!db.name || db.name === ':memory:' || db.memory) return null;
  const { first, last } = db.prepare(`SELECT min(rowid) AS first, max(rowid) AS last FROM ${quoteId(table)}`).get() as { first: number | null; last: number | null };
  if (first === null || last === null) return null;
  const statement = db.prepare(sql).raw(true);
  return { path: db.name, sql, first, last, read: (after, end) => statement.iterate({ after, last: end }) as IterableIterator<unknown[]> };
}

function unknownName(db: DB, name: string): UserError {
  const { tables, views } = listExportables(db);
  return new UserError(
    `nothing to export called ${JSON.stringify(name)}; tables: ${tables.join(', ')}; views: ${views.join(', ')}; ` +
      `named queries: ${loadQueries().map((q) => q.name).join(', ')}; or search:TEXT, or "sql:SELECT …"`,
  );
}

const SEARCH_PARAMS = ['source', 'from', 'to', 'limit'];

/**
 * Resolves NAME (a table, a view, a named query, `search:TEXT` or `sql:SELECT …`) to a stream of
 * rows. Params apply to named queries, searches and the `:name` placeholders of SQL. Call it inside a read transaction when the total of a
 * table must match the rows written (the export command does).
 */
export function resolveExportSource(db: DB, name: string, params: Record<string, string> = {}): ExportSource {
  if (/^sql:/i.test(name)) {
    // Any read-only statement, under the guard of `query sql` (src/store/query.ts prepareReadOnly:
    // refused unless SQLite says it only reads and returns rows); --param NAME=VALUE fills :NAME.
    if (!db.readonly) throw new Error('an sql: export needs a connection opened read-only');
    const sql = name.slice('sql:'.length);
    const stream = iterateReadOnlySql(db, sql, params);
    const one = sql.replace(/\s+/g, ' ').trim();
    return { ...stream, label: `sql "${one.length > 60 ? `${one.slice(0, 57)}…` : one}"`, kind: 'sql', total: null, ranges: null };
  }
  if (name.startsWith('search:')) {
    const text = name.slice('search:'.length);
    for (const key of Object.keys(params)) {
      if (!SEARCH_PARAMS.includes(key)) throw new UserError(`search export: unknown param ${JSON.stringify(key)}; its params are: ${SEARCH_PARAMS.join(', ')}`);
    }
    const limit = params.limit === undefined ? undefined : Number(params.limit);
    if (limit !== undefined && !Number.isInteger(limit)) throw new UserError(`search export: param limit ${JSON.stringify(params.limit)}: expected a whole number`);
    const stream = iterateSearch(db, text, { source: params.source ?? null, from: params.from ?? null, to: params.to ?? null, limit });
    return { ...stream, label: `search ${JSON.stringify(text)}`, kind: 'search', total: null, ranges: null };
  }
  const { tables, views } = listExportables(db);
  if (tables.includes(name) || views.includes(name)) {
    if (Object.keys(params).length) throw new UserError(`--param applies to named queries and search:TEXT, not to the ${tables.includes(name) ? 'table' : 'view'} ${name}`);
    if (tables.includes(name)) {
      const statement = db.prepare(labelledTableSql(db, name));
      const total = (db.prepare(`SELECT count(*) AS n FROM ${quoteId(name)}`).get() as { n: number }).n;
      const ranges = hasRowid(db, name) ? keyRanges(db, name, labelledTableSql(db, name, { ranged: true })) : null;
      return { ...statementStream(statement), label: name, kind: 'table', total, ranges };
    }
    const key = KEYED_VIEWS[name];
    const keyTable = key ? rowidTableOf(db, `SELECT * FROM ${quoteId(name)}`, key) : null;
    if (key && keyTable) {
      const statement = db.prepare(`SELECT * FROM ${quoteId(name)} ORDER BY ${quoteId(key)}`);
      const ranged = `SELECT * FROM ${quoteId(name)} WHERE ${quoteId(key)} > :after AND ${quoteId(key)} <= :last ORDER BY ${quoteId(key)}`;
      return { ...statementStream(statement), label: name, kind: 'view', total: null, ranges: keyRanges(db, keyTable, ranged) };
    }
    return { ...statementStream(db.prepare(`SELECT * FROM ${quoteId(name)}`)), label: name, kind: 'view', total: null, ranges: null };
  }
  if (findQuery(name)) {
    return { ...iterateQuery(db, name, params), label: `query ${name}`, kind: 'query', total: null, ranges: null };
  }
  throw unknownName(db, name);
}
