// The folder baseline of the start-up phase: one process over every .html file of a folder, one
// JSON line per page (Readability.js 0.6 on linkedom), as `vnpress extract DIR --jsonl` prints.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const dir = process.argv[2];
for (const name of readdirSync(dir).filter((n) => /\.html?$/i.test(n)).sort()) {
  const { document } = parseHTML(readFileSync(join(dir, name), 'utf8'));
  const article = new Readability(document).parse();
  process.stdout.write(JSON.stringify({ input: join(dir, name), title: article?.title ?? null, text: article?.textContent ?? '' }) + '\n');
}
