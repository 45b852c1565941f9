// Phase 6 child: the web bench (test/bench/web-bench.ts): build the bench database (100k articles,
// 1M statistics; fewer with --quick), then p50/p95 of search and the chart endpoint under 20
// concurrent undici clients against `vnpress serve` in its own process (measureWeb). Baseline in
// the same run: the same server, clients and request count on a static asset (/static/style.css),
// a route that touches no database, i.e. the HTTP + framework floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { childMain, percentile } from './shared.ts';

export interface WebOptions {
  articles: number;
  clients: number;
  requests: number;
}

async function load(base: string, path: string, clients: number, total: number) {
  const agent = new Agent({ connections: clients, pipelining: 1 });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < total) {
      const t = performance.now();
      const res = await request(new URL(path, base), { dispatcher: agent });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`${path}: HTTP ${res.statusCode}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), reqPerS: latencies.length / seconds };
}

await childMain(async (options: WebOptions) => {
  const { buildBenchDb, measureWeb, startServerProcess } = await import('../web-bench.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-web-'));
  try {
    const dbPath = join(dir, 'bench.db');
    const built = buildBenchDb(dbPath, options.articles);
    const measured = await measureWeb(dbPath);
    const { url, child } = await startServerProcess(dbPath);
    let floor;
    try {
      await load(url, '/static/style.css', options.clients, 100);
      floor = await load(url, '/static/style.css', options.clients, options.requests);
    } finally {
      child.kill('SIGTERM');
    }
    return {
      label: 'web', figures: [], notes: [],
      detail: { articles: options.articles, statistics: built.statistics, buildDbS: built.seconds, ...measured, floor },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
