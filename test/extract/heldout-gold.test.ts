// Gate on the held-out-style development sets (fixtures/extract/heldout-style, heldout-blind): articles written in
// the style of other outlets (qdnd.vn, nhandan.vn, baochinhphu.vn, vnexpress.net, tuoitre.vn, dantri.com.vn, party
// committee news), annotated by hand with the gold README's rules. The texts are cleaned bodies, so they go to extract as they are.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReport, scoreGold, type GoldFile } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';
import type { Extraction } from '../../src/core/types.ts';

function run(set: string) {
  const dir = new URL(`../../fixtures/extract/${set}/`, import.meta.url);
  const gold = JSON.parse(readFileSync(new URL('gold.json', dir), 'utf8')) as GoldFile;
  const got = new Map<string, Extraction>();
  for (const article of gold.articles) {
    const text = readFileSync(new URL(`../${article.input}`, dir), 'utf8').normalize('NFC').trim();
    got.set(article.id, extract({ text, published: article.published, language: 'vi' }));
  }
  return { gold, report: scoreGold(gold, got), got };
}

describe.each([
  // Measured 1.000 on both after the fixes (heldout-blind scored 0.941 / titles 0.667 on first sight); floors leave room
  // for rule changes that trade one case for a family.
  ['heldout-style', 0.97, 0.95],
  ['heldout-blind', 0.95, 0.9],
] as const)('%s against its gold', (set, macroFloor, titlesFloor) => {
  const { gold, report, got } = run(set);

  it('keeps macro-F1 and the officials’ titles above their floors', () => {
    expect(report.macroF1, formatReport(report)).toBeGreaterThanOrEqual(macroFloor);
    expect(report.titles, formatReport(report)).toBeGreaterThanOrEqual(titlesFloor);
  });

  it('keeps every field’s precision above 0.95', () => {
    for (const [field, s] of Object.entries(report.fields)) expect(s.precision, `${field}\n${formatReport(report)}`).toBeGreaterThanOrEqual(0.95);
  });

  it('takes no street, school or other named place for a person', () => {
    for (const article of gold.articles) {
      const names = got.get(article.id)!.officials.map((o) => o.name);
      for (const name of article.absent_officials ?? []) expect(names).not.toContain(name);
    }
  });
});
