// statistics_summary (the running totals behind top-units and unit-trend) must equal what a full
// GROUP BY over the statistics table gives, after inserts, batches, updated articles and
// re-extraction; and the named queries that read it must return what the plain aggregates return.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { rebuildStatisticsSummary } from '../../src/store/summary.ts';
import type { DB } from '../../src/store/connection.ts';
import { runQuery } from '../../src/store/query.ts';
import { plainKey } from '../../src/core/fold.ts';
import type { Article, Extraction, Statistic } from '../../src/core/types.ts';

function article(url: string, text: string, published: string | null): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title: 'Báo cáo', published, author: null, language: 'vi', paragraphs: [text], text,
    contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

function numbers(...stats: Array<[number, string, string | null]>): Extraction {
  const statistics: Statistic[] = stats.map(([value, unit, period]) => ({ text: `${value} ${unit}`, value, unit, period }));
  return { officials: [], documents: [], dates: [], periods: [], statistics };
}

interface Bucket {
  unit_folded: string;
  grain: string;
  time: string;
  statistics: number;
  articles: number;
  value_sum: number;
  least: number;
  greatest: number;
}

/** The summary recomputed in JavaScript from the statistics rows: an independent reference. */
function expected(db: DB): Bucket[] {
  const rows = db.prepare(`SELECT article_id, unit_folded, value, coalesce(period_start, published) AS time FROM statistics`).all() as Array<{
    article_id: number; unit_folded: string; value: number; time: string | null;
  }>;
  const buckets = new Map<string, Bucket & { ids: Set<number> }>();
  const add = (unit: string, grain: string, time: string, row: (typeof rows)[number]) => {
    const key = `${unit}|${grain}|${time}`;
    const bucket = buckets.get(key) ?? { unit_folded: unit, grain, time, statistics: 0, articles: 0, value_sum: 0,
      least: row.value, greatest: row.value, ids: new Set<number>() };
    bucket.least = Math.min(bucket.least, row.value);
    bucket.greatest = Math.max(bucket.greatest, row.value);
    bucket.statistics++;
    bucket.value_sum += row.value;
    bucket.ids.add(row.article_id);
    bucket.articles = bucket.ids.size;
    buckets.set(key, bucket);
  };
  for (const row of rows) {
    if (row.time === null) add(row.unit_folded, 'none', '', row);
    else {
      add(row.unit_folded, 'year', row.time.slice(0, 4), row);
      add(row.unit_folded, 'month', row.time.slice(0, 7), row);
    }
  }
  return [...buckets.values()].map(({ ids: _ids, ...b }) => b).sort(byKey);
}

const byKey = (a: Bucket, b: Bucket) => `${a.unit_folded}|${a.grain}|${a.time}`.localeCompare(`${b.unit_folded}|${b.grain}|${b.time}`);

function stored(db: DB): Bucket[] {
  return (db.prepare(`SELECT * FROM statistics_summary`).all() as Bucket[]).sort(byKey);
}

function expectConsistent(db: DB): void {
  const want = expected(db);
  const got = stored(db);
  expect(got.map(({ value_sum: _v, ...b }) => b)).toEqual(want.map(({ value_sum: _v, ...b }) => b));
  got.forEach((b, i) => expect(b.value_sum).toBeCloseTo(want[i]!.value_sum, 6));
}

// The trend and top-units queries as plain aggregates over every row (what they returned before the summary).
const TREND_REFERENCE = `
SELECT substr(coalesce(s.period_start, s.published), 1, CASE :grain WHEN 'month' THEN 7 ELSE 4 END) AS time,
       count(*) AS statistics, count(DISTINCT s.article_id) AS articles, min(s.value) AS least,
       round(avg(s.value), 2) AS mean, max(s.value) AS greatest
FROM statistics s WHERE s.unit_folded = :unit AND coalesce(s.period_start, s.published) IS NOT NULL
GROUP BY time ORDER BY time`;
const TOP_REFERENCE = `
SELECT unit_folded, count(*) AS statistics, min(published) AS first_published, max(published) AS last_published
FROM statistics GROUP BY unit_folded ORDER BY statistics DESC, unit_folded`;

const pluckNumbers = (rows: Array<Record<string, unknown>>) => rows.map((r) => Number(r.statistics));

describe('statistics_summary', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-summary-'));
    store = new Store(join(dir, 'test.db'));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows inserts, batches, changed articles and re-extraction, and equals a rebuild', () => {
    const db = store.db;
    store.saveArticle(article('http://x/1', 'một', '2019-03-05T08:00:00+07:00'),
      numbers([5, '%', null], [7, '%', null], [2, 'Xã', '2018'], [3, 'xã', '2018-06']));
    store.saveArticles([
      { article: article('http://x/2', 'hai', '2019-03-20T08:00:00+07:00'), extraction: numbers([1.5, '%', null], [9, 'tỷ đồng', '2019-01-01/2019-06-30']) },
      { article: article('http://x/3', 'ba', null), extraction: numbers([4, '%', null], [8, '%', '2020'], [6, 'ha', null]) },
      { article: article('http://x/4', 'bốn', '2021-12-31T23:00:00+07:00'), extraction: numbers([-0.5, '%', null]) },
    ]);
    expectConsistent(db);
    // One article's numbers in one bucket count it once.
    expect(stored(db).find((b) => b.unit_folded === '%' && b.grain === 'month' && b.time === '2019-03')).toMatchObject({ statistics: 3, articles: 2 });

    // New text under the same URL: the old numbers leave, the new ones come in.
    const changed = store.saveArticle(article('http://x/1', 'một (sửa)', '2019-04-01T08:00:00+07:00'), numbers([11, '%', null], [12, 'ha', null]));
    expect(changed.status).toBe('updated');
    expectConsistent(db);
    // Re-extraction over stored text, to nothing and back.
    const id3 = (db.prepare(`SELECT id FROM articles WHERE url = 'http://x/3'`).get() as { id: number }).id;
    store.replaceExtraction(id3, numbers());
    expectConsistent(db);
    expect(stored(db).some((b) => b.grain === 'none' && b.unit_folded === 'ha')).toBe(false);
    store.replaceExtraction(id3, numbers([4, '%', null], [4, '%', null], [10, 'người', '2022-05']));
    expectConsistent(db);

    // A failed batch leaves the summary as it was.
    const before = stored(db);
    expect(() => store.saveArticles([
      { article: article('http://x/5', 'năm', '2022-01-01T08:00:00+07:00'), extraction: numbers([1, '%', null]) },
      { article: { ...article('', 'sáu', null), canonicalUrl: null, url: '' }, extraction: numbers([2, '%', null]) },
    ])).toThrow();
    expect(stored(db)).toEqual(before);

    // Numbers written with plain SQL are taken in by a rebuild.
    db.prepare(`INSERT INTO statistics (article_id, text, value, unit, unit_folded, published) VALUES (?, '3 xã', 3, 'xã', 'xa', '2017-02-02')`).run(id3);
    rebuildStatisticsSummary(db);
    expectConsistent(db);
  });

  it('the summary behind top-units (and unit-trend\'s counts) equals full aggregates over the table', () => {
    const units = ['%', 'xã', 'tỷ đồng', 'người', 'ha'];
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const items = Array.from({ length: 60 }, (_, i) => {
      const published = i % 13 === 0 ? null : `20${String(15 + (i % 7)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-10T08:00:00+07:00`;
      const stats = Array.from({ length: 1 + (i % 5) }, (_, k): [number, string, string | null] => {
        const period = k === 1 ? `20${15 + (i % 5)}` : k === 2 ? `20${15 + (i % 4)}-0${1 + (i % 9)}` : null;
        return [Math.round(rand() * 2000) / 10 - 50, units[(i + k * 3) % units.length]!, period];
      });
      return { article: article(`http://x/r${i}`, `bài ${i}`, published), extraction: numbers(...stats) };
    });
    store.saveArticles(items.slice(0, 30));
    for (const item of items.slice(30)) store.saveArticle(item.article, item.extraction);
    // Some articles change, so that numbers also leave buckets.
    for (let i = 0; i < 60; i += 7) store.saveArticle(article(`http://x/r${i}`, `bài ${i} (sửa)`, items[i]!.article.published), numbers([i, '%', null]));
    const db = store.db;
    expectConsistent(db);
    for (const unit of units) {
      const folded = plainKey(unit);
      for (const grain of ['year', 'month'] as const) {
        const reference = db.prepare(TREND_REFERENCE).all({ unit: folded, grain });
        // What unit-trend read from the summary before it grouped by indicator (issue #20): the summary's totals.
        const summed = db.prepare(`SELECT time, statistics, articles, least, round(value_sum / statistics, 2) AS mean, greatest
          FROM statistics_summary WHERE unit_folded = ? AND grain = ? ORDER BY time`).all(folded, grain);
        expect(summed).toEqual(reference);
        // unit-trend now has a row per indicator (none here: a row per number); they add up to the same counts.
        const perTime = new Map<string, number>();
        for (const r of runQuery(db, 'unit-trend', { unit, grain }).rows) perTime.set(String(r.time), (perTime.get(String(r.time)) ?? 0) + Number(r.statistics));
        expect([...perTime]).toEqual((reference as Array<{ time: string; statistics: number }>).map((r) => [r.time, r.statistics]));
        expect(reference.length).toBeGreaterThan(0);
      }
    }
    const top = runQuery(db, 'top-units', { limit: 10 }).rows;
    const reference = db.prepare(TOP_REFERENCE).all() as Array<{ unit_folded: string; statistics: number; first_published: string; last_published: string }>;
    const byUnit = (rows: Array<[string, unknown, unknown, unknown]>) => rows.sort((x, y) => x[0].localeCompare(y[0]));
    expect(byUnit(top.map((r) => [plainKey(String(r.unit)), r.statistics, r.first_published, r.last_published])))
      .toEqual(byUnit(reference.map((r) => [r.unit_folded, r.statistics, r.first_published, r.last_published])));
    expect(pluckNumbers(top)).toEqual([...pluckNumbers(top)].sort((x, y) => y - x));
    expect(top[0]!.unit).toBe('%');
  });
});
