// The store's write path after the speed work (issues #7, #8): ids of officials and documents
// remembered within a transaction, pragmas of writers, raw pages at gzip level 1. What the rows hold
// must not depend on how articles were batched, and a failed batch must leave nothing behind that
// a later one could trip over.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import type { Article, Extraction } from '../../src/core/types.ts';
import { tagPlaces } from '../../src/extract/common/places.ts';

function article(url: string, text: string, title = 'Hội nghị Tỉnh ủy Thanh Hóa'): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title, published: '2021-03-05T08:00:00+07:00', author: null, language: 'vi',
    paragraphs: [text], text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

type Doc = Extraction['documents'][number];
const nghiQuyet = (extra: Partial<Doc> = {}): Doc =>
  ({ text: 'Nghị quyết 57-NQ/TW', kind: 'Nghị quyết', number: '57', code: '57-NQ/TW', date: null, issuer: null, ...extra });

function extraction(officials: Array<[string, string[]]>, documents: Doc[] = []): Extraction {
  return {
    officials: officials.map(([name, titles]) => ({ name, titles })), documents, dates: [], periods: [],
    statistics: [{ text: '12 xã', value: 12, unit: 'xã', context: 'Toàn tỉnh có 12 xã đạt chuẩn.' }],
  };
}

/** Everything the entity tables hold, with ids replaced by names, in a stable order. */
function contents(store: Store) {
  const all = (sql: string) => store.db.prepare(sql).all();
  return {
    officials: all(`SELECT name, name_folded FROM officials ORDER BY name_folded`),
    titles: all(`SELECT a.url, o.name, t.title, t.position FROM official_titles t JOIN officials o ON o.id = t.official_id
      JOIN articles a ON a.id = t.article_id ORDER BY a.url, o.name, t.position`),
    documents: all(`SELECT doc_key, kind, number, code, date, issuer, term FROM documents ORDER BY doc_key`),
    citations: all(`SELECT a.url, d.doc_key, c.text FROM document_citations c JOIN documents d ON d.id = c.document_id
      JOIN articles a ON a.id = c.article_id ORDER BY a.url, d.doc_key`),
    statistics: all(`SELECT a.url, s.unit_folded, s.value, s.place, s.place_folded FROM statistics s JOIN articles a ON a.id = s.article_id ORDER BY a.url`) as Array<{ place: string | null }>,
    summary: all(`SELECT * FROM statistics_summary ORDER BY unit_folded, grain, time`),
  };
}

describe('Store write path', () => {
  let dir: string;
  const open = (name: string) => {
    const store = new Store(join(dir, name));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
    return store;
  };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-write-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Officials written with other tone-mark placements and case fold to one person; the document
  // gets its date from one citation and its issuer from a later one, within the batch and across batches.
  const items: Array<{ article: Article; extraction: Extraction }> = [
    { article: article('http://x/1', 'Bài một.'), extraction: extraction([['Vương Đình Huệ', ['Bí thư Thành ủy']]], [nghiQuyet()]) },
    { article: article('http://x/2', 'Bài hai.'), extraction: extraction([['VƯƠNG ĐÌNH HUỆ', []], ['Ngô Thị Thanh Hằng', ['Phó Bí thư']]],
      [nghiQuyet({ date: '2024-12-22' })]) },
    { article: article('http://x/3', 'Bài ba.', 'Tin Hà Nội'), extraction: extraction([['Ngô Thị Thanh Hằng', ['Ủy viên', 'Phó Bí thư']]],
      [nghiQuyet({ issuer: 'Bộ Chính trị', date: '1999-01-01' }), { text: 'Quyết định 290', kind: 'Quyết định', number: '290', code: null, date: null, issuer: null }]) },
    { article: article('http://x/4', 'Bài bốn.'), extraction: extraction([['Vương Đình Huệ', []]], [nghiQuyet({ term: 'khóa XIII' })]) },
  ];

  // Places as extract gives them: the sentence names none, so each number takes its title's.
  for (const item of items) tagPlaces(item.extraction.statistics, item.article.title);

  it('stores the same rows whether articles come one by one, in one batch, or in batches inside an outer transaction', () => {
    const single = open('single.db');
    for (const item of items) single.saveArticle(item.article, item.extraction);
    const batched = open('batched.db');
    batched.saveArticles(items);
    const mixed = open('mixed.db');
    mixed.saveArticles(items.slice(0, 2));
    mixed.db.transaction(() => {
      for (const item of items.slice(2)) mixed.saveArticle(item.article, item.extraction);
    })();
    const reference = contents(single);
    expect(reference.officials).toHaveLength(2);
    // The first date and issuer given stay; later citations only fill what is missing.
    expect(reference.documents).toContainEqual(
      { doc_key: '57-nq/tw', kind: 'Nghị quyết', number: '57', code: '57-NQ/TW', date: '2024-12-22', issuer: 'Bộ Chính trị', term: 'khóa XIII' });
    // A number with no place in its sentence takes the title's; article 3's title names another place.
    expect(reference.statistics.map((s) => s.place)).toEqual(['Thanh Hóa', 'Thanh Hóa', 'Hà Nội', 'Thanh Hóa']);
    expect(contents(batched)).toEqual(reference);
    expect(contents(mixed)).toEqual(reference);
    for (const store of [single, batched, mixed]) store.close();
  });

  it('after a batch fails, a later one does not use the ids of rows the failure rolled back', () => {
    const store = open('rollback.db');
    store.saveArticles(items.slice(0, 1));
    const broken = { ...article('', 'Không có URL.'), url: '', canonicalUrl: null };
    const failing = [
      { article: article('http://x/5', 'Bài năm.'), extraction: extraction([['Trần Cẩm Tú', ['Thường trực Ban Bí thư']]],
        [{ text: 'Kết luận 21-KL/TW', kind: 'Kết luận', number: '21', code: '21-KL/TW', date: null, issuer: null }]) },
      { article: broken, extraction: extraction([]) },
    ];
    expect(() => store.saveArticles(failing)).toThrow(/needs a URL/);
    expect(store.db.prepare(`SELECT count(*) AS n FROM officials`).get()).toEqual({ n: 1 });
    // Another person and document take the rolled-back rows' ids; the retried article must not get them.
    store.saveArticles([{ article: article('http://x/6', 'Bài sáu.'), extraction: extraction([['Lương Cường', []]],
      [{ text: 'Chỉ thị 05-CT/TW', kind: 'Chỉ thị', number: '05', code: '05-CT/TW', date: null, issuer: null }]) }]);
    store.saveArticles(failing.slice(0, 1));
    const titles = store.db.prepare(`SELECT a.url, o.name FROM official_titles t JOIN officials o ON o.id = t.official_id
      JOIN articles a ON a.id = t.article_id ORDER BY a.url`).all();
    expect(titles).toEqual([{ url: 'http://x/1', name: 'Vương Đình Huệ' }, { url: 'http://x/5', name: 'Trần Cẩm Tú' },
      { url: 'http://x/6', name: 'Lương Cường' }]);
    const cited = store.db.prepare(`SELECT a.url, d.code FROM document_citations c JOIN documents d ON d.id = c.document_id
      JOIN articles a ON a.id = c.article_id ORDER BY a.url`).all();
    expect(cited).toEqual([{ url: 'http://x/1', code: '57-NQ/TW' }, { url: 'http://x/5', code: '21-KL/TW' }, { url: 'http://x/6', code: '05-CT/TW' }]);
    store.close();
  });

  // Store.transaction defers the search rows and the summary to its end; each save inside it still
  // stands or falls alone. The failing save dies after its article, search row, a new official and
  // one number were written: none of it may survive, or leak into the search index, the summary or
  // the id cache a later save in the same transaction uses.
  it('inside Store.transaction, a save that throws leaves nothing of itself and the others commit whole', () => {
    const failing = {
      article: article('http://x/bad', 'Bài lỗi về Đảng bộ.'),
      extraction: {
        ...extraction([['Trần Cẩm Tú', ['Thường trực Ban Bí thư']]]),
        // NaN is stored as NULL, which statistics.value refuses: the save fails on its second number.
        statistics: [{ text: '7 xã', value: 7, unit: 'xã' }, { text: '? hộ', value: Number.NaN, unit: 'hộ' }],
      },
    };
    const later = { article: article('http://x/later', 'Bài sau.'), extraction: extraction([['Trần Cẩm Tú', []]]) };
    const store = open('tx.db');
    const outcome = store.transaction(() => {
      store.saveArticle(items[0]!.article, items[0]!.extraction);
      store.saveArticles(items.slice(1, 3));
      expect(() => store.saveArticle(failing.article, failing.extraction)).toThrow(/NOT NULL/);
      store.saveArticle(later.article, later.extraction);
      // A changed text within the same transaction: its old search row must go, the new one stay.
      store.saveArticle(article('http://x/1', 'Bài một, bản sửa.'), items[0]!.extraction);
      return 'done';
    });
    expect(outcome).toBe('done');
    const reference = open('tx-reference.db');
    for (const item of [...items.slice(0, 3), later]) reference.saveArticle(item.article, item.extraction);
    reference.saveArticle(article('http://x/1', 'Bài một, bản sửa.'), items[0]!.extraction);
    expect(contents(store)).toEqual(contents(reference));
    const search = (text: string) => store.db.prepare(`SELECT a.url FROM articles_fts f JOIN articles a ON a.id = f.rowid
      WHERE articles_fts MATCH ? ORDER BY a.url`).pluck().all(text);
    expect(search('"bai sau"')).toEqual(['http://x/later']);
    expect(search('"ban sua"')).toEqual(['http://x/1']);
    expect(search('dang')).toEqual([]);
    expect(search('"bai mot"')).toEqual(['http://x/1']);
    expect(store.db.prepare(`SELECT count(*) FROM articles WHERE url = 'http://x/bad'`).pluck().get()).toBe(0);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
    reference.close();
  });

  it('keeps every foreign key sound though the store writes with the checks off, and turns them back on', () => {
    const store = open('fk.db');
    store.saveArticles(items);
    store.saveArticle(article('http://x/2', 'Bài hai, bản sửa.'), items[1]!.extraction);
    store.replaceExtraction(1, items[3]!.extraction);
    expect(() => store.saveArticles([{ article: { ...article('', 'x'), url: '', canonicalUrl: null }, extraction: extraction([]) }]))
      .toThrow(/needs a URL/);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // The one key a caller supplies is checked by the store: an unknown source is refused by name.
    const stray = { ...article('http://x/stray', 'Bài lạc.'), sourceId: 'no-such-source' };
    expect(() => store.saveArticle(stray, extraction([]))).toThrow(/unknown source "no-such-source"/);
    expect(store.db.prepare(`SELECT count(*) FROM articles WHERE url = 'http://x/stray'`).pluck().get()).toBe(0);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('gives a new file 8 KiB pages, and opens a file made with 4 KiB pages as it is, data and all', () => {
    const fresh = open('fresh.db');
    expect(fresh.db.pragma('page_size', { simple: true })).toBe(8192);
    fresh.close();
    // An older file: 4 KiB pages, WAL, already holding an article.
    const path = join(dir, 'old.db');
    const raw = new Database(path);
    raw.pragma('page_size = 4096');
    raw.pragma('journal_mode = WAL');
    raw.close();
    const old = open('old.db');
    old.saveArticles(items.slice(0, 2));
    old.close();
    const reopened = open('old.db');
    expect(reopened.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.saveArticle(items[0]!.article, items[0]!.extraction).status).toBe('unchanged');
    expect(reopened.db.prepare(`SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'hai'`).get()).toEqual({ n: 1 });
    reopened.close();
  });

  it('reads back raw pages written now (gzip level 1) and rows written at the default level alike', () => {
    const store = open('raw.db');
    const html = `<html><body>${'<p>Đảng bộ tỉnh Thanh Hóa tổng kết công tác năm.</p>'.repeat(200)}</body></html>`;
    const saved = store.saveArticle(article('http://x/r', 'Trang gốc.'), extraction([]), { raw: { html, fetchedAt: '2025-01-01T00:00:00Z', charset: 'utf-8' } });
    expect(store.rawPage(saved.articleId)).toMatchObject({ html, fetchedAt: '2025-01-01T00:00:00Z', charset: 'utf-8' });
    const stored = store.db.prepare(`SELECT html_gzip FROM raw_pages WHERE article_id = ?`).pluck().get(saved.articleId) as Buffer;
    expect(stored.length).toBeLessThan(Buffer.byteLength(html) / 10);
    // A row from before the change, compressed at zlib's default level.
    store.db.prepare(`UPDATE raw_pages SET html_gzip = ? WHERE article_id = ?`).run(gzipSync(html), saved.articleId);
    expect(store.rawPage(saved.articleId)?.html).toBe(html);
    store.close();
  });
});
