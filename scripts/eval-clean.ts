// Scores the generic extractor (no site profile) on a folder laid out as html/<id>.html + gold.json
// with the trafilatura metric (see ../shared/data/README.md): `with` snippets found are true positives,
// `without` snippets found are false positives. `--baseline` also scores Readability.js on linkedom.
// Pages whose gold holds the whole article (`body`) are also scored with word-4-gram F1 of the body
// (the metric of the article-extraction benchmarks), and their `must`/`mustNot` snippets counted.
//   npm run eval -- DIR [--baseline] [--limit N] [--half even|odd] [--show-misses [--show-snippets]]
//                       [--only id,id] [--worst N] [--json FILE]
// `--half` keeps the pages whose id's last hex digit is even (or odd): tune on one half, check on the other.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanHtml } from '../src/clean/index.ts';
import { decodeHtmlBytes } from '../src/fetch/charset.ts';
import { f1Of, ngramF1, scoreSnippets, type GoldEntry, type SnippetScore } from '../test/clean/snippet-metric.ts';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && !['--limit', '--only', '--half', '--worst', '--json'].includes(args[i - 1] ?? ''));
if (!dir) { console.error('usage: eval-clean DIR [--baseline] [--limit N] [--half even|odd] [--show-misses] [--worst N] [--json FILE]'); process.exit(2); }
const option = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const limit = Number(option('--limit') ?? Infinity);
const half = option('--half');
const worst = Number(option('--worst') ?? 0);
const jsonOut = option('--json');
const showMisses = args.includes('--show-misses');
const showSnippets = args.includes('--show-snippets');
const only = option('--only') ? new Set(option('--only')!.split(',')) : null;
const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Record<string, GoldEntry>;
const inHalf = (id: string): boolean => !half || (parseInt(id.slice(-1), 16) % 2 === 0) === (half === 'even');
const ids = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5))
  .filter((id) => gold[id] && (!only || only.has(id)) && inHalf(id)).sort().slice(0, limit);
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

interface PageResult { id: string; score: SnippetScore; f1: number; body?: { precision: number; recall: number; f1: number } }
const report: Record<string, PageResult[]> = {};
for (const name of names) {
  const total: SnippetScore = { tp: 0, fn: 0, fp: 0, tn: 0 };
  const results: PageResult[] = [];
  const bodyScores: { precision: number; recall: number; f1: number }[] = [];
  pages.forEach((page, i) => {
    const g = gold[page.id]!;
    const text = texts[name]![i]!;
    const s = scoreSnippets(text, g);
    total.tp += s.tp; total.fn += s.fn; total.fp += s.fp; total.tn += s.tn;
    const result: PageResult = { id: page.id, score: s, f1: f1Of(s).f1 };
    if (g.body) { result.body = ngramF1(text, g.body); bodyScores.push(result.body); }
    results.push(result);
    if (showMisses && name === 'vnpress' && (s.fn || s.fp)) {
      console.log(`${page.id} fn=${s.fn} fp=${s.fp} ${g.url}${result.body ? ` body-F1=${result.body.f1.toFixed(3)}` : ''}`);
      if (showSnippets) {
        const flat = text.replace(/\s+/g, ' ');
        for (const w of g.with) if (!flat.includes(w.replace(/\s+/g, ' ').trim())) console.log(`   - missed: ${w}`);
        for (const w of g.without) if (flat.includes(w.replace(/\s+/g, ' ').trim())) console.log(`   + leaked: ${w}`);
      }
    }
  });
  report[name] = results;
  const { precision, recall, f1 } = f1Of(total);
  console.log(`${name.padEnd(12)} pages=${pages.length} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} F1=${f1.toFixed(3)} pages/s=${(pages.length / (millis[name]! / 1000)).toFixed(1)}`);
  if (bodyScores.length) {
    const mean = (k: 'precision' | 'recall' | 'f1'): string => (bodyScores.reduce((n, b) => n + b[k], 0) / bodyScores.length).toFixed(3);
    const below = bodyScores.filter((b) => b.f1 < 0.5).length;
    console.log(`${''.padEnd(12)} body word-4-gram (mean of ${bodyScores.length} pages): precision=${mean('precision')} recall=${mean('recall')} F1=${mean('f1')} pages below 0.5: ${below}`);
  }
  if (worst > 0 && name === 'vnpress') {
    const ranked = [...results].sort((a, b) => (a.body?.f1 ?? a.f1) - (b.body?.f1 ?? b.f1) || b.score.fn + b.score.fp - (a.score.fn + a.score.fp)).slice(0, worst);
    for (const r of ranked) {
      const b = r.body ? ` body P=${r.body.precision.toFixed(2)} R=${r.body.recall.toFixed(2)} F1=${r.body.f1.toFixed(2)}` : '';
      console.log(`  worst ${r.id} snippets fn=${r.score.fn} fp=${r.score.fp}${b} ${gold[r.id]!.url}`);
    }
  }
}
if (names.length > 1) console.log(`speed ratio vnpress/readability: ${(millis['readability']! / millis['vnpress']!).toFixed(2)}x`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report));
