// The nightly pipeline end to end against the demo sites served on 127.0.0.1: a first run
// stores every article, a re-run adds nothing, a changed page becomes an update with a
// revision, and kill -9 at any moment leaves a database that a re-run completes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startDemoSites, DEFAULT_SITES_DIR } from '../../src/run/demo-sites.ts';
import { demoSources } from '../../pipelines/demo.ts';
import { crawlSources } from '../../src/cli/crawl.ts';
import { BIN, ROOT, runCli } from '../cli/run-cli.ts';
import { formatCrawlReport } from '../../src/cli/report.ts';

interface Manifest { sites: { id: string; articles: { path: string }[] }[] }
const manifest: Manifest = JSON.parse(readFileSync(join(DEFAULT_SITES_DIR, 'manifest.json'), 'utf8'));
const ARTICLES = manifest.sites.reduce((n, site) => n + site.articles.length, 0);

function counts(db: string) {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(`SELECT (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)) AS duplicateUrls,
      (SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)) AS duplicateTexts,
      (SELECT count(*) FROM article_revisions) AS revisions,
      (SELECT count(*) FROM statistics) AS statistics,
      (SELECT count(*) FROM articles_fts) AS indexed,
      (SELECT integrity_check FROM pragma_integrity_check) AS integrity`).get() as Record<string, number | string>;
  } finally {
    handle.close();
  }
}

describe('crawl of the demo sites', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-crawl-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores every article once; a second run adds nothing; a changed page is updated and its old text kept', async () => {
    const sitesDir = join(dir, 'sites');
    cpSync(DEFAULT_SITES_DIR, sitesDir, { recursive: true });
    const db = join(dir, 'incremental.db');
    const sites = await startDemoSites({ sitesDir });
    try {
      const sources = demoSources(sites.sites);
      const options = { db, progress: false, logLevel: 'silent' };
      const first = await crawlSources('demo', sources, options, { defaultMinDelayMs: 0 });
      expect(first.status).toBe('finished');
      expect(first.sources.reduce((n, s) => n + s.counts.stored, 0)).toBe(ARTICLES);
      expect(counts(db)).toMatchObject({ articles: ARTICLES, duplicateUrls: 0, indexed: ARTICLES, integrity: 'ok' });
      // The run's CPU, and the share of it spent cleaning and extracting the pages it stored.
      expect(first.cpu.cleanExtractMs).toBeGreaterThan(0);
      expect(first.cpu.totalMs).toBeGreaterThan(first.cpu.cleanExtractMs);
      expect(formatCrawlReport(first)).toMatch(/CPU [\d.]+ s: clean \+ extract [\d.]+ s \(\d+ %\), fetching, crawl state and storing [\d.]+ s/);

      const second = await crawlSources('demo', sources, options, { defaultMinDelayMs: 0 });
      expect(second.sources.every((s) => s.counts.fetched === 0 && s.counts.stored === 0 && s.counts.discovered === 0)).toBe(true);
      expect(second.cpu.cleanExtractMs).toBe(0);

      // Forced re-check: conditional requests, every page answers 304.
      const recheck = await crawlSources('demo', sources, { ...options, recheck: true }, { defaultMinDelayMs: 0 });
      expect(recheck.sources.reduce((n, s) => n + s.counts.notModified, 0)).toBe(ARTICLES);
      expect(counts(db).articles).toBe(ARTICLES);

      // The site corrects an article: the next check stores the new text and keeps the old one.
      const site = manifest.sites[0]!;
      const file = join(sitesDir, site.id, site.articles[0]!.path);
      const html = readFileSync(file, 'utf8');
      const paragraph = html.match(/<p[^>]*>([^<]{80,})<\/p>/);
      expect(paragraph, 'a body paragraph to correct').not.toBeNull();
      writeFileSync(file, html.replace(paragraph![1]!, paragraph![1]! + ' (Bài viết đã được cập nhật.)'));
      const changed = await crawlSources('demo', sources, { ...options, recheck: true }, { defaultMinDelayMs: 0 });
      expect(changed.sources.reduce((n, s) => n + s.counts.updated, 0)).toBe(1);
      expect(counts(db)).toMatchObject({ articles: ARTICLES, revisions: 1, integrity: 'ok' });
    } finally {
      await sites.close();
    }
  });

  it('a profile whose body selector no longer matches falls back to the generic cleaner and says so in the run report', async () => {
    const db = join(dir, 'fallback.db');
    const sites = await startDemoSites();
    try {
      const sources = demoSources(sites.sites).map((source) =>
        source.id === 'vnexpress' ? { ...source, selectors: { ...source.selectors, body: 'div.template-changed-2026' } } : source);
      const report = await crawlSources('demo', sources, { db, progress: false, logLevel: 'silent' }, { defaultMinDelayMs: 0 });
      const vnexpress = report.sources.find((s) => s.sourceId === 'vnexpress')!;
      expect(vnexpress.counts.stored).toBeGreaterThan(0);
      expect(vnexpress.counts.warnings['profile-fallback']).toBe(vnexpress.counts.stored);
      expect(formatCrawlReport(report)).toMatch(/VnExpress: warnings — profile-fallback ×\d/);
      const texts = new Database(db, { readonly: true }).prepare(`SELECT text FROM articles WHERE source_id = 'vnexpress'`).pluck().all() as string[];
      expect(texts.every((t) => t.length > 500)).toBe(true);
    } finally {
      await sites.close();
    }
  });

  it('survives kill -9 at any moment: a re-run completes, nothing lost, nothing stored twice', async () => {
    const db = join(dir, 'crash.db');
    // Kill the demo at points of its run read off the database itself: once URLs are
    // discovered but no article is stored, then after 1 and after 7 articles.
    const killPoints = [{ urls: 1, articles: 0 }, { urls: 0, articles: 1 }, { urls: 0, articles: 7 }];
    const seenAtKill: number[] = [];
    for (const point of killPoints) {
      const killedAt = await killWhen(db, point);
      seenAtKill.push(killedAt);
      const state = counts(db);
      expect(state.integrity).toBe('ok');
      expect(state.duplicateUrls).toBe(0);
    }
    // The kills landed mid-run: each saw the database partly filled.
    expect(seenAtKill.some((n) => n < ARTICLES)).toBe(true);
    const last = runCli(['demo', '--db', db, '--no-progress']);
    expect(last.code, last.stderr).toBe(0);
    expect(counts(db)).toMatchObject({ articles: ARTICLES, duplicateUrls: 0, duplicateTexts: 0, indexed: ARTICLES, integrity: 'ok' });
    const log = join(dir, 'logs', 'crawl.jsonl');
    const again = runCli(['demo', '--db', db, '--no-progress', '--log-level', 'info', '--log-file', log]);
    expect(again.stdout).toMatch(/Run #\d+ finished/);
    expect(counts(db).articles).toBe(ARTICLES);
    // Logs for cron: JSON lines in the file, one per source and the run's end.
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['crawl started', 'source done', 'crawl finished']));
  }, 120_000);
});

/** Runs the demo in a child process and SIGKILLs it once the database holds the given progress; returns the article count seen then. */
function killWhen(db: string, point: { urls: number; articles: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', '--db', db, '--no-progress'], { cwd: ROOT, stdio: 'ignore' });
    let seen = -1;
    const poll = setInterval(() => {
      if (!existsSync(db)) return;
      try {
        const handle = new Database(db, { readonly: true, fileMustExist: true });
        try {
          const row = handle.prepare(`SELECT (SELECT count(*) FROM urls WHERE kind = 'article') AS urls, (SELECT count(*) FROM articles) AS articles`).get() as { urls: number; articles: number };
          if (row.urls >= point.urls && row.articles >= point.articles) {
            seen = row.articles;
            child.kill('SIGKILL');
          }
        } finally {
          handle.close();
        }
      } catch {
        // schema not created yet
      }
    }, 10);
    child.on('exit', () => { clearInterval(poll); resolve(seen); });
    child.on('error', (error) => { clearInterval(poll); reject(error); });
  });
}
