// `vnpress ingest`: local pages and texts → clean → extract → store, one transaction each.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listInputs, readInput } from '../fetch/files.ts';
import { Store } from '../store/db.ts';
import { findSource } from '../../pipelines/index.ts';
import { processPage } from './process.ts';

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
  skipped: number;
  entities: number;
}

/** Says why an input was skipped (the CLI prints it as one line on stderr). */
export type SkipReport = (input: string, why: string) => void;

export async function runIngest(paths: string[], options: IngestOptions, skipped: SkipReport = () => {}): Promise<IngestCounts> {
  const inputs = listInputs(paths); // fails on a bad path before the database is opened
  const store = new Store(options.db);
  const counts: IngestCounts = { inputs: inputs.length, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, skipped: 0, entities: 0 };
  try {
    const profile = options.source ? findSource(options.source) : undefined;
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
      // A local file keeps its canonical URL when the page names one; else its file URL is the key.
      article.url = pathToFileURL(resolve(input.input)).href;
      article.canonicalUrl ??= article.url;
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
