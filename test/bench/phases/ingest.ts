// Phase 2 child: ingest into SQLite with the store bench's generator (test/bench/store-bench.ts):
// articles with 11 entities each, batched (Store.saveArticles, and saveArticle inside an outer
// transaction) against the baseline of one transaction per article (Store.saveArticle alone).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childMain } from './shared.ts';

export interface IngestOptions {
  batched: number;
  baseline: number;
}

await childMain(async (options: IngestOptions) => {
  const { ingest } = await import('../store-bench.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-ingest-'));
  try {
    const rates: Record<string, { wall: number; cpu: number; count: number }> = {};
    for (const [label, mode, count] of [
      ['saveArticles', 'saveArticles', options.batched],
      ['outer-transaction', 'outer-transaction', options.batched],
      ['one-each', 'one-each', options.baseline],
    ] as const) {
      rates[label] = { ...ingest(dir, `ingest-${label}.db`, count, mode), count };
    }
    return { label: 'ingest', figures: [], notes: [], detail: rates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
