// A WAL checkpointer thread (src/store/checkpointer.ts): its own connection to the store's file,
// a passive checkpoint whenever the writer has committed since the last one, at most one per
// interval. Plain JavaScript: it needs nothing but better-sqlite3, and starts in a few ms.
// It blocks on Atomics.wait between checkpoints; it has no event loop work of its own.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, state, slots, intervalMs } = workerData;
let db;
try {
  db = new Database(path, { fileMustExist: true });
  let seen = 0;
  for (;;) {
    Atomics.wait(state, slots.commits, seen);
    if (Atomics.load(state, slots.stop)) break;
    seen = Atomics.load(state, slots.commits);
    // PASSIVE: copies what it can without waiting for, or blocking, the writer or any reader.
    db.pragma('wal_checkpoint(PASSIVE)');
    Atomics.add(state, slots.checkpoints, 1);
    // A pause (cut short by stop): each checkpoint syncs the file, and a crawl commits per page.
    Atomics.wait(state, slots.pause, 0, intervalMs);
  }
} catch (error) {
  Atomics.store(state, slots.failed, 1);
  console.error(`vnpress: the WAL checkpointer of ${path} stopped (${error.message}); the writer checkpoints itself`);
} finally {
  try {
    db?.close();
  } finally {
    Atomics.store(state, slots.closed, 1);
    Atomics.notify(state, slots.closed);
  }
}
