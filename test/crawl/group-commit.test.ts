// The runner writes the pages finished close together in one transaction (group commit). These
// tests hold it to what one transaction per page gave: the same database, a progress event only
// once the page's state is on disk, and a page whose article cannot be stored left due again.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { sitemapSource } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { Store } from '../../src/store/db.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { discover } from '../../src/fetch/discover.ts';
import { canonicalUrl } from '../../src/fetch/canonical.ts';
import { runCrawl, type ProgressEvent } from '../../src/run/crawl.ts';
import type { Source } from '../../src/core/types.ts';

// Healthy articles mixed with pages that fail in several ways and a redirect, so that one batch
// holds stored articles, failures, twins and gone pages together.
const MIXED = ['/fault/status/500', '/fault/status/404', '/fault/redirect/chain/2', '/fault/type/pdf', '/private/secret.html'];

describe('group commit in the crawl runner', () => {
  const suite = crawlSuite({ articles: 12 }, 'vnpress-group-');

  const source = (id: string, paths: string[]): Source => sitemapSource(suite.server, id, paths, { name: `Group ${id}` });
  const fetcherFor = (s: Source) => new Fetcher({
    contactUrl: 'https://example.org/contact', sources: [s],
    politeness: { defaultMinDelayMs: 0, maxAttempts: 1 },
  });

  /** What a crawl left in the database, without times and ids. */
  function snapshot(store: Store) {
    return {
      urls: store.db.prepare(`SELECT url, kind, status, attempts, last_status, last_error, etag, last_modified, content_hash,
        next_check_at IS NOT NULL AS due FROM urls ORDER BY url`).all(),
      articles: store.db.prepare(`SELECT url, title, published, content_hash, text FROM articles ORDER BY url`).all(),
      statistics: store.db.prepare(`SELECT a.url, s.text, s.value FROM statistics s JOIN articles a ON a.id = s.article_id ORDER BY a.url, s.span_start`).all(),
      raw: store.db.prepare(`SELECT url, charset, length(html_gzip) > 0 AS kept FROM raw_pages ORDER BY url`).all(),
    };
  }

  it('stores the same rows, counts and results whether pages commit one by one or in batches', async () => {
    const paths = [...suite.server.articlePaths, ...MIXED];
    const runs = [];
    for (const writeBatchSize of [1, 5, 50]) {
      const s = source(`b${writeBatchSize}`, paths);
      const store = new Store(join(suite.dir, `batch-${writeBatchSize}.db`));
      const fetcher = fetcherFor(s);
      const events: ProgressEvent[] = [];
      try {
        // One page at a time: which of two URLs of one article is stored first is then the same in every run.
        const report = await runCrawl({ store, sources: [s], fetcher, discover, pipeline: 'group', concurrency: 1, writeBatchSize,
          onProgress: (e) => events.push(e) });
        expect(report.status).toBe('finished');
        const articleEvents = events.filter((e) => e.type === 'article');
        expect(articleEvents).toHaveLength(paths.length);
        expect(articleEvents.map((e) => e.done)).toEqual(paths.map((_p, i) => i + 1));
        runs.push({
          counts: report.sources[0]!.counts,
          results: articleEvents.map((e) => `${e.url} ${e.result}`).sort(),
          // The same source id in every run, so that the rows compare.
          rows: JSON.parse(JSON.stringify(snapshot(store)).replaceAll(`b${writeBatchSize}-sitemap`, 'sitemap')),
        });
      } finally {
        await fetcher.close();
        store.close();
      }
    }
    const [one, ...batched] = runs;
    // The redirect lands on the first article: stored once, the second sighting is unchanged.
    expect(one!.counts).toMatchObject({ fetched: suite.server.articlePaths.length + 1, stored: suite.server.articlePaths.length, unchanged: 1, failed: 4 });
    for (const run of batched) {
      expect(run.counts).toEqual(one!.counts);
      expect(run.results).toEqual(one!.results);
      expect(run.rows).toEqual(one!.rows);
    }
  }, 30_000);

  it('reports a page done only once its state and article are committed, also when a batch waits for its time limit', async () => {
    const s = source('durable', suite.server.articlePaths.slice(0, 6));
    const store = new Store(join(suite.dir, 'durable.db'));
    // A second connection sees only what is committed.
    const reader = new Store(join(suite.dir, 'durable.db'));
    const fetcher = fetcherFor(s);
    const seen: { status: string | undefined; stored: boolean }[] = [];
    try {
      await runCrawl({
        store, sources: [s], fetcher, discover, pipeline: 'group', concurrency: 1, writeBatchSize: 1000, writeBatchDelayMs: 30,
        onProgress: (e) => {
          if (e.type !== 'article') return;
          const url = canonicalUrl(e.url)!;
          seen.push({
            status: reader.crawlState.urlState(url)?.status,
            stored: !!reader.db.prepare(`SELECT 1 FROM articles WHERE url = ?`).get(url),
          });
        },
      });
      expect(seen).toHaveLength(6);
      expect(seen.every((x) => x.status === 'fetched' && x.stored)).toBe(true);
    } finally {
      await fetcher.close();
      reader.close();
      store.close();
    }
  });

  it('an article the database refuses fails the run without costing the others of its batch; a re-run stores it', async () => {
    const paths = suite.server.articlePaths.slice(0, 4);
    const s = source('refuse', paths);
    const store = new Store(join(suite.dir, 'refuse.db'));
    const refused = canonicalUrl(`${suite.server.baseUrl}${paths[1]}`)!;
    // A real write error from SQLite for one article.
    store.db.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON articles WHEN NEW.url = '${refused}'
      BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END`);
    try {
      const fetcher = fetcherFor(s);
      await expect(runCrawl({ store, sources: [s], fetcher, discover, pipeline: 'group', concurrency: 2 }))
        .rejects.toThrow(/refused by the test trigger/);
      await fetcher.close();
      expect(store.db.prepare(`SELECT status FROM runs ORDER BY id DESC LIMIT 1`).pluck().get()).toBe('failed');
      const stored = store.db.prepare(`SELECT url FROM articles ORDER BY url`).pluck().all();
      expect(stored).toHaveLength(paths.length - 1);
      expect(stored).not.toContain(refused);
      for (const p of paths) {
        const url = canonicalUrl(`${suite.server.baseUrl}${p}`)!;
        expect(store.crawlState.urlState(url)!.status, p).toBe(url === refused ? 'new' : 'fetched');
      }

      store.db.exec(`DROP TRIGGER refuse_one`);
      const again = fetcherFor(s);
      const report = await runCrawl({ store, sources: [s], fetcher: again, discover, pipeline: 'group', concurrency: 2 });
      await again.close();
      expect(report.status).toBe('finished');
      expect(report.sources[0]!.counts).toMatchObject({ fetched: 1, stored: 1 });
      expect(store.crawlState.urlState(refused)!.status).toBe('fetched');
    } finally {
      store.close();
    }
  });
});
