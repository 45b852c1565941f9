// Run records: one row per crawl (or re-extraction) run and one per source in it, with its counts,
// and one per failed fetch. A crawl's row is also the database's crawl lock: it names its process
// (pid, host) and keeps a heartbeat, and a second crawl starts only when no live one is running.
import type { DB } from './connection.ts';
import { BusyError } from '../core/errors.ts';
import { runAlive, type RunOwner } from '../core/owner.ts';

const nowIso = () => new Date().toISOString();

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

/** One failed fetch (or page) of a run, as `vnpress runs --failed` lists it. */
export interface FailureRecord {
  sourceId: string;
  url: string;
  /** article, feed, sitemap or listing. */
  kind: string;
  /** The reason code (`connection-refused`, `not-found`, `processing-error` …). */
  reason: string;
  detail?: string | null;
  httpStatus?: number | null;
  /** Attempts of this URL so far, over runs. */
  attempt: number;
  /** When it is due again; null when it is not retried. */
  nextCheckAt?: string | null;
}

/** A crawl that holds the lock: what a second crawl's message names. */
export interface RunningCrawl {
  id: number;
  pid: number | null;
  host: string | null;
  startedAt: string;
  heartbeatAt: string | null;
}

export class RunLog {
  private readonly w;

  constructor(private readonly db: DB, private readonly path = 'the database') {
    this.w = {
      startRun: db.prepare(`INSERT INTO runs (kind, pipeline, started_at) VALUES (?, ?, ?)`),
      startOwned: db.prepare(`INSERT INTO runs (kind, pipeline, started_at, pid, host, heartbeat_at) VALUES (@kind, @pipeline, @now, @pid, @host, @now)`),
      running: db.prepare(`SELECT id, pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM runs WHERE kind = ? AND status = 'running' ORDER BY id`),
      markInterrupted: db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = coalesce(heartbeat_at, started_at) WHERE id = ? AND status = 'running'`),
      heartbeat: db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ?`),
      failure: db.prepare(`INSERT INTO run_failures (run_id, source_id, url, kind, reason, detail, http_status, attempt, next_check_at, failed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
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

  start(kind: string, pipeline: string | null): number {
    return Number(this.w.startRun.run(kind, pipeline, nowIso()).lastInsertRowid);
  }

  /**
   * Starts a run that holds the lock for its kind (one crawl at a time on a database): in one
   * IMMEDIATE transaction (two processes starting together are serialised by SQLite's write lock), a
   * run of that kind still marked running is either alive — then this throws a BusyError naming it —
   * or its process is gone (kill -9, a reboot): it is marked interrupted and this run takes over.
   */
  startExclusive(kind: string, pipeline: string | null, owner: RunOwner): { runId: number; interrupted: RunningCrawl[] } {
    const start = this.db.transaction(() => {
      const interrupted: RunningCrawl[] = [];
      for (const run of this.w.running.all(kind) as RunningCrawl[]) {
        if (runAlive(run)) {
          const beat = run.heartbeatAt ? `, last heartbeat ${Math.round((Date.now() - Date.parse(run.heartbeatAt)) / 1000)} s ago` : '';
          throw new BusyError(`${this.path} is in use by ${kind} run #${run.id} (pid ${run.pid} on ${run.host}, started ${run.startedAt}${beat}): ` +
            `this ${kind} was not started; wait for it to finish, or stop it (kill ${run.pid})`);
        }
        this.w.markInterrupted.run(run.id);
        interrupted.push(run);
      }
      const runId = Number(this.w.startOwned.run({ kind, pipeline, now: nowIso(), pid: owner.pid, host: owner.host }).lastInsertRowid);
      return { runId, interrupted };
    });
    return start.immediate();
  }

  /** The run is alive: refreshes its heartbeat. */
  heartbeat(runId: number): void {
    this.w.heartbeat.run(nowIso(), runId);
  }

  recordFailure(runId: number, f: FailureRecord): void {
    this.w.failure.run(runId, f.sourceId, f.url, f.kind, f.reason, f.detail ?? null, f.httpStatus ?? null, f.attempt, f.nextCheckAt ?? null, nowIso());
  }

  recordSource(runId: number, sourceId: string, counts: RunSourceCounts): void {
    this.w.upsertRunSource.run({
      runId, sourceId, discovered: counts.discovered, fetched: counts.fetched, notModified: counts.notModified,
      failed: counts.failed, failedReasons: JSON.stringify(counts.failedReasons), stored: counts.stored,
      updated: counts.updated, unchanged: counts.unchanged, entities: counts.entities, warnings: JSON.stringify(counts.warnings),
    });
  }

  finish(runId: number, status: 'finished' | 'failed' | 'interrupted'): void {
    this.w.finishRun.run(nowIso(), status, runId);
  }
}
