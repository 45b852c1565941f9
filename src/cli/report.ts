// The short report printed at the end of a crawl or demo: this run's counts per source,
// then what the database holds — articles per source, officials, documents, top statistics.
import type { DatabaseSummary } from '../store/reports.ts';
import type { CrawlReport } from '../run/crawl.ts';
import { formatTable } from './format.ts';

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
