// One web app in Debian's Chromium for the browser tests (playwright-core): a test database, the
// server on a free port, a headless browser with one page, and where screenshots go.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebTestDb, type WebTestDb } from './web-db.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export interface WebInBrowser {
  db: WebTestDb;
  server: WebServer;
  browser: Browser;
  page: Page;
  /** The server's URL of a path. */
  url(path: string): string;
  close(): Promise<void>;
}

/** The web app over a fresh test database, and a page at 1280×900 that accepts downloads. */
export async function openWebInBrowser(): Promise<WebInBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const db = buildWebTestDb();
  const server = await startWebServer({ dbPath: db.dbPath, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return {
    db, server, browser, page,
    url: (path) => new URL(path, server.url).href,
    async close() {
      await browser.close();
      await server.close();
      db.cleanup();
    },
  };
}
