// `vnpress serve`: a read-only web application over the database for analysts.
import { Command, Option } from 'commander';
import { UserError } from '../core/errors.ts';
import { dbOption, toPort } from './options.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('a read-only web application over the database: search, articles with their entities, a statistics explorer with charts, officials, documents, CSV/JSON Lines downloads (Vietnamese, with an English switch)')
    .addOption(dbOption('SQLite database file (opened read-only)'))
    .addOption(new Option('--port <n>', 'TCP port (0 picks a free one)').argParser(toPort).default(8080))
    .addOption(new Option('--host <address>', 'address to bind; anything other than 127.0.0.1 exposes the database to the network').default('127.0.0.1'))
    .action(async (opts: { db: string; port: number; host: string }) => {
      const { startWebServer } = await import('../web/server.ts');
      let server;
      try {
        server = await startWebServer({ dbPath: opts.db, port: opts.port, host: opts.host });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${opts.port} on ${opts.host} is in use; pick another with --port`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot bind ${opts.host}: no such local address`);
        throw error;
      }
      process.stdout.write(`vnpress serve: ${opts.db} (read-only) at ${server.url}\nOpen it in a browser; Ctrl-C stops.\n`);
      const stop = () => {
        void server.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
