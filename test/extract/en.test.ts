// English editions yield the same record kinds; these check what the tables of en-cases do not:
// provenance (spans, rules, implied years), merged mentions, the statistic's sentence and period,
// and that the rules stay linear on hostile input.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.ts';
import { extractEn } from '../../src/extract/en/index.ts';
import { splitSentences } from '../../src/extract/en/text.ts';

describe('English editions', () => {
  it('reads people, documents, dates, periods and numbers', () => {
    const text =
      'Hanoi (VNA) - Party General Secretary To Lam chaired the meeting on March 12, 2024. Prime Minister Pham Minh Chinh said Resolution No. 57-NQ/TW sets targets for 2021-2025. The city has 356 communes and 93.2% of households.';
    const got = extract({ text, published: '2024-03-12', language: 'en' });
    const names = got.officials.map((o) => o.name);
    expect(names).toContain('To Lam');
    expect(names).toContain('Pham Minh Chinh');
    expect(got.officials.find((o) => o.name === 'Pham Minh Chinh')!.titles.join(' ')).toContain('Prime Minister');
    expect(got.documents.map((d) => d.code)).toEqual(['57-NQ/TW']);
    expect(got.dates.map((d) => d.value)).toEqual(['2024-03-12']);
    expect(got.periods.map((p) => p.value)).toContain('2021/2025');
    expect(got.statistics.some((s) => s.value === 93.2 && s.unit === '%')).toBe(true);
  });

  it('marks a year taken from the publication date as implied, and needs one for a day without a year', () => {
    const text = 'The delegation arrived on June 3 and left on 5 June 2023.';
    const got = extractEn(text, '2024-06-10T08:00:00+07:00');
    expect(got.dates.map((d) => [d.value, d.implied])).toEqual([['2024-06-03', ['year']], ['2023-06-05', []]]);
    expect(extractEn(text, null).dates.map((d) => d.value)).toEqual(['2023-06-05']);
  });

  it('reads ISO and day-first numeric days exactly, but not the numbers of a document code', () => {
    const got = extractEn('Updated 2024-03-12. Decree 15/2020/ND-CP was signed on 3/2/2020 and amended on 31.12.2021.', null);
    expect(got.dates.map((d) => [d.value, d.rule])).toEqual([['2024-03-12', 'en.iso-date'], ['2020-02-03', 'en.numeric-date'], ['2021-12-31', 'en.numeric-date']]);
  });

  it('merges later mentions of a person and collects their titles', () => {
    const text = 'Le Minh Khai spoke first. Later, Deputy Prime Minister Khai visited a school. Mr Khai thanked the teachers.';
    const got = extractEn(text, null);
    expect(got.officials).toHaveLength(1);
    expect(got.officials[0]!.name).toBe('Le Minh Khai');
    expect(got.officials[0]!.titles).toEqual(['Deputy Prime Minister']);
    expect(got.officials[0]!.mentions).toEqual(['Le Minh Khai', 'Khai']);
  });

  it('ties a statistic to its sentence and to the one period that sentence names', () => {
    const text = 'In 2023, the province planted 1,500 hectares of forest. Another 200 households moved between 2020 and 2022 or in 2019.';
    const [first, second] = extractEn(text, null).statistics;
    expect(first).toMatchObject({ value: 1500, unit: 'hectares', period: '2023', context: 'In 2023, the province planted 1,500 hectares of forest.' });
    expect(second).toMatchObject({ value: 200, unit: 'households', period: null }); // two periods as alternatives (`… or in 2019`): none is chosen
  });

  it('reads compound number words', () => {
    const got = extractEn('Some three thousand five hundred volunteers and twenty-five doctors joined.', null);
    expect(got.statistics.map((s) => [s.value, s.unit])).toEqual([[3500, 'volunteers'], [25, 'doctors']]);
  });

  it('keeps a document mentioned with and without its code once, with the issuer and date of its fullest mention', () => {
    const text = 'Resolution 57 was praised. Resolution No. 57-NQ/TW of the Politburo dated December 22, 2024 is a breakthrough.';
    const docs = extractEn(text, '2025-01-05').documents;
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ kind: 'Resolution', number: '57', code: '57-NQ/TW', issuer: 'Politburo', date: '2024-12-22' });
    expect(text.slice(docs[0]!.span![0], docs[0]!.span![1])).toBe(docs[0]!.text);
  });

  it('does not end sentences at abbreviations', () => {
    const s = splitSentences('Resolution No. 57 was issued. Mr. Long and U.S. President Biden met at 9 a.m. Then they left.');
    expect(s.map((x) => x.text)).toEqual(['Resolution No. 57 was issued.', 'Mr. Long and U.S. President Biden met at 9 a.m. Then they left.']);
  });

  it('stays linear on hostile input (long capitalised runs, digit strings, repeated kinds)', () => {
    const hostile = [
      'Nguyen '.repeat(8000),
      '1,'.repeat(10000) + 'x',
      'Resolution No. '.repeat(4000),
      'March 1 '.repeat(1500),
      'Prime Minister of the '.repeat(2000) + 'Nguyen Van A',
      ('a'.repeat(5000) + ' ').repeat(8),
    ].join('\n');
    const got = extractEn(hostile, '2024-01-01');
    expect(got.dates.map((d) => d.value)).toEqual(['2024-03-01']);
  });
});
