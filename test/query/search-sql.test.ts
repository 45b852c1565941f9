import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { Store } from '../../src/store/db.ts';
import { plainKey } from '../../src/core/fold.ts';
import { UserError } from '../../src/core/errors.ts';
import { buildFtsQuery, runReadOnlySql, searchArticles } from '../../src/store/query.ts';
import { makeSnippet } from '../../src/store/snippets.ts';
import { buildFixtureDb, type FixtureDb } from './fixture-db.ts';

let fixture: FixtureDb;
let db: DB;
beforeAll(() => {
  fixture = buildFixtureDb();
  db = openDatabase(fixture.path, { readonly: true });
});
afterAll(() => {
  db.close();
  fixture.cleanup();
});

const urls = (text: string, options = {}) => searchArticles(db, text, options).map((h) => h.article_url).sort();

describe('buildFtsQuery', () => {
  it.each([
    ['thanh uy', '"thanh uy"'],
    // Each d or đ is written both ways (the index keeps đ; a reader may type either).
    ['Đảng', '( "Dảng" OR "Đảng" )'],
    ['dang vien', '( "dang vien" OR "đang vien" )'],
    ['290-QĐ/TW', '( "290-QD/TW" OR "290-QĐ/TW" )'],
    ['dang*', '( "dang"* OR "đang"* )'],
    ['đồng ý đề nghị', '( "dồng ý dề nghị" OR "đồng ý dề nghị" OR "dồng ý đề nghị" OR "đồng ý đề nghị" )'],
    // More than three d's in a phrase: parts of up to three, all required.
    ['dang vien dong y de nghi dan chu', `( ( ${[
      'dang vien dong y de nghi', 'đang vien dong y de nghi', 'dang vien đong y de nghi', 'đang vien đong y de nghi',
      'dang vien dong y đe nghi', 'đang vien dong y đe nghi', 'dang vien đong y đe nghi', 'đang vien đong y đe nghi',
    ].map((p) => `"${p}"`).join(' OR ')} ) AND ( "dan chu" OR "đan chu" ) )`],
    ['57-NQ', '"57-NQ"'],
    ['Nghị quyết 57-NQ/TW', '"Nghị quyết 57-NQ/TW"'],
    ['"thanh uy" OR "tinh uy"', '"thanh uy" OR "tinh uy"'],
    ['thanh uy OR tinh uy', '"thanh uy" OR "tinh uy"'],
    ['dân vận NOT Hà Nội', '( "dân vận" OR "đân vận" ) NOT "Hà Nội"'],
    ['tăng trưởng*', '"tăng trưởng"*'],
    ['OR thanh uy AND', '"thanh uy"'],
    ['(thanh uy OR tinh uy) AND bi thu', '( "thanh uy" OR "tinh uy" ) AND "bi thu"'],
    ['title:x -y', '"title:x -y"'],
    ['say "hi"" there', '"say" AND "hi" AND "there"'],
    // Brackets inside a word or without a partner are punctuation, not FTS5 syntax.
    ['alert(1)', '"alert 1"'],
    ['Hà Nội(2020)', '"Hà Nội 2020"'],
    ['(thanh uy', '"thanh uy"'],
    ['thanh uy)', '"thanh uy"'],
    ['f(x) OR (y', '"f x" OR "y"'],
    // A group next to a phrase or another group needs FTS5's explicit AND.
    ['bi thu (thanh uy OR tinh uy)', '"bi thu" AND ( "thanh uy" OR "tinh uy" )'],
    ['(a OR b) (c OR e)', '( "a" OR "b" ) AND ( "c" OR "e" )'],
    ['(a OR b) bi thu', '( "a" OR "b" ) AND "bi thu"'],
    ['((a OR b) AND c)', '( ( "a" OR "b" ) AND "c" )'],
    ['a ( ) b', '"a" AND "b"'],
    ['(a OR) b', '( "a" ) AND "b"'],
  ])('%s → %s', (input, expected) => expect(buildFtsQuery(input)).toBe(expected));

  it('refuses a search with no words', () => {
    expect(() => buildFtsQuery('  -- ')).toThrow(UserError);
    expect(() => buildFtsQuery('OR')).toThrow(/nothing to search for/);
    expect(() => buildFtsQuery('( )')).toThrow(/nothing to search for/);
  });

  it('searches whatever a person types without an FTS5 syntax error', () => {
    for (const input of ['alert(1)', '(a', 'a)', ')(', 'a (b', '(a (b) c', 'x AND (', 'NOT (a)', '"a" (b) "c"', '((', 'a*)', '(NOT)']) {
      let match: string;
      try {
        match = buildFtsQuery(input);
      } catch (error) {
        expect((error as Error).message).toMatch(/nothing to search for/);
        continue;
      }
      expect(() => db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').get(match), `${input} → ${match}`).not.toThrow();
    }
  });
});

describe('searchArticles', () => {
  const thanhUy = ['https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html', 'https://hanoimoi.vn/tong-ket-10-nam-quyet-dinh-290.html'];

  it('finds "thanh uy", "Thành ủy" and "THÀNH UỶ" alike', () => {
    expect(urls('thanh uy')).toEqual(thanhUy);
    expect(urls('Thành ủy')).toEqual(thanhUy);
    expect(urls('THÀNH UỶ')).toEqual(thanhUy);
  });

  it('finds "dang" and "Đảng" alike (đ folded), with the matched words marked in the original text', () => {
    expect(urls('dang')).toEqual(urls('Đảng'));
    const hits = searchArticles(db, 'dang');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    const first = hits.find((h) => h.article_url.includes('tphcm'))!;
    expect(first.snippet).toContain('«Đảng» bộ thành phố «đang» tập trung');
    const text = (db.prepare('SELECT text FROM articles WHERE id = ?').get(first.article_id) as { text: string }).text;
    for (const [s, e] of first.matches) expect(plainKey(text.slice(s, e))).toBe('dang');
  });

  it('marks a matched phrase in the original text, diacritics intact', () => {
    const [hit] = searchArticles(db, 'vuong dinh hue', { source: 'hanoimoi' });
    expect(hit!.snippet).toContain('ông «Vương Đình Huệ», Ủy viên');
  });

  it('finds document codes with hyphens and slashes', () => {
    expect(urls('57-NQ')).toEqual(['https://nhandan.vn/nghi-quyet-57-khoa-hoc-cong-nghe.html']);
    expect(urls('290-QĐ/TW')).toHaveLength(2);
  });

  it('filters by source and publication dates, and pages with limit/offset', () => {
    expect(urls('290-QĐ/TW', { source: 'nhandan' })).toEqual(['https://nhandan.vn/pho-thu-tuong-lam-viec-voi-tphcm.html']);
    expect(urls('thanh uy', { from: '2020-07' })).toEqual([thanhUy[1]]);
    expect(urls('thanh uy', { to: '2020-06-08' })).toEqual([thanhUy[0]]);
    const all = searchArticles(db, 'dang').map((h) => h.article_id);
    expect(searchArticles(db, 'dang', { limit: 1, offset: 1 }).map((h) => h.article_id)).toEqual(all.slice(1, 2));
  });

  it('ranks title matches first and combines phrases with OR', () => {
    expect(searchArticles(db, 'sơ kết')[0]!.title).toContain('sơ kết');
    expect(urls('"tinh uy" OR "thanh uy"')).toHaveLength(3);
    expect(() => searchArticles(db, 'thanh uy', { from: 'yesterday' })).toThrow(/--from: "yesterday": expected a date/);
  });
});

describe('makeSnippet', () => {
  it('cuts around the densest matches at spaces, with ellipses', () => {
    const text = `${'mở đầu '.repeat(60)}Đảng bộ và Đảng viên ${'kết thúc '.repeat(60)}`;
    const at = text.indexOf('Đảng');
    const second = text.indexOf('Đảng', at + 1);
    const snippet = makeSnippet(text, [[at, at + 4], [second, second + 4]], 80);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('«Đảng» bộ và «Đảng» viên');
    // the passage is the original text, cut at word starts and ends
    const core = snippet.slice(2, -2).replace(/[«»]/g, '');
    const where = text.indexOf(core);
    expect(where).toBeGreaterThan(0);
    expect(text[where - 1]).toBe(' ');
    expect(text[where + core.length]).toBe(' ');
    expect(makeSnippet('ngắn thôi', [], 80)).toBe('ngắn thôi');
  });
});

describe('runReadOnlySql', () => {
  const fileHash = () => createHash('sha256').update(readFileSync(fixture.path)).digest('hex');

  it('runs a SELECT and a PRAGMA that reads', () => {
    const { columns, rows } = runReadOnlySql(db, 'SELECT id, source_id FROM articles WHERE source_id = :s ORDER BY id', { s: 'nhandan' });
    expect(columns).toEqual(['id', 'source_id']);
    expect(rows).toHaveLength(2);
    expect(runReadOnlySql(db, 'PRAGMA table_info(statistics)').rows.map((r) => r.name)).toContain('place');
  });

  it.each([
    'INSERT INTO sources (id, name) VALUES (\'x\', \'X\')',
    'UPDATE articles SET title = \'hacked\'',
    'DELETE FROM statistics',
    'DROP TABLE statistics',
    'CREATE TABLE t (a)',
    "ATTACH DATABASE ':memory:' AS other",
    'PRAGMA user_version = 99',
    'PRAGMA journal_mode = DELETE',
    'PRAGMA foreign_keys = OFF',
    'VACUUM',
    'BEGIN IMMEDIATE',
    'WITH x AS (SELECT 1) DELETE FROM articles',
    'SELECT 1; DELETE FROM articles',
  ])('refuses %s, naming it, and leaves the data untouched', (sql) => {
    const before = fileHash();
    // Through a writable connection too: the statement runs on a read-only one of its own.
    const store = new Store(fixture.path);
    try {
      for (const conn of [db, store.db]) {
        let error: unknown;
        try {
          runReadOnlySql(conn, sql);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(UserError);
        expect((error as Error).message).toContain(sql.replace(/\s+/g, ' ').slice(0, 20));
        expect((error as Error).message).toMatch(/refused/);
      }
    } finally {
      store.close();
    }
    expect(runReadOnlySql(db, 'SELECT count(*) AS n FROM statistics').rows).toEqual([{ n: 9 }]);
    expect(runReadOnlySql(db, "SELECT count(*) AS n FROM articles WHERE title = 'hacked'").rows).toEqual([{ n: 0 }]);
    expect(fileHash()).toBe(before);
  });

  it('reports a syntax error as the user\'s, with the statement', () => {
    expect(() => runReadOnlySql(db, 'SELEC * FROM articles')).toThrow(/query sql: .*syntax error.*SELEC \* FROM articles/);
  });
});

describe('runReadOnlySql params and names', () => {
  it('names a missing param and keeps repeated column names apart', () => {
    expect(() => runReadOnlySql(db, 'SELECT * FROM articles WHERE source_id = :source')).toThrow(/Missing named parameter.*--param NAME=VALUE/);
    expect(runReadOnlySql(db, 'SELECT 1 AS id, 2 AS id')).toEqual({ columns: ['id', 'id_2'], rows: [{ id: 1, id_2: 2 }] });
  });
});
