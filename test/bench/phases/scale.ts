// Phase 4 child: `pages` generated pages (generate.ts) streamed through processPage and
// Store.saveArticle (with the raw page, as the crawl stores it) into a fresh temp database. Only
// processPage + saveArticle are on the clock (per call); generating the page is not. Checkpoints
// every tenth of the run record the time per page in that window and the RSS, to show whether
// time or memory grows with the number of pages already stored.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processPage } from '../../../src/run/process.ts';
import { Store } from '../../../src/store/db.ts';
import { allSources } from '../../../pipelines/index.ts';
import { generatePages } from './generate.ts';
import { childMain, cpuMsSince, rssMb } from './shared.ts';

export interface ScaleOptions {
  pages: number;
}

export interface Checkpoint {
  pages: number;
  windowCpuMsPerPage: number;
  windowWallMsPerPage: number;
  rssMb: number;
  heapUsedMb: number;
}

await childMain(async (options: ScaleOptions) => {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-scale-'));
  try {
    const dbPath = join(dir, 'scale.db');
    const store = new Store(dbPath);
    for (const s of allSources) store.upsertSource(s);
    const every = Math.max(100, Math.floor(options.pages / 10));
    const checkpoints: Checkpoint[] = [];
    const statuses: Record<string, number> = {};
    let cpuTotal = 0;
    let wallTotal = 0;
    let windowCpu = 0;
    let windowWall = 0;
    let windowPages = 0;
    let entities = 0;
    let htmlBytes = 0;
    for (const page of generatePages(options.pages)) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const fetchedAt = new Date().toISOString();
      const { article, extraction } = processPage(page.html, 'html', { url: page.url, source: page.source, fetchedAt });
      const saved = store.saveArticle(article, extraction, { raw: { html: page.html, fetchedAt, contentType: 'text/html; charset=utf-8', charset: 'utf-8' } });
      const wall = performance.now() - t;
      const used = cpuMsSince(cpu);
      // Counted after processPage, which has read the page as one flat string: Buffer.byteLength on the
      // generator's unflattened (rope) string made a second, bench-only copy of every page in this
      // process (peak RSS 256 MB instead of 210 MB over 1,000 pages).
      htmlBytes += Buffer.byteLength(page.html);
      statuses[saved.status] = (statuses[saved.status] ?? 0) + 1;
      entities += saved.entities;
      cpuTotal += used;
      wallTotal += wall;
      windowCpu += used;
      windowWall += wall;
      windowPages++;
      if ((page.index + 1) % every === 0 || page.index + 1 === options.pages) {
        const mem = process.memoryUsage();
        checkpoints.push({
          pages: page.index + 1, windowCpuMsPerPage: windowCpu / windowPages, windowWallMsPerPage: windowWall / windowPages,
          rssMb: mem.rss / 1048576, heapUsedMb: mem.heapUsed / 1048576,
        });
        windowCpu = windowWall = windowPages = 0;
      }
    }
    const rssAtEnd = rssMb();
    // What the run keeps, as against what the GC has not yet collected: heap used after a full
    // collection (the child runs with --expose-gc). Off the clock, after the peak RSS was reached.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const liveHeapMb = gc ? process.memoryUsage().heapUsed / 1048576 : null;
    store.close();
    const dbMb = ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(dbPath + suffix) ? statSync(dbPath + suffix).size : 0), 0) / 1048576;
    return {
      label: `scale ${options.pages}`, figures: [], notes: [],
      detail: {
        pages: options.pages, cpuMsPerPage: cpuTotal / options.pages, wallMsPerPage: wallTotal / options.pages, rssAtEndMb: rssAtEnd,
        peakRssMb, liveHeapMb, htmlMb: htmlBytes / 1048576, dbMb, entities, statuses, checkpoints,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
