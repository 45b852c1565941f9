// Scores the generic extractor (no site profile) on a folder laid out as html/<id>.html + gold.json
// with the trafilatura metric (see ../shared/data/README.md): `with` snippets found are true positives,
// `without` snippets found are false positives. `--baseline` also scores Readability.js on linkedom.
//   npm run eval -- fixtures/trafeval [--baseline] [--limit N] [--show-misses [--show-snippets]] [--only id,id]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanHtml } from '../src/clean/index.ts';
import { decodeHtmlBytes } from '../src/fetch/charset.ts';
import { scoreSnippets, type GoldEntry, type SnippetScore } from '../test/clean/snippet-metric.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) { console.error('usage: eval-clean DIR [--baseline] [--limit N] [--show-misses]'); process.exit(2); }
const limitIdx = args.indexOf('--limit');
const limit = limitIdx >= 0 ? Number(args[limitIdx + 1]) : Infinity;
const showMisses = args.includes('--show-misses');
const showSnippets = args.includes('--show-snippets');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1]!.split(',')) : null;
const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Record<string, GoldEntry>;
const ids = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).filter((id) => gold[id] && (!only || only.has(id))).sort().slice(0, limit);
const pages = ids.map((id) => ({ id, html: decodeHtmlBytes(readFileSync(join(dir, 'html', `${id}.html`))).text }));

type Extractor = (html: string, url: string) => string;
const extractors: Record<string, Extractor> = { vnpress: (html, url) => cleanHtml(html, { url }).text };
if (args.includes('--baseline')) {
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  extractors['readability'] = (html) => {
    const { document } = parseHTML(html);
    return new Readability(document as never).parse()?.textContent ?? '';
  };
}

// Speed is CPU time (user + system of this process) over one full pass per extractor, after a
// warm-up pass over the first pages, as test/bench does: less sensitive than wall time to the load
// other processes put on a shared machine. Compare the ratio, not the absolute figures.
const names = Object.keys(extractors);
const texts: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
const millis: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const name of names) {
  const extract = extractors[name]!;
  const run = (html: string, url: string): string => { try { return extract(html, url); } catch { return ''; } };
  for (const page of pages.slice(0, 60)) run(page.html, gold[page.id]!.url);
  const started = cpuMs();
  for (const page of pages) texts[name]!.push(run(page.html, gold[page.id]!.url));
  millis[name] = cpuMs() - started;
}
for (const name of names) {
  const total: SnippetScore = { tp: 0, fn: 0, fp: 0, tn: 0 };
  pages.forEach((page, i) => {
    const s = scoreSnippets(texts[name]![i]!, gold[page.id]!);
    total.tp += s.tp; total.fn += s.fn; total.fp += s.fp; total.tn += s.tn;
    if (showMisses && name === 'vnpress' && (s.fn || s.fp)) {
      console.log(`${page.id} fn=${s.fn} fp=${s.fp} ${gold[page.id]!.url}`);
      if (showSnippets) {
        const text = texts[name]![i]!.replace(/\s+/g, ' ');
        for (const w of gold[page.id]!.with) if (!text.includes(w.replace(/\s+/g, ' ').trim())) console.log(`   - missed: ${w}`);
        for (const w of gold[page.id]!.without) if (text.includes(w.replace(/\s+/g, ' ').trim())) console.log(`   + leaked: ${w}`);
      }
    }
  });
  const precision = total.tp / (total.tp + total.fp);
  const recall = total.tp / (total.tp + total.fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  console.log(`${name.padEnd(12)} pages=${pages.length} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} F1=${f1.toFixed(3)} pages/s=${(pages.length / (millis[name]! / 1000)).toFixed(1)}`);
}
if (names.length > 1) console.log(`speed ratio vnpress/readability: ${(millis['readability']! / millis['vnpress']!).toFixed(2)}x`);
