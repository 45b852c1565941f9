// `vnpress runs`: the run reports kept in the database.
import { Store } from '../store/db.ts';
import { recentRuns } from '../store/reports.ts';

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
        process.stdout.write(`Run #${row.run} ${row.kind} ${row.pipeline ?? ''} ${row.status}: ${row.started} → ${row.finished ?? '…'}\n`);
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
