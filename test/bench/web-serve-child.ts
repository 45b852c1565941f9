// Starts the web server in its own process for the web bench, so that the load generator does
// not share the server's thread: prints the URL, then serves until killed.
import { startWebServer } from '../../src/web/server.ts';

const dbPath = process.argv[2];
if (!dbPath) {
  console.error('usage: web-serve-child DB');
  process.exit(2);
}
const server = await startWebServer({ dbPath, port: 0 });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().finally(() => process.exit(0)));
