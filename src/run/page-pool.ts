// Many files of pages on every core: this thread and worker threads take the files in turn, and the
// results are handed back in the files' order. clean + extract is synchronous CPU work, so one thread
// uses one core; a folder of 186 pages took 2.1 s on one thread of a 2-core machine and 1.3 s on two
// (bench phase 8). This thread starts on the first file at once; each worker joins when it has loaded
// the stages (~0.2 s), so small folders are not slowed by the workers starting.
import { Worker } from 'node:worker_threads';
import { runFileJob, type FileJob, type FileResult } from './page-files.ts';

const WORKER = new URL('./page-worker.mjs', import.meta.url);

/** Fewer files than this are read on this thread alone: a worker costs ~0.2 s of CPU to start. */
export const POOL_MIN_FILES = 16;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PoolOptions {
  /** Whether this thread takes files too (default true); when false it only hands them out. */
  thisThread?: boolean;
  /** Fewer files than this run on this thread alone (default POOL_MIN_FILES). */
  minFiles?: number;
}

/**
 * Runs every job, on `threads` threads in all (this one included), and calls `onResult` for each in
 * the order of `jobs`. A worker that fails gives its job back to this thread.
 */
export async function runFileJobs(jobs: readonly FileJob[], threads: number, onResult: (job: FileJob, result: FileResult) => void, options: PoolOptions = {}): Promise<void> {
  const thisThread = options.thisThread ?? true;
  const minFiles = options.minFiles ?? POOL_MIN_FILES;
  const results = new Map<number, FileResult>();
  let next = 0;
  let reported = 0;
  const report = () => {
    while (results.has(reported)) {
      const result = results.get(reported)!;
      results.delete(reported);
      onResult(jobs[reported]!, result);
      reported++;
    }
  };
  const returned: number[] = []; // jobs of failed workers, for this thread
  const take = (): number | null => (returned.length ? returned.shift()! : next < jobs.length ? next++ : null);

  const wanted = thisThread ? threads - 1 : threads;
  const workerCount = jobs.length >= minFiles ? Math.max(0, Math.min(wanted, Math.ceil(jobs.length / Math.max(1, minFiles)))) : 0;
  let running = 0;
  let workersDone: () => void = () => {};
  const allWorkersDone = new Promise<void>((resolve) => (workersDone = resolve));
  const startWorker = () => {
    const worker = new Worker(WORKER);
    running++;
    let current: number | null = null;
    const give = () => {
      current = take();
      if (current === null) void worker.terminate();
      else worker.postMessage({ index: current, job: jobs[current] });
    };
    const finish = () => {
      if (current !== null) returned.push(current);
      current = null;
      if (--running === 0) workersDone();
    };
    worker.on('message', (message: { ready: true } | { index: number; result: FileResult }) => {
      if ('index' in message) {
        results.set(message.index, message.result);
        report();
      }
      give();
    });
    worker.on('error', () => { /* its job is given back on exit */ });
    worker.on('exit', finish);
  };
  for (let i = 0; i < workerCount; i++) startWorker();
  if (workerCount === 0) workersDone();

  // This thread's share, yielding between pages so that the workers' results are taken in.
  for (let index = thisThread || workerCount === 0 ? take() : null; index !== null; index = take()) {
    results.set(index, runFileJob(jobs[index]!));
    report();
    await yieldToEvents();
  }
  await allWorkersDone;
  // Jobs a worker gave back when it failed.
  for (let index = take(); index !== null; index = take()) {
    results.set(index, runFileJob(jobs[index]!));
    report();
  }
}
