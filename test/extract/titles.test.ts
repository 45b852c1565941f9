// Officials and their titles, family by family (fixtures/extract/vi-titles*.json, en-titles*.json): in each case the
// people listed are the exact set expected, each title is contained in one extracted title (the gold rule of
// fixtures/gold/README.md), `notTitles` are in none; negatives yield no person, or only the listed ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';

interface Person {
  name: string;
  titles: string[];
}
interface Case {
  text: string;
  published?: string;
  officials?: Person[];
  noOfficials?: boolean;
  /** Titles a person must not be given (a neighbour's title, a clause that is not theirs). */
  notTitles?: Record<string, string[]>;
}
interface Table {
  published: string;
  language: string;
  families: Array<{ family: string; cases: Case[] }>;
  negatives?: Case[];
}

const load = (name: string, language: string): Table => ({ language, ...(JSON.parse(readFileSync(new URL(`../../fixtures/extract/${name}`, import.meta.url), 'utf8')) as Omit<Table, 'language'>) });

function check(table: Table, c: Case): void {
  const got = extract({ text: c.text, published: c.published ?? table.published, language: table.language }).officials;
  const summary = JSON.stringify(got.map((o) => [o.name, o.titles]));
  if (c.noOfficials) expect(got, summary).toEqual([]);
  if (c.officials) {
    expect(got.map((o) => fold(o.name)).sort(), summary).toEqual(c.officials.map((o) => fold(o.name)).sort());
    for (const want of c.officials) {
      const person = got.find((o) => fold(o.name) === fold(want.name))!;
      for (const title of want.titles) expect(person.titles.some((t) => fold(t).includes(fold(title))), `${want.name}: ${title} in ${JSON.stringify(person.titles)}`).toBe(true);
    }
  }
  for (const [name, titles] of Object.entries(c.notTitles ?? {})) {
    const person = got.find((o) => fold(o.name) === fold(name));
    for (const title of titles) expect(person?.titles.some((t) => fold(t).includes(fold(title))) ?? false, `${name} must not hold ${title}: ${summary}`).toBe(false);
  }
}

// The -2 tables were written after the rules of the first ones (their first-sight scores are in their comments).
for (const table of [load('vi-titles.json', 'vi'), load('en-titles.json', 'en'), load('vi-titles-2.json', 'vi'), load('en-titles-2.json', 'en')]) {
  describe(`${table.language}: officials and titles by family`, () => {
    for (const { family, cases } of table.families) {
      describe(family, () => {
        it.each(cases.map((c) => [c.text.slice(0, 70), c] as const))('%s…', (_label, c) => check(table, c));
      });
    }
    // The -2 tables hold families only: their negatives are in the first tables.
    const negatives = table.negatives ?? [];
    if (negatives.length > 0) describe('negatives', () => {
      it.each(negatives.map((c) => [c.text.slice(0, 70), c] as const))('%s…', (_label, c) => check(table, c));
    });
  });
}
