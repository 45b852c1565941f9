// One export as the `export` command runs it: a table's count and its rows from one snapshot,
// read by several threads when the source allows it, and a check that every row was written.
import { availableParallelism } from 'node:os';
import type { DB } from '../store/connection.ts';
import { CommitWatch } from '../store/snapshot.ts';
import { resolveExportSource, type ExportSource } from './sources.ts';
import { writeRows, type ExportSummary, type WriteOptions } from './write.ts';

/** Reading threads by default: one per core, at most four (the main thread writes too). */
export function defaultExportThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface ExportRunOptions extends Omit<WriteOptions, 'parallel' | 'total' | 'label'> {
  /** Threads that read and format rows (default `defaultExportThreads()`); 1 reads on this thread only. */
  threads?: number;
  /** When worker threads join (see src/export/parallel.ts). */
  workersAfterMs?: number;
  awaitWorkers?: boolean;
}

export interface ExportRun extends ExportSummary {
  source: Pick<ExportSource, 'label' | 'kind' | 'total'>;
}

/**
 * Exports NAME (a table, a view, a named query or `search:TEXT`) from `db`, which must not be in a
 * transaction. Throws when fewer rows were written than the table holds.
 */
export async function exportRows(db: DB, name: string, params: Record<string, string>, options: ExportRunOptions): Promise<ExportRun> {
  const threads = options.threads ?? defaultExportThreads();
  // Watching for commits has to start before the snapshot is taken, so that the workers' read
  // transactions can be shown to see the same rows (src/store/snapshot.ts).
  const watch = threads > 1 && db.name && !db.memory ? new CommitWatch(db.name) : null;
  try {
    db.exec('BEGIN');
    // One read transaction: the table's count and its rows come from the same snapshot,
    // even while a crawl writes to the database.
    const source = resolveExportSource(db, name, params);
    const summary = await writeRows(source, {
      ...options,
      total: source.total,
      label: source.label,
      parallel: watch ? { threads, sameSnapshot: () => watch.unchanged(), workersAfterMs: options.workersAfterMs, awaitWorkers: options.awaitWorkers } : undefined,
    });
    db.exec('COMMIT');
    if (source.total !== null && summary.rows !== source.total) {
      throw new Error(`export of ${source.label} is incomplete: ${summary.rows} rows written, the table holds ${source.total}`);
    }
    return { ...summary, source: { label: source.label, kind: source.kind, total: source.total } };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    watch?.close();
  }
}
