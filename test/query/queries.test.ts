import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { UserError } from '../../src/core/errors.ts';
import { bindParams, getQuery, listQueries, parseNamedQuery, parseParamArgs, runQuery } from '../../src/store/query.ts';
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

const rows = (name: string, params: Record<string, string> = {}) => runQuery(db, name, params).rows;
const pluck = <T>(list: Array<Record<string, unknown>>, key: string) => list.map((r) => r[key] as T);

describe('named query files', () => {
  it('are all listed with a title, a description and their params', () => {
    const names = listQueries().map((q) => q.name);
    for (const needed of ['statistics-by-unit', 'statistics-by-period', 'statistics-by-source', 'statistics-by-place',
      'statistics-by-official', 'unit-trend', 'official-titles', 'documents-by-code', 'articles-by-date', 'top-units',
      'indicator-trend', 'top-indicators']) {
      expect(names).toContain(needed);
    }
    for (const q of listQueries()) {
      expect(q.title, q.name).not.toBe('');
      expect(q.description, q.name).not.toBe('');
      for (const p of q.params) expect(p.description, `${q.name}.${p.name}`).not.toBe('');
    }
  });

  it('parse the header: types, required params and defaults (none binds NULL)', () => {
    const q = parseNamedQuery('t', [
      '-- title: T', '-- description: D',
      '-- param: unit — the unit (required)',
      '-- param: from (date) — from (default 2019)',
      '-- param: to (end-date) — to (default 2020-02)',
      '-- param: grain (year|month) — grain (default year)',
      '-- param: who — somebody (default none: everyone)',
      '-- param: limit (int) — rows (default 100)',
      'SELECT :unit_folded, :from, :to, :grain, :who, :limit',
    ].join('\n'));
    expect(q.params.map((p) => [p.name, p.required, p.default])).toEqual([
      ['unit', true, null], ['from', false, '2019-01-01'], ['to', false, '2020-02-29'], ['grain', false, 'year'],
      ['who', false, null], ['limit', false, 100],
    ]);
    expect(bindParams(q, { unit: 'Tỷ Đồng' })).toMatchObject({ unit: 'Tỷ Đồng', unit_folded: 'ty dong', who: null });
  });

  it('reject a param that is declared but never used', () => {
    expect(() => parseNamedQuery('t', '-- title: T\n-- param: x — x (required)\nSELECT 1')).toThrow(/never used/);
  });
});

describe('statistics queries', () => {
  it('by unit: folded unit, newest first, with labels and the article URL', () => {
    const xa = rows('statistics-by-unit', { unit: 'xa' });
    expect(xa).toHaveLength(1);
    expect(xa[0]).toMatchObject({ text: '356/382 xã', value: 356, total: 382, place: 'Hà Nội', source_name: 'Hànộimới',
      article_url: 'https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html' });
    expect(pluck(rows('statistics-by-unit', { unit: 'TỶ ĐỒNG' }), 'value')).toEqual([1250, 28000]);
    const percent = rows('statistics-by-unit', { unit: '%', from: '2019', to: '2020' });
    expect(pluck(percent, 'text')).toEqual(['93,2%', '12%']);
    expect(rows('statistics-by-unit', { unit: '%', limit: '2' })).toHaveLength(2);
  });

  it('by period: numbers whose period lies inside the span', () => {
    expect(pluck(rows('statistics-by-period', { from: '2020', to: '2020' }), 'text')).toEqual(['93,2%', '356/382 xã']);
    expect(pluck(rows('statistics-by-period', { from: '2018-01', to: '2018-03' }), 'value')).toEqual([8.2, -0.5]);
    expect(pluck(rows('statistics-by-period', { from: '2018', unit: '%' }), 'value')).toEqual([8.2, -0.5, 12, 93.2]);
  });

  it('by source: one site, newest article first', () => {
    expect(pluck(rows('statistics-by-source', { source: 'nhandan' }), 'text')).toEqual(['2% GDP', '8,2%', '-0,5%']);
    expect(rows('statistics-by-source', { source: 'nhandan', to: '2020' })).toHaveLength(2);
    expect(rows('statistics-by-source', { source: 'nosuchsite' })).toEqual([]);
  });

  it('by place: named in the sentence, else in the title; any diacritics or tone placement', () => {
    expect(pluck(rows('statistics-by-place', { place: 'ha noi' }), 'text')).toEqual(['93,2%', '1.250 tỷ đồng', '356/382 xã']);
    // the sentence names no place; the title does
    expect(pluck(rows('statistics-by-place', { place: 'Thanh Hoá' }), 'value')).toEqual([28000, 12]);
    expect(pluck(rows('statistics-by-place', { place: 'Thành phố Hồ Chí Minh', unit: '%' }), 'value')).toEqual([8.2, -0.5]);
  });

  it('by official: numbers in the articles that name them, with the titles each article gives', () => {
    const hue = rows('statistics-by-official', { official: 'hue' });
    expect(new Set(pluck(hue, 'official'))).toEqual(new Set(['Vương Đình Huệ']));
    expect(pluck(hue, 'text')).toEqual(['93,2%', '1.250 tỷ đồng', '8,2%', '-0,5%']);
    expect(hue[0]!.titles).toBe('Ủy viên Bộ Chính trị; Bí thư Thành ủy Hà Nội');
    expect(hue[2]!.titles).toBe('Phó Thủ tướng Chính phủ');
  });

  it('trend of one unit by year or month, one row per indicator and direction: unrelated figures are never averaged', () => {
    const years = rows('unit-trend', { unit: '%' });
    // 2018: growth 8,2% and the consumer price index down 0,5% are two rows, not a mean of 3.85.
    expect(years.map((r) => [r.time, r.indicator, r.change, r.statistics, r.least, r.mean, r.greatest])).toEqual([
      ['2018', 'chỉ số giá tiêu dùng', 'down', 1, -0.5, -0.5, -0.5], ['2018', 'tăng trưởng', null, 1, 8.2, 8.2, 8.2],
      ['2019', 'tổng thu ngân sách', 'up', 1, 12, 12, 12], ['2020', 'tỷ lệ hộ gia đình văn hóa', null, 1, 93.2, 93.2, 93.2],
      // A number without an indicator is a row of its own.
      ['2025', null, null, 1, 2, 2, 2],
    ]);
    expect(pluck(rows('unit-trend', { unit: '%', grain: 'month' }), 'time')).toEqual(['2018-01', '2018-01', '2019-01', '2020-01', '2025-01']);
    expect(pluck(rows('unit-trend', { unit: '%', sentence: 'DỰ TOÁN' }), 'least')).toEqual([12]);
  });

  it('trend of one indicator: folded words of the indicator, oldest first, with share, place and sentence', () => {
    const trend = rows('indicator-trend', { indicator: 'nong thon moi' });
    expect(trend.map((r) => [r.time, r.text, r.value, r.total, r.share, r.place])).toEqual([['2020-01-01', '356/382 xã', 356, 382, 93.2, 'Hà Nội']]);
    expect(trend[0]!.sentence).toBe('Đến nay Hà Nội có 356/382 xã đạt chuẩn nông thôn mới.');
    expect(trend[0]!.article_url).toBe('https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html');
    // Without a period, the publication day is the time; from/to and place narrow.
    expect(pluck(rows('indicator-trend', { indicator: 'TỔNG THU' }), 'text')).toEqual(['28.000 tỷ đồng', '12%']);
    expect(rows('indicator-trend', { indicator: 'tong thu', from: '2020' })).toEqual([]);
    expect(rows('indicator-trend', { indicator: 'nong thon', place: 'Thanh Hóa' })).toEqual([]);
    expect(pluck(rows('indicator-trend', { indicator: 'nong thon', place: 'ha noi', to: '2020' }), 'share')).toEqual([93.2]);
    expect(rows('indicator-trend', { indicator: 'khong co chi so nay' })).toEqual([]);
  });

  it('top indicators, most stated first', () => {
    const units = (r: Record<string, unknown>) => String(r.units).split(',').sort().join(',');
    expect(rows('top-indicators').map((r) => [r.indicator, r.statistics, units(r)])).toEqual([
      ['tổng thu ngân sách', 2, '%,tỷ đồng'], ['chỉ số giá tiêu dùng', 1, '%'], ['tăng trưởng', 1, '%'],
      ['tỷ lệ hộ gia đình văn hóa', 1, '%'], ['xã đạt chuẩn nông thôn mới', 1, 'xã'],
    ]);
    expect(pluck(rows('top-indicators', { unit: 'ty dong' }), 'indicator')).toEqual(['tổng thu ngân sách']);
  });

  it('a sentence filter on the statistics queries ignores diacritics and case', () => {
    expect(pluck(rows('statistics-by-unit', { unit: '%', sentence: 'CHI SO GIA' }), 'text')).toEqual(['8,2%', '-0,5%']);
    expect(pluck(rows('statistics-by-unit', { unit: '%', sentence: 'dự toán' }), 'text')).toEqual(['12%']);
    expect(pluck(rows('statistics-by-place', { place: 'ha noi', sentence: 'công trình dân sinh' }), 'text')).toEqual(['1.250 tỷ đồng']);
    expect(pluck(rows('statistics-by-period', { from: '2018', sentence: 'du toan' }), 'text')).toEqual(['28.000 tỷ đồng', '12%']);
    expect(pluck(rows('statistics-by-source', { source: 'nhandan', sentence: 'tang truong' }), 'text')).toEqual(['8,2%', '-0,5%']);
    expect(pluck(rows('statistics-by-official', { official: 'hue', sentence: 'nong thon' }), 'text')).toEqual([]);
  });

  it('top units, most used first', () => {
    expect(rows('top-units').map((r) => [r.unit, r.statistics, r.first_published?.toString().slice(0, 4)])).toEqual([
      ['%', 5, '2018'], ['tỷ đồng', 2, '2019'], ['chương trình công tác', 1, '2020'], ['xã', 1, '2020'],
    ]);
  });
});

describe('officials, documents and articles', () => {
  it('officials with all their titles over time', () => {
    const hue = rows('official-titles', { official: 'vuong dinh hue' });
    expect(hue.map((r) => [r.title, r.first_seen?.toString().slice(0, 4)])).toEqual([
      ['Phó Thủ tướng Chính phủ', '2018'], ['Bí thư Thành ủy Hà Nội', '2020'], ['Ủy viên Bộ Chính trị', '2020'],
    ]);
    expect(hue[0]!.article_url).toBe('https://nhandan.vn/pho-thu-tuong-lam-viec-voi-tphcm.html');
    expect(rows('official-titles')).toHaveLength(10);
  });

  it('documents by code, with every article citing them', () => {
    const decision = rows('documents-by-code', { code: '290-QĐ/TW' });
    expect(pluck(decision, 'article_url')).toEqual([
      'https://nhandan.vn/pho-thu-tuong-lam-viec-voi-tphcm.html', 'https://hanoimoi.vn/tong-ket-10-nam-quyet-dinh-290.html',
    ]);
    expect(decision[0]).toMatchObject({ kind: 'Quyết định', issued: '2010-02-25', issuer: 'Bộ Chính trị' });
    expect(rows('documents-by-code', { code: '290-qd' })).toHaveLength(2);
    expect(pluck(rows('documents-by-code', { code: '57-NQ' }), 'code')).toEqual(['57-NQ/TW']);
    expect(rows('documents-by-code', { code: '5' })).toHaveLength(1);
    const cited = rows('documents-cited')[0]!;
    expect(cited).toMatchObject({ code: '290-QĐ/TW', articles: 2 });
    // Every citing article, oldest first (as documents-by-code lists them), and the latest labelled.
    expect(String(cited.citing_urls).split(' ')).toEqual(pluck(decision, 'article_url'));
    expect(cited.article_url).toBe(pluck(decision, 'article_url').at(-1));
    expect(cited.article_title).toBe(decision.at(-1)!.article_title);
  });

  it('articles by date range, with counts', () => {
    const summer = rows('articles-by-date', { from: '2020-06', to: '2020-07' });
    expect(pluck(summer, 'article_url')).toEqual([
      'https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html', 'https://hanoimoi.vn/tong-ket-10-nam-quyet-dinh-290.html',
    ]);
    expect(summer[1]).toMatchObject({ officials: 2, documents: 1, statistics: 2 });
    expect(rows('articles-by-date', { from: '2018', to: '2020-06-08' })).toHaveLength(3);
    expect(rows('articles-by-date', { from: '2018', source: 'nhandan' })).toHaveLength(2);
  });
});

describe('bad params', () => {
  const fails = (name: string, params: Record<string, string>, message: RegExp) => {
    let error: unknown;
    try {
      runQuery(db, name, params);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  };
  it('name the query, the param and what is wrong', () => {
    fails('statistics-by-unit', {}, /statistics-by-unit: param unit is required/);
    fails('statistics-by-unit', { unit: '%', limit: 'ten' }, /param limit: "ten": expected a whole number/);
    fails('statistics-by-unit', { unit: '%', colour: 'red' }, /unknown param "colour"; its params are: unit, from, to, sentence, limit/);
    fails('articles-by-date', { from: '2020-02-30' }, /param from: "2020-02-30": no such day/);
    fails('articles-by-date', { from: 'last week' }, /expected a date/);
    fails('unit-trend', { unit: '%', grain: 'week' }, /one of year, month/);
    expect(() => getQuery('statistics')).toThrow(/unknown query "statistics"; named queries are: articles-by-date, .*top-units/);
  });

  it('parse --param NAME=VALUE pairs, values may hold "="', () => {
    expect(parseParamArgs(['unit=%', 'text=a=b'])).toEqual({ unit: '%', text: 'a=b' });
    expect(() => parseParamArgs(['unit'])).toThrow(UserError);
  });
});
