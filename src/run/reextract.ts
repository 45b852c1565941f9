// `vnpress reextract`: clean and extract again from the stored raw pages (no refetch) with the
// rules as they are now, and report what changed.
import { Store } from '../store/db.ts';
import { findSource } from '../../pipelines/index.ts';
import { processPage } from './process.ts';

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
    const rows = store.db.prepare(`SELECT a.id, a.url, a.source_id AS sourceId, a.content_hash AS contentHash, a.published,
        (SELECT count(*) FROM official_titles WHERE article_id = a.id) + (SELECT count(*) FROM document_citations WHERE article_id = a.id)
        + (SELECT count(*) FROM dates WHERE article_id = a.id) + (SELECT count(*) FROM periods WHERE article_id = a.id)
        + (SELECT count(*) FROM statistics WHERE article_id = a.id) AS entityRows
      FROM articles a JOIN raw_pages r ON r.article_id = a.id WHERE (@source IS NULL OR a.source_id = @source) ORDER BY a.id`)
      .all({ source: options.source ?? null }) as { id: number; url: string; sourceId: string | null; contentHash: string; published: string | null; entityRows: number }[];
    for (const row of rows) {
      const raw = store.rawPage(row.id);
      if (!raw) continue;
      counts.articles++;
      const source = row.sourceId ? findSource(row.sourceId) ?? null : null;
      const { article, extraction } = processPage(raw.html, 'html', { url: row.url, source, fetchedAt: raw.fetchedAt ?? null });
      article.url = row.url;
      article.canonicalUrl = row.url;
      article.sourceId = row.sourceId;
      counts.entitiesBefore += row.entityRows;
      if (article.contentHash !== row.contentHash) {
        const saved = store.saveArticle(article, extraction, { raw });
        counts.textChanged++;
        counts.entitiesAfter += saved.entities;
      } else {
        const before = entitySignature(store, row.id);
        const entities = store.replaceExtraction(row.id, extraction);
        counts.entitiesAfter += entities;
        if (before !== entitySignature(store, row.id)) counts.entitiesChanged++;
        else counts.unchanged++;
      }
    }
  } finally {
    store.close();
  }
  process.stdout.write(`Re-extracted ${counts.articles} stored page(s): ${counts.textChanged} with new text (old kept as revisions), ` +
    `${counts.entitiesChanged} with changed entities, ${counts.unchanged} unchanged; entity rows ${counts.entitiesBefore} → ${counts.entitiesAfter}.\n`);
  return counts;
}

/** A compact fingerprint of an article's entity rows, to tell whether re-extraction changed them. */
function entitySignature(store: Store, articleId: number): string {
  const q = (sql: string) => JSON.stringify(store.db.prepare(sql).raw().all(articleId));
  return [
    q(`SELECT o.name, t.title FROM official_titles t JOIN officials o ON o.id = t.official_id WHERE article_id = ? ORDER BY 1, 2`),
    q(`SELECT d.doc_key, c.text FROM document_citations c JOIN documents d ON d.id = c.document_id WHERE article_id = ? ORDER BY 1, 2`),
    q(`SELECT text, value FROM dates WHERE article_id = ? ORDER BY 1, 2`),
    q(`SELECT text, value FROM periods WHERE article_id = ? ORDER BY 1, 2`),
    q(`SELECT text, value, total, unit FROM statistics WHERE article_id = ? ORDER BY 1, 2`),
  ].join('|');
}
