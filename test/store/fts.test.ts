// articles_fts indexes articles.title and articles.text as they are (external content, unicode61
// with remove_diacritics 2), declared as sqlite-utils and Datasette detect it. vnpress's search
// writes each d typed as d and đ, so diacritic-free search (đ included) keeps working; FTS5's own
// integrity-check passes and a 'rebuild' (any other tool's maintenance) changes nothing.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { searchArticles, buildFtsQuery } from '../../src/store/query.ts';
import { ReadModel } from '../../src/store/read-model.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

function article(url: string, title: string | null, text: string): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title, published: '2021-03-04T08:00:00+07:00', author: null, language: 'vi',
    paragraphs: [text], text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

const none: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };

/** Debian's sqlite-utils (CI installs it); the tests that run it say so when it is missing rather than pass. */
const sqliteUtils = (() => {
  try {
    execFileSync('sqlite-utils', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

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

  /** Article ids for what a reader types, through vnpress's query builder. */
  const matches = (q: string) => (store.db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid`).pluck()
    .all(buildFtsQuery(q)) as number[]);
  const terms = () => (store.db.prepare(`SELECT term FROM temp.terms ORDER BY term`).pluck().all() as string[]);
  const integrity = () => store.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();

  it('drops every word of the old text when an article changes, and keeps the index through re-extraction', () => {
    const { articleId } = store.saveArticle(article('http://x/a', 'Đảng bộ xã', 'Đại hội Đảng bộ xã Đông Anh.'), none);
    expect(matches('dang')).toEqual([articleId]);
    expect(matches('dai hoi')).toEqual([articleId]);
    store.saveArticle(article('http://x/a', 'Hội đồng', 'Kỳ họp Hội đồng nhân dân.'), none);
    expect(matches('dang')).toEqual([]);
    expect(matches('dai hoi')).toEqual([]);
    expect(matches('hoi dong nhan dan')).toEqual([articleId]);
    // Nothing of the first version is left in the index itself; đ stays a letter of its own there.
    expect(terms()).toEqual(['dan', 'hoi', 'hop', 'ky', 'nhan', 'đong']);
    store.replaceExtraction(articleId, none);
    expect(matches('hoi dong')).toEqual([articleId]);
    expect(terms()).toEqual(['dan', 'hoi', 'hop', 'ky', 'nhan', 'đong']);
    integrity();
  });

  it('marks the original words: highlight() and search snippets keep đ and diacritics', () => {
    store.saveArticle(article('http://x/b', 'Thành ủy họp', 'Sáng nay, Ban Thường vụ Thành ủy và Hội đồng nhân dân họp.'), none);
    const marked = store.db.prepare(`SELECT highlight(articles_fts, 0, '[', ']') AS title, highlight(articles_fts, 1, '[', ']') AS text
      FROM articles_fts WHERE articles_fts MATCH ?`).get(buildFtsQuery('thanh uy OR dong'));
    expect(marked).toEqual({ title: '[Thành ủy] họp', text: 'Sáng nay, Ban Thường vụ [Thành ủy] và Hội [đồng] nhân dân họp.' });
    const [hit] = searchArticles(store.db, 'hoi dong');
    expect(hit?.snippet).toContain('«Hội đồng»');
  });

  it('matches d and đ both ways, whatever the reader types', () => {
    const cases: Array<[string, string]> = [
      ['http://x/d1', 'Đảng viên dự Đại hội đại biểu Đảng bộ tỉnh.'],
      ['http://x/d2', 'Công việc đang dang dở, dân làng đợi.'],
      ['http://x/d3', 'Quyết định 290-QĐ/TW của Bộ Chính trị.'],
      ['http://x/d4', 'Dang vien khong dau: Dai hoi Dang bo.'],
    ];
    const ids = cases.map(([url, text]) => store.saveArticle(article(url, null, text), none).articleId);
    const [d1, d2, d3, d4] = ids as [number, number, number, number];
    expect(matches('dang vien')).toEqual([d1, d4]);
    expect(matches('Đảng viên')).toEqual([d1, d4]);
    expect(matches('DANG VIEN')).toEqual([d1, d4]);
    expect(matches('dang')).toEqual([d1, d2, d4]);
    expect(matches('dang do')).toEqual([d2]);
    expect(matches('dan lang doi')).toEqual([d2]);
    expect(matches('290-QĐ/TW')).toEqual([d3]);
    expect(matches('290-qd/tw')).toEqual([d3]);
    expect(matches('"dai hoi dai bieu dang bo"')).toEqual([d1]);
    expect(matches('dai*')).toEqual([d1, d4]);
    expect(matches('dang NOT vien')).toEqual([d2]);
    integrity();
  });

  it('is declared in the form sqlite-utils and Datasette detect (content="articles")', () => {
    const sql = store.db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'articles_fts'`).pluck().get() as string;
    // The LIKE patterns of sqlite-utils' and Datasette's detect_fts.
    const detected = store.db.prepare(`SELECT count(*) FROM sqlite_master WHERE rootpage = 0
      AND (sql LIKE '%VIRTUAL TABLE%USING FTS%content="articles"%' OR sql LIKE '%VIRTUAL TABLE%USING FTS%content=[articles]%')`).pluck().get();
    expect(detected, sql).toBe(1);
  });

  it.runIf(sqliteUtils)('is found by sqlite-utils search (Debian package), diacritics folded', () => {
    const { articleId } = store.saveArticle(article('http://x/su', 'Hội nghị Thành ủy', 'Ban Thường vụ Thành ủy họp bàn về công tác Đảng.'), none);
    store.saveArticle(article('http://x/other', 'Tin khác', 'Ủy ban nhân dân quận họp.'), none);
    const run = (q: string) => JSON.parse(execFileSync('sqlite-utils', ['search', store.path, 'articles', q, '-c', 'id', '-c', 'url'],
      { encoding: 'utf8' })) as Array<{ id: number; url: string }>;
    expect(run('Thành ủy').map((r) => r.id)).toEqual([articleId]);
    expect(run('thanh uy').map((r) => r.id)).toEqual([articleId]);
  });

  it.skipIf(sqliteUtils)('needs sqlite-utils (apt-get install sqlite-utils) for the sqlite-utils search check', () => {
    throw new Error('sqlite-utils is not installed: `apt-get install -y sqlite-utils` (CI installs it in .ci/run)');
  });

  it('passes FTS5 integrity-check, and a rebuild leaves vnpress search as it was', () => {
    store.saveArticle(article('http://x/r1', 'Thành ủy Hà Nội', 'Ban Thường vụ Thành ủy họp.'), none);
    store.saveArticle(article('http://x/r2', null, 'Đảng viên mới được kết nạp; Đảng bộ phường.'), none);
    const { articleId } = store.saveArticle(article('http://x/r3', 'Cũ', 'Bản cũ về Đảng viên.'), none);
    store.saveArticle(article('http://x/r3', 'Mới', 'Bản mới về thành phố.'), none);
    const before = { thanhUy: matches('thanh uy'), dangVien: matches('dang vien'), terms: terms() };
    expect(before.thanhUy).toHaveLength(1);
    expect(before.dangVien).toHaveLength(1);
    expect(matches('ban moi')).toEqual([articleId]);
    integrity();
    store.db.prepare(`INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`).run();
    integrity();
    expect({ thanhUy: matches('thanh uy'), dangVien: matches('dang vien'), terms: terms() }).toEqual(before);
    // And through the read model (the web app's and the CLI's search).
    const read = new ReadModel(store.db);
    expect(read.search({ q: 'dang vien' }, 1).hits.map((h) => h.text)).toEqual(['Đảng viên mới được kết nạp; Đảng bộ phường.']);
  });
});

describe('migration 3 (the search index over the original text)', () => {
  it('rebuilds the index of a database written by version 1 (folded copy) from the original text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnpress-fts-v1-'));
    try {
      const path = join(dir, 'old.db');
      const old = new Database(path);
      old.exec(migrations[0]!.sql);
      old.pragma('user_version = 1');
      old.prepare(`INSERT INTO sources (id, name) VALUES ('demo', 'Demo')`).run();
      const text = 'Ban Thường vụ Thành ủy họp bàn về Đảng viên.';
      old.prepare(`INSERT INTO articles (id, url, source_id, title, language, text, content_hash, first_stored_at, updated_at)
        VALUES (7, 'http://x/old', 'demo', 'Đảng ủy', 'vi', ?, 'h', '2021-01-01', '2021-01-01')`).run(text);
      // What version 1 indexed: diacritics and đ folded away.
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
      old.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (7, ?, ?)`).run(fold('Đảng ủy'), fold(text));
      old.close();
      const store = new Store(path);
      try {
        expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
        store.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();
        const find = (q: string) => store.db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).pluck().all(buildFtsQuery(q));
        expect(find('thanh uy')).toEqual([7]);
        expect(find('dang vien')).toEqual([7]);
        expect(find('Đảng ủy')).toEqual([7]);
        const sql = store.db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'articles_fts'`).pluck().get() as string;
        expect(sql).toContain('content="articles"');
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
