// Gate: the seeds go through the real pipeline path (cleanText, then extract) and are scored with the gold README's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/clean/index.ts';
import { formatReport, scoreGold, type GoldFile } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';
import type { Extraction } from '../../src/core/types.ts';

const gold = JSON.parse(readFileSync(new URL('../../fixtures/gold/seeds.gold.json', import.meta.url), 'utf8')) as GoldFile;

function runSeeds() {
  const extractions = new Map<string, Extraction>();
  for (const article of gold.articles) {
    const raw = readFileSync(new URL(`../../fixtures/${article.input}`, import.meta.url), 'utf8');
    const cleaned = cleanText(raw, { published: article.published });
    extractions.set(article.id, extract({ text: cleaned.text, published: article.published, language: 'vi' }));
  }
  return scoreGold(gold, extractions);
}

describe('seeds against gold (cleanText → extract)', () => {
  const report = runSeeds();

  it('keeps macro-F1 and the officials’ titles score above their floors', () => {
    // Measured 1.000 / 1.000 with the real cleaner; floors sit just below.
    expect(report.macroF1, formatReport(report)).toBeGreaterThanOrEqual(0.99);
    expect(report.titles, formatReport(report)).toBeGreaterThanOrEqual(0.97);
  });

  it('keeps every field above 0.97', () => {
    for (const [field, s] of Object.entries(report.fields)) expect(s.f1, `${field}\n${formatReport(report)}`).toBeGreaterThanOrEqual(0.97);
  });

  it('extracts no one named only in page furniture', () => {
    for (const article of gold.articles) {
      const raw = readFileSync(new URL(`../../fixtures/${article.input}`, import.meta.url), 'utf8');
      const got = extract({ text: cleanText(raw, { published: article.published }).text, published: article.published, language: 'vi' });
      for (const name of article.absent_officials ?? []) expect(got.officials.map((o) => o.name)).not.toContain(name);
    }
  });
});
