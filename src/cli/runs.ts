// `vnpress runs`: the run reports kept in the database, and with --failed a run's failed URLs.
import { Store } from '../store/db.ts';
import { latestRunId, recentRuns, runExists, runFailures } from '../store/reports.ts';
import { UserError } from '../core/errors.ts';
import { formatTable } from './format.ts';

export function showRuns(options: { db: string; limit: number; json?: boolean }): void {
  const store = new Store(options.db, { readonly: true });
  try {
    const rows = recentRuns(store.db, options.limit);
    if (options.json) {
      for (const row of rows) process.stdout.write(JSON.stringify(row) + '\n');
      return;
    }
    if (!rows.length) {
      process.stdout.write('No runs yet.\n');
      return;
    }
    let current: unknown = null;
    for (const row of rows) {
      if (row.run !== current) {
        current = row.run;
        // A run left "running" by a process that is gone (kill -9, a reboot) reads as interrupted.
        const gone = row.lastSeen ? ` (its process ${row.pid ?? ''} is gone; last seen ${row.lastSeen})` : '';
        process.stdout.write(`Run #${row.run} ${row.kind} ${row.pipeline ?? ''} ${row.status}${gone}: ${row.started} → ${row.finished ?? '…'}\n`);
      }
      if (row.source) {
        const reasons = row.failedReasons && row.failedReasons !== '{}' ? ` ${row.failedReasons}` : '';
        process.stdout.write(`  ${String(row.source).padEnd(16)} discovered ${row.discovered}, fetched ${row.fetched}, not modified ${row.notModified}, ` +
          `failed ${row.failed}${reasons}, stored ${row.stored}, updated ${row.updated}, unchanged ${row.unchanged}, entities ${row.entities}\n`);
      }
    }
  } finally {
    store.close();
  }
}

/** The failed URLs of a run (the latest crawl by default), with their reasons. */
export function showFailures(options: { db: string; run?: number; json?: boolean }): void {
  const store = new Store(options.db, { readonly: true });
  try {
    const runId = options.run ?? latestRunId(store.db, 'crawl');
    if (runId === null) {
      process.stdout.write('No crawl runs yet.\n');
      return;
    }
    if (!runExists(store.db, runId)) throw new UserError(`--run ${runId}: no such run in ${options.db} (see vnpress runs)`);
    const rows = runFailures(store.db, runId);
    if (options.json) {
      for (const row of rows) process.stdout.write(JSON.stringify(row) + '\n');
      return;
    }
    if (!rows.length) {
      process.stdout.write(`Run #${runId}: no failed URLs.\n`);
      return;
    }
    process.stdout.write(`Run #${runId}: ${rows.length} failed URL(s)\n`);
    const table = formatTable(rows.map((r) => ({
      source: r.source ?? '', kind: r.kind, reason: r.reason, status: r.httpStatus ?? '', attempt: r.attempt,
      'next retry': r.nextCheckAt ?? 'not again', url: r.url, detail: r.detail ?? '',
    })), { maxWidth: Infinity, columnWidths: { url: 160, detail: 80 } });
    process.stdout.write(table.endsWith('\n') ? table : `${table}\n`);
  } finally {
    store.close();
  }
}
