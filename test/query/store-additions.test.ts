// What this helper added to the store for queries and the bench: saveArticles (one transaction
// per batch), statistics.place/published, and search rows kept through replaceExtraction.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/db.ts';
import { searchArticles } from '../../src/store/query.ts';
import { ARTICLES, SOURCES, toArticle } from './fixture-db.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnpress-batch-'));
  store = new Store(join(dir, 'db.sqlite'));
  for (const s of SOURCES) store.upsertSource(s);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('Store.saveArticles', () => {
  it('stores a batch in one transaction, and the same batch again changes nothing', () => {
    const items = ARTICLES.map((a) => ({ article: toArticle(a), extraction: a.extraction }));
    expect(store.saveArticles(items).map((r) => r.status)).toEqual(ARTICLES.map(() => 'inserted'));
    expect(store.saveArticles(items).map((r) => r.status)).toEqual(ARTICLES.map(() => 'unchanged'));
    expect([count('articles'), count('statistics'), count('articles_fts')]).toEqual([5, 9, 5]);
  });

  it('stores nothing of a batch when one article fails', () => {
    const good = ARTICLES.slice(0, 2).map((a) => ({ article: toArticle(a), extraction: a.extraction }));
    const bad = { article: { ...toArticle(ARTICLES[2]!), url: null, canonicalUrl: null }, extraction: ARTICLES[2]!.extraction };
    expect(() => store.saveArticles([...good, bad])).toThrow(/needs a URL/);
    expect([count('articles'), count('statistics'), count('articles_fts')]).toEqual([0, 0, 0]);
  });
});

describe('statistics place and date', () => {
  it('stores the place extract gives each number, folded, and copies the date', () => {
    const a = ARTICLES[3]!; // Thanh Hóa in the title only: extract gave its numbers the title's place
    const extraction = { ...a.extraction, statistics: [...a.extraction.statistics, { text: '5 xã', value: 5, unit: 'xã', place: 'Nghệ An' }] };
    store.saveArticle(toArticle(a), extraction);
    const rows = store.db.prepare('SELECT text, place, place_folded, published FROM statistics ORDER BY id').all();
    expect(rows).toEqual([
      { text: '28.000 tỷ đồng', place: 'Thanh Hóa', place_folded: 'thanh hoa', published: a.published },
      { text: '12%', place: 'Thanh Hóa', place_folded: 'thanh hoa', published: a.published },
      { text: '5 xã', place: 'Nghệ An', place_folded: 'nghe an', published: a.published },
    ]);
  });

  it('replaceExtraction keeps the article searchable and refills place and date', () => {
    const a = ARTICLES[0]!;
    const { articleId } = store.saveArticle(toArticle(a), a.extraction);
    store.replaceExtraction(articleId, a.extraction);
    expect(searchArticles(store.db, 'dan van').map((h) => h.article_id)).toEqual([articleId]);
    expect(store.db.prepare("SELECT place, published FROM statistics WHERE text = '356/382 xã'").get()).toEqual({ place: 'Hà Nội', published: a.published });
  });
});
