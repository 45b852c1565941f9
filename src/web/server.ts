// `vnpress serve`: the web application on a read-only handle to the database, bound to
// 127.0.0.1 unless told otherwise.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { openDatabase } from '../store/connection.ts';
import { createApp } from './app.ts';

export interface WebServerOptions {
  dbPath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer({ dbPath, port = 0, host = '127.0.0.1' }: WebServerOptions): Promise<WebServer> {
  const db = openDatabase(dbPath, { readonly: true });
  // A second guard: even a statement that tried to write would be refused by SQLite.
  db.pragma('query_only = ON');
  const app = createApp(db);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  // A slow request (the first one fills SQLite's page cache) blocks the thread; a short keep-alive
  // timer firing right after it would close sockets on which the next request is already sent.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections?.();
      server.close((error) => {
        db.close();
        if (error) reject(error);
        else resolve();
      });
    }),
  };
}
