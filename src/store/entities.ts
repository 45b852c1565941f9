// The rows of an article's extraction: officials and their titles, documents and their citations,
// dates, periods and statistics. Officials and documents are kept once each, by folded key, and
// filled in as later citations say more; numbers are added to (or taken out of) a SummaryDelta.
import type Database from 'better-sqlite3';
import type { Extraction, HitProvenance } from '../core/types.ts';
import { ENTITY_KINDS, type ColumnReader, type EntityKindInfo } from '../core/entities.ts';
import { plainKey } from '../core/fold.ts';
import { ownCopy } from '../core/strings.ts';
import { periodBounds } from '../core/periods.ts';
import type { DB } from './connection.ts';
import type { SummaryDelta } from './summary.ts';

export class EntityWriter {
  private readonly w;

  /** One DELETE per kind's table. */
  private readonly deletes: Database.Statement[];
  /** The kinds written by the generic row writer, with their INSERT and column readers. */
  private readonly rowKinds: Array<{ info: EntityKindInfo; insert: Database.Statement; readers: ColumnReader[] }>;

  constructor(db: DB) {
    this.deletes = ENTITY_KINDS.map((info) => db.prepare(`DELETE FROM ${info.table} WHERE article_id = ?`));
    this.rowKinds = ENTITY_KINDS.flatMap((info: EntityKindInfo) => {
      if (!info.columns) return [];
      const names = ['article_id', ...Object.keys(info.columns), 'span_start', 'span_end'];
      const insert = db.prepare(`INSERT INTO ${info.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      return [{ info, insert, readers: Object.values(info.columns) }];
    });
    this.w = {
      statisticsOfArticle: db.prepare(`SELECT unit_folded, value, coalesce(period_start, published) AS time FROM statistics
        WHERE article_id = ?`).raw(),
      officialByKey: db.prepare(`SELECT id FROM officials WHERE name_folded = ?`).pluck(),
      insertOfficial: db.prepare(`INSERT INTO officials (name, name_folded) VALUES (?, ?)`),
      insertTitle: db.prepare(`INSERT INTO official_titles (article_id, official_id, title, position) VALUES (?, ?, ?, ?)`),
      documentByKey: db.prepare(`SELECT id, date, issuer, term FROM documents WHERE doc_key = ?`),
      insertDocument: db.prepare(`INSERT INTO documents (doc_key, kind, number, code, date, issuer, term) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      // A later citation may know what an earlier one did not.
      completeDocument: db.prepare(`UPDATE documents SET date = coalesce(date, ?), issuer = coalesce(issuer, ?), term = coalesce(term, ?)
        WHERE id = ?`),
      insertCitation: db.prepare(`INSERT INTO document_citations (article_id, document_id, text, span_start, span_end) VALUES (?, ?, ?, ?, ?)`),
      insertStatistic: db.prepare(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded, context, period,
          period_start, period_end, rule, span_start, span_end, place, place_folded, published,
          indicator, indicator_key, qualifier, upper, change, compared_to, share, restates, context_folded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  /** Deletes an article's entity rows, taking its numbers out of `summary`. */
  delete(articleId: number, summary: SummaryDelta): void {
    const w = this.w;
    summary.startArticle();
    for (const [unitFolded, value, time] of w.statisticsOfArticle.all(articleId) as Array<[string, number, string | null]>) {
      summary.add(unitFolded, value, time, -1);
    }
    for (const remove of this.deletes) remove.run(articleId);
  }

  /** Writes an article's entity rows (adding its numbers to `summary`); returns how many. */
  insert(articleId: number, extraction: Extraction, article: ArticleLabels, summary: SummaryDelta): number {
    const w = this.w;
    summary.startArticle();
    let count = 0;
    for (const official of extraction.officials) {
      const id = this.officialId(official.name);
      if (official.titles.length === 0) w.insertTitle.run(articleId, id, null, 0);
      else official.titles.forEach((title, position) => w.insertTitle.run(articleId, id, title, position));
      count++;
    }
    for (const doc of extraction.documents) {
      const key = doc.code ? this.documentKey(doc.code) : plainKey([doc.kind, doc.number ?? '', doc.issuer ?? '', doc.date ?? ''].join('|'));
      const id = this.documentId(key, doc);
      w.insertCitation.run(articleId, id, doc.text, doc.span?.[0] ?? null, doc.span?.[1] ?? null);
      count++;
    }
    for (const { info, insert, readers } of this.rowKinds) {
      for (const hit of extraction[info.kind] as HitProvenance[]) {
        const values: Array<string | number | null> = [articleId];
        for (const read of readers) values.push(read(hit as never));
        values.push(hit.span?.[0] ?? null, hit.span?.[1] ?? null);
        insert.run(values);
        count++;
      }
    }
    for (const stat of extraction.statistics) {
      const [periodStart, periodEnd] = periodBounds(stat.period);
      const place = stat.place ?? null;
      const unitFolded = this.folded(stat.unit);
      summary.add(unitFolded, stat.value, periodStart ?? article.published, 1);
      w.insertStatistic.run(articleId, stat.text, stat.value, stat.total ?? null, stat.unit, unitFolded,
        stat.context ?? null, stat.period ?? null, periodStart, periodEnd, stat.rule ?? null,
        stat.span?.[0] ?? null, stat.span?.[1] ?? null, place, place ? this.folded(place) : null, article.published,
        stat.indicator ?? null, stat.indicatorKey ?? null, stat.qualifier ?? null, stat.upper ?? null, stat.change ?? null,
        stat.comparedTo ?? null, stat.share ?? null, stat.restates ?? null, this.foldedSentence(stat.context));
      count++;
    }
    return count;
  }

  /**
   * The id of an official, inserting the person on first sight. A look-up by the unique folded
   * name, then a plain insert: an upsert with RETURNING cost several times more per call.
   */
  private officialId(name: string): number {
    // By the name as written first, then by its folded key: folding is idempotent, so a name that
    // equals some folded key is that very person. Not through folded(), whose cache outlives the
    // transaction: names are many, and mostly seen in one batch only.
    let id = this.officialIds.get(name);
    if (id !== undefined) return id;
    const key = plainKey(name);
    id = this.officialIds.get(key);
    if (id === undefined) {
      id = (this.w.officialByKey.get(key) as number | undefined) ?? Number(this.w.insertOfficial.run(name, key).lastInsertRowid);
      this.officialIds.set(key, id);
    }
    this.officialIds.set(name, id);
    return id;
  }

  /** Officials and documents already looked up or inserted in the current transaction, by key (and by name or code as written). */
  private officialIds = new Map<string, number>();
  private documents = new Map<string, KnownDocument>();
  private documentKeys = new Map<string, string>();

  /** A document code's folded key, remembered for the transaction (a batch cites the same few again and again). */
  private documentKey(code: string): string {
    let key = this.documentKeys.get(code);
    if (key === undefined) {
      key = plainKey(code);
      this.documentKeys.set(code, key);
    }
    return key;
  }

  /**
   * They commit or roll back with the transaction, so no entry may outlive it. Emptied by
   * replacing the maps, not with Map.clear(): V8 allocates a cleared or grown Map's new table in
   * the generation the Map lives in, so a long-lived Map refilled at every transaction put every
   * table it grew through straight into the old generation as garbage (3.6 KB a page at one article
   * per transaction; peak RSS climbed until the next full collection). A new Map starts young.
   */
  clearTransactionCaches(): void {
    if (this.officialIds.size) this.officialIds = new Map();
    if (this.documents.size) this.documents = new Map();
    if (this.documentKeys.size) this.documentKeys = new Map();
  }

  /** The id of a document, inserting it on first sight and filling its date, issuer or term when a later citation gives them. */
  private documentId(key: string, doc: Extraction['documents'][number]): number {
    const w = this.w;
    let known = this.documents.get(key) ?? (w.documentByKey.get(key) as KnownDocument | undefined);
    if (!known) {
      const id = Number(w.insertDocument.run(key, doc.kind, doc.number, doc.code, doc.date, doc.issuer, doc.term ?? null).lastInsertRowid);
      known = { id, date: doc.date ?? null, issuer: doc.issuer ?? null, term: doc.term ?? null };
    } else if ((known.date === null && doc.date != null) || (known.issuer === null && doc.issuer != null) || (known.term === null && doc.term != null)) {
      w.completeDocument.run(doc.date, doc.issuer, doc.term ?? null, known.id);
      known = { id: known.id, date: known.date ?? doc.date ?? null, issuer: known.issuer ?? doc.issuer ?? null, term: known.term ?? doc.term ?? null };
    }
    this.documents.set(key, known);
    return known.id;
  }

  /**
   * plainKey of units and places, remembered: a few hundred distinct strings recur across millions
   * of numbers, and folding (NFD, a Unicode regex) costs more than a Map look-up. Pure, so no
   * transaction can make an entry wrong. A key is stored as a copy: a unit cut out of an article's
   * text (a V8 sliced string) would otherwise keep that whole text alive for the rest of the run.
   */
  private folded(text: string): string {
    let key = this.foldCache.get(text);
    if (key === undefined) {
      key = plainKey(text);
      if (this.foldCache.size > 50_000) this.foldCache.clear();
      this.foldCache.set(ownCopy(text), key);
    }
    return key;
  }

  private readonly foldCache = new Map<string, string>();

  /**
   * plainKey of a number's sentence, for the diacritic-blind text filter. An article's numbers mostly share a few
   * sentences: the last one folded is kept, so a sentence is folded once, not once per number in it.
   */
  private foldedSentence(context: string | undefined): string | null {
    if (!context) return null;
    if (context !== this.lastSentence) {
      this.lastSentence = context;
      this.lastSentenceKey = plainKey(context);
    }
    return this.lastSentenceKey;
  }

  private lastSentence = '';
  private lastSentenceKey = '';
}

/** A stored document's id and the fields a later citation may fill in. */
interface KnownDocument {
  id: number;
  date: string | null;
  issuer: string | null;
  term: string | null;
}

/** What the extraction rows copy from their article. */
export interface ArticleLabels {
  title: string | null;
  published: string | null;
}
