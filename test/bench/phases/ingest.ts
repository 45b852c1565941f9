// Phase 2 child: ingest into SQLite with the store bench's generator (test/bench/store-bench.ts):
// articles with 11 entities each, batched (Store.saveArticles, and saveArticle inside
// Store.transaction) against the baseline of one transaction per article (Store.saveArticle alone).
// Publication dates run in crawl order (50 a day, newest first); saveArticles also runs once with
// dates shuffled across ten years. Each mode is warmed up on 1,000 articles in a throwaway database,
// then measured three times, each in a fresh database; the median is reported (wall and CPU
// separately), with every run in the detail: a run lasts seconds, and this machine's speed moves
// by 20 % from one to the next.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childMain } from './shared.ts';

export interface IngestOptions {
  batched: number;
  baseline: number;
  /** Measured runs per mode (default 3). */
  runs?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await childMain(async (options: IngestOptions) => {
  const { ingest, warmUpIngest } = await import('../store-bench.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-ingest-'));
  try {
    const rates: Record<string, { wall: number; cpu: number; count: number; runs: Array<{ wall: number; cpu: number }> }> = {};
    for (const [label, mode, count, order] of [
      ['saveArticles', 'saveArticles', options.batched, 'crawl'],
      ['saveArticles-shuffled', 'saveArticles', options.batched, 'shuffled'],
      ['outer-transaction', 'outer-transaction', options.batched, 'crawl'],
      ['one-each', 'one-each', options.baseline, 'crawl'],
    ] as const) {
      warmUpIngest(dir, mode);
      const runs = Array.from({ length: options.runs ?? 3 }, (_, i) => {
        const rate = ingest(dir, `ingest-${label}-${i}.db`, count, mode, order);
        for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `ingest-${label}-${i}.db${suffix}`), { force: true });
        return rate;
      });
      rates[label] = { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), count, runs };
    }
    return { label: 'ingest', figures: [], notes: [], detail: rates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
