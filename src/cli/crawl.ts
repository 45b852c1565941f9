// `vnpress crawl` and the demo share this: build the fetcher for a set of sources, run the
// crawl with progress and logs, stop cleanly on SIGINT/SIGTERM, print the run report, and say in the
// exit code whether the run worked (README: exit codes).
import { Store } from '../store/db.ts';
import { Fetcher } from '../fetch/fetcher.ts';
import { DEFAULT_CONTACT_URL } from '../fetch/http.ts';
import { discover } from '../fetch/discover.ts';
import type { PolitenessOptions } from '../fetch/politeness.ts';
import type { Source } from '../core/types.ts';
import { crawlVerdict, DEFAULT_MAX_FAILURE_RATE, runCrawl, type CrawlReport } from '../run/crawl.ts';
import { loadPipeline } from '../run/pipelines.ts';
import { createLogger } from './log.ts';
import { createProgress } from './progress.ts';
import { formatCrawlReport } from './report.ts';

export { DEFAULT_CONTACT_URL };

/** Exit codes of a crawl (README "Exit codes"); 2 (bad usage or input) and 75 (busy) come from errors. */
export const EXIT = { ok: 0, failed: 1, partial: 3, interruptedByInt: 130, interruptedByTerm: 143 } as const;

export interface CrawlCommandOptions {
  db: string;
  maxPerSource?: number;
  recheck?: boolean;
  userAgent?: string;
  contact?: string;
  progress?: boolean;
  logLevel?: string;
  logFile?: string;
  /** Failed ÷ tried above which the run exits with 3 (default DEFAULT_MAX_FAILURE_RATE). */
  maxFailureRate?: number;
}

/** The run's report, and the exit code it calls for. */
export type CrawlOutcome = CrawlReport & { exitCode: number };

export async function runCrawlCommand(pipelineName: string, options: CrawlCommandOptions): Promise<CrawlOutcome> {
  const pipeline = await loadPipeline(pipelineName);
  const outcome = await crawlSources(pipeline.name, pipeline.sources, options);
  process.stdout.write(formatCrawlReport(outcome) + '\n');
  return outcome;
}

/**
 * The handler for SIGINT (Ctrl-C) and SIGTERM (what cron and systemd send at a timeout): the first one
 * says "stopping…" on stderr and aborts the run, which then stops cleanly (requests in flight aborted,
 * the pages done committed, the run recorded as interrupted); a second one exits at once with 130/143
 * (the next crawl then finds the run's process gone).
 */
export function stopOnSignal(
  abort: AbortController, onStop: (signal: NodeJS.Signals) => void,
  exit: (code: number) => void = (code) => process.exit(code), stderr: (text: string) => void = (text) => process.stderr.write(text),
): (signal: NodeJS.Signals) => void {
  return (signal) => {
    if (abort.signal.aborted) {
      stderr(`vnpress: ${signal} again: exiting now\n`);
      exit(signal === 'SIGTERM' ? EXIT.interruptedByTerm : EXIT.interruptedByInt);
      return;
    }
    stderr(`vnpress: stopping… (${signal}: committing the pages done; send it again to exit at once)\n`);
    onStop(signal);
    abort.abort();
  };
}

export async function crawlSources(
  pipelineName: string, sources: Source[], options: CrawlCommandOptions, politeness: PolitenessOptions = {},
): Promise<CrawlOutcome> {
  const logger = createLogger(options);
  const store = new Store(options.db);
  const fetcher = new Fetcher({
    ...(options.userAgent ? { userAgent: options.userAgent } : { contactUrl: options.contact ?? process.env.VNPRESS_CONTACT ?? DEFAULT_CONTACT_URL }),
    sources,
    politeness,
  });
  const progress = createProgress(options.progress !== false);
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = stopOnSignal(abort, (signal) => {
    stoppedBy = signal;
    progress.stop();
    logger.warn({ signal }, 'stopping');
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
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
      // One JSON line per failed URL, at warn: what failed, why (in words: "connection refused"), the
      // HTTP status, the attempt, and when it is tried again (null: not again).
      onFailure: (f) => logger.warn({
        source: f.sourceId, url: f.url, kind: f.kind, reason: f.reason, message: f.message, status: f.httpStatus ?? null,
        attempt: f.attempt, nextRetryAt: f.nextCheckAt ?? null, ...(f.detail ? { detail: f.detail } : {}),
      }, `${f.kind} failed: ${f.message}`),
    });
    for (const run of report.tookOver) {
      logger.warn({ run: run.id, pid: run.pid, host: run.host, startedAt: run.startedAt, lastHeartbeat: run.heartbeatAt },
        'an earlier run whose process is gone was marked interrupted');
    }
    for (const { sourceId, counts, attempted } of report.sources) logger.info({ source: sourceId, attempted, ...counts }, 'source done');
    let exitCode: number;
    if (report.status === 'interrupted') {
      exitCode = stoppedBy === 'SIGTERM' ? EXIT.interruptedByTerm : EXIT.interruptedByInt;
      logger.warn({ run: report.runId, signal: stoppedBy }, 'crawl interrupted');
    } else {
      const verdict = crawlVerdict(report, options.maxFailureRate ?? DEFAULT_MAX_FAILURE_RATE);
      exitCode = verdict.code;
      for (const problem of verdict.problems) {
        logger.error({ run: report.runId }, problem);
        // On stderr too, whatever the log goes to: cron mails what a command writes there.
        if (options.logFile || !logger.isLevelEnabled('error')) process.stderr.write(`vnpress: ${problem}\n`);
      }
    }
    logger.info({ run: report.runId, status: report.status, exitCode }, 'crawl finished');
    return { ...report, exitCode };
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // A stopped run does not wait for requests it abandoned (a hanging server would hold it ~20 s).
    await fetcher.close(abort.signal.aborted);
    store.close();
  }
}
