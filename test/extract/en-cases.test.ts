// Table-driven English cases (fixtures/extract/en/cases.json): each case checks the fields it lists,
// scored with the gold rules of fixtures/gold/README.md; then quality floors over the whole table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate, FIELDS, scoreArticle, type GoldArticle } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';
import type { Extraction } from '../../src/core/types.ts';

interface EnCase {
  id: string;
  text: string;
  published?: string;
  expect: Partial<Pick<GoldArticle, 'officials' | 'documents' | 'dates' | 'periods' | 'statistics' | 'optional_statistics'>>;
}
interface Table {
  published: string;
  cases: EnCase[];
}
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/extract/en/${name}`, import.meta.url), 'utf8')) as Table;
// cases.json shaped the rules; cases-2.json and cases-3.json were written after them (first scores in their comments).
const tables = [load('cases.json'), load('cases-2.json'), load('cases-3.json')];
const all = tables.flatMap((t) => t.cases.map((c) => ({ ...c, published: c.published ?? t.published })));

/** Score one case on the fields it lists (the others are emptied on both sides). */
function scoreCase(c: EnCase, got: Extraction) {
  const gold: GoldArticle = { id: c.id, input: c.id, published: c.published ?? null, officials: [], documents: [], dates: [], periods: [], statistics: [], optional_statistics: c.expect.optional_statistics ?? [] };
  const seen: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };
  for (const f of FIELDS) {
    if (c.expect[f] === undefined) continue;
    (gold[f] as unknown[]) = c.expect[f] as unknown[];
    (seen[f] as unknown[]) = got[f];
  }
  return scoreArticle(gold, seen);
}

const run = (c: EnCase) => extract({ text: c.text, published: c.published ?? null, language: 'en' });

describe('English cases, one by one', () => {
  it.each(all.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const score = scoreCase(c, run(c));
    const wrong = Object.fromEntries(FIELDS.map((f) => [f, { missed: score.misses[f], extra: score.extras[f] }]).filter(([, v]) => (v as { missed: string[]; extra: string[] }).missed.length + (v as { missed: string[]; extra: string[] }).extra.length > 0));
    expect(wrong).toEqual({});
    expect(score.titles.covered).toBe(score.titles.total);
  });
});

describe('English cases, as a whole', () => {
  it('keeps every field at F1 ≥ 0.95 and every title', () => {
    const report = aggregate(all.map((c) => scoreCase(c, run(c))));
    for (const f of FIELDS) expect(report.fields[f].f1, f).toBeGreaterThanOrEqual(0.95);
    expect(report.titles).toBe(1);
  });

  it('gives spans that point at the text of each hit', () => {
    for (const c of all) {
      const got = run(c);
      for (const hit of [...got.documents, ...got.dates, ...got.periods, ...got.statistics]) {
        if (!hit.span) continue;
        expect(c.text.slice(hit.span[0], hit.span[1]), `${c.id}: ${hit.text}`).toBe(hit.text);
      }
    }
  });
});
