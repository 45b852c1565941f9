// How many threads a command that spreads CPU work over worker threads uses unless told: one per core,
// at most 4 (beyond that the main thread, which hands out the work and writes the results in order,
// is the limit). Shared by exports (src/export/run.ts) and folders of pages (src/run/page-pool.ts).
import { availableParallelism } from 'node:os';

export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
