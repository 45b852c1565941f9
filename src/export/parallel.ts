// Parallel export. Reading a row from SQLite costs about as much as formatting it, and both run
// on one core; so the rows of a source that can be read in key ranges (tables, keyed views) are
// read and formatted by the main thread and by worker threads at once, a range each, and written
// in key order: the same bytes as the sequential export. Workers start at once for a large source
// and once the export has run for a moment for a small one (which finishes alone sooner than a
// worker starts). Each reads in a read transaction of its own, used only if nobody committed
// between the source's snapshot and the worker's (`sameSnapshot`, checked when the worker says
// it took it). The main thread never waits for them, and takes back the ranges of a worker that
// fails.
import { Worker } from 'node:worker_threads';
import type { KeyRanges } from './sources.ts';
import { csvOptions, formatRows, type CsvMode, type TextFormat } from './format.ts';
import type { RangeRequest, WorkerMessage, WorkerSetup } from './worker.ts';

export interface ParallelOptions {
  /** Threads reading and formatting rows, the main one included (2 or more). */
  threads: number;
  /** Whether nobody has committed since the source's snapshot was taken. */
  sameSnapshot: () => boolean;
  /**
   * Milliseconds of work on the main thread before workers are started: default 0 for a source of
   * `WORKERS_AT_ONCE_FROM` keys or more, else 100 (a short export finishes alone sooner).
   */
  workersAfterMs?: number;
  /**
   * Start workers at once and read nothing until each is ready or gone, so that they take part in
   * even a short export (tests use it; it only makes an export slower).
   */
  awaitWorkers?: boolean;
}

export interface ParallelStats {
  /** Workers that read rows (in the source's snapshot), known once the ranges are all written. */
  workersUsed: number;
}

/** Output per range: large enough that messages cost nothing, small enough to hold a few. */
const CHUNK_BYTES = 256 * 1024;
const FIRST_CHUNK_KEYS = 256;
const MAX_CHUNK_KEYS = 1 << 20;
/** Key spans from which workers start at once: their snapshot is then taken close to the source's. */
const WORKERS_AT_ONCE_FROM = 10_000;
/** Ranges a worker holds at once: one being read and one queued, so it does not wait for the main thread. */
const IN_FLIGHT = 2;

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

interface Helper {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  inFlight: Set<Chunk>;
  chunksDone: number;
}

interface Chunk {
  index: number;
  after: number;
  last: number;
  owner: Helper | 'main' | null;
  rows: number;
  data: string | Uint8Array | null;
}

/** Lets queued worker messages in between two ranges read on the main thread. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

class ParallelExport {
  private readonly queue: Chunk[] = [];
  private readonly byIndex = new Map<number, Chunk>();
  private readonly helpers: Helper[] = [];
  private readonly maxQueued: number;
  private readonly csv: ReturnType<typeof csvOptions>;
  private nextAfter: number;
  private nextIndex = 0;
  private width = FIRST_CHUNK_KEYS;
  private keysDone = 0;
  private bytesDone = 0;
  private wakeUp: (() => void) | null = null;
  private closing = false;
  readonly stats: ParallelStats = { workersUsed: 0 };

  constructor(
    private readonly ranges: KeyRanges,
    private readonly columns: string[],
    private readonly format: TextFormat,
    private readonly mode: CsvMode,
    private readonly options: ParallelOptions,
  ) {
    this.nextAfter = ranges.first - 1;
    this.maxQueued = options.threads * IN_FLIGHT + 4;
    this.csv = csvOptions(mode);
  }

  /** The serialised ranges in key order. */
  async *chunks(counted: (rows: number) => void): AsyncGenerator<string | Uint8Array> {
    const started = performance.now();
    const workersAfter = this.options.workersAfterMs ?? (this.ranges.last - this.ranges.first >= WORKERS_AT_ONCE_FROM ? 0 : 100);
    let spawned = false;
    try {
      if (this.options.awaitWorkers) {
        spawned = true;
        this.spawn();
        while (this.helpers.some((h) => !h.ready && !h.dead)) await new Promise<void>((resolve) => (this.wakeUp = resolve));
      }
      for (;;) {
        const chunk = this.queue[0] ?? this.plan();
        if (!chunk) break;
        if (!spawned && performance.now() - started >= workersAfter) {
          spawned = true;
          this.spawn();
        }
        if (chunk.data === null) {
          if (chunk.owner === null) {
            this.readOnMain(chunk);
          } else {
            // A worker has the next range: read a later one meanwhile, or wait for it.
            const spare = this.unassigned();
            if (spare) {
              this.readOnMain(spare);
              await turn();
            } else {
              await new Promise<void>((resolve) => (this.wakeUp = resolve));
            }
            continue;
          }
        }
        this.queue.shift();
        this.byIndex.delete(chunk.index);
        counted(chunk.rows);
        yield chunk.data!;
        await turn();
        this.dispatch();
      }
    } finally {
      await this.close();
    }
  }

  /** The next range after the last one planned, sized from the bytes per key so far. */
  private plan(): Chunk | null {
    if (this.nextAfter >= this.ranges.last || this.queue.length >= this.maxQueued) return null;
    const last = Math.min(this.nextAfter + this.width, this.ranges.last);
    const chunk: Chunk = { index: this.nextIndex++, after: this.nextAfter, last, owner: null, rows: 0, data: null };
    this.nextAfter = last;
    this.queue.push(chunk);
    this.byIndex.set(chunk.index, chunk);
    return chunk;
  }

  /** The earliest range nobody reads yet. */
  private unassigned(): Chunk | null {
    return this.queue.find((c) => c.owner === null) ?? this.plan();
  }

  private done(chunk: Chunk, rows: number, data: string | Uint8Array, bytes: number): void {
    chunk.rows = rows;
    chunk.data = data;
    this.keysDone += chunk.last - chunk.after;
    this.bytesDone += bytes;
    const perKey = this.bytesDone / this.keysDone;
    this.width = perKey > 0 ? Math.max(16, Math.min(MAX_CHUNK_KEYS, Math.round(CHUNK_BYTES / perKey))) : Math.min(MAX_CHUNK_KEYS, this.width * 2);
  }

  private readOnMain(chunk: Chunk): void {
    chunk.owner = 'main';
    const { text, rows } = formatRows(this.ranges.read(chunk.after, chunk.last), this.format, this.columns, this.mode, this.csv);
    // Characters, not bytes: close enough for sizing ranges (the text is mostly one byte a character).
    this.done(chunk, rows, text, text.length);
  }

  private spawn(): void {
    // A commit since the snapshot was taken: no worker could read the same rows.
    if (!this.options.sameSnapshot()) return;
    const setup: WorkerSetup = { path: this.ranges.path, sql: this.ranges.sql, columns: this.columns, format: this.format, csv: this.mode };
    for (let i = 1; i < this.options.threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(BOOT, { workerData: setup });
      } catch {
        return; // no more threads to be had: the ones started, and this one, do the work
      }
      const helper: Helper = { worker, ready: false, dead: false, inFlight: new Set(), chunksDone: 0 };
      helper.worker.on('message', (message: WorkerMessage) => this.onMessage(helper, message));
      helper.worker.on('error', () => this.drop(helper));
      helper.worker.on('exit', () => this.drop(helper));
      this.helpers.push(helper);
    }
  }

  private onMessage(helper: Helper, message: WorkerMessage): void {
    if (helper.dead) return;
    if (message.kind === 'pinned') {
      // Its snapshot is the source's if nobody has committed since the source's was taken.
      if (!this.options.sameSnapshot()) return this.drop(helper);
      return;
    } else if (message.kind === 'ready') {
      helper.ready = true;
    } else if (message.kind === 'chunk') {
      const chunk = this.byIndex.get(message.chunk)!;
      helper.inFlight.delete(chunk);
      helper.chunksDone++;
      this.done(chunk, message.rows, message.bytes, message.bytes.byteLength);
    } else {
      return this.drop(helper);
    }
    this.dispatch();
    this.wake();
  }

  /** A worker that failed, exited or read another snapshot: its ranges go back to the queue. */
  private drop(helper: Helper): void {
    if (helper.dead) return;
    helper.dead = true;
    for (const chunk of helper.inFlight) chunk.owner = null;
    helper.inFlight.clear();
    if (!this.closing) void helper.worker.terminate();
    this.wake();
  }

  private dispatch(): void {
    for (const helper of this.helpers) {
      while (helper.ready && !helper.dead && helper.inFlight.size < IN_FLIGHT) {
        const chunk = this.unassigned();
        if (!chunk) return;
        chunk.owner = helper;
        helper.inFlight.add(chunk);
        const request: RangeRequest = { chunk: chunk.index, after: chunk.after, last: chunk.last };
        helper.worker.postMessage(request);
      }
    }
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private async close(): Promise<void> {
    this.closing = true;
    this.stats.workersUsed = this.helpers.filter((h) => h.chunksDone > 0).length;
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}

/**
 * The rows of `ranges` serialised by `options.threads` threads, in key order, without the CSV
 * header; `stats` says how the work was shared once the generator is done.
 */
export function serialisedInParallel(
  ranges: KeyRanges, columns: string[], format: TextFormat, mode: CsvMode, options: ParallelOptions, counted: (rows: number) => void,
): { chunks: AsyncGenerator<string | Uint8Array>; stats: ParallelStats } {
  const run = new ParallelExport(ranges, columns, format, mode, options);
  return { chunks: run.chunks(counted), stats: run.stats };
}
