// Set-up shared by the crawl tests: a fault-zoo server and a temp folder for their databases, made
// before the suite's tests and removed after them.
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultServer, type FaultServer, type FaultServerOptions } from './fault-server.ts';

export interface CrawlSuite {
  server: FaultServer;
  dir: string;
}

/** Registers beforeAll/afterAll hooks; the returned object's fields are set once beforeAll has run. */
export function crawlSuite(options: FaultServerOptions, dirPrefix: string): CrawlSuite {
  const suite = {} as CrawlSuite;
  beforeAll(async () => {
    suite.server = await startFaultServer(options);
    suite.dir = mkdtempSync(join(tmpdir(), dirPrefix));
  });
  afterAll(async () => {
    await suite.server?.close();
    if (suite.dir) rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}
