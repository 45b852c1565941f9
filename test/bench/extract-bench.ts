// Extract benchmark: articles/s of `extract` over the five seeds (cleaned bodies) and the held-out-style
// development sets (fixtures/extract/heldout-style, heldout-blind), warm, in one process. Run through `npm run bench` (the lead wires it in), or alone:
// `node bin/run-ts.js test/bench/extract-bench.ts`.
import { readFileSync, readdirSync } from 'node:fs';
import { cleanText } from '../../src/clean/index.ts';
import { extract } from '../../src/extract/index.ts';
import type { ExtractInput } from '../../src/core/types.ts';

const fixtures = new URL('../../fixtures/', import.meta.url);

interface GoldList {
  articles: Array<{ input: string; published: string | null }>;
}

/** The bench corpus: the seeds through the cleaner (as the pipeline does) and the held-out-style bodies as they are. */
export function benchTexts(): ExtractInput[] {
  const inputs: ExtractInput[] = [];
  const seeds = JSON.parse(readFileSync(new URL('gold/seeds.gold.json', fixtures), 'utf8')) as GoldList;
  for (const a of seeds.articles) {
    const raw = readFileSync(new URL(a.input, fixtures), 'utf8');
    inputs.push({ text: cleanText(raw, { published: a.published }).text, published: a.published, language: 'vi' });
  }
  for (const set of ['heldout-style', 'heldout-blind']) {
    const dir = new URL(`extract/${set}/`, fixtures);
    const gold = JSON.parse(readFileSync(new URL('gold.json', dir), 'utf8')) as GoldList;
    const published = new Map(gold.articles.map((a) => [a.input.split('/').pop()!, a.published]));
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const text = readFileSync(new URL(name, dir), 'utf8').normalize('NFC').trim();
      inputs.push({ text, published: published.get(name) ?? null, language: 'vi' });
    }
  }
  return inputs;
}

/** Articles per second of `extract` over the bench corpus, after a warm-up pass; runs for at least `minMs`. */
export function benchExtract(minMs = 2000): number {
  const inputs = benchTexts();
  for (const input of inputs) extract(input);
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) extract(input);
    done += inputs.length;
    elapsed = performance.now() - started;
  }
  return (done / elapsed) * 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const texts = benchTexts();
  const chars = texts.reduce((s, t) => s + t.text.length, 0);
  const rate = benchExtract();
  console.log(`extract: ${rate.toFixed(0)} articles/s (${(1000 / rate).toFixed(2)} ms/article) over ${texts.length} articles, ${Math.round(chars / texts.length)} chars on average`);
}
