// `vnpress reextract`: clean and extract again from the stored raw pages (no refetch) with the
// rules as they are now, and report what changed.
import { Store } from '../store/db.ts';
import { entitySignature, storedPages } from '../store/reports.ts';
import { findSource } from '../../pipelines/index.ts';
import { processPage } from './process.ts';
import { articleIdentity } from '../fetch/identity.ts';

export interface ReextractOptions {
  db: string;
  source?: string;
}

export interface ReextractCounts {
  articles: number;
  textChanged: number;
  entitiesChanged: number;
  unchanged: number;
  entitiesBefore: number;
  entitiesAfter: number;
}

export async function runReextract(options: ReextractOptions): Promise<ReextractCounts> {
  const store = new Store(options.db);
  const counts: ReextractCounts = { articles: 0, textChanged: 0, entitiesChanged: 0, unchanged: 0, entitiesBefore: 0, entitiesAfter: 0 };
  try {
    const rows = storedPages(store.db, options.source ?? null);
    for (const row of rows) {
      const raw = store.rawPage(row.id);
      if (!raw) continue;
      counts.articles++;
      const source = row.sourceId ? findSource(row.sourceId) ?? null : null;
      const { article, extraction } = processPage(raw.html, 'html', { url: row.url, source, fetchedAt: raw.fetchedAt ?? null });
      // The stored key stays; the page's canonical claim is metadata only (src/fetch/identity.ts).
      article.canonicalUrl = articleIdentity(row.url, { canonical: article.canonicalUrl }, null).canonicalUrl;
      article.url = row.url;
      article.sourceId = row.sourceId;
      counts.entitiesBefore += row.entityRows;
      if (article.contentHash !== row.contentHash) {
        const saved = store.saveArticle(article, extraction, { raw });
        counts.textChanged++;
        counts.entitiesAfter += saved.entities;
      } else {
        const before = entitySignature(store.db, row.id);
        const entities = store.replaceExtraction(row.id, extraction);
        counts.entitiesAfter += entities;
        if (before !== entitySignature(store.db, row.id)) counts.entitiesChanged++;
        else counts.unchanged++;
      }
    }
  } finally {
    store.close();
  }
  return counts;
}
