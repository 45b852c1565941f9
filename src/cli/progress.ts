// Progress bars for crawls (cli-progress on stderr when it is a terminal; silent otherwise,
// so cron logs and pipes stay clean).
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../run/crawl.ts';

export interface Progress {
  update(event: ProgressEvent): void;
  stop(): void;
}

export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const multibar = new cliProgress.MultiBar({
    stream: process.stderr,
    format: ' {source} [{bar}] {value}/{total} {result}',
    hideCursor: true,
    clearOnComplete: false,
    autopadding: true,
  }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(event) {
      if (event.type === 'discovered') {
        bars.set(event.sourceId, multibar.create(Math.max(event.total, 1), 0, { source: event.sourceId.padEnd(14), result: '' }));
        if (event.total === 0) bars.get(event.sourceId)?.update(1, { result: 'nothing due' });
      } else {
        bars.get(event.sourceId)?.update(event.done, { result: event.result });
      }
    },
    stop() {
      multibar.stop();
    },
  };
}
