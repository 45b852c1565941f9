// The site profiles of the outlets we crawl, by id. To add a site: write pipelines/<id>.ts
// (default-export a Source with its `examples`) and import it below; test/clean/profiles.test.ts
// fails, naming the file, when a profile in this folder is missing from the list.
// The list is written out rather than read from the folder: static imports keep the registry
// typed and synchronous (no top-level await in a module the CLI loads for crawl and ingest), keep
// the nightly order as chosen, stay visible to the import-direction test, and cannot deadlock on
// a helper here that imports this file (nightly.ts does).
import type { Source } from '../src/core/types.ts';
import baochinhphu from './baochinhphu.ts';
import baophapluat from './baophapluat.ts';
import dangcongsan from './dangcongsan.ts';
import dantri from './dantri.ts';
import hanoimoi from './hanoimoi.ts';
import nhandan from './nhandan.ts';
import qdnd from './qdnd.ts';
import thanhnien from './thanhnien.ts';
import tuoitre from './tuoitre.ts';
import tuoitrethudo from './tuoitrethudo.ts';
import vietnamplus from './vietnamplus.ts';
import vnexpress from './vnexpress.ts';

export const allSources: Source[] = [
  dangcongsan, nhandan, baochinhphu, qdnd, hanoimoi, tuoitrethudo,
  baophapluat, vnexpress, tuoitre, thanhnien, vietnamplus, dantri,
];

/** The profile with this id, or undefined. */
export function findSource(id: string): Source | undefined {
  return allSources.find((s) => s.id === id);
}

/** The profile whose hosts (or base URL host) serve this URL, or undefined. */
export function findSourceForUrl(url: string): Source | undefined {
  let host: string;
  try { host = new URL(url).hostname.replace(/^www\./, ''); } catch { return undefined; }
  return allSources.find((s) => (s.hosts ?? [new URL(s.baseUrl).hostname]).some((h) => h.replace(/^www\./, '') === host));
}
