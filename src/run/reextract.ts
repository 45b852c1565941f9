// `vnpress reextract`: clean and extract again from the stored raw pages (no refetch) with the
// rules as they are now, and report what changed, naming the articles. Each page is cleaned with
// the profile its source was stored with (kept in the database by the crawl or ingest that stored
// it), as the crawl did: on an untouched database nothing changes. `--pipeline` re-extracts with
// other profiles (edited selectors) and stores them; `--dry-run` shows the changes without writing.
import { Store } from '../store/db.ts';
import { entityRowCount, entitySignature, storedPages, storedSources } from '../store/reports.ts';
import type { Source } from '../core/types.ts';
import { findSource } from '../../pipelines/index.ts';
import { PageOverBudget, processPage, type PageBudget } from './process.ts';
import { articleIdentity } from '../fetch/identity.ts';

export interface ReextractOptions {
  db: string;
  source?: string;
  /** Profiles to clean with instead of the stored ones (by source id), e.g. a pipeline's after an edit. */
  profiles?: Source[];
  /** Compute and report the changes, write nothing. */
  dryRun?: boolean;
  pageBudget?: PageBudget;
}

export type ReextractChange = 'text' | 'entities';

export interface ReextractCounts {
  articles: number;
  textChanged: number;
  entitiesChanged: number;
  unchanged: number;
  failed: number;
  entitiesBefore: number;
  entitiesAfter: number;
}

/** What the CLI prints: each article that changed (or would), and each page that could not be processed. */
export interface ReextractReport {
  changed?(change: { id: number; url: string; change: ReextractChange; entitiesBefore: number; entitiesAfter: number }): void;
  failed?(page: { id: number; url: string; why: string }): void;
}

export async function runReextract(options: ReextractOptions, report: ReextractReport = {}): Promise<ReextractCounts> {
  const store = new Store(options.db);
  const counts: ReextractCounts = { articles: 0, textChanged: 0, entitiesChanged: 0, unchanged: 0, failed: 0, entitiesBefore: 0, entitiesAfter: 0 };
  try {
    const stored = storedSources(store.db);
    const given = new Map((options.profiles ?? []).map((s) => [s.id, s]));
    // The stored profile; else (a database from before profiles were kept) the one in pipelines/.
    const profileOf = (id: string | null): Source | null =>
      id === null ? null : given.get(id) ?? stored.get(id)?.profile ?? findSource(id) ?? null;
    if (!options.dryRun) for (const profile of given.values()) if (stored.has(profile.id)) store.upsertSource(profile);
    const rows = storedPages(store.db, options.source ?? null);
    for (const row of rows) {
      const raw = store.rawPage(row.id);
      if (!raw) continue;
      counts.articles++;
      let processed;
      try {
        processed = processPage(raw.html, 'html', { url: row.url, source: profileOf(row.sourceId), fetchedAt: raw.fetchedAt ?? null }, options.pageBudget);
      } catch (error) {
        counts.failed++;
        counts.entitiesBefore += row.entityRows;
        counts.entitiesAfter += row.entityRows;
        report.failed?.({ id: row.id, url: row.url, why: error instanceof PageOverBudget ? error.message : `processing-error: ${(error as Error).message}` });
        continue;
      }
      const { article, extraction } = processed;
      // The stored key stays; the page's canonical claim is metadata only (src/fetch/identity.ts).
      article.canonicalUrl = articleIdentity(row.url, { canonical: article.canonicalUrl }, null).canonicalUrl;
      article.url = row.url;
      article.sourceId = row.sourceId;
      counts.entitiesBefore += row.entityRows;
      if (article.contentHash !== row.contentHash) {
        const save = () => entityRowCount(store.db, store.saveArticle(article, extraction, { raw }).articleId);
        const entities = options.dryRun ? rolledBack(store, save) : save();
        counts.textChanged++;
        counts.entitiesAfter += entities;
        report.changed?.({ id: row.id, url: row.url, change: 'text', entitiesBefore: row.entityRows, entitiesAfter: entities });
        continue;
      }
      const before = entitySignature(store.db, row.id);
      let after: string;
      let entities: number;
      if (options.dryRun) {
        // Written in a transaction that is rolled back: the same writes and comparison as for real.
        ({ after, entities } = rolledBack(store, () => {
          store.replaceExtraction(row.id, extraction);
          return { after: entitySignature(store.db, row.id), entities: entityRowCount(store.db, row.id) };
        }));
      } else {
        store.replaceExtraction(row.id, extraction);
        after = entitySignature(store.db, row.id);
        entities = entityRowCount(store.db, row.id);
      }
      counts.entitiesAfter += entities;
      if (before !== after) {
        counts.entitiesChanged++;
        report.changed?.({ id: row.id, url: row.url, change: 'entities', entitiesBefore: row.entityRows, entitiesAfter: entities });
      } else counts.unchanged++;
    }
  } finally {
    store.close();
  }
  return counts;
}

class DryRunRollback extends Error {}

/** Runs `fn` in a write transaction that is always rolled back, and returns what it returned. */
function rolledBack<T>(store: Store, fn: () => T): T {
  let result: T | undefined;
  try {
    store.db.transaction(() => {
      result = fn();
      throw new DryRunRollback();
    })();
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return result as T;
}
