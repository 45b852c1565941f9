// `vnpress crawl` and the demo share this: build the fetcher for a set of sources, run the
// crawl with progress and logs, print the run report.
import { Store } from '../store/db.ts';
import { Fetcher } from '../fetch/fetcher.ts';
import { discover } from '../fetch/discover.ts';
import type { PolitenessOptions } from '../fetch/politeness.ts';
import type { Source } from '../core/types.ts';
import { runCrawl, type CrawlReport } from '../run/crawl.ts';
import { loadPipeline } from '../run/pipelines.ts';
import { createLogger } from './log.ts';
import { createProgress } from './progress.ts';
import { formatCrawlReport } from './report.ts';

/** Where site owners can read who runs the crawler; overridden by --contact or VNPRESS_CONTACT. */
export const DEFAULT_CONTACT_URL = 'https://github.com/vnpress/vnpress#contact';

export interface CrawlCommandOptions {
  db: string;
  maxPerSource?: number;
  recheck?: boolean;
  userAgent?: string;
  contact?: string;
  progress?: boolean;
  logLevel?: string;
  logFile?: string;
}

export async function runCrawlCommand(pipelineName: string, options: CrawlCommandOptions): Promise<CrawlReport> {
  const pipeline = await loadPipeline(pipelineName);
  const report = await crawlSources(pipeline.name, pipeline.sources, options);
  process.stdout.write(formatCrawlReport(report) + '\n');
  return report;
}

export async function crawlSources(
  pipelineName: string, sources: Source[], options: CrawlCommandOptions, politeness: PolitenessOptions = {},
): Promise<CrawlReport> {
  const logger = createLogger(options);
  const store = new Store(options.db);
  const fetcher = new Fetcher({
    ...(options.userAgent ? { userAgent: options.userAgent } : { contactUrl: options.contact ?? process.env.VNPRESS_CONTACT ?? DEFAULT_CONTACT_URL }),
    sources,
    politeness,
  });
  const progress = createProgress(options.progress !== false);
  const abort = new AbortController();
  // Ctrl-C finishes the article in hand, records the run as interrupted, and exits; a re-run continues.
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    logger.info({ pipeline: pipelineName, sources: sources.map((s) => s.id), db: options.db }, 'crawl started');
    // A line per article only when asked for: at the usual levels nothing is built per page.
    const logArticles = logger.isLevelEnabled('debug');
    const report = await runCrawl({
      store, sources, fetcher, pipeline: pipelineName,
      discover,
      ...(options.maxPerSource ? { maxArticlesPerSource: options.maxPerSource } : {}),
      recheckAll: !!options.recheck,
      signal: abort.signal,
      onProgress: (event) => {
        progress.update(event);
        if (event.type === 'article' && logArticles) logger.debug({ source: event.sourceId, url: event.url, result: event.result }, 'article');
      },
    });
    for (const { sourceId, counts } of report.sources) logger.info({ source: sourceId, ...counts }, 'source done');
    logger.info({ run: report.runId, status: report.status }, 'crawl finished');
    return report;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    await fetcher.close();
    store.close();
  }
}
