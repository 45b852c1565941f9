import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { buildFtsQuery } from '../../src/store/fts-query.ts';
import { periodBounds } from '../../src/core/periods.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

function article(url: string, text: string): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title: 'Hội nghị Thành ủy', published: '2020-06-08T08:00:00+07:00',
    author: null, language: 'vi', paragraphs: [text], text,
    contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

const extraction: Extraction = {
  officials: [{ name: 'Ngô Thị Thanh Hằng', titles: ['Ủy viên Trung ương Đảng', 'Phó Bí thư Thường trực Thành ủy Hà Nội'] }],
  documents: [{ text: 'Quyết định số 290-QĐ/TW', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-25', issuer: 'Bộ Chính trị' }],
  dates: [{ text: 'Sáng 8/6', value: '2020-06-08', implied: ['year'] }],
  periods: [{ text: '6 tháng đầu năm 2020', value: '2020-01-01/2020-06-30' }],
  statistics: [{ text: '356/382 xã', value: 356, total: 382, unit: 'xã', period: '2020' }],
};

describe('Store', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-store-'));
    store = new Store(join(dir, 'test.db'));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
  });
  afterEach(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('stores an article with its extraction once, and a second save of the same text changes nothing', () => {
    const first = store.saveArticle(article('http://x/a', 'Thành ủy Hà Nội họp.'), extraction);
    expect(first.status).toBe('inserted');
    expect(first.entities).toBe(5);
    const again = store.saveArticle(article('http://x/a', 'Thành ủy Hà Nội họp.'), extraction);
    expect(again.status).toBe('unchanged');
    const counts = store.db.prepare(`SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM statistics) s,
      (SELECT count(*) FROM official_titles) t, (SELECT count(*) FROM articles_fts) f`).get();
    expect(counts).toEqual({ a: 1, s: 1, t: 2, f: 1 });
  });

  it('keeps the old text as a revision when an article changes, and replaces its entities', () => {
    store.saveArticle(article('http://x/a', 'Bản đầu.'), extraction);
    const changed = store.saveArticle(article('http://x/a', 'Bản đã sửa.'), { ...extraction, statistics: [] });
    expect(changed.status).toBe('updated');
    expect(store.db.prepare('SELECT text FROM article_revisions').all()).toEqual([{ text: 'Bản đầu.' }]);
    expect(store.db.prepare('SELECT count(*) n FROM statistics').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) n FROM articles_fts').get()).toEqual({ n: 1 });
  });

  it('treats the same text under another URL of the same source as a duplicate', () => {
    store.saveArticle(article('http://x/a', 'Cùng một bài.'), extraction);
    expect(store.saveArticle(article('http://x/a?print=1', 'Cùng một bài.'), extraction).status).toBe('duplicate');
  });

  it('finds folded text with full-text search: "thanh uy" and "dang" find "Thành ủy" and "Đảng"', () => {
    store.saveArticle(article('http://x/a', 'Ban Thường vụ Thành ủy và Đảng bộ.'), extraction);
    const hits = (q: string) => store.db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').all(buildFtsQuery(q)).length;
    expect(hits('"thanh uy"')).toBe(1);
    expect(hits('dang')).toBe(1);
    expect(hits('"Thành ủy"')).toBe(1);
    expect(hits('quoc hoi')).toBe(0);
  });

  it('records crawl state: a URL is new once, then due until fetched', () => {
    expect(store.crawlState.discoverUrl('http://x/a', 'demo', 'article', '2020-01-02')).toBe(true);
    expect(store.crawlState.discoverUrl('http://x/a', 'demo', 'article')).toBe(false);
    store.crawlState.discoverUrl('http://x/b', 'demo', 'article', '2020-03-01');
    expect(store.crawlState.dueArticleUrls('demo', 10).map((u) => u.url)).toEqual(['http://x/b', 'http://x/a']);
    store.crawlState.recordFetch('http://x/b', { status: 'fetched', attempts: 1, httpStatus: 200, etag: '"e1"' });
    expect(store.crawlState.dueArticleUrls('demo', 10).map((u) => u.url)).toEqual(['http://x/a']);
    expect(store.crawlState.urlState('http://x/b')?.etag).toBe('"e1"');
  });

  it('refuses to open a missing database read-only, naming the file', () => {
    expect(() => new Store(join(dir, 'missing.db'), { readonly: true })).toThrow(/missing\.db does not exist/);
  });
});

describe('periodBounds', () => {
  it.each([
    ['2020', ['2020-01-01', '2020-12-31']],
    ['2016/2020', ['2016-01-01', '2020-12-31']],
    ['2020-01-01/2020-06-30', ['2020-01-01', '2020-06-30']],
    ['2024-02', ['2024-02-01', '2024-02-29']],
  ])('%s', (value, expected) => expect(periodBounds(value)).toEqual(expected));
});
