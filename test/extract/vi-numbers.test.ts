// Vietnamese numbers, money and counts as families of the language (fixtures/extract/vi-numbers.json): the number reader
// on whole phrases, and the statistics family on press sentences, with negatives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';
import { parseVietnameseNumber, readNumber, readNumberAt } from '../../src/extract/vi/numbers.ts';
import { toContract } from '../../src/core/contract.ts';
import { tokenize } from '../../src/extract/common/text.ts';
import type { Statistic } from '../../src/core/types.ts';

/** [value, first word of the unit, ISO currency or null, vague] */
type Expected = [number, string, (string | null)?, boolean?];
interface Family<T> {
  family: string;
  cases: T[];
}
interface SentenceCase {
  text: string;
  statistics?: Expected[];
  noStatistics?: boolean;
  notValues?: number[];
}
interface Fixture {
  numbers: Family<[string, number]>[];
  notNumbers: Family<string>[];
  ordinal: Array<[string, number]>;
  bare: Array<[string, number]>;
  statistics: Family<SentenceCase>[];
  negatives: Family<SentenceCase>[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/extract/vi-numbers.json', import.meta.url), 'utf8')) as Fixture;
const flat = <T>(families: Family<T>[]) => families.flatMap((f) => f.cases.map((c) => [f.family, c] as const));

const firstWord = (unit: string) => fold(unit).split(' ')[0];
const seen = (s: Statistic) => [s.value, firstWord(s.unit), s.currency ?? null, s.vague === true];
const wanted = ([value, unit, currency, vague]: Expected) => [value, firstWord(unit), currency ?? null, vague === true];
const byValue = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
const statisticsOf = (text: string) => extract({ text, published: '2024-05-10', language: 'vi' }).statistics;

describe('the number reader reads each numeral form', () => {
  it.each(flat(fixture.numbers))('%s: %j', (_family, [phrase, value]) => {
    expect(parseVietnameseNumber(phrase)).toBe(value);
  });

  it.each(flat(fixture.notNumbers))('%s: %s is not one number', (_family, phrase) => {
    expect(parseVietnameseNumber(phrase)).toBeNull();
  });

  it.each(fixture.ordinal)('where a day, month or rank stands: %s = %d', (phrase, value) => {
    expect(parseVietnameseNumber(phrase, { ordinal: true })).toBe(value);
  });

  it.each(fixture.bare)('after hàng/hơn, a bare scale: %s = %d', (phrase, value) => {
    expect(parseVietnameseNumber(phrase, { bare: true })).toBe(value);
    expect(parseVietnameseNumber(phrase)).toBeNull();
  });

  it('gives the token span and offsets of the phrase it reads', () => {
    const text = 'Sáng mồng hai mươi mốt tháng tư, 3 tỷ 200 triệu đồng về tay hai ba người.';
    const tokens = tokenize(text);
    const at = (word: string, from = 0) => tokens.findIndex((t, i) => i >= from && t.text === word);
    const day = readNumber(tokens, at('hai'))!;
    expect(day).toMatchObject({ value: 21, firstToken: at('hai'), endToken: at('tháng'), hasWords: true, hasDigits: false, scaled: false });
    expect(text.slice(day.start, day.end)).toBe('hai mươi mốt');
    expect(readNumber(tokens, at('tư'))).toBeNull();
    expect(readNumber(tokens, at('tư'), { ordinal: true })).toMatchObject({ value: 4, endToken: at('tư') + 1 });
    const money = readNumber(tokens, at('3'))!;
    expect(money).toMatchObject({ value: 3.2e9, hasDigits: true, hasWords: true, scaled: true, endToken: at('đồng') });
    const range = readNumber(tokens, at('hai', at('tay')))!;
    expect(range).toMatchObject({ value: 2, upper: 3, endToken: at('người') });
    expect(readNumber(tokens, at('tháng'))).toBeNull();
    expect(readNumberAt(tokens, text.indexOf('hai mươi'))).toMatchObject({ value: 21, start: text.indexOf('hai mươi') });
    expect(readNumberAt(tokens, text.indexOf('ai mươi'))).toBeNull();
  });

  it('marks lone words that mean something else too', () => {
    const tokens = tokenize('năm một tư năm mươi');
    expect(readNumber(tokens, 0)).toMatchObject({ value: 5, ambiguous: true, endToken: 1 });
    expect(readNumber(tokens, 1)).toMatchObject({ value: 1, ambiguous: true });
    expect(readNumber(tokens, 3)).toMatchObject({ value: 50, ambiguous: false });
  });
});

describe('statistics in press sentences', () => {
  it.each(flat(fixture.statistics))('%s: %j', (_family, c) => {
    const got = statisticsOf(c.text);
    expect(got.map(seen).sort(byValue), JSON.stringify(got.map((s) => s.text))).toEqual(c.statistics!.map(wanted).sort(byValue));
    for (const s of got) if (s.vague) expect(s.qualifier).toBe('at-least');
  });

  it('keeps the unit as written and the money’s code apart', () => {
    const [dollars, pounds] = statisticsOf('Anh trả hai mươi đô la Mỹ và 30 bảng Anh.');
    expect(dollars).toMatchObject({ text: 'hai mươi đô la Mỹ', value: 20, unit: 'đô la Mỹ', currency: 'USD' });
    expect(pounds).toMatchObject({ text: '30 bảng Anh', value: 30, unit: 'bảng Anh', currency: 'GBP' });
    const [vague] = statisticsOf('Hàng trăm nghìn người dân đổ ra đường.');
    expect(vague).toMatchObject({ text: 'Hàng trăm nghìn người dân', value: 100000, vague: true, qualifier: 'at-least' });
    const [range] = statisticsOf('Khoảng hai ba trăm người tụ tập.');
    expect(range).toMatchObject({ value: 200, qualifier: 'approx' });
    expect(range!.vague).toBeUndefined();
  });
});

describe('the output contract', () => {
  it('carries the currency code and the vague mark only where they apply', () => {
    const text = 'Quỹ nhận hai mươi đô la, hàng chục người đã góp 5 triệu đồng cho 3 xã.';
    const extraction = extract({ text, published: '2024-05-10', language: 'vi' });
    const article = { url: null, canonicalUrl: null, sourceId: null, title: null, published: null, author: null, language: 'vi', paragraphs: [text], text, contentHash: '', warnings: [] };
    // The fields of this family only (the analyst fields of issue #20 are tested in statistic-fields.test.ts).
    const own = ({ text: t, value, total, unit, currency, vague }: Record<string, unknown>) =>
      Object.fromEntries(Object.entries({ text: t, value, total, unit, currency, vague }).filter(([, v]) => v !== undefined));
    expect(toContract('x', article, extraction).statistics.map((s) => own(s as unknown as Record<string, unknown>))).toEqual([
      { text: 'hai mươi đô la', value: 20, unit: 'đô la', currency: 'USD' },
      { text: 'hàng chục người', value: 10, unit: 'người', vague: true },
      { text: '5 triệu đồng', value: 5000000, unit: 'đồng', currency: 'VND' },
      { text: '3 xã', value: 3, unit: 'xã' },
    ]);
  });
});

describe('what is not a statistic', () => {
  it.each(flat(fixture.negatives))('%s: %j', (_family, c) => {
    const got = statisticsOf(c.text);
    if (c.noStatistics) expect(got.map((s) => s.text)).toEqual([]);
    for (const v of c.notValues ?? []) expect(got.map((s) => s.value)).not.toContain(v);
    if (c.statistics) expect(got.map(seen).sort(byValue)).toEqual(c.statistics.map(wanted).sort(byValue));
  });
});
