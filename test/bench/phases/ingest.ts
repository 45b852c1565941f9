// Phase 2 child: ingest into SQLite with the store bench's generator (test/bench/store-bench.ts):
// articles with 11 entities each, batched (Store.saveArticles, and saveArticle inside
// Store.transaction) against the baseline of one transaction per article (Store.saveArticle alone).
// Publication dates run in crawl order (50 a day, newest first); saveArticles also runs once with
// dates shuffled across ten years. Each mode is warmed up on 1,000 articles in a throwaway database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childMain } from './shared.ts';

export interface IngestOptions {
  batched: number;
  baseline: number;
}

await childMain(async (options: IngestOptions) => {
  const { ingest, warmUpIngest } = await import('../store-bench.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-ingest-'));
  try {
    const rates: Record<string, { wall: number; cpu: number; count: number }> = {};
    for (const [label, mode, count, order] of [
      ['saveArticles', 'saveArticles', options.batched, 'crawl'],
      ['saveArticles-shuffled', 'saveArticles', options.batched, 'shuffled'],
      ['outer-transaction', 'outer-transaction', options.batched, 'crawl'],
      ['one-each', 'one-each', options.baseline, 'crawl'],
    ] as const) {
      warmUpIngest(dir, mode);
      rates[label] = { ...ingest(dir, `ingest-${label}.db`, count, mode, order), count };
    }
    return { label: 'ingest', figures: [], notes: [], detail: rates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
