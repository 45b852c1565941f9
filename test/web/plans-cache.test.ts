// The statistics chart and table pick an index by the filters (a unit alone, a unit with a date
// range, a unit in a place); every choice must give the rows a plain scan gives. And the result
// cache must never serve a result the database no longer agrees with.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { plainKey } from '../../src/core/fold.ts';
import { ReadModel, type StatisticsFilters } from '../../src/store/read-model.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

const UNITS = ['%', 'xã', 'tỷ đồng', 'người'];
const PLACES = ['Hà Nội', 'Đà Nẵng', 'Cần Thơ'];

function article(i: number, text: string): Article {
  const published = `20${String(15 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T08:00:00+07:00`;
  return {
    url: `http://x/${i}`, canonicalUrl: `http://x/${i}`, sourceId: i % 3 ? 'a' : 'b', title: `Bài ${i}`, published, author: null, language: 'vi',
    paragraphs: [text], text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

function numbers(i: number): Extraction {
  return {
    officials: [], documents: [], dates: [], periods: [],
    statistics: Array.from({ length: 4 }, (_, k) => {
      const n = i * 4 + k;
      const period = n % 3 === 0 ? null : n % 3 === 1 ? `20${15 + (n % 9)}` : `20${15 + (n % 7)}-0${1 + (n % 9)}`;
      return { text: `${n} ${UNITS[n % UNITS.length]}`, value: (n * 37) % 101, unit: UNITS[(n + (n >> 3)) % UNITS.length]!, period,
        place: n % 5 === 0 ? null : PLACES[(n >> 1) % PLACES.length]! };
    }),
  };
}

describe('statistics plans and the result cache', () => {
  let dir: string;
  let path: string;
  let db: DB;
  let data: ReadModel;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-plans-'));
    path = join(dir, 'web.db');
    const store = new Store(path);
    store.upsertSource({ id: 'a', name: 'A', baseUrl: 'http://a.example/', language: 'vi' });
    store.upsertSource({ id: 'b', name: 'B', baseUrl: 'http://b.example/', language: 'vi' });
    store.saveArticles(Array.from({ length: 400 }, (_, i) => ({ article: article(i, `Bài số ${i} về Thành ủy.`), extraction: numbers(i) })));
    store.close();
    db = openDatabase(path, { readonly: true });
    data = new ReadModel(db);
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The ids a plain scan of the table gives for the filters, in the chart's order. */
  function reference(filters: StatisticsFilters, limit: number, offset = 0): number[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filters.unit) { where.push('s.unit_folded = @unit'); params.unit = plainKey(filters.unit); }
    if (filters.place) { where.push('s.place_folded = @place'); params.place = plainKey(filters.place); }
    if (filters.source) { where.push('a.source_id = @source'); params.source = filters.source; }
    if (filters.from) { where.push('s.published >= @from'); params.from = filters.from; }
    if (filters.to) { where.push(`s.published < date(@to, '+1 day')`); params.to = filters.to; }
    if (filters.by === 'period') where.push('s.period_start IS NOT NULL');
    const order = filters.by === 'period' ? 's.period_start DESC, s.id DESC' : 's.published DESC, s.article_id DESC, s.id DESC';
    return db.prepare(`SELECT s.id FROM statistics s NOT INDEXED JOIN articles a ON a.id = s.article_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`).pluck().all(params) as number[];
  }

  it('gives the rows of a plain scan whichever index the filters choose', () => {
    const cases: StatisticsFilters[] = [];
    for (const by of ['published', 'period'] as const) {
      for (const unit of ['xa', '%']) {
        cases.push({ unit, by }, { unit, place: 'Hà Nội', by }, { unit, place: 'da nang', source: 'a', by },
          { unit, from: '2017-01-01', to: '2019-06-30', by }, { unit, place: 'Cần Thơ', from: '2016-01-01', to: '2020-12-31', by });
      }
      cases.push({ place: 'Hà Nội', by }, { by });
    }
    for (const filters of cases) {
      const expected = reference(filters, 2000);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(data.statisticsChart(filters).map((p) => p.id), JSON.stringify(filters)).toEqual(expected);
      expect(data.statistics(filters, 2, 7).map((r) => r.id), JSON.stringify(filters)).toEqual(reference(filters, 7, 7));
      expect(data.countStatistics(filters).count).toBe(Math.min(1000, reference(filters, 5000).length));
    }
  });

  it('serves cached results until the database changes, then reads again', () => {
    const before = data.search({ q: 'thanh uy' }, 1).total.count;
    const chart = data.statisticsChart({ unit: 'xã', by: 'published' });
    expect(data.statisticsChart({ unit: 'xã', by: 'published' })).toBe(chart);
    // Another connection writes (a crawl while the server runs).
    const writer = new Store(path);
    writer.saveArticle(article(1000, 'Thành ủy họp thêm một lần.'), {
      officials: [], documents: [], dates: [], periods: [],
      statistics: [{ text: '5 xã', value: 5, unit: 'xã', period: null }],
    });
    writer.close();
    expect(data.search({ q: 'thanh uy' }, 1).total.count).toBe(before + 1);
    const after = data.statisticsChart({ unit: 'xã', by: 'published' });
    expect(after).not.toBe(chart);
    expect(after.length).toBe(Math.min(2000, chart.length + 1));
    expect(data.facets().units.find((u) => u.folded === 'xa')?.n).toBe(reference({ unit: 'xa', by: 'published' }, 100_000).length);
  });
});
