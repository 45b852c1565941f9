// The scorer follows fixtures/gold/README.md: folding, title containment, document keys, distinct values, units by first word, optional statistics.
import { describe, expect, it } from 'vitest';
import { aggregate, scoreArticle, type GoldArticle } from '../../src/eval/gold.ts';
import type { Extraction } from '../../src/core/types.ts';

const gold: GoldArticle = {
  id: 'a', input: 'x.txt', published: '2020-07-15',
  officials: [{ name: 'Vương Đình Huệ', titles: ['Bí thư Thành ủy Hà Nội', ['Ủy viên BCT', 'Ủy viên Bộ Chính trị']] }],
  documents: [{ kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-25', issuer: 'Bộ Chính trị' }, { kind: 'Nghị quyết', number: '15', code: null, date: null, issuer: null }],
  dates: [{ value: '2020-07-15' }, { value: '2020-07-15' }],
  periods: [{ value: '2020' }],
  statistics: [{ value: 27739, unit: 'cuộc giám sát' }, { value: 356, total: 382, unit: 'xã' }],
  optional_statistics: ['10 năm'],
};

describe('gold scorer', () => {
  it('scores a perfect extraction 1 with folded names, titles and units', () => {
    const got: Extraction = {
      officials: [{ name: 'vương  đình huệ', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành uỷ Hà Nội'] }],
      documents: [{ text: '', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-25', issuer: 'Bộ Chính trị' }, { text: '', kind: 'Nghị quyết', number: '15', code: null, date: null, issuer: null }],
      dates: [{ text: '', value: '2020-07-15' }],
      periods: [{ text: '', value: '2020' }],
      statistics: [{ text: '27.739 cuộc', value: 27739, unit: 'cuộc' }, { text: '', value: 356, total: 382, unit: 'xã đạt chuẩn' }, { text: '10 năm', value: 10, unit: 'năm' }],
    };
    const report = aggregate([scoreArticle(gold, got)]);
    expect(report.macroF1).toBe(1);
    expect(report.titles).toBe(1);
  });

  it('counts misses and extras per field', () => {
    const got: Extraction = {
      officials: [{ name: 'Vương Đình Huệ', titles: ['Bí thư'] }, { name: 'Nguyễn Văn A', titles: [] }],
      documents: [{ text: '', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-26', issuer: 'Bộ Chính trị' }],
      dates: [],
      periods: [{ text: '', value: '2020' }, { text: '', value: '2021' }],
      statistics: [{ text: '', value: 356, total: null, unit: 'xã' }],
    };
    const report = aggregate([scoreArticle(gold, got)]);
    expect(report.fields.officials).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(report.titles).toBe(0);
    expect(report.fields.documents).toMatchObject({ tp: 0, fp: 1, fn: 2 });
    expect(report.fields.dates).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(report.fields.periods).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(report.fields.statistics).toMatchObject({ tp: 0, fp: 1, fn: 2 });
  });
});
