// What an export reads: a table (with label columns joined in next to each foreign-key id, and
// an `article_url` on every row that belongs to an article), a view, a named query, or a search.
import { UserError } from '../pipeline/errors.ts';
import type { DB } from '../store/db.ts';
import { findQuery, iterateQuery, iterateSearch, loadQueries, statementStream, type RowStream } from '../store/query.ts';

export interface ExportSource extends RowStream {
  /** What was asked for, for messages: `statistics`, `query statistics-by-unit`, `search "thanh uy"`. */
  label: string;
  kind: 'table' | 'view' | 'query' | 'search';
  /** Rows the source holds, when that is cheap to know (tables); read in the same snapshot as the rows. */
  total: number | null;
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

/**
 * `SELECT t.*` with, right after each foreign-key column, the referenced row's label columns named
 * after the key (`article_id` → `article_title`, `article_url`; `source_id` → `source_name`).
 */
export function labelledTableSql(db: DB, table: string): string {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string }>;
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
  return `SELECT ${select.join(', ')} FROM ${quoteId(table)} t ${joins.join(' ')} ORDER BY t.rowid`;
}

function unknownName(db: DB, name: string): UserError {
  const { tables, views } = listExportables(db);
  return new UserError(
    `nothing to export called ${JSON.stringify(name)}; tables: ${tables.join(', ')}; views: ${views.join(', ')}; ` +
      `named queries: ${loadQueries().map((q) => q.name).join(', ')}; or search:TEXT`,
  );
}

const SEARCH_PARAMS = ['source', 'from', 'to', 'limit'];

/**
 * Resolves NAME (a table, a view, a named query, or `search:TEXT`) to a stream of rows. Params
 * apply to named queries and searches. Call it inside a read transaction when the total of a
 * table must match the rows written (the export command does).
 */
export function resolveExportSource(db: DB, name: string, params: Record<string, string> = {}): ExportSource {
  if (name.startsWith('search:')) {
    const text = name.slice('search:'.length);
    for (const key of Object.keys(params)) {
      if (!SEARCH_PARAMS.includes(key)) throw new UserError(`search export: unknown param ${JSON.stringify(key)}; its params are: ${SEARCH_PARAMS.join(', ')}`);
    }
    const limit = params.limit === undefined ? undefined : Number(params.limit);
    if (limit !== undefined && !Number.isInteger(limit)) throw new UserError(`search export: param limit ${JSON.stringify(params.limit)}: expected a whole number`);
    const stream = iterateSearch(db, text, { source: params.source ?? null, from: params.from ?? null, to: params.to ?? null, limit });
    return { ...stream, label: `search ${JSON.stringify(text)}`, kind: 'search', total: null };
  }
  const { tables, views } = listExportables(db);
  if (tables.includes(name) || views.includes(name)) {
    if (Object.keys(params).length) throw new UserError(`--param applies to named queries and search:TEXT, not to the ${tables.includes(name) ? 'table' : 'view'} ${name}`);
    const isTable = tables.includes(name);
    const statement = db.prepare(isTable ? labelledTableSql(db, name) : `SELECT * FROM ${quoteId(name)}`);
    const total = isTable ? (db.prepare(`SELECT count(*) AS n FROM ${quoteId(name)}`).get() as { n: number }).n : null;
    return { ...statementStream(statement), label: name, kind: isTable ? 'table' : 'view', total };
  }
  if (findQuery(name)) {
    return { ...iterateQuery(db, name, params), label: `query ${name}`, kind: 'query', total: null };
  }
  throw unknownName(db, name);
}
