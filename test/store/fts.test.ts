// articles_fts indexes a folded copy of each article (đ → d) but reads its columns from articles
// (external content). A changed article must leave no word of its old text in the index, and
// highlight() must mark the original words, đ and diacritics intact.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { searchArticles } from '../../src/store/query.ts';
import { foldForIndex } from '../../src/store/fts-fold.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

function article(url: string, title: string, text: string): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title, published: '2021-03-04T08:00:00+07:00', author: null, language: 'vi',
    paragraphs: [text], text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

const none: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };

describe('full-text index', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-fts-'));
    store = new Store(join(dir, 'test.db'));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
    store.db.exec(`CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, 'row')`);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const matches = (q: string) => (store.db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).pluck().all(q) as number[]);
  const terms = () => (store.db.prepare(`SELECT term FROM temp.terms ORDER BY term`).pluck().all() as string[]);

  it('drops every word of the old text when an article changes, and keeps the index through re-extraction', () => {
    const { articleId } = store.saveArticle(article('http://x/a', 'Đảng bộ xã', 'Đại hội Đảng bộ xã Đông Anh.'), none);
    expect(matches('dang')).toEqual([articleId]);
    expect(matches('"dai hoi"')).toEqual([articleId]);
    store.saveArticle(article('http://x/a', 'Hội đồng', 'Kỳ họp Hội đồng nhân dân.'), none);
    expect(matches('dang')).toEqual([]);
    expect(matches('"dai hoi"')).toEqual([]);
    expect(matches('"hoi dong nhan dan"')).toEqual([articleId]);
    // Nothing of the first version is left in the index itself.
    expect(terms()).toEqual(['dan', 'dong', 'hoi', 'hop', 'ky', 'nhan']);
    store.replaceExtraction(articleId, none);
    expect(matches('"hoi dong"')).toEqual([articleId]);
    expect(terms()).toEqual(['dan', 'dong', 'hoi', 'hop', 'ky', 'nhan']);
  });

  it('marks the original words: highlight() and search snippets keep đ and diacritics', () => {
    store.saveArticle(article('http://x/b', 'Thành ủy họp', 'Sáng nay, Ban Thường vụ Thành ủy và Hội đồng nhân dân họp.'), none);
    const marked = store.db.prepare(`SELECT highlight(articles_fts, 0, '[', ']') AS title, highlight(articles_fts, 1, '[', ']') AS text
      FROM articles_fts WHERE articles_fts MATCH ?`).get('"thanh uy" OR dong');
    expect(marked).toEqual({ title: '[Thành ủy] họp', text: 'Sáng nay, Ban Thường vụ [Thành ủy] và Hội [đồng] nhân dân họp.' });
    const [hit] = searchArticles(store.db, 'hoi dong');
    expect(hit?.snippet).toContain('«Hội đồng»');
  });

  it('keeps finding, and cleanly replaces, rows indexed before the index text was folded beyond đ', () => {
    // A database written by an older vnpress: its search rows hold the text with only đ folded.
    const text = 'Ban Thường vụ Thành ủy “họp” – bàn về Đảng bộ…';
    const { articleId } = store.saveArticle(article('http://x/old', 'Đảng ủy', text), none);
    store.db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`)
      .run(articleId, foldForIndex('Đảng ủy'), foldForIndex(text));
    expect(terms()).toEqual([]);
    const onlyStrokedD = (s: string) => s.replace(/đ/g, 'd').replace(/Đ/g, 'D');
    store.db.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`).run(articleId, onlyStrokedD('Đảng ủy'), onlyStrokedD(text));
    const before = terms();
    expect(before).toEqual(['ban', 'bo', 'dang', 'hop', 'thanh', 'thuong', 'uy', 've', 'vu']);
    expect(matches('"thanh uy" AND hop')).toEqual([articleId]);
    // The store folds further now; the old row's words are the same words, so an update removes them all.
    store.saveArticle(article('http://x/old', 'Hội đồng', 'Kỳ họp Hội đồng nhân dân.'), none);
    expect(terms()).toEqual(['dan', 'dong', 'hoi', 'hop', 'ky', 'nhan']);
    expect(matches('dang')).toEqual([]);
  });
});
