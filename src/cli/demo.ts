// `vnpress demo` (and `npm start`): serve the bundled demo sites on 127.0.0.1, run the real
// nightly pipeline against them, and end with a report of what the database holds.
import { startDemoSites } from '../run/demo-sites.ts';
import { demoSources, DEMO_SITE_IDS } from '../../pipelines/demo.ts';
import { openDatabase } from '../store/connection.ts';
import { sourceBaseUrls, summarizeDatabase } from '../store/reports.ts';
import { crawlSources, type CrawlCommandOptions, type CrawlOutcome } from './crawl.ts';
import { formatCrawlReport, formatSummary } from './report.ts';

export async function runDemo(options: CrawlCommandOptions): Promise<CrawlOutcome> {
  // Serve each site on the port it had last time when that port is free, so that its URLs —
  // and so the crawl state kept for them — stay the same and a second run adds nothing.
  const sites = await startDemoSites({ ports: previousPorts(options.db) });
  try {
    process.stdout.write(`Demo sites on 127.0.0.1: ${sites.sites.map((s) => `${s.id} ${s.baseUrl}`).join(', ')}\n`);
    const sources = demoSources(sites.sites);
    const report = await crawlSources('demo', sources, options, { defaultMinDelayMs: 0 });
    process.stdout.write('\n' + formatCrawlReport(report) + '\n\n');
    const db = openDatabase(options.db, { readonly: true });
    try {
      process.stdout.write(formatSummary(summarizeDatabase(db)) + '\n');
    } finally {
      db.close();
    }
    process.stdout.write(`\nDatabase: ${options.db}\n` +
      `  query it:   npx vnpress query --list   ·   npx vnpress query search "thanh uy" --db ${options.db}\n` +
      `  export it:  npx vnpress export statistics --format csv --db ${options.db}\n` +
      `  browse it:  npx vnpress serve --db ${options.db}   (then open http://127.0.0.1:8080/)\n`);
    return report;
  } finally {
    await sites.close();
  }
}

function previousPorts(dbPath: string): Record<string, number> {
  const ports: Record<string, number> = {};
  try {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const rows = sourceBaseUrls(db);
      for (const row of rows) {
        if (!DEMO_SITE_IDS.includes(row.id) || !row.baseUrl) continue;
        const url = new URL(row.baseUrl);
        if (url.hostname === '127.0.0.1' && url.port) ports[row.id] = Number(url.port);
      }
    } finally {
      db.close();
    }
  } catch {
    // No database yet: any free port will do.
  }
  return ports;
}
