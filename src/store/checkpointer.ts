// Checkpoints a writer's WAL on a thread of its own. In WAL mode every page a transaction writes is
// appended to the -wal file, and a checkpoint copies the pages back into the database file and
// syncs it. SQLite runs that checkpoint inside the commit that takes the WAL past 1,000 pages, on
// the writer's thread: ~9% of an ingest's CPU and most of its waiting on the disk (profiled). A
// passive checkpoint from another connection does the same work without blocking the writer (the
// arrangement SQLite's WAL documentation suggests), so the writer's thread only writes.
//
// The thread starts when a store's WAL first reaches the size at which SQLite would checkpoint:
// short-lived stores (tests, one-article ingests) never start one. From then on the writer's own
// automatic checkpoint stays as a backstop at four times that size: it does the work if the
// thread falls behind or fails, and it lets the WAL start over from its beginning (which SQLite
// does only at a write transaction that begins when the WAL is fully checkpointed).
import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import type { DB } from './connection.ts';

/** SQLite's default automatic checkpoint, in pages: the WAL size at which the thread starts. */
const START_PAGES = 1000;
/** The writer's own automatic checkpoint once the thread runs. */
const BACKSTOP_PAGES = 4 * START_PAGES;
/** Least time between two checkpoints of the thread. */
const INTERVAL_MS = 250;
/** How long close() waits for the thread to finish a checkpoint and close its connection. */
const CLOSE_WAIT_MS = 10_000;

export interface CheckpointerOptions {
  startPages?: number;
  backstopPages?: number;
  intervalMs?: number;
}

const slots = { commits: 0, stop: 1, pause: 2, closed: 3, failed: 4, checkpoints: 5 } as const;
const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);

export class WalCheckpointer {
  private state: Int32Array | null = null;
  private worker: Worker | null = null;
  private readonly walPath: string;
  private readonly startBytes: number;
  private stopped = false;
  private readonly startPages: number;
  private readonly backstopPages: number;
  private readonly intervalMs: number;

  /** `db`: the writer's connection to the database file at `path`. The options are for tests. */
  constructor(private readonly db: DB, private readonly path: string, options: CheckpointerOptions = {}) {
    this.startPages = options.startPages ?? START_PAGES;
    this.backstopPages = options.backstopPages ?? BACKSTOP_PAGES;
    this.intervalMs = options.intervalMs ?? INTERVAL_MS;
    this.walPath = `${path}-wal`;
    this.startBytes = this.startPages * (db.pragma('page_size', { simple: true }) as number);
  }

  /** After each commit of the writer: starts the thread once the WAL is large, then wakes it. */
  committed(): void {
    const state = this.state;
    if (state) {
      // The thread failed: the writer checkpoints itself again, as SQLite does by default.
      if (Atomics.load(state, slots.failed)) return this.close();
      Atomics.add(state, slots.commits, 1);
      Atomics.notify(state, slots.commits);
      return;
    }
    if (this.stopped) return;
    const wal = statSync(this.walPath, { throwIfNoEntry: false });
    if (wal && wal.size >= this.startBytes) this.start();
  }

  /** Checkpoints the thread has made (for tests and the bench). */
  get checkpoints(): number {
    return this.state ? Atomics.load(this.state, slots.checkpoints) : 0;
  }

  get running(): boolean {
    return this.state !== null;
  }

  private start(): void {
    const state = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
    try {
      this.worker = new Worker(WORKER, { workerData: { path: this.path, state, slots, intervalMs: this.intervalMs } });
    } catch {
      this.stopped = true; // SQLite's own checkpoints go on as before
      return;
    }
    this.worker.unref(); // a store never closed must not keep the process alive
    this.worker.on('error', () => Atomics.store(state, slots.failed, 1));
    this.state = state;
    this.db.pragma(`wal_autocheckpoint = ${this.backstopPages}`);
    Atomics.add(state, slots.commits, 1);
    Atomics.notify(state, slots.commits);
  }

  /** Stops the thread (after the checkpoint it may be making) and gives checkpoints back to SQLite. */
  close(): void {
    this.stopped = true;
    const state = this.state;
    if (!state) return;
    this.state = null;
    Atomics.store(state, slots.stop, 1);
    Atomics.add(state, slots.commits, 1);
    Atomics.notify(state, slots.commits);
    Atomics.notify(state, slots.pause);
    // Waits (main thread: Node allows it) so that the file is not closed or removed under the thread.
    if (Atomics.wait(state, slots.closed, 0, CLOSE_WAIT_MS) === 'timed-out') void this.worker?.terminate();
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.startPages}`);
  }
}
