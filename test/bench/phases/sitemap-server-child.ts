// The discovery bench's site (test/helpers/sitemap-server.ts) in a process of its own, so that
// generating and gzipping millions of sitemap entries does not count against the crawler. Sends its
// base URL and source profile over IPC, then serves until the parent disconnects or sends 'close'.
import { startSitemapServer } from '../../helpers/sitemap-server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as { urls: number };
const server = await startSitemapServer({ urls: options.urls });
const { articleUrlPattern, ...source } = server.source();
const shutdown = () => void server.close().finally(() => process.exit(0));
process.on('message', (message) => { if (message === 'close') shutdown(); });
process.on('disconnect', shutdown);
process.send?.({ type: 'ready', source: { ...source, articleUrlPattern: articleUrlPattern!.source }, sitemapFiles: server.sitemapFiles });
