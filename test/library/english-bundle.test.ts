// The English extractor users run is the bundle dist/extract-en.cjs, in which the build replaced the
// reading of compromise's tables with the tables themselves (scripts/build.mjs). It must extract
// exactly what the source does, which reads them from compromise: every English case of the fixtures
// through both, compared whole.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { extractEn } from '../../src/extract/en/index.ts';
import { tagsOf } from '../../src/extract/en/lexicon.ts';

const require = createRequire(import.meta.url);
const built = require('../../dist/extract-en.cjs') as { extractEn: typeof extractEn };

interface Case { id?: string; text: string; published?: string }
const dir = new URL('../../fixtures/extract/en/', import.meta.url);
const cases: Array<{ id: string; text: string; published: string | null }> = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const table = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as { published?: string; cases: Case[] };
  (table.cases ?? []).forEach((c, i) => cases.push({ id: `${name} ${c.id ?? i}`, text: c.text, published: c.published ?? table.published ?? null }));
}

describe('the built English extractor', () => {
  it('has the English cases to compare', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it('extracts from every English case what the source extracts', () => {
    const differing = cases.filter((c) => JSON.stringify(built.extractEn(c.text, c.published)) !== JSON.stringify(extractEn(c.text, c.published)));
    expect(differing.map((c) => c.id)).toEqual([]);
  });

  it('reads compromise\'s tags as compromise has them (words that name Object\'s own properties included)', () => {
    // Read from a plain object, `constructor` gave Object's constructor function, and the tense test crashed on it.
    for (const word of ['constructor', 'valueOf', 'toString', '__proto__']) expect(Array.isArray(tagsOf(word)), word).toBe(true);
    expect(tagsOf('ministers')).toContain('Plural');
    // An English text with such words extracts without error, from the source and from the bundle.
    const text = 'The constructor said on Monday that 250 workers, the valueOf and toString of the deal, were hired.';
    expect(built.extractEn(text, '2024-01-01')).toEqual(extractEn(text, '2024-01-01'));
  });
});
