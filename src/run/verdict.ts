// What a crawl's exit status says (README "Exit codes"). Apart from the runner so that the CLI can
// name its default without loading the pipeline.
import type { RunSourceCounts } from '../store/runs.ts';

/** More failed than this share of the URLs tried, and the run exits with 3. */
export const DEFAULT_MAX_FAILURE_RATE = 0.2;

export interface SourceReport {
  sourceId: string;
  name: string;
  counts: RunSourceCounts;
  /** URLs this run tried (article pages, and feeds, sitemaps and listing pages actually requested); `counts.failed` of them failed. */
  attempted: number;
}

/** What the verdict reads of a run. */
export interface RunOutcome {
  status: 'finished' | 'interrupted' | 'failed';
  sources: SourceReport[];
}

/** What a run's exit status should say: 0 ok, 3 partial failure, 1 nothing worked; with the reasons. */
export interface CrawlVerdict {
  code: 0 | 1 | 3;
  problems: string[];
}

/**
 * The run's verdict for cron. A source failed entirely when every URL it tried failed (a site that is
 * down, a profile whose feeds all moved); the failure rate is failed ÷ tried over all sources.
 * 1 when every source that tried anything failed entirely; 3 when some did, or when more than
 * `maxFailureRate` of all tries failed; 0 otherwise. (Interruption and errors are the CLI's codes.)
 */
export function crawlVerdict(report: RunOutcome, maxFailureRate = DEFAULT_MAX_FAILURE_RATE): CrawlVerdict {
  const problems: string[] = [];
  const tried = report.sources.filter((s) => s.attempted > 0);
  const dead = tried.filter((s) => s.counts.failed >= s.attempted);
  for (const s of dead) {
    const reasons = Object.entries(s.counts.failedReasons).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ×${n}`).join(', ');
    problems.push(`source ${s.sourceId} failed entirely: all ${s.attempted} URL(s) it tried failed (${reasons})`);
  }
  const attempted = tried.reduce((n, s) => n + s.attempted, 0);
  const failed = tried.reduce((n, s) => n + Math.min(s.counts.failed, s.attempted), 0);
  const rate = attempted ? failed / attempted : 0;
  if (rate > maxFailureRate) {
    problems.push(`${failed} of ${attempted} URL(s) failed (${(100 * rate).toFixed(1)} %, more than the --max-failure-rate of ${(100 * maxFailureRate).toFixed(1)} %)`);
  }
  const code = dead.length && dead.length === tried.length ? 1 : problems.length ? 3 : 0;
  return { code, problems };
}

