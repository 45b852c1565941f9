// The crawl's exit verdict for cron: 0 ok, 3 partial failure, 1 nothing worked.
import { describe, expect, it } from 'vitest';
import { crawlVerdict, type SourceReport } from '../../src/run/verdict.ts';
import { emptyCounts } from '../../src/store/runs.ts';

const source = (sourceId: string, attempted: number, failed: number, reasons: Record<string, number> = {}): SourceReport =>
  ({ sourceId, name: sourceId, attempted, counts: { ...emptyCounts(), failed, failedReasons: reasons } });
const run = (...sources: SourceReport[]) => ({ status: 'finished' as const, sources });

describe('crawlVerdict', () => {
  it.each([
    ['nothing failed', [source('a', 10, 0), source('b', 5, 0)], 0],
    ['a few failures, under the rate', [source('a', 10, 1), source('b', 10, 2)], 0],
    ['exactly at the rate', [source('a', 10, 2)], 0],
    ['over the rate', [source('a', 10, 3)], 3],
    ['one source down, the others fine', [source('a', 100, 0), source('down', 2, 2)], 3],
    ['every source down', [source('a', 2, 2), source('b', 3, 3)], 1],
    ['a source with nothing to do is not a failure', [source('a', 0, 0), source('b', 4, 0)], 0],
    ['nothing to do at all', [source('a', 0, 0)], 0],
    ['the only source that tried anything is down', [source('idle', 0, 0), source('down', 2, 2)], 1],
  ] as const)('%s → %i', (_what, sources, code) => {
    expect(crawlVerdict(run(...sources)).code).toBe(code);
  });

  it('names the source and its reasons, and the rate against the threshold', () => {
    const v = crawlVerdict(run(source('nhandan', 2, 2, { 'feed-connection-refused': 1, 'sitemap-connection-refused': 1 }), source('vnexpress', 8, 0)));
    // 2 of 10 failed: 20 %, not more than the default rate, so only the source is named.
    expect(v).toEqual({ code: 3, problems: [
      'source nhandan failed entirely: all 2 URL(s) it tried failed (feed-connection-refused ×1, sitemap-connection-refused ×1)',
    ] });
    expect(crawlVerdict(run(source('a', 10, 3)), 0.5)).toEqual({ code: 0, problems: [] });
    expect(crawlVerdict(run(source('a', 10, 3)), 0.1).problems).toEqual(['3 of 10 URL(s) failed (30.0 %, more than the --max-failure-rate of 10.0 %)']);
  });
});
