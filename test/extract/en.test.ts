// English editions yield the same record kinds.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.ts';

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
});
