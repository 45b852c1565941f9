// Run records: one row per crawl (or re-extraction) run and one per source in it, with its counts.
import type { DB } from './connection.ts';

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

export class RunLog {
  private readonly w;

  constructor(db: DB) {
    this.w = {
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

  start(kind: string, pipeline: string | null): number {
    return Number(this.w.startRun.run(kind, pipeline, nowIso()).lastInsertRowid);
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
