// Serves the embedded demo sites (fixtures/sites/<id>/) over plain HTTP on 127.0.0.1.
// Each site gets its own server and port, so each is its own host for per-host politeness.
// This is demo and test infrastructure: node:http is enough, no framework.

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { packagePath } from '../core/package-root.ts';

export interface DemoSite {
  /** Folder name under the sites directory, e.g. `hanoimoi`. */
  id: string;
  /** `http://127.0.0.1:PORT/`, always with a trailing slash. */
  baseUrl: string;
}

export interface DemoSitesOptions {
  /** Folder holding one sub-folder per site. Defaults to the repo's `fixtures/sites`. */
  sitesDir?: string;
  /** Preferred port per site id; a busy port falls back to a free one. Default: a free port each. */
  ports?: Record<string, number>;
}

export interface DemoSites {
  sites: DemoSite[];
  close(): Promise<void>;
}

/** Placeholder in feeds, sitemaps and robots.txt that becomes the site's base URL when served. */
export const BASE_PLACEHOLDER = '{{BASE}}';

export const DEFAULT_SITES_DIR = packagePath('fixtures/sites');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.gz': 'application/gzip',
};

/** Types whose body is text in which `{{BASE}}` is replaced. */
const TEXT_EXTENSIONS = new Set(['.html', '.htm', '.xml', '.rss', '.txt', '.json', '.css', '.js', '.svg']);

export async function startDemoSites(options: DemoSitesOptions = {}): Promise<DemoSites> {
  const sitesDir = resolve(options.sitesDir ?? DEFAULT_SITES_DIR);
  const ids = await listSiteIds(sitesDir);
  if (ids.length === 0) throw new Error(`${sitesDir}: no demo sites (expected one folder per site)`);

  const servers: Server[] = [];
  const sites: DemoSite[] = [];
  try {
    for (const id of ids) {
      const root = join(sitesDir, id);
      const site: DemoSite = { id, baseUrl: '' };
      const server = createServer((req, res) => {
        handle(root, site.baseUrl, req, res).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`500 ${err instanceof Error ? err.message : String(err)}\n`);
        });
      });
      // Demo runs must not hang on idle keep-alive sockets when closing.
      server.keepAliveTimeout = 1_000;
      const port = await listen(server, options.ports?.[id] ?? 0);
      servers.push(server);
      site.baseUrl = `http://127.0.0.1:${port}/`;
      sites.push(site);
    }
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }

  return {
    sites: sites.map((s) => ({ ...s })),
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

async function listSiteIds(sitesDir: string): Promise<string[]> {
  const entries = await readdir(sitesDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      // A preferred port that is taken falls back to any free port.
      if (err.code === 'EADDRINUSE' && port !== 0) listen(server, 0).then(resolvePort, reject);
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

async function handle(root: string, baseUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('405 Method Not Allowed\n');
    return;
  }
  const file = await resolveFile(root, req.url ?? '/');
  if (!file) {
    notFound(res);
    return;
  }
  const ext = extname(file.path).toLowerCase();
  let body = await readFile(file.path);
  if (TEXT_EXTENSIONS.has(ext) && body.includes(BASE_PLACEHOLDER)) {
    body = Buffer.from(body.toString('utf8').replaceAll(BASE_PLACEHOLDER, baseUrl), 'utf8');
  }
  // The ETag follows the bytes actually served (after substitution); Last-Modified is the file's mtime.
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const lastModified = new Date(Math.floor(file.mtimeMs / 1000) * 1000);
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    etag,
    'last-modified': lastModified.toUTCString(),
    'cache-control': 'no-cache',
  };
  if (isNotModified(req, etag, lastModified)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** RFC 9110: If-None-Match wins over If-Modified-Since when both are sent. */
function isNotModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return Number.isFinite(since) && lastModified.getTime() <= since;
  }
  return false;
}

/**
 * Maps a request path to a file under root: `/` → index.html; `/thoi-su` → thoi-su.html or
 * thoi-su/index.html. Paths that leave root, hidden files and folders resolve to nothing.
 */
async function resolveFile(root: string, rawUrl: string): Promise<{ path: string; mtimeMs: number } | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.split('/').some((seg) => seg.startsWith('.'))) return null;
  const target = resolve(root, '.' + pathname);
  if (target !== root && !target.startsWith(root + sep)) return null;

  const candidates = pathname.endsWith('/')
    ? [join(target, 'index.html')]
    : extname(target)
      ? [target]
      : [target + '.html', join(target, 'index.html')];
  for (const candidate of candidates) {
    try {
      const st = await stat(candidate);
      if (st.isFile()) return { path: candidate, mtimeMs: st.mtimeMs };
    } catch {
      // try the next candidate
    }
  }
  return null;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy trang</title></head>' +
    '<body><h1>404</h1><p>Trang bạn tìm không tồn tại hoặc đã bị xóa.</p><p><a href="/">Về trang chủ</a></p></body></html>\n');
}
