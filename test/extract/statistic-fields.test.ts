// The analyst fields of statistics (issue #20) on hand-written press sentences (fixtures/extract/statistic-fields.json):
// indicator, qualifier, ranges, change and baseline, share and the percentage that restates it, in both languages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.ts';
import { toContract } from '../../src/core/contract.ts';
import { checkCase, type FieldCase } from '../../src/eval/statistic-fields.ts';
import type { Article } from '../../src/core/types.ts';
import { plainKey } from '../../src/core/fold.ts';

const cases = (JSON.parse(readFileSync(new URL('../../fixtures/extract/statistic-fields.json', import.meta.url), 'utf8')) as { cases: FieldCase[] }).cases;

describe('analyst fields of statistics on press sentences', () => {
  it('has the families the issue names, in both languages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.language === 'en').length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.text.slice(0, 70), c] as const))('%s', (_label, c) => {
    const got = extract({ text: c.text, published: c.published ?? '2024-06-30', language: c.language ?? 'vi' });
    const failed = checkCase(c, got).filter((r) => !r.pass);
    expect(failed.map((r) => `${r.check}: ${r.detail}`), JSON.stringify(got.statistics.map(({ context: _c, span: _s, implied: _i, ...s }) => s))).toEqual([]);
  });
});

describe('indicator keys', () => {
  it('are the plainKey of the indicator, in both languages', () => {
    let checked = 0;
    for (const c of cases) {
      for (const s of extract({ text: c.text, published: '2024-06-30', language: c.language ?? 'vi' }).statistics) {
        if (s.indicator === undefined) continue;
        expect(s.indicatorKey, s.indicator).toBe(plainKey(s.indicator));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('the contract carries the fields only when present, two-word names in snake_case', () => {
  const article = (text: string, language = 'vi'): Article => ({
    url: null, canonicalUrl: null, sourceId: null, title: null, published: '2024-06-30T00:00:00+07:00', author: null,
    language, paragraphs: [text], text, contentHash: '', warnings: [],
  });

  it('writes indicator_key and compared_to, and nothing for an exact bare count', () => {
    const text = 'Vốn FDI thu hút ước đạt khoảng 1.800 triệu USD, tăng 12% so với cùng kỳ. Đơn vị có 12 cán bộ.';
    const a = article(text);
    const record = toContract('x.txt', a, extract({ text, published: a.published, language: 'vi' }));
    expect(record.statistics[0]).toEqual({ text: '1.800 triệu USD', value: 1.8e9, unit: 'USD', currency: 'USD', indicator: 'vốn FDI thu hút', indicator_key: 'von fdi thu hut', qualifier: 'approx' });
    expect(record.statistics[1]).toEqual({ text: '12%', value: 12, unit: '%', indicator: 'vốn FDI thu hút', indicator_key: 'von fdi thu hut', change: 'up', compared_to: 'cùng kỳ' });
    expect(Object.keys(record.statistics[2]!)).toEqual(['text', 'value', 'unit', 'indicator', 'indicator_key']);
  });

  it('writes total, upper, share and restates', () => {
    const text = 'Có 356/382 xã (tỷ lệ 93,2%) đạt chuẩn; tuyển sinh từ 300 đến 350 học viên.';
    const record = toContract('x.txt', article(text), extract({ text, published: null, language: 'vi' }));
    expect(record.statistics.map((s) => [s.text, s.total, s.share, s.restates, s.upper])).toEqual([
      ['356/382 xã', 382, 93.2, undefined, undefined],
      ['93,2%', undefined, undefined, '356/382 xã', undefined],
      ['300 đến 350 học viên', undefined, undefined, undefined, 350],
    ]);
  });
});

// The period a number is of, when its sentence names several: the one before it unless that one is a baseline
// (`so với năm 2022`, `gấp 3 lần năm 2021`), else the first after it; one period alone is the sentence's.
describe('the period of a number in a sentence with several', () => {
  it.each([
    ['Năm 2022, lượng khách quốc tế đến Đà Nẵng đạt gần 1,2 triệu lượt, gấp 3 lần năm 2021.', 1_200_000, '2022'],
    ['Trong năm 2023, so với năm 2022, doanh thu tăng 12%.', 12, '2023'],
    ['Doanh thu đạt 5 tỷ đồng trong năm 2023, tăng 12% so với năm 2022.', 5e9, '2023'],
    ['Doanh thu đạt 5 tỷ đồng trong năm 2023, tăng 12% so với năm 2022.', 12, '2023'],
    ['Năm 2021 tỉnh có 120 xã đạt chuẩn, năm 2023 có 150 xã.', 120, '2021'],
    ['Năm 2021 tỉnh có 120 xã đạt chuẩn, năm 2023 có 150 xã.', 150, '2023'],
    ['So với năm 2020, năm 2023 sản lượng lúa tăng 8%.', 8, '2023'],
    ['Tỷ lệ hộ nghèo giảm từ 4,5% năm 2021 xuống còn 2,1% năm 2023.', 4.5, '2021'],
    ['Tỷ lệ hộ nghèo giảm từ 4,5% năm 2021 xuống còn 2,1% năm 2023.', 2.1, '2023'],
    ['Sản lượng lúa tăng 8% so với năm 2020.', 8, null],
  ] as const)('%s → %s: %s', (text, value, period) => {
    const stat = extract({ text, published: '2024-06-30', language: 'vi' }).statistics.find((s) => s.value === value);
    expect(stat, JSON.stringify(extract({ text, published: '2024-06-30', language: 'vi' }).statistics.map((s) => [s.value, s.period]))).toBeDefined();
    expect(stat!.period).toBe(period);
  });
});
