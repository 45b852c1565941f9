// The crawl bench's local news site (test/bench/crawl-server.ts) in a process of its own, so that
// serving pages does not count against the crawler's CPU. Sends its base URL and source profile
// over IPC, then serves until the parent disconnects or sends 'close'.
import { startCrawlServer } from '../crawl-server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as { pages: number; latencyMs: [number, number] };
const server = await startCrawlServer({ pages: options.pages, latencyMs: options.latencyMs });
const { articleUrlPattern, ...source } = server.source;
const shutdown = () => void server.close().finally(() => process.exit(0));
process.on('message', (message) => {
  if (message === 'counts') process.send?.({ type: 'counts', counts: server.counts });
  if (message === 'close') shutdown();
});
process.on('disconnect', shutdown);
process.send?.({ type: 'ready', baseUrl: server.baseUrl, pages: server.pages, source, pattern: articleUrlPattern?.source ?? null });
