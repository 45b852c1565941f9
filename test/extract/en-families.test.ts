// English families of issue #19, table by table (fixtures/extract/en/families-*.json): statistics (counts in words,
// vague counts, fractions, glued units, currencies), days and periods named without a year, documents of any kind
// with a Vietnamese code, and bylines as page furniture. Each case is scored with the gold rules of
// fixtures/gold/README.md on the fields it lists; a field listed empty must yield nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/clean/index.ts';
import { englishBylineOf } from '../../src/clean/en-bylines.ts';
import { aggregate, FIELDS, fold, scoreArticle, type GoldArticle } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';
import type { Extraction, Statistic } from '../../src/core/types.ts';

type ExpectedStatistic = GoldArticle['statistics'][number] & Pick<Statistic, 'currency' | 'vague' | 'qualifier'>;
interface FamilyCase {
  id: string;
  text: string;
  published?: string;
  expect: Partial<Pick<GoldArticle, 'documents' | 'dates' | 'periods'>> & { statistics?: ExpectedStatistic[] };
}
interface Table {
  published: string;
  cases: FamilyCase[];
}
const load = <T,>(name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/extract/en/${name}`, import.meta.url), 'utf8')) as T;
const families = ['statistics', 'dates', 'periods', 'documents'].map((f) => [f, load<Table>(`families-${f}.json`)] as const);

const run = (c: FamilyCase, published: string) => extract({ text: c.text, published: c.published ?? published, language: 'en' });

function scoreCase(c: FamilyCase, got: Extraction) {
  const gold: GoldArticle = { id: c.id, input: c.id, published: null, officials: [], documents: [], dates: [], periods: [], statistics: [], optional_statistics: [] };
  const seen: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };
  for (const f of FIELDS) {
    const expected = (c.expect as Record<string, unknown[] | undefined>)[f];
    if (expected === undefined) continue;
    (gold[f] as unknown[]) = expected;
    (seen[f] as unknown[]) = got[f];
  }
  return scoreArticle(gold, seen);
}

const firstWord = (unit: string) => fold(unit).split(' ')[0];

describe.each(families)('English %s family', (_family, table) => {
  it.each(table.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = run(c, table.published);
    const score = scoreCase(c, got);
    const wrong = Object.fromEntries(FIELDS.map((f) => [f, { missed: score.misses[f], extra: score.extras[f] }]).filter(([, v]) => (v as { missed: string[]; extra: string[] }).missed.length + (v as { extra: string[] }).extra.length > 0));
    expect(wrong).toEqual({});
    // The fields beside value and unit: the currency code, and the vague count's mark and lower bound.
    for (const want of c.expect.statistics ?? []) {
      const hit = got.statistics.find((s) => s.value === want.value && firstWord(s.unit) === firstWord(want.unit));
      expect(hit?.currency, `${c.id}: currency of ${want.value}`).toBe(want.currency);
      expect(hit?.vague ?? false, `${c.id}: vague ${want.value}`).toBe(want.vague ?? false);
      if (want.qualifier) expect(hit?.qualifier, `${c.id}: qualifier of ${want.value}`).toBe(want.qualifier);
    }
  });

  it('gives spans that point at the text of each hit', () => {
    for (const c of table.cases) {
      const got = run(c, table.published);
      for (const hit of [...got.documents, ...got.dates, ...got.periods, ...got.statistics]) {
        expect(c.text.slice(hit.span![0], hit.span![1]), `${c.id}: ${hit.text}`).toBe(hit.text);
      }
    }
  });
});

describe('English families as a whole', () => {
  it('scores F1 = 1 on every field of every table', () => {
    const scores = families.flatMap(([, t]) => t.cases.map((c) => scoreCase(c, run(c, t.published))));
    const report = aggregate(scores);
    for (const f of ['documents', 'dates', 'periods', 'statistics'] as const) expect(report.fields[f].f1, f).toBe(1);
  });
});

describe('a statistic and its period', () => {
  it('takes the one period its sentence names, even one named before in the text; of several, the one right after the number, else the one before', () => {
    const text = 'In the first nine months, GDP grew 6.8 percent. Exports rose 15 percent in the first nine months, while the third quarter alone saw 7.4 percent growth. Imports rose 10 percent in the first nine months.';
    const got = extract({ text, published: '2024-10-01', language: 'en' });
    expect(got.statistics.map((s) => [s.value, s.period])).toEqual([[6.8, '2024-01-01/2024-09-30'], [15, '2024-01-01/2024-09-30'], [7.4, '2024-07-01/2024-09-30'], [10, '2024-01-01/2024-09-30']]);
    expect(got.periods.map((p) => p.value)).toEqual(['2024-01-01/2024-09-30', '2024-07-01/2024-09-30']);
  });

  it('leaves out a period the number is compared with', () => {
    const text = "Vietnam's GDP grew 5.05% in 2023, lower than the 8.02% recorded in 2022. Exports rose 8% compared with 2022.";
    const got = extract({ text, published: '2024-01-10', language: 'en' });
    expect(got.statistics.map((s) => [s.value, s.period, s.indicator])).toEqual([[5.05, '2023', 'GDP'], [8.02, '2022', 'GDP'], [8, null, 'exports']]);
  });
});

interface BylineTable {
  bylines: string[];
  prose: string[];
  articles: Array<{ id: string; published: string; text: string; absent: string[]; absent_officials: string[]; officials: string[] }>;
}
const bylines = load<BylineTable>('families-bylines.json');

describe('English bylines are page furniture', () => {
  it.each(bylines.bylines)('reads %s as a byline', (line) => {
    expect(englishBylineOf(line)).not.toBeNull();
  });
  it.each(bylines.prose)('reads %s as prose', (line) => {
    expect(englishBylineOf(line)).toBeNull();
  });
  it.each(bylines.articles.map((a) => [a.id, a] as const))('%s: the cleaner drops them and keeps the names as author; extract never lists them', (_id, a) => {
    const article = cleanText(a.text, { published: a.published });
    for (const s of a.absent) expect(article.text).not.toContain(s);
    expect(article.author).toBeTruthy();
    const longest = a.text.split('\n\n').reduce((x, y) => (y.length > x.length ? y : x));
    expect(article.text).toContain(longest.slice(0, 60)); // the prose stays
    // Straight to extract, bylines and all (text not through the cleaner), and through the cleaner.
    for (const text of [a.text, article.text]) {
      const names = extract({ text, published: a.published, language: 'en' }).officials.map((o) => o.name);
      for (const name of a.absent_officials) expect(names).not.toContain(name);
      for (const name of a.officials) expect(names).toContain(name);
    }
  });
});
