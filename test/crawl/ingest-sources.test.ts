// Ingest changes only what the user asked, and reextract changes nothing on an untouched database:
// a mistyped --source is refused with the known ones, a stored source is never rewritten by ingest,
// duplicates are found across sources (same text, or a canonical URL already stored), and reextract
// cleans each page with the profile its source was stored with, lists what it changed, and with
// --dry-run writes nothing. The real binary on real files and a real crawl of the demo sites.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../cli/run-cli.ts';
import { Store } from '../../src/store/db.ts';
import { startDemoSites } from '../../src/run/demo-sites.ts';
import { demoSources } from '../../pipelines/demo.ts';
import { crawlSources } from '../../src/cli/crawl.ts';
import { entitySignature } from '../../src/store/reports.ts';
import { ENTITY_KINDS } from '../../src/core/entities.ts';

const PAGE = 'fixtures/sites/vnexpress/de-xuat-mo-cua-du-lich-quoc-te-hoan-toan-tu-15-3-4428121.html';
const CANONICAL = 'https://vnexpress.net/de-xuat-mo-cua-du-lich-quoc-te-hoan-toan-tu-15-3-4428121.html';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-ingest-src-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (db: string, sql: string) => {
  const handle = new Database(db, { readonly: true });
  try { return handle.prepare(sql).all(); } finally { handle.close(); }
};

describe('ingest --source', () => {
  it('refuses a mistyped source, naming the known ones, and creates nothing', () => {
    const db = join(dir, 'typo.db');
    const result = runCli(['ingest', PAGE, '--source', 'vnexpres', '--db', db]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown source "vnexpres": known sources are .*\bvnexpress\b.*; .*add --new-source/);
    expect(existsSync(db)).toBe(false);
  }, 120_000);

  it('creates a new source only with --new-source', () => {
    const db = join(dir, 'new.db');
    const result = runCli(['ingest', PAGE, '--source', 'my-archive', '--new-source', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(rows(db, `SELECT id, name FROM sources`)).toEqual([{ id: 'my-archive', name: 'my-archive' }]);
    expect(rows(db, `SELECT source_id AS s FROM articles`)).toEqual([{ s: 'my-archive' }]);
  }, 120_000);

  it('leaves a stored source as its profile wrote it, and finds duplicates across sources by text and by canonical URL', () => {
    const db = join(dir, 'dup.db');
    // As a crawl stores it: the source from its profile, the article under the URL it was fetched from.
    const store = new Store(db);
    // (No selectors: the generic cleaner, as for a source without a profile, so both files clean to the same text.)
    store.upsertSource({ id: 'vnexpress', name: 'VnExpress (demo)', baseUrl: 'http://127.0.0.1:9/', language: 'vi' });
    store.close();
    const before = rows(db, `SELECT * FROM sources`);

    const first = runCli(['ingest', PAGE, '--source', 'vnexpress', '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/1 new/);
    expect(rows(db, `SELECT * FROM sources`)).toEqual(before);

    // The same text under another source, from another file: a duplicate, not a second article.
    const copy = join(dir, 'copy.html');
    copyFileSync(PAGE, copy);
    const again = runCli(['ingest', copy, '--source', 'other', '--new-source', '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 new, 0 updated, 0 unchanged, 1 duplicate/);

    // A saved page whose canonical URL is a stored (crawled) article is that article, whatever its text.
    const handle = new Database(db);
    handle.prepare(`UPDATE articles SET url = ? WHERE source_id = 'vnexpress'`).run(CANONICAL);
    handle.close();
    const edited = join(dir, 'edited.html');
    writeFileSync(edited, readFileSync(PAGE, 'utf8').replace(/(<article[^>]*>)/, '$1<p>Đoạn văn thêm vào bản lưu, không có trên trang gốc của báo điện tử.</p>'));
    const saved = runCli(['ingest', edited, '--db', db]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/0 new, 0 updated, 0 unchanged, 1 duplicate/);
    expect(rows(db, `SELECT count(*) AS n FROM articles`)).toEqual([{ n: 1 }]);
    expect(rows(db, `SELECT * FROM sources WHERE id = 'vnexpress'`)).toEqual(before);
  }, 180_000);
});

describe('reextract', () => {
  const counts = (db: string) => Object.fromEntries(ENTITY_KINDS.map((k) => [k.table, (rows(db, `SELECT count(*) AS n FROM ${k.table}`)[0] as { n: number }).n]));
  const signatures = (db: string) => {
    const handle = new Database(db, { readonly: true });
    try {
      const ids = handle.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
      return ids.map((id) => entitySignature(handle, id));
    } finally { handle.close(); }
  };

  it('on a crawl of the demo sites changes nothing; --dry-run lists what would change and writes nothing', async () => {
    const db = join(dir, 'demo.db');
    const sites = await startDemoSites();
    try {
      const report = await crawlSources('demo', demoSources(sites.sites), { db, progress: false, logLevel: 'silent' }, { defaultMinDelayMs: 0 });
      expect(report.sources.reduce((n, s) => n + s.counts.stored, 0)).toBeGreaterThan(5);
    } finally {
      await sites.close();
    }
    const tables = counts(db);
    const before = signatures(db);
    const articles = rows(db, 'SELECT id, title, text, content_hash FROM articles ORDER BY id');

    const same = runCli(['reextract', '--db', db]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/: 0 with new text .*, 0 with changed entities, \d+ unchanged; entity rows (\d+) → \1\./);
    expect(same.stdout).not.toMatch(/changed: article/);
    expect(counts(db)).toEqual(tables);
    expect(signatures(db)).toEqual(before);
    expect(rows(db, 'SELECT id, title, text, content_hash FROM articles ORDER BY id')).toEqual(articles);
    expect(rows(db, 'SELECT count(*) AS n FROM article_revisions')).toEqual([{ n: 0 }]);

    // As if an older version of the rules had found fewer statistics in one article.
    const handle = new Database(db);
    const victim = handle.prepare('SELECT article_id FROM statistics LIMIT 1').pluck().get() as number;
    const url = handle.prepare('SELECT url FROM articles WHERE id = ?').pluck().get(victim) as string;
    handle.prepare('DELETE FROM statistics WHERE article_id = ?').run(victim);
    handle.close();
    const damaged = counts(db);

    const dry = runCli(['reextract', '--db', db, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter((l) => l.startsWith('would change:'))).toEqual([expect.stringContaining(`article ${victim} ${url}: entities`)]);
    expect(dry.stdout).toMatch(/^Dry run, nothing written: .* 1 with changed entities/m);
    expect(counts(db)).toEqual(damaged);

    const real = runCli(['reextract', '--db', db]);
    expect(real.stdout.split('\n').filter((l) => l.startsWith('changed:'))).toEqual([expect.stringContaining(`article ${victim} ${url}: entities`)]);
    expect(counts(db)).toEqual(tables);
    expect(signatures(db)).toEqual(before);
  }, 300_000);
});
