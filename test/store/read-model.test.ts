// The pieces under the pages: the two plans of search and of the by-period statistics give the
// same rows; entity marking keeps spans in place and escapes; query strings are read strictly.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { buildWebTestDb, spanOf, type WebTestDb } from '../helpers/web-db.ts';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { ReadModel } from '../../src/store/read-model.ts';
import { plainKey } from '../../src/core/fold.ts';
import { markEntities, dropOverlaps, locate } from '../../src/web/highlight.ts';
import { html, escapeHtml, jsonForScript } from '../../src/web/html.ts';
import { BadRequest, readQuery } from '../../src/web/params.ts';

describe('ReadModel plans', () => {
  let fixture: WebTestDb;
  let db: DB;
  let sorted: ReadModel;
  let walked: ReadModel;
  beforeAll(() => {
    fixture = buildWebTestDb();
    db = openDatabase(fixture.dbPath, { readonly: true });
    sorted = new ReadModel(db);
    // Limits of 0 force the other plan: walking the date index / the period index.
    walked = new ReadModel(db, { searchSortLimit: 0, periodSortLimit: 0 });
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

  it('finds the same articles, in the same order, by sorting the matches or by walking the date index', () => {
    const queries = [{ q: 'thanh uy' }, { q: 'Hà Nội', source: 'hanoimoi' }, { q: 'dan van', from: '2020-02-01', to: '2020-05-31' },
      { q: 'xa' }, { q: 'nghi quyet', section: 'Thời sự' }];
    for (const filters of queries) {
      for (const page of [1, 2]) {
        const a = sorted.search(filters, page, 3);
        const b = walked.search(filters, page, 3);
        expect(b.hits.map((h) => h.id), JSON.stringify(filters)).toEqual(a.hits.map((h) => h.id));
        expect(b.hits.map((h) => h.textMatches)).toEqual(a.hits.map((h) => h.textMatches));
        expect(b.total).toEqual(a.total);
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
