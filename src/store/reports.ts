// What the reports read: the database summary at the end of a crawl, the run history, the stored
// pages a re-extraction goes over, and the sources' base URLs. (The web's reads and search are in
// read-model.ts, the named queries in query.ts.)
import { StoreError, type DB } from './connection.ts';
import { ENTITY_KINDS, type EntityKind, type EntityKindInfo } from '../core/entities.ts';
import { runAlive } from '../core/owner.ts';
import { sourceFromProfile } from '../core/profile.ts';
import type { Source } from '../core/types.ts';

export interface DatabaseSummary {
  articlesBySource: { source: string; articles: number }[];
  officials: { name: string; titles: string; articles: number }[];
  officialCount: number;
  documents: { document: string; issuer: string | null; citations: number }[];
  documentCount: number;
  /** The units counted most often, each with how many figures and its largest one. */
  topStatistics: { unit: string; figures: number; articles: number; largest: string }[];
  statisticCount: number;
}

export function summarizeDatabase(db: DB, limit = 8): DatabaseSummary {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    articlesBySource: all(`SELECT coalesce(s.name, a.source_id, '(local files)') AS source, count(*) AS articles
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id GROUP BY 1 ORDER BY 2 DESC, 1`),
    // Each official's titles in the order the press first gave them (then by name), whatever order the crawl stored them in.
    officials: all(`SELECT o.name, (SELECT group_concat(title, '; ') FROM (SELECT t2.title FROM official_titles t2 JOIN articles a ON a.id = t2.article_id
          WHERE t2.official_id = o.id AND t2.title IS NOT NULL GROUP BY t2.title ORDER BY min(a.published), t2.title)) AS titles,
        count(DISTINCT t.article_id) AS articles
      FROM officials o JOIN official_titles t ON t.official_id = o.id GROUP BY o.id ORDER BY articles DESC, o.name LIMIT ?`, limit),
    officialCount: one(`SELECT count(*) FROM officials`),
    documents: all(`SELECT coalesce(d.kind || ' ' || d.code, d.kind || ' số ' || d.number, d.kind) AS document, d.issuer,
      count(*) AS citations FROM documents d JOIN document_citations c ON c.document_id = d.id
      GROUP BY d.id ORDER BY citations DESC, document LIMIT ?`, limit),
    documentCount: one(`SELECT count(*) FROM documents`),
    topStatistics: all(`SELECT min(s.unit) AS unit, count(*) AS figures, count(DISTINCT s.article_id) AS articles,
        (SELECT t.text FROM statistics t WHERE t.unit_folded = s.unit_folded ORDER BY t.value DESC LIMIT 1) AS largest
      FROM statistics s GROUP BY s.unit_folded ORDER BY figures DESC, articles DESC, unit LIMIT ?`, limit),
    statisticCount: one(`SELECT count(*) FROM statistics`),
  };
}

/**
 * The most recent runs, newest first, each with a row per source (a run without sources has one row).
 * A run still marked running whose process is gone (kill -9, a reboot: see core/owner.ts) is shown as
 * `interrupted`, with `lastSeen` its last heartbeat; the next crawl records it so.
 */
export function recentRuns(db: DB, limit: number): Record<string, unknown>[] {
  const rows = db.prepare(`SELECT r.id AS run, r.kind, r.pipeline, r.started_at AS started, r.finished_at AS finished, r.status,
        r.pid, r.host, r.heartbeat_at AS heartbeatAt,
        s.source_id AS source, s.discovered, s.fetched, s.not_modified AS notModified, s.failed, s.failed_reasons AS failedReasons,
        s.stored, s.updated, s.unchanged, s.entities
      FROM runs r LEFT JOIN run_sources s ON s.run_id = r.id
      WHERE r.id IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?) ORDER BY r.id DESC, s.source_id`).all(limit) as Record<string, unknown>[];
  const alive = new Map<unknown, boolean>();
  for (const row of rows) {
    if (row.status !== 'running') continue;
    if (!alive.has(row.run)) alive.set(row.run, runAlive({ pid: row.pid as number | null, host: row.host as string | null, heartbeatAt: row.heartbeatAt as string | null, startedAt: row.started as string }));
    if (!alive.get(row.run)) {
      row.status = 'interrupted';
      row.lastSeen = row.heartbeatAt ?? row.started;
    }
  }
  return rows;
}

export interface RunFailureRow {
  run: number;
  source: string | null;
  url: string;
  kind: string;
  reason: string;
  detail: string | null;
  httpStatus: number | null;
  attempt: number;
  nextCheckAt: string | null;
  failedAt: string;
}

/** The id of the most recent run of a kind, or null. */
export function latestRunId(db: DB, kind: string): number | null {
  return (db.prepare(`SELECT max(id) FROM runs WHERE kind = ?`).pluck().get(kind) as number | null) ?? null;
}

/** Whether a run with this id exists. */
export function runExists(db: DB, runId: number): boolean {
  return db.prepare(`SELECT 1 FROM runs WHERE id = ?`).pluck().get(runId) !== undefined;
}

/** The failed fetches of a run, by source, in the order they failed. */
export function runFailures(db: DB, runId: number): RunFailureRow[] {
  return db.prepare(`SELECT run_id AS run, source_id AS source, url, kind, reason, detail, http_status AS httpStatus, attempt,
      next_check_at AS nextCheckAt, failed_at AS failedAt
    FROM run_failures WHERE run_id = ? ORDER BY source_id, id`).all(runId) as RunFailureRow[];
}

export interface StoredPage {
  id: number;
  url: string;
  sourceId: string | null;
  contentHash: string;
  published: string | null;
  entityRows: number;
}

const ENTITY_ROWS_SQL = ENTITY_KINDS.map((k) => `(SELECT count(*) FROM ${k.table} WHERE article_id = a.id)`).join(' + ');

/** How many entity rows (of every kind) an article has: the measure reextract reports before and after. */
export function entityRowCount(db: DB, articleId: number): number {
  return db.prepare(`SELECT ${ENTITY_ROWS_SQL} FROM articles a WHERE a.id = ?`).pluck().get(articleId) as number;
}

/** The stored articles that have their raw page (of one source, or all), with how many entity rows each has. */
export function storedPages(db: DB, source: string | null): StoredPage[] {
  const entityRows = ENTITY_ROWS_SQL;
  return db.prepare(`SELECT a.id, a.url, a.source_id AS sourceId, a.content_hash AS contentHash, a.published, ${entityRows} AS entityRows
    FROM articles a JOIN raw_pages r ON r.article_id = a.id WHERE (@source IS NULL OR a.source_id = @source) ORDER BY a.id`)
    .all({ source }) as StoredPage[];
}

/** What an article's rows of each kind are compared by: ids replaced by what they stand for. */
const SIGNATURE_SQL: Partial<Record<EntityKind, string>> = {
  officials: `SELECT o.name, t.title FROM official_titles t JOIN officials o ON o.id = t.official_id WHERE article_id = ? ORDER BY 1, 2`,
  documents: `SELECT d.doc_key, c.text FROM document_citations c JOIN documents d ON d.id = c.document_id WHERE article_id = ? ORDER BY 1, 2`,
  statistics: `SELECT text, value, total, unit, indicator_key, qualifier, upper, change, compared_to, share, restates FROM statistics
    WHERE article_id = ? ORDER BY 1, 2`,
};

/** A compact fingerprint of an article's entity rows, to tell whether re-extraction changed them. */
export function entitySignature(db: DB, articleId: number): string {
  return ENTITY_KINDS.map((info: EntityKindInfo) => {
    const sql = SIGNATURE_SQL[info.kind] ?? `SELECT ${Object.keys(info.columns ?? { text: 0 }).join(', ')} FROM ${info.table} WHERE article_id = ? ORDER BY 1, 2`;
    return JSON.stringify(db.prepare(sql).raw().all(articleId));
  }).join('|');
}

/** Each source's id and base URL. */
export function sourceBaseUrls(db: DB): { id: string; baseUrl: string | null }[] {
  return db.prepare(`SELECT id, base_url AS baseUrl FROM sources`).all() as { id: string; baseUrl: string | null }[];
}

export interface StoredSource {
  id: string;
  name: string;
  baseUrl: string | null;
  /** The site profile its pages were last cleaned with (null for a bare source, or one stored before profiles were kept). */
  profile: Source | null;
}

/** The sources in the database, by id, with their stored profiles. */
export function storedSources(db: DB): Map<string, StoredSource> {
  // A database not yet migrated (opened read-only) has no profile column: no profiles then.
  const hasProfile = (db.prepare(`SELECT count(*) FROM pragma_table_info('sources') WHERE name = 'profile'`).pluck().get() as number) > 0;
  const rows = db.prepare(`SELECT id, name, base_url AS baseUrl, ${hasProfile ? 'profile' : 'NULL AS profile'} FROM sources ORDER BY id`).all() as
    { id: string; name: string; baseUrl: string | null; profile: string | null }[];
  return new Map(rows.map((row) => [row.id, {
    id: row.id, name: row.name, baseUrl: row.baseUrl,
    profile: row.profile ? storedProfile(row.profile, `database ${db.name}, source ${row.id}`) : null,
  }]));
}

function storedProfile(json: string, origin: string): Source {
  try {
    return sourceFromProfile(JSON.parse(json), origin);
  } catch (error) {
    throw new StoreError(error instanceof SyntaxError ? `${origin}: profile is not JSON` : (error as Error).message);
  }
}
