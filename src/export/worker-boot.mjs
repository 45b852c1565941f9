// Entry of an export worker thread. It takes its snapshot first, in plain JavaScript, and says so
// at once: the main thread accepts a worker only if nobody committed between its own snapshot and
// the worker's (src/store/snapshot.ts), so the sooner, the likelier during a crawl. Then it loads
// the TypeScript worker: worker threads do not inherit the main thread's module loader, so tsx is
// registered here (which takes longer than everything above).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // As beginSnapshot() in src/store/snapshot.ts.
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: error.message });
  process.exit(0);
}
parentPort.postMessage({ kind: 'pinned' });
const { register } = await import('tsx/esm/api');
register();
const { serve } = await import('./worker.ts');
serve(db);
