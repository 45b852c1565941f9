// The short report printed at the end of a crawl or demo: this run's counts per source,
// then what the database holds — articles per source, officials, documents, top statistics.
import type { DB } from '../store/connection.ts';
import type { CrawlReport } from '../run/crawl.ts';
import { formatTable } from './format.ts';

export interface DatabaseSummary {
  articlesBySource: { source: string; articles: number }[];
  officials: { name: string; titles: string; articles: number }[];
  officialCount: number;
  documents: { document: string; issuer: string | null; citations: number }[];
  documentCount: number;
  /** The units counted most often, each with how many figures and its largest one. */
  topStatistics: { unit: string; figures: number; articles: number; largest: string }[];
  statisticCount: number;
}

export function summarizeDatabase(db: DB, limit = 8): DatabaseSummary {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    articlesBySource: all(`SELECT coalesce(s.name, a.source_id, '(local files)') AS source, count(*) AS articles
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id GROUP BY 1 ORDER BY 2 DESC, 1`),
    officials: all(`SELECT o.name, replace(group_concat(DISTINCT t.title), ',', '; ') AS titles, count(DISTINCT t.article_id) AS articles
      FROM officials o JOIN official_titles t ON t.official_id = o.id GROUP BY o.id ORDER BY articles DESC, o.name LIMIT ?`, limit),
    officialCount: one(`SELECT count(*) FROM officials`),
    documents: all(`SELECT coalesce(d.kind || ' ' || d.code, d.kind || ' số ' || d.number, d.kind) AS document, d.issuer,
      count(*) AS citations FROM documents d JOIN document_citations c ON c.document_id = d.id
      GROUP BY d.id ORDER BY citations DESC, document LIMIT ?`, limit),
    documentCount: one(`SELECT count(*) FROM documents`),
    topStatistics: all(`SELECT min(s.unit) AS unit, count(*) AS figures, count(DISTINCT s.article_id) AS articles,
        (SELECT t.text FROM statistics t WHERE t.unit_folded = s.unit_folded ORDER BY t.value DESC LIMIT 1) AS largest
      FROM statistics s GROUP BY s.unit_folded ORDER BY figures DESC, articles DESC, unit LIMIT ?`, limit),
    statisticCount: one(`SELECT count(*) FROM statistics`),
  };
}

export function formatCrawlReport(report: CrawlReport): string {
  const lines = [`Run #${report.runId} ${report.status}.`];
  const rows = report.sources.map(({ name, counts: c }) => ({
    source: name, discovered: c.discovered, fetched: c.fetched, 'not modified': c.notModified, failed: c.failed,
    stored: c.stored, updated: c.updated, unchanged: c.unchanged, entities: c.entities,
  }));
  lines.push(formatTable(rows, { maxWidth: Infinity }).trimEnd().replace(/^/gm, '  '));
  const { totalMs, cleanExtractMs } = report.cpu;
  if (totalMs > 0) {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
    lines.push(`  CPU ${seconds(totalMs)}: clean + extract ${seconds(cleanExtractMs)} (${Math.round((100 * cleanExtractMs) / totalMs)} %), ` +
      `fetching, crawl state and storing ${seconds(Math.max(0, totalMs - cleanExtractMs))}`);
  }
  for (const { name, counts } of report.sources) {
    const reasons = Object.entries(counts.failedReasons).map(([r, n]) => `${r} ×${n}`);
    if (reasons.length) lines.push(`  ${name}: failures — ${reasons.join(', ')}`);
    const warnings = Object.entries(counts.warnings).map(([w, n]) => `${w} ×${n}`);
    if (warnings.length) lines.push(`  ${name}: warnings — ${warnings.join(', ')}`);
  }
  return lines.join('\n');
}

export function formatSummary(summary: DatabaseSummary): string {
  const lines: string[] = [];
  lines.push('Articles per source:');
  const width = Math.max(0, ...summary.articlesBySource.map((row) => row.source.length));
  for (const row of summary.articlesBySource) lines.push(`  ${row.source.padEnd(width)}  ${row.articles}`);
  lines.push(`Officials (${summary.officialCount}):`);
  for (const o of summary.officials) lines.push(`  ${o.name} — ${o.titles ?? '(no title)'}`);
  lines.push(`Documents cited (${summary.documentCount}):`);
  for (const d of summary.documents) lines.push(`  ${d.document}${d.issuer ? ` (${d.issuer})` : ''} ×${d.citations}`);
  lines.push(`Top statistics (${summary.statisticCount} figures; the units counted most, with the largest figure):`);
  for (const s of summary.topStatistics) {
    lines.push(`  ${s.unit.padEnd(24)} ${String(s.figures).padStart(4)} in ${s.articles} article(s), largest: ${s.largest}`);
  }
  return lines.join('\n');
}
