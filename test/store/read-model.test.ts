// The pieces under the pages: the two plans of search and of the by-period statistics give the
// same rows; entity marking keeps spans in place and escapes; query strings are read strictly.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { buildWebTestDb, spanOf, type WebTestDb } from '../helpers/web-db.ts';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { COUNT_CAP, ReadModel } from '../../src/store/read-model.ts';
import { buildFtsQuery } from '../../src/store/fts-query.ts';
import { plainKey } from '../../src/core/fold.ts';
import { markEntities, dropOverlaps, locate } from '../../src/web/highlight.ts';
import { html, escapeHtml, jsonForScript } from '../../src/web/html.ts';
import { BadRequest, readQuery } from '../../src/web/params.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import { seeded } from '../bench/seeded.ts';

/** The reference for newest-first search: every match sorted in SQL, and the count capped as the pages show it. */
function newestBySql(db: DB, filters: { q: string; source?: string; section?: string; from?: string; to?: string }, page: number, size: number) {
  const where = ['articles_fts MATCH @match'];
  const params: Record<string, string | number> = { match: buildFtsQuery(filters.q), limit: size, offset: (page - 1) * size };
  if (filters.source) { where.push('a.source_id = @source'); params.source = filters.source; }
  if (filters.section) { where.push('a.section = @section'); params.section = filters.section; }
  if (filters.from) { where.push('a.published >= @from'); params.from = filters.from; }
  if (filters.to) { where.push('a.published < @toNext'); params.toNext = new Date(Date.parse(filters.to) + 86_400_000).toISOString().slice(0, 10); }
  const from = `FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE ${where.join(' AND ')}`;
  const ids = db.prepare(`SELECT a.id ${from} ORDER BY a.published DESC, a.id DESC LIMIT @limit OFFSET @offset`).pluck().all(params) as number[];
  const count = (db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number);
  return { ids, total: { count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP } };
}

describe('ReadModel plans', () => {
  let fixture: WebTestDb;
  let db: DB;
  let sorted: ReadModel;
  let walked: ReadModel;
  beforeAll(() => {
    fixture = buildWebTestDb();
    db = openDatabase(fixture.dbPath, { readonly: true });
    sorted = new ReadModel(db);
    // A limit of 0 forces the other plan of the by-period statistics: walking the period index.
    walked = new ReadModel(db, { periodSortLimit: 0 });
  });
  afterAll(() => {
    db?.close();
    fixture?.cleanup();
  });

  // Each marked span must be one of the words searched for (folded): FTS5 answers `MATCH … AND
  // rowid = ?` with the first matching row's positions, which marked unrelated words on the page.
  it('marks, in every hit and both orders, only the words searched for', () => {
    const words = (q: string) => plainKey(q).split(/[^a-z0-9]+/).filter(Boolean);
    for (const q of ['thanh uy', 'dang vien', 'Hà Nội', 'dan van', 'xa', '"nghi quyet"', 'Đảng']) {
      for (const order of ['newest', 'relevance'] as const) {
        const { hits } = sorted.search({ q, order }, 1, 20);
        expect(hits.length, q).toBeGreaterThan(0);
        for (const hit of hits) {
          expect(hit.textMatches.length + hit.titleMatches.length, `${q}: ${hit.title}`).toBeGreaterThan(0);
          // A phrase's words side by side come back as one span: each of its words must be searched for.
          const marked = [...hit.textMatches.map(([s, e]) => hit.text.slice(s, e)), ...hit.titleMatches.map(([s, e]) => hit.title!.slice(s, e))];
          for (const span of marked) for (const word of words(span)) expect(words(q), `${q} in ${hit.title}: «${span}»`).toContain(word);
        }
      }
    }
  });

  it('finds, newest first, the articles and count that sorting every match in SQL gives', () => {
    const queries = [{ q: 'thanh uy' }, { q: 'Hà Nội', source: 'hanoimoi' }, { q: 'dan van', from: '2020-02-01', to: '2020-05-31' },
      { q: 'xa' }, { q: 'nghi quyet', section: 'Thời sự' }];
    for (const filters of queries) {
      for (const page of [1, 2]) {
        const expected = newestBySql(db, filters, page, 3);
        const got = sorted.search(filters, page, 3);
        expect(got.hits.map((h) => h.id), JSON.stringify(filters)).toEqual(expected.ids);
        expect(got.total).toEqual(expected.total);
      }
      expect(sorted.search(filters, 1, 3).hits.length, JSON.stringify(filters)).toBeGreaterThan(0);
    }
  });

  it('charts and lists statistics by period the same way through either plan', () => {
    for (const unit of ['xã', '%', undefined]) {
      const filters = { unit, by: 'period' as const };
      expect(walked.statisticsChart(filters)).toEqual(sorted.statisticsChart(filters));
      expect(walked.statistics(filters, 1, 5).map((r) => r.id)).toEqual(sorted.statistics(filters, 1, 5).map((r) => r.id));
    }
    const points = sorted.statisticsChart({ unit: 'xa', by: 'period' });
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.x !== null && p.x2 !== null)).toBe(true);
  });

  it('orders statistics newest first with and without a unit, and the table agrees with the chart', () => {
    for (const unit of ['xã', undefined]) {
      const rows = sorted.statistics({ unit, by: 'published' }, 1, 2000);
      const published = rows.map((r) => r.published ?? '');
      expect([...published].sort().reverse()).toEqual(published);
      if (unit) expect(sorted.statisticsChart({ unit, by: 'published' }).map((p) => p.id)).toEqual(rows.map((r) => r.id));
    }
  });
});

describe('marking entities in text', () => {
  const text = 'Sáng 8/6, <b>Hà Nội</b> có 356/382 xã.\n\nNăm 2020 đạt 93,2%.';
  it('marks each span in place, per paragraph, and escapes everything else', () => {
    const out = markEntities(text, [
      { start: 0, end: 8, kind: 'date', href: '/search?from=2020-06-08&to=2020-06-08' },
      { start: text.indexOf('356/382 xã'), end: text.indexOf('356/382 xã') + 10, kind: 'statistic', label: '356 / 382 "xã"' },
      { start: text.indexOf('93,2%'), end: text.indexOf('93,2%') + 5, kind: 'statistic' },
    ]).value;
    expect(out).toBe('<p><a class="ent-link" href="/search?from=2020-06-08&amp;to=2020-06-08"><mark class="ent ent-date" data-kind="date">Sáng 8/6</mark></a>, '
      + '&lt;b&gt;Hà Nội&lt;/b&gt; có <mark class="ent ent-statistic" data-kind="statistic" title="356 / 382 &quot;xã&quot;">356/382 xã</mark>.</p>\n'
      + '<p>Năm 2020 đạt <mark class="ent ent-statistic" data-kind="statistic">93,2%</mark>.</p>');
  });

  it('keeps the earlier, then the longer, of overlapping spans', () => {
    const kept = dropOverlaps([
      { start: 5, end: 9, kind: 'statistic' }, { start: 0, end: 6, kind: 'period' }, { start: 0, end: 3, kind: 'date' }, { start: 9, end: 12, kind: 'date' },
    ]);
    expect(kept.map((s) => [s.start, s.end])).toEqual([[0, 6], [9, 12]]);
  });

  it('falls back to the stored text when a span no longer reads as it', () => {
    const used = new Set<number>();
    expect(locate(text, '356/382 xã', 0, 10, used)).toEqual([text.indexOf('356/382'), text.indexOf('356/382') + 10]);
    expect(locate(text, 'không có', null, null, used)).toBeNull();
    // Placed by its text, a number is found where it stands on its own, not inside a longer number.
    const counts = 'Năm 2015 có 15 xã, 93,2% hộ; thêm 5 xã, 2% hộ.';
    expect(locate(counts, '5 xã', null, null, new Set())).toEqual(spanOf(counts, '5 xã', 1));
    expect(locate(counts, '2% hộ', 0, 3, new Set())).toEqual(spanOf(counts, '2% hộ', 1));
    expect(locate('Thu 1.045.000 đồng.', '45.000 đồng', null, null, new Set())).toBeNull();
  });
});

describe('html and query strings', () => {
  it('escapes interpolated values but not nested templates', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x" & y'}">${inner}${['<', 1, null, false]}</p>`.value).toBe('<p title="&quot;x&quot; &amp; y"><b>&lt;i&gt;</b>&lt;1</p>');
    expect(escapeHtml(`'`)).toBe('&#39;');
    expect(jsonForScript({ a: '</script><script>' }).value).not.toContain('</script>');
  });

  it('reads each parameter once, NFC-normalised, blank ones as absent', () => {
    expect(readQuery('/search?q=thanh+u%E1%BB%B7&source=&page=2#x')).toEqual({ q: 'thanh uỷ', page: '2' });
    expect(readQuery('/search?q=' + encodeURIComponent('u\u0309y'))).toEqual({ q: 'ủy'.normalize('NFC') === 'ủy' ? 'ủy' : 'ủy' });
    expect(() => readQuery('/search?q=a&q=')).toThrow(BadRequest);
    expect(() => readQuery('/search?q=%ZZ')).toThrow(/malformed query string/);
    expect(() => readQuery('/search?q=%01')).toThrow(/control characters/);
  });
});

// The walk reads matches by descending id and stops when no lower id can be newer than the page's
// last article (dates by blocks of ids). Here ids and dates are shuffled against each other, some
// dates are equal or missing, and blocks hold 4 ids, so every stop is put to the test: each page and
// count must equal the plan that sorts every match.
describe('search walk over ids whose dates are shuffled', () => {
  let dir: string;
  let db: DB;
  let walked: ReadModel;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-walk-'));
    const path = join(dir, 'walk.db');
    new Store(path).close();
    const writer = new Database(path);
    const rnd = seeded(3);
    const words = ['thành', 'ủy', 'đảng', 'viên', 'xã', 'hội', 'nông', 'thôn', 'mới', 'dân'];
    writer.prepare(`INSERT INTO sources (id, name, base_url, language) VALUES ('a', 'A', 'https://a.example/', 'vi'), ('b', 'B', 'https://b.example/', 'vi')`).run();
    const article = writer.prepare(`INSERT INTO articles (id, url, source_id, title, published, section, language, text, content_hash, first_stored_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'Thời sự', 'vi', ?, ?, '2024-01-01', '2024-01-01')`);
    const fts = writer.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`);
    writer.transaction(() => {
      for (let id = 1; id <= 3000; id++) {
        // Mostly rising with the id, as a crawl leaves them, but a third anywhere, some on one day, some without a date.
        const day = rnd() < 0.33 ? Math.floor(rnd() * 3000) : id + Math.floor(rnd() * 30);
        const published = rnd() < 0.05 ? null : rnd() < 0.1 ? '2021-06-01T00:00:00+07:00' : new Date(Date.UTC(2020, 0, 1) + day * 86400000).toISOString().slice(0, 10) + 'T08:00:00+07:00';
        const text = Array.from({ length: 12 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '.';
        article.run(id, `https://a.example/${id}`, rnd() < 0.5 ? 'a' : 'b', `Bài ${id}`, published, text, `h${id}`);
        fts.run(id, `Bài ${id}`, text);
      }
    })();
    writer.close();
    db = openDatabase(path, { readonly: true });
    walked = new ReadModel(db, { searchBlockBits: 2 });
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every page and count of the sorting plan', () => {
    const filterSets = [{}, { source: 'a' }, { from: '2020-03-01', to: '2020-09-30' }, { from: '2021-06-01', to: '2021-06-01' },
      { source: 'b', from: '2020-06-01' }, { to: '2020-02-15' }, { from: '2030-01-01' }];
    let compared = 0;
    for (const q of ['thành', 'đảng viên', 'xa hoi', 'mới', 'dân', 'nông thôn mới', 'uy']) {
      for (const filters of filterSets) {
        for (const [page, size] of [[1, 20], [2, 20], [5, 7], [1, 1], [30, 3], [60, 20]] as const) {
          const expected = newestBySql(db, { q, ...filters }, page, size);
          const got = walked.search({ q, ...filters }, page, size);
          const what = JSON.stringify({ q, ...filters, page, size });
          expect(got.hits.map((h) => h.id), what).toEqual(expected.ids);
          expect(got.total, what).toEqual(expected.total);
          compared += expected.ids.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
