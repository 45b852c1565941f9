// `vnpress ingest`: local pages and texts → clean → extract → store, one transaction each.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listInputs, readInput } from '../fetch/files.ts';
import { Store } from '../store/db.ts';
import { findSource } from '../../pipelines/index.ts';
import { processPage } from './process.ts';
import { articleIdentity, identityRules } from '../fetch/identity.ts';

/** Articles per write transaction. */
const INGEST_BATCH = 200;

export interface IngestOptions {
  db: string;
  published?: string;
  source?: string;
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

/** Says why an input was skipped (the CLI prints it as one line on stderr). */
export type SkipReport = (input: string, why: string) => void;

export async function runIngest(paths: string[], options: IngestOptions, skipped: SkipReport = () => {}): Promise<IngestCounts> {
  const inputs = listInputs(paths); // fails on a bad path before the database is opened
  const store = new Store(options.db);
  const counts: IngestCounts = { inputs: inputs.length, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, refused: 0, skipped: 0, entities: 0 };
  try {
    const profile = options.source ? findSource(options.source) : undefined;
    const rules = profile ? identityRules(profile) : null;
    if (options.source) {
      store.upsertSource(profile ?? { id: options.source, name: options.source, baseUrl: '', language: 'vi' });
    }
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
        skipped(input.input, read.problem);
        counts.skipped++;
        continue;
      }
      const { article, extraction } = processPage(read.content, input.kind, {
        url: null, source: profile ?? null, published: options.published ?? null,
      });
      if (!article.text) {
        skipped(input.input, `no article body found${article.warnings.length ? ` (${article.warnings.join('; ')})` : ''}`);
        counts.skipped++;
        continue;
      }
      // A local file is keyed by its file URL. Its canonical claim becomes the key only with --source
      // naming a profile, and only when the source would crawl that URL as an article (its hosts, its
      // pattern): then the file and the crawled page are one article. Otherwise the claim is metadata.
      const identity = articleIdentity(pathToFileURL(resolve(input.input)).href, { canonical: article.canonicalUrl }, rules);
      article.url = identity.url;
      article.canonicalUrl = identity.canonicalUrl;
      if (identity.warning) article.warnings.push(identity.warning);
      article.sourceId = options.source ?? null;
      batch.push({ article, extraction, options: {
        raw: input.kind === 'html' ? { html: read.content, charset: read.charset, contentType: 'text/html' } : null,
      } });
      if (batch.length >= INGEST_BATCH) flush();
    }
    flush();
  } finally {
    store.close();
  }
  return counts;
}
