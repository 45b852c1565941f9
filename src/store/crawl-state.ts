// Crawl state: every URL a source listed, with what happened when it was fetched and when it is due
// again. It lives in the database so that a re-run goes on where the last one stopped.
import type { DB } from './connection.ts';

const nowIso = () => new Date().toISOString();

export class CrawlState {
  private readonly w;

  constructor(private readonly db: DB) {
    this.w = {
      // crawl state
      discoverUrl: db.prepare(`INSERT INTO urls (url, source_id, kind, published_hint, discovered_at)
        VALUES (@url, @sourceId, @kind, @publishedHint, @now) ON CONFLICT(url) DO NOTHING`),
      refreshHint: db.prepare(`UPDATE urls SET published_hint = coalesce(?, published_hint) WHERE url = ?`),
      urlState: db.prepare(`SELECT url, source_id AS sourceId, kind, status, attempts, last_status AS lastStatus, last_error AS lastError,
        etag, last_modified AS lastModified, content_hash AS contentHash, next_check_at AS nextCheckAt FROM urls WHERE url = ?`),
      recordFetch: db.prepare(`UPDATE urls SET status = @status, attempts = @attempts, last_status = @lastStatus, last_error = @lastError,
        etag = coalesce(@etag, etag), last_modified = coalesce(@lastModified, last_modified),
        content_hash = coalesce(@contentHash, content_hash), fetched_at = @now, next_check_at = @nextCheckAt WHERE url = @url`),
    };
  }

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
