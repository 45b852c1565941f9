// The clean+extract corpus: real pages from the fixtures (and any folders given on the command
// line), decoded once with the fetch stage's charset decoder, so that every variant (ours, clean
// alone, extract alone, Readability.js) works on the very same strings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { decodeHtmlBytes } from '../../../src/fetch/charset.ts';
import { findSource } from '../../../pipelines/index.ts';
import type { Source } from '../../../src/core/types.ts';
import { ROOT } from './shared.ts';

export interface CorpusPage {
  /** Path relative to the repository (or absolute for folders outside it). */
  path: string;
  /** Size of the file as stored (the bytes a crawler would have fetched). */
  bytes: number;
  html: string;
  url: string;
  /** The site profile, for pages under fixtures/sites/<id>/. */
  source: Source | null;
}

/** Listing and index pages in fixtures/sites are not articles. */
const NOT_ARTICLE = /(^|\/)(index\.html?|trang-\d+\.html?)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (/\.html?$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** The default corpus (trafeval subset, site article pages, the two real pages, the benchmark pages) plus every page under `extraDirs`. */
export function corpusFiles(extraDirs: string[] = []): Array<{ file: string; group: string }> {
  const files: Array<{ file: string; group: string }> = [];
  const trafeval = join(ROOT, 'fixtures/clean/trafeval/html');
  for (const f of walk(trafeval)) files.push({ file: f, group: 'fixtures/clean/trafeval' });
  for (const f of walk(join(ROOT, 'fixtures/sites')).filter((f) => !NOT_ARTICLE.test(f))) files.push({ file: f, group: 'fixtures/sites' });
  for (const f of walk(join(ROOT, 'fixtures/pages'))) files.push({ file: f, group: 'fixtures/pages' });
  for (const f of walk(join(ROOT, 'fixtures/bench/pages'))) files.push({ file: f, group: 'fixtures/bench' });
  for (const dir of extraDirs) {
    const abs = resolve(dir);
    if (!statSync(abs).isDirectory()) throw new Error(`${dir} is not a folder`);
    for (const f of walk(abs)) files.push({ file: f, group: dir });
  }
  // One file given twice (a fixture folder named on the command line) is measured once.
  const seen = new Set<string>();
  return files.filter(({ file }) => !seen.has(file) && seen.add(file));
}

export function loadCorpus(extraDirs: string[] = []): CorpusPage[] {
  return corpusFiles(extraDirs).map(({ file }) => {
    const raw = readFileSync(file);
    const rel = relative(ROOT, file);
    const site = /^fixtures\/sites\/([^/]+)\/(.+)$/.exec(rel);
    const source = site ? findSource(site[1]!) ?? null : null;
    const url = source && site ? new URL(site[2]!, source.baseUrl).href : `https://bench.invalid/${encodeURI(basename(file))}`;
    return { path: rel.startsWith('..') ? file : rel, bytes: raw.length, html: decodeHtmlBytes(raw).text, url, source };
  });
}

/** Pages per group, for the report. */
export function corpusSummary(pages: CorpusPage[]): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const p of pages) {
    const g = p.path.startsWith('fixtures/') ? p.path.split('/').slice(0, p.path.startsWith('fixtures/clean/') ? 3 : 2).join('/') : p.path.split('/').slice(0, -1).join('/');
    groups[g] = (groups[g] ?? 0) + 1;
  }
  return groups;
}
