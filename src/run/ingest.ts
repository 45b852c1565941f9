// `vnpress ingest`: local pages and texts → clean → extract → store, in batches. Ingest changes only
// what the user asked: an unknown --source is refused (unless --new-source), a stored source is never
// rewritten (its name and base URL change only through its profile, by a crawl), and a file whose text
// or canonical URL is already stored, under any source, is a duplicate, not a second copy.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listInputs, readInput } from '../fetch/files.ts';
import { Store } from '../store/db.ts';
import { openDatabase } from '../store/connection.ts';
import { storedSources, type StoredSource } from '../store/reports.ts';
import { UserError } from '../core/errors.ts';
import type { Source } from '../core/types.ts';
import { allSources, findSource } from '../../pipelines/index.ts';
import { PageOverBudget, processPage, type PageBudget } from './process.ts';
import { articleIdentity, identityRules } from '../fetch/identity.ts';

/** Articles per write transaction. */
const INGEST_BATCH = 200;

export interface IngestOptions {
  db: string;
  published?: string;
  source?: string;
  /** Create --source when it is neither in the database nor a profile in pipelines/. */
  newSource?: boolean;
  pageBudget?: PageBudget;
}

export interface IngestCounts {
  inputs: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicate: number;
  /** Files whose URL is an article stored under another source (left as it is). */
  refused: number;
  skipped: number;
  entities: number;
}

/** What the CLI prints, one line each: an input skipped and why; a warning about an input that was used. */
export interface IngestReport {
  skipped(input: string, why: string): void;
  warning?(input: string, what: string): void;
}

/**
 * The profile to clean --source's pages with, creating the source only when the user asked for it:
 * a source in the database keeps the profile it was stored with (never rewritten here); a profile in
 * pipelines/ not yet in the database is added from it; any other id needs --new-source.
 */
function resolveSource(id: string, stored: Map<string, StoredSource>, newSource: boolean): { profile: Source | null; create: Source | null } {
  const known = stored.get(id);
  if (known) return { profile: known.profile ?? findSource(id) ?? null, create: null };
  const registered = findSource(id);
  if (registered) return { profile: registered, create: registered };
  if (newSource) return { profile: null, create: { id, name: id, baseUrl: '', language: 'vi' } };
  const ids = [...new Set([...stored.keys(), ...allSources.map((s) => s.id)])].sort();
  throw new UserError(`unknown source ${JSON.stringify(id)}: known sources are ${ids.join(', ')}; ` +
    `to file these inputs under a new source ${JSON.stringify(id)}, add --new-source`);
}

/** The sources a database holds, read without creating or changing it. */
function sourcesIn(path: string): Map<string, StoredSource> {
  if (!existsSync(path)) return new Map();
  const db = openDatabase(path, { readonly: true });
  try {
    return storedSources(db);
  } finally {
    db.close();
  }
}

/** The page's own canonical URL when it is an http(s) URL: a stored article there is this file's original. */
function httpClaim(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export async function runIngest(paths: string[], options: IngestOptions, report: IngestReport = { skipped: () => {} }): Promise<IngestCounts> {
  let skippedWhileListing = 0;
  // Fails on a missing path before the database is opened; entries that cannot be read are skipped.
  const inputs = listInputs(paths, ({ input, why }) => { skippedWhileListing++; report.skipped(input, why); });
  const source = options.source ? resolveSource(options.source, sourcesIn(options.db), !!options.newSource) : null;
  const store = new Store(options.db);
  const counts: IngestCounts = { inputs: inputs.length + skippedWhileListing, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, refused: 0, skipped: skippedWhileListing, entities: 0 };
  const skip = (input: string, why: string) => {
    counts.skipped++;
    report.skipped(input, why);
  };
  try {
    if (source?.create) store.addSource(source.create);
    const profile = source?.profile ?? null;
    const rules = profile ? identityRules(profile) : null;
    // Articles are written in batches (one transaction each, far faster than one per article);
    // a batch that fails is retried one article at a time so the good ones are kept.
    type Item = Parameters<Store['saveArticles']>[0][number];
    let batch: Item[] = [];
    const flush = () => {
      if (!batch.length) return;
      let results;
      try {
        results = store.saveArticles(batch);
      } catch {
        results = batch.map((item) => store.saveArticle(item.article, item.extraction, item.options));
      }
      for (const saved of results) {
        counts[saved.status]++;
        counts.entities += saved.entities;
      }
      batch = [];
    };
    for (const input of inputs) {
      const read = readInput(input.input);
      if (read.problem) {
        skip(input.input, read.problem);
        continue;
      }
      if (read.warning) report.warning?.(input.input, read.warning);
      let processed;
      try {
        processed = processPage(read.content, input.kind, { url: null, source: profile, published: options.published ?? null }, options.pageBudget);
      } catch (error) {
        skip(input.input, error instanceof PageOverBudget ? error.message : `processing-error: ${(error as Error).message}`);
        continue;
      }
      const { article, extraction } = processed;
      if (!article.text) {
        skip(input.input, `no article body found${article.warnings.length ? ` (${article.warnings.join('; ')})` : ''}`);
        continue;
      }
      // A local file is keyed by its file URL. Its canonical claim becomes the key only with --source
      // naming a profile, and only when the source would crawl that URL as an article (its hosts, its
      // pattern): then the file and the crawled page are one article. Otherwise the claim is metadata,
      // and finds the file's original when that is stored (under any source): a duplicate.
      const claim = httpClaim(article.canonicalUrl);
      const identity = articleIdentity(pathToFileURL(resolve(input.input)).href, { canonical: article.canonicalUrl }, rules);
      article.url = identity.url;
      article.canonicalUrl = identity.canonicalUrl;
      if (identity.warning) article.warnings.push(identity.warning);
      article.sourceId = options.source ?? null;
      batch.push({ article, extraction, options: {
        raw: input.kind === 'html' ? { html: read.content, charset: read.charset, contentType: 'text/html' } : null,
        acrossSources: { canonicalClaim: claim },
      } });
      if (batch.length >= INGEST_BATCH) flush();
    }
    flush();
  } finally {
    store.close();
  }
  return counts;
}
