// statistics_summary, kept up to date as numbers are written and deleted: per unit, year and month, the
// count of numbers and articles, the sum, least and greatest value — what the web's menus and the
// unit-trend queries read instead of scanning the statistics table.
import type Database from 'better-sqlite3';
import type { DB } from './connection.ts';

/**
 * Rows per statistics_summary upsert (8 parameters each, far below SQLite's 32,766). A multi-row
 * INSERT pays off here and not for the entity tables: there it measured slower than one row each.
 */
const SUMMARY_ROWS = 64;

export interface SummaryBucket {
  unitFolded: string;
  grain: 'year' | 'month' | 'none';
  time: string;
  statistics: number;
  articles: number;
  valueSum: number;
  /** Least and greatest value added; least and greatest removed (null: none). */
  least: number | null;
  greatest: number | null;
  removedLeast: number | null;
  removedGreatest: number | null;
}

/**
 * What a transaction adds to (or, with sign -1, removes from) statistics_summary. The store writes
 * and deletes an article's numbers all together, so an article counts once in each bucket it has
 * numbers in: call startArticle() before each article's numbers.
 */
export class SummaryDelta {
  // Emptied by replacing, never by Map.clear(): see Store.clearTransactionCaches.
  /** unit → grain+time → bucket: two look-ups, no key strings to build per number. */
  private byUnit = new Map<string, Map<string, SummaryBucket>>();
  private seen = new Set<SummaryBucket>();

  *buckets(): IterableIterator<SummaryBucket> {
    for (const times of this.byUnit.values()) yield* times.values();
  }

  startArticle(): void {
    if (this.seen.size) this.seen = new Set();
  }

  /** One number; `time` is its period's first day, else its article's publication date. */
  add(unitFolded: string, value: number, time: string | null, sign: 1 | -1): void {
    let times = this.byUnit.get(unitFolded);
    if (!times) {
      times = new Map();
      this.byUnit.set(unitFolded, times);
    }
    if (time === null) {
      this.bump(times, unitFolded, 'none', '', value, sign);
    } else {
      this.bump(times, unitFolded, 'year', time.slice(0, 4), value, sign);
      this.bump(times, unitFolded, 'month', time.slice(0, 7), value, sign);
    }
  }

  private bump(times: Map<string, SummaryBucket>, unitFolded: string, grain: SummaryBucket['grain'], time: string, value: number,
    sign: 1 | -1): void {
    // Months are YYYY-MM, years YYYY and the undated '': the time alone tells the grain apart,
    // except for malformed dates, which the grain's initial keeps apart.
    const key = grain === 'month' ? `m${time}` : grain === 'year' ? `y${time}` : 'n';
    let bucket = times.get(key);
    if (!bucket) {
      bucket = { unitFolded, grain, time, statistics: 0, articles: 0, valueSum: 0, least: null, greatest: null, removedLeast: null, removedGreatest: null };
      times.set(key, bucket);
    }
    bucket.statistics += sign;
    bucket.valueSum += sign * value;
    if (sign > 0) {
      if (bucket.least === null || value < bucket.least) bucket.least = value;
      if (bucket.greatest === null || value > bucket.greatest) bucket.greatest = value;
    } else {
      if (bucket.removedLeast === null || value < bucket.removedLeast) bucket.removedLeast = value;
      if (bucket.removedGreatest === null || value > bucket.removedGreatest) bucket.removedGreatest = value;
    }
    if (!this.seen.has(bucket)) {
      this.seen.add(bucket);
      bucket.articles += sign;
    }
  }

  clear(): void {
    if (this.byUnit.size) this.byUnit = new Map();
    if (this.seen.size) this.seen = new Set();
  }

  /** Adds another delta's buckets to this one (a save inside a transaction, once it succeeded). */
  merge(other: SummaryDelta): void {
    for (const [unitFolded, times] of other.byUnit) {
      let mine = this.byUnit.get(unitFolded);
      if (!mine) {
        mine = new Map();
        this.byUnit.set(unitFolded, mine);
      }
      for (const [key, b] of times) {
        const into = mine.get(key);
        if (!into) {
          mine.set(key, { ...b });
          continue;
        }
        into.statistics += b.statistics;
        into.articles += b.articles;
        into.valueSum += b.valueSum;
        into.least = minOf(into.least, b.least);
        into.greatest = maxOf(into.greatest, b.greatest);
        into.removedLeast = minOf(into.removedLeast, b.removedLeast);
        into.removedGreatest = maxOf(into.removedGreatest, b.removedGreatest);
      }
    }
  }
}

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Writes a transaction's SummaryDelta to statistics_summary. */
export class StatisticsSummary {
  private readonly w;

  constructor(private readonly db: DB) {
    this.w = {
      dropEmptySummary: db.prepare(`DELETE FROM statistics_summary WHERE unit_folded = ? AND grain = ? AND time = ? AND statistics <= 0`),
      // When a number that was a bucket's least or greatest goes, the bucket's extremes are read
      // again: a month's from the unit indexes (numbers with a period starting that month, and
      // numbers without one published that month), the undated ones' likewise, a year's from its
      // months. CASE evaluates the look-ups only when needed.
      refreshMonthExtremes: db.prepare(`UPDATE statistics_summary SET
          least = CASE WHEN @removedLeast <= least THEN (SELECT min(v) FROM (
            SELECT min(value) AS v FROM statistics INDEXED BY statistics_unit_period WHERE unit_folded = @unit
              AND period_start >= @time AND period_start < @time || '~' AND substr(period_start, 1, 7) = @time
            UNION ALL SELECT min(value) FROM statistics INDEXED BY statistics_unit WHERE unit_folded = @unit
              AND published >= @time AND published < @time || '~' AND period_start IS NULL AND substr(published, 1, 7) = @time)) ELSE least END,
          greatest = CASE WHEN @removedGreatest >= greatest THEN (SELECT max(v) FROM (
            SELECT max(value) AS v FROM statistics INDEXED BY statistics_unit_period WHERE unit_folded = @unit
              AND period_start >= @time AND period_start < @time || '~' AND substr(period_start, 1, 7) = @time
            UNION ALL SELECT max(value) FROM statistics INDEXED BY statistics_unit WHERE unit_folded = @unit
              AND published >= @time AND published < @time || '~' AND period_start IS NULL AND substr(published, 1, 7) = @time)) ELSE greatest END
        WHERE unit_folded = @unit AND grain = 'month' AND time = @time`),
      refreshUndatedExtremes: db.prepare(`UPDATE statistics_summary SET
          least = CASE WHEN @removedLeast <= least THEN (SELECT min(value) FROM statistics INDEXED BY statistics_unit
            WHERE unit_folded = @unit AND published IS NULL AND period_start IS NULL) ELSE least END,
          greatest = CASE WHEN @removedGreatest >= greatest THEN (SELECT max(value) FROM statistics INDEXED BY statistics_unit
            WHERE unit_folded = @unit AND published IS NULL AND period_start IS NULL) ELSE greatest END
        WHERE unit_folded = @unit AND grain = 'none' AND time = @time`),
      refreshYearExtremes: db.prepare(`UPDATE statistics_summary AS y SET
          least = CASE WHEN @removedLeast <= y.least THEN (SELECT min(m.least) FROM statistics_summary m WHERE m.unit_folded = @unit
            AND m.grain = 'month' AND m.time >= @time AND m.time < @time || '~' AND substr(m.time, 1, 4) = @time) ELSE y.least END,
          greatest = CASE WHEN @removedGreatest >= y.greatest THEN (SELECT max(m.greatest) FROM statistics_summary m WHERE m.unit_folded = @unit
            AND m.grain = 'month' AND m.time >= @time AND m.time < @time || '~' AND substr(m.time, 1, 4) = @time) ELSE y.greatest END
        WHERE y.unit_folded = @unit AND y.grain = 'year' AND y.time = @time`),
    };
  }

  /**
   * Adds the delta's buckets (a few hundred upserts per batch instead of two per number), drops
   * the buckets left empty and reads again the extremes of those that lost their least or
   * greatest value.
   */
  apply(delta: SummaryDelta): void {
    const w = this.w;
    const shrunk: SummaryBucket[] = [];
    const buckets = [...delta.buckets()];
    this.add(buckets);
    for (const bucket of buckets) {
      if (bucket.statistics < 0 || bucket.articles < 0) w.dropEmptySummary.run(bucket.unitFolded, bucket.grain, bucket.time);
      if (bucket.removedLeast !== null) shrunk.push(bucket);
    }
    // Months (and the undated) before years: a year's extremes are read from its months.
    shrunk.sort((a, b) => Number(a.grain === 'year') - Number(b.grain === 'year'));
    for (const bucket of shrunk) {
      const refresh = bucket.grain === 'month' ? w.refreshMonthExtremes : bucket.grain === 'year' ? w.refreshYearExtremes : w.refreshUndatedExtremes;
      refresh.run({ unit: bucket.unitFolded, time: bucket.time, removedLeast: bucket.removedLeast, removedGreatest: bucket.removedGreatest });
    }
  }

  /**
   * Adds the buckets to statistics_summary, SUMMARY_ROWS rows per upsert: a batch of 500 articles
   * touches a thousand or more buckets, and one upsert each cost twice the CPU per bucket (measured).
   * Every bucket of a batch has its own key, so no two rows of one statement conflict.
   */
  private add(buckets: readonly SummaryBucket[]): void {
    for (let from = 0; from < buckets.length; from += SUMMARY_ROWS) {
      const rows = Math.min(SUMMARY_ROWS, buckets.length - from);
      const params: Array<string | number | null> = [];
      for (let i = from; i < from + rows; i++) {
        const b = buckets[i]!;
        params.push(b.unitFolded, b.grain, b.time, b.statistics, b.articles, b.valueSum, b.least, b.greatest);
      }
      const statement = (this.summaryUpserts[rows] ??= this.db.prepare(`INSERT INTO statistics_summary
          (unit_folded, grain, time, statistics, articles, value_sum, least, greatest)
        VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
        ON CONFLICT (unit_folded, grain, time) DO UPDATE SET statistics = statistics + excluded.statistics,
          articles = articles + excluded.articles, value_sum = value_sum + excluded.value_sum,
          least = min(coalesce(least, excluded.least), coalesce(excluded.least, least)),
          greatest = max(coalesce(greatest, excluded.greatest), coalesce(excluded.greatest, greatest))`));
      statement.run(params);
    }
  }

  /** The summary upsert by number of rows (1 to SUMMARY_ROWS), prepared on first use. */
  private readonly summaryUpserts: Database.Statement[] = [];
}

/**
 * Recomputes statistics_summary from the statistics table: for databases whose numbers were
 * written by other means than the Store (bulk loads, hand edits in an SQLite tool).
 */
export function rebuildStatisticsSummary(db: DB): void {
  db.transaction(() => {
    db.exec(`DELETE FROM statistics_summary;
      INSERT INTO statistics_summary (unit_folded, grain, time, statistics, articles, value_sum, least, greatest)
      SELECT unit_folded, grain, time, count(*), count(DISTINCT article_id), sum(value), min(value), max(value) FROM (
        SELECT unit_folded, 'year' AS grain, substr(coalesce(period_start, published), 1, 4) AS time, article_id, value
          FROM statistics WHERE coalesce(period_start, published) IS NOT NULL
        UNION ALL
        SELECT unit_folded, 'month', substr(coalesce(period_start, published), 1, 7), article_id, value
          FROM statistics WHERE coalesce(period_start, published) IS NOT NULL
        UNION ALL
        SELECT unit_folded, 'none', '', article_id, value FROM statistics WHERE coalesce(period_start, published) IS NULL)
      GROUP BY unit_folded, grain, time;`);
  })();
}
