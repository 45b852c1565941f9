// Score the extractor on a gold/v1 file: `npx tsx scripts/eval-extract.ts [GOLD.json] [TEXT_DIR] [--verbose]`.
// Defaults to the seeds. Each article's text is found in TEXT_DIR by the file name of its `input`
// (or at `input` relative to the gold file's parent folder); it goes through cleanText then extract, as the pipeline does,
// unless the gold file says its texts are already cleaned bodies (`"textIsBody": true`) or `--body` is given.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { cleanText } from '../src/clean/index.ts';
import { formatReport, scoreGold, type GoldFile } from '../src/eval/gold.ts';
import { extract } from '../src/extract/index.ts';
import type { Extraction } from '../src/core/types.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const verbose = process.argv.includes('--verbose');
const goldPath = resolve(args[0] ?? 'fixtures/gold/seeds.gold.json');
const textDir = args[1] ? resolve(args[1]) : null;
const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
const textIsBody = process.argv.includes('--body') || gold.textIsBody === true;

const extractions = new Map<string, Extraction>();
let ms = 0;
for (const article of gold.articles) {
  const candidates = [
    textDir ? join(textDir, basename(article.input)) : null,
    resolve(dirname(goldPath), '..', article.input),
    resolve(dirname(goldPath), article.input),
  ].filter((p): p is string => p !== null);
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    console.error(`missing text for ${article.id} (looked in ${candidates.join(', ')})`);
    continue;
  }
  const raw = readFileSync(path, 'utf8');
  const cleaned = path.endsWith('.html') || textIsBody ? null : cleanText(raw, { published: article.published });
  const text = cleaned ? cleaned.text : raw.normalize('NFC').trim();
  const published = article.published ?? cleaned?.published ?? null;
  const t0 = performance.now();
  extractions.set(article.id, extract({ text, published, language: 'vi' }));
  ms += performance.now() - t0;
}

const report = scoreGold(gold, extractions);
console.log(`${gold.articles.length} articles, ${goldPath}`);
console.log(formatReport(report));
console.log(`extract: ${(ms / Math.max(1, extractions.size)).toFixed(1)} ms/article`);
if (verbose) {
  for (const a of report.articles) {
    for (const [field, list] of Object.entries(a.misses)) for (const m of list) console.log(`${a.id} MISS  ${field}: ${m}`);
    for (const [field, list] of Object.entries(a.extras)) for (const m of list) console.log(`${a.id} EXTRA ${field}: ${m}`);
  }
}
