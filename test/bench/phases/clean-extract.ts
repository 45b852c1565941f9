// Phase 1 child: one variant over the real-page corpus, in its own process.
//   pipeline     processPage(html, 'html', { url, source }) = clean + extract, as the crawl runs it
//   clean        cleanHtml alone
//   extract      extract alone, over the bodies clean produced (cleaned before the clock starts)
//   readability  Readability.js 0.6 on linkedom, the baseline (`new Readability(parseHTML(html).document).parse()`)
//   extract-bench  benchExtract() from test/bench/extract-bench.ts (seeds + held-out-style texts)
// A warm-up pass, then timed passes until `minCpuMs` of CPU has been spent (at least one full pass).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanHtml } from '../../../src/clean/index.ts';
import { extract } from '../../../src/extract/index.ts';
import { processPage } from '../../../src/run/process.ts';
import type { ExtractInput } from '../../../src/core/types.ts';
import { corpusSummary, loadCorpus } from './corpus.ts';
import { childMain, cpuMsSince } from './shared.ts';

export type Variant = 'pipeline' | 'clean' | 'extract' | 'readability' | 'extract-bench';

export interface CleanExtractOptions {
  variant: Variant;
  dirs: string[];
  minCpuMs: number;
}

export interface VariantDetail {
  variant: Variant;
  pages: number;
  htmlBytes: number;
  /** Pages processed in the timed passes. */
  processed: number;
  passes: number;
  wallMs: number;
  cpuMs: number;
  /** Pages whose result has a non-empty body (or, for extract, at least one entity). */
  withBody: number;
  errors: number;
  groups?: Record<string, number>;
}

async function main(options: CleanExtractOptions) {
  if (options.variant === 'extract-bench') return extractBench(options);
  const corpus = loadCorpus(options.dirs);
  const htmlBytes = corpus.reduce((sum, p) => sum + p.bytes, 0);
  let errors = 0;
  let withBody = 0;
  // Each variant is a function of the page index that returns whether the page yielded a body.
  let run: (i: number) => boolean;
  if (options.variant === 'pipeline') {
    run = (i) => {
      const p = corpus[i]!;
      return processPage(p.html, 'html', { url: p.url, source: p.source }).article.text.length > 0;
    };
  } else if (options.variant === 'clean') {
    run = (i) => {
      const p = corpus[i]!;
      return cleanHtml(p.html, { url: p.url, source: p.source }).text.length > 0;
    };
  } else if (options.variant === 'extract') {
    // Clean first, outside the clock; the page strings are dropped so that memory is extract's own.
    const inputs: Array<ExtractInput | null> = corpus.map((p) => {
      const a = cleanHtml(p.html, { url: p.url, source: p.source });
      return a.text ? { text: a.text, published: a.published, language: a.language } : null;
    });
    for (const p of corpus) p.html = '';
    run = (i) => {
      const input = inputs[i];
      if (!input) return false;
      const x = extract(input);
      return x.officials.length + x.documents.length + x.dates.length + x.periods.length + x.statistics.length > 0;
    };
  } else {
    run = (i) => {
      const p = corpus[i]!;
      const { document } = parseHTML(p.html);
      // linkedom's document is DOM-compatible enough for Readability; its types are not the lib.dom ones.
      const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
      return !!parsed?.textContent?.trim();
    };
  }
  const safe = (i: number): boolean => {
    try {
      return run(i);
    } catch {
      errors++;
      return false;
    }
  };

  // Warm-up: JIT and lazily built lexicons, over up to 60 pages.
  for (let i = 0; i < Math.min(corpus.length, 60); i++) safe(i);
  errors = 0;
  let processed = 0;
  let passes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  do {
    withBody = 0;
    for (let i = 0; i < corpus.length; i++) if (safe(i)) withBody++;
    processed += corpus.length;
    passes++;
  } while (cpuMsSince(cpu) < options.minCpuMs && corpus.length > 0);
  const detail: VariantDetail = {
    variant: options.variant, pages: corpus.length, htmlBytes, processed, passes,
    wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu), withBody, errors: errors / passes,
    groups: corpusSummary(corpus),
  };
  return { label: options.variant, figures: [], notes: [], detail: { ...detail } };
}

async function extractBench(options: CleanExtractOptions) {
  const { benchExtract, benchTexts } = await import('../extract-bench.ts');
  const texts = benchTexts();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const rate = benchExtract(Math.max(1000, options.minCpuMs / 2));
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  // benchExtract reports articles/s of its own timed loop; CPU is only known for the whole call (its
  // warm-up pass included), so CPU per article is charged as if the whole call ran at that rate (pessimistic).
  const processed = Math.round((rate * wallMs) / 1000);
  const detail: VariantDetail = {
    variant: 'extract-bench', pages: texts.length, htmlBytes: texts.reduce((s, t) => s + Buffer.byteLength(t.text), 0),
    processed, passes: 0, wallMs, cpuMs, withBody: texts.length, errors: 0,
  };
  return { label: 'extract-bench', figures: [], notes: [], detail: { ...detail, articlesPerS: rate } };
}

await childMain(main);
