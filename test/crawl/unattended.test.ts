// A crawl left alone under cron: every failed URL is a log line and a record of its run, a site that
// is down is named as such, the exit code says when a source failed, SIGTERM/SIGINT stop it cleanly,
// a killed run reads as interrupted, and two crawls never run on one database at once.
import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { articleHtml, sitemapSource, type FaultServer } from '../helpers/fault-server.ts';
import { crawlSuite } from '../helpers/crawl-suite.ts';
import { crawlSources, stopOnSignal } from '../../src/cli/crawl.ts';
import { crawlVerdict } from '../../src/run/crawl.ts';
import { runCrawl } from '../../src/run/crawl.ts';
import { discover } from '../../src/fetch/discover.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { Store } from '../../src/store/db.ts';
import { recentRuns } from '../../src/store/reports.ts';
import { BusyError } from '../../src/core/errors.ts';
import type { Source } from '../../src/core/types.ts';
import { BIN, ROOT, runCli } from '../cli/run-cli.ts';

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const good = (n: number) => articleHtml({
  title: `Tin số ${n}`, published: `2024-05-0${n}T08:00:00+07:00`,
  paragraphs: [`Sáng ${n}/5, Ủy ban nhân dân tỉnh tổ chức hội nghị với ${30 + n} đại biểu tham dự.`, `Hội nghị thống nhất ${n + 2} nội dung trọng tâm.`],
});

/** A source on a host that refuses connections, or whose name does not resolve. */
const unreachable = (id: string, base: string): Source => ({
  id, name: id, baseUrl: `${base}/`, language: 'vi', sitemaps: [`${base}/sitemap.xml`], feeds: [`${base}/rss.xml`], rateLimit: { minDelayMs: 0 },
});

/** A pipeline file the CLI can load (an .mjs beside the test's databases). */
function writePipeline(dir: string, name: string, sources: Source[]): string {
  const file = join(dir, `${name}.mjs`);
  const literal = sources.map((s) => {
    const { articleUrlPattern, ...rest } = s;
    return `{ ...${JSON.stringify(rest)}${articleUrlPattern ? `, articleUrlPattern: new RegExp(${JSON.stringify(articleUrlPattern.source)})` : ''} }`;
  });
  writeFileSync(file, `export default { name: ${JSON.stringify(name)}, sources: [${literal.join(', ')}] };\n`);
  return file;
}

function spawnCli(args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<{ code: number | null; ms: number }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  let signalledAt = 0;
  const kill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => { signalledAt ||= Date.now(); return kill(signal); };
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.on('exit', (code, signal) =>
    resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : null), ms: Date.now() - signalledAt })));
  return { child, stderr: () => err, exited };
}

/** Resolves once the server has been asked for `path`. */
async function requested(server: FaultServer, path: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!server.hits.get(path)) {
    if (Date.now() > until) throw new Error(`${path} was never requested`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runsOf(db: string): { id: number; status: string; pid: number | null; finished_at: string | null }[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare('SELECT id, status, pid, finished_at FROM runs ORDER BY id').all() as never;
  } finally {
    handle.close();
  }
}

describe('unattended crawls', () => {
  const suite = crawlSuite({ articles: 2 }, 'vnpress-unattended-');

  it('every failed URL is one JSON line at warn and a record of its run; a site that is down says "connection refused"; exit codes', async () => {
    const { server, dir } = suite;
    server.setPage('/tin/tot-1.html', { body: good(1) });
    const up = sitemapSource(server, 'up', ['/tin/tot-1.html', '/fault/status/404', '/fault/status/500']);
    const down = unreachable('down', `http://127.0.0.1:${await closedPort()}`);
    const nxdomain = unreachable('nxdomain', 'http://vnpress-test-host.invalid');
    const db = join(dir, 'failures.db');
    const log = join(dir, 'failures.jsonl');
    const crawl = (sources: Source[], extra = {}) => crawlSources('unattended', sources, { db, progress: false, logLevel: 'warn', logFile: log, ...extra },
      { defaultMinDelayMs: 0, maxAttempts: 1 });

    const mixed = await crawl([up, down, nxdomain]);
    expect(mixed.status).toBe('finished');
    // Two sources failed entirely while one worked: a partial failure.
    expect(mixed.exitCode).toBe(3);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = lines.filter((l) => l.level === 40 && typeof l.url === 'string');
    const byUrl = new Map(failed.map((l) => [l.url, l]));
    expect(byUrl.get(`${server.baseUrl}/fault/status/404`)).toMatchObject({ source: 'up', kind: 'article', reason: 'not-found', status: 404, attempt: 1, nextRetryAt: null });
    const retried = byUrl.get(`${server.baseUrl}/fault/status/500`)!;
    expect(retried).toMatchObject({ reason: 'server-error', status: 500, attempt: 1 });
    expect(Date.parse(retried.nextRetryAt as string)).toBeGreaterThan(Date.now());
    // The site that is down: its feed and sitemap, each named "connection refused", not only robots.
    for (const url of [`${down.baseUrl}rss.xml`, `${down.baseUrl}sitemap.xml`]) {
      expect(byUrl.get(url), url).toMatchObject({ source: 'down', reason: 'connection-refused', message: 'connection refused' });
      expect(byUrl.get(url)!.msg).toMatch(/connection refused/);
    }
    expect(byUrl.get('http://vnpress-test-host.invalid/sitemap.xml')).toMatchObject({ reason: 'dns-error', message: 'DNS lookup failed' });
    expect(failed).toHaveLength(2 + 2 + 2);
    expect(mixed.sources.find((s) => s.sourceId === 'down')!.counts.failedReasons).toEqual({ 'feed-connection-refused': 1, 'sitemap-connection-refused': 1 });
    expect(lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^source down failed entirely: all 2 URL\(s\) it tried failed \(.*connection-refused/),
      expect.stringMatching(/^source nxdomain failed entirely/),
    ]));

    // `vnpress runs --failed` lists them with their reasons; --run picks a run.
    const listed = runCli(['runs', '--failed', '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`Run #${mixed.runId}: 6 failed URL`));
    for (const text of ['not-found', 'server-error', 'connection-refused', 'dns-error', '/fault/status/404', `${down.baseUrl}rss.xml`]) expect(listed.stdout).toContain(text);
    const json = runCli(['runs', '--failed', '--run', String(mixed.runId), '--json', '--db', db]);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.url.endsWith('/fault/status/404'))).toMatchObject({ run: mixed.runId, source: 'up', reason: 'not-found', httpStatus: 404, attempt: 1, nextCheckAt: null });
    expect(runCli(['runs', '--failed', '--run', '999', '--db', db]).code).toBe(2);

    // Nothing worked at all: 1. Everything worked: 0. Too many failures within a working source: 3,
    // unless --max-failure-rate allows them.
    expect((await crawl([down], { recheck: true })).exitCode).toBe(1);
    const fine = sitemapSource(server, 'fine', ['/tin/tot-1.html']);
    expect((await crawl([fine], { recheck: true })).exitCode).toBe(0);
    const lossy = await crawl([up], { recheck: true });
    expect(lossy.exitCode).toBe(3);
    expect(crawlVerdict(lossy, 0.9).code).toBe(0);
  }, 120_000);

  it('SIGTERM (and SIGINT) stop a run cleanly: "stopping…", a hanging request aborted at once, pages done committed, the run interrupted', async () => {
    const { server, dir } = suite;
    for (const n of [2, 3, 4]) server.setPage(`/tin/nhanh-${n}.html`, { body: good(n) });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const hang = `/fault/slow-headers?ms=120000&tag=${signal}`;
      // Newest first: the three quick pages, then one that never answers (a 20 s headers timeout without the abort).
      const source = sitemapSource(server, `stop-${signal}`, ['/tin/nhanh-2.html', '/tin/nhanh-3.html', '/tin/nhanh-4.html', hang],
        { rateLimit: { minDelayMs: 0, concurrency: 1 } });
      const db = join(dir, `stop-${signal}.db`);
      const run = spawnCli(['crawl', writePipeline(dir, `stop-${signal}`, [source]), '--db', db, '--no-progress', '--log-level', 'silent']);
      await requested(server, hang);
      run.child.kill(signal);
      const { code, ms } = await run.exited;
      expect(run.stderr()).toMatch(/stopping…/);
      expect(code, run.stderr()).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(ms, 'the hanging request is aborted, not waited for').toBeLessThan(10_000);
      const runs = runsOf(db);
      expect(runs).toEqual([expect.objectContaining({ status: 'interrupted' })]);
      expect(runs[0]!.finished_at).toBeTruthy();
      const handle = new Database(db, { readonly: true });
      try {
        // The pages done before the signal are committed; the page in flight is still due, not failed.
        expect(handle.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
        expect(handle.prepare('SELECT status FROM urls WHERE url LIKE ?').pluck().get(`%${signal}`)).toBe('new');
      } finally {
        handle.close();
      }
    }
  }, 240_000);

  it('a second crawl on the same database exits at once naming the running one; after kill -9 the dead run reads as interrupted and is taken over', async () => {
    const { server, dir } = suite;
    const hang = '/fault/slow-headers?ms=120000&tag=lock';
    const source = sitemapSource(server, 'lock', ['/tin/nhanh-2.html', hang], { rateLimit: { minDelayMs: 0, concurrency: 1 } });
    const pipeline = writePipeline(dir, 'lock', [source]);
    const db = join(dir, 'lock.db');
    const first = spawnCli(['crawl', pipeline, '--db', db, '--no-progress', '--log-level', 'silent']);
    try {
      await requested(server, hang);
      const second = runCli(['crawl', pipeline, '--db', db, '--no-progress', '--log-level', 'silent']);
      expect(second.code, second.stderr).toBe(75);
      expect(second.stderr).toMatch(new RegExp(`in use by crawl run #1 \\(pid ${first.child.pid} on [^,]+, started \\d{4}-\\d\\d-\\d\\dT`));
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      first.child.kill('SIGKILL');
    }
    await first.exited;
    // The killed run is still "running" in the file; whoever reads the runs sees it interrupted.
    expect(runsOf(db)).toEqual([expect.objectContaining({ id: 1, status: 'running' })]);
    const shown = runCli(['runs', '--db', db]);
    expect(shown.stdout).toMatch(new RegExp(`Run #1 crawl lock interrupted \\(its process ${first.child.pid} is gone`));
    const json = JSON.parse(runCli(['runs', '--json', '--db', db]).stdout.trim().split('\n')[0]!);
    expect(json).toMatchObject({ run: 1, status: 'interrupted', pid: first.child.pid });
    // The next crawl takes the stale lock over and records the dead run as interrupted.
    server.setPage(hang, { body: good(5) });
    // Spawned, not run synchronously: this process serves the site it crawls.
    const next = spawnCli(['crawl', pipeline, '--db', db, '--no-progress', '--log-level', 'silent']);
    expect((await next.exited).code, next.stderr()).toBe(0);
    expect(runsOf(db)).toEqual([expect.objectContaining({ id: 1, status: 'interrupted' }), expect.objectContaining({ id: 2, status: 'finished' })]);
    expect(runsOf(db)[0]!.finished_at).toBeTruthy();
  }, 240_000);

  it('the first signal stops the run, a second exits at once with its code', () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const abort = new AbortController();
      const said: string[] = [];
      const exits: number[] = [];
      const stops: string[] = [];
      const onSignal = stopOnSignal(abort, (s) => stops.push(s), (c) => exits.push(c), (t) => said.push(t));
      onSignal(signal);
      expect(abort.signal.aborted).toBe(true);
      expect(stops).toEqual([signal]);
      expect(exits).toEqual([]);
      expect(said.join('')).toMatch(/stopping…/);
      onSignal(signal);
      expect(exits).toEqual([code]);
      expect(said.at(-1)).toMatch(/again: exiting now/);
    }
  });

  it('in one process: a second runCrawl on the same database is refused while the first runs', async () => {
    const { server, dir } = suite;
    const source = sitemapSource(server, 'same', ['/tin/nhanh-2.html']);
    const store = new Store(join(dir, 'same.db'));
    const fetcher = new Fetcher({ contactUrl: 'https://example.org/contact', sources: [source], politeness: { defaultMinDelayMs: 0 } });
    try {
      const first = runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'same' });
      await expect(runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'same' })).rejects.toThrow(BusyError);
      expect((await first).status).toBe('finished');
      // Once it is done, the next one runs.
      expect((await runCrawl({ store, sources: [source], fetcher, discover, pipeline: 'same' })).status).toBe('finished');
      expect(recentRuns(store.db, 5).map((r) => r.status)).toEqual(['finished', 'finished']);
    } finally {
      await fetcher.close();
      store.close();
    }
  });
});
