// The one-page baseline of the start-up phase: a whole process that reads one HTML file, runs
// Readability.js 0.6 on linkedom and prints the article as JSON — what a researcher would write in
// a few lines instead of calling `vnpress extract page.html --json`.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const { document } = parseHTML(readFileSync(process.argv[2], 'utf8'));
const article = new Readability(document).parse();
process.stdout.write(JSON.stringify({ title: article?.title ?? null, text: article?.textContent ?? '' }) + '\n');
