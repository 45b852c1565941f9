// An export read by several threads (src/export/parallel.ts) must write the bytes a single thread
// writes, from one snapshot, and finish on its own when a worker cannot help.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { rebuildStatisticsSummary } from '../../src/store/summary.ts';
import { CommitWatch, RangeReader, beginSnapshot } from '../../src/store/snapshot.ts';
import { exportRows, resolveExportSource, writeRows, type CsvMode, type ExportFormat } from '../../src/export/index.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { readCsv } from './csv-read.ts';

const ARTICLES = 1_500;
const STATISTICS = 30_000;

class Sink extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  get text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnpress-parallel-'));
  path = join(dir, 'vnpress.db');
  const store = new Store(path);
  store.upsertSource({ id: 'gen', name: 'Báo "Sinh", tạo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
  const db = store.db;
  // Cells CSV and JSON treat specially, numbers JS and SQLite print differently if one is careless,
  // NULLs, and rowids with gaps (deleted rows), so that ranges hold uneven numbers of rows.
  const tricky = ['Thành ủy "Hà Nội"', 'dòng\nmới', '=SUM(A1:A9)', '-5', '+84 912', '@người', 'a,b;c', '', '\ttab', 'cuối\r\n', '😀 emoji', '＝fullwidth'];
  const insertArticle = db.prepare(`INSERT INTO articles (id, url, source_id, title, published, language, text, content_hash, first_stored_at, updated_at)
    VALUES (?, ?, 'gen', ?, ?, 'vi', ?, ?, '2025-01-01', '2025-01-01')`);
  const insertRaw = db.prepare(`INSERT INTO raw_pages (article_id, url, html_gzip) VALUES (?, ?, ?)`);
  const insertStat = db.prepare(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded, context, place, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let a = 1; a <= ARTICLES; a++) {
      const title = `${tricky[a % tricky.length]} bài ${a}`;
      insertArticle.run(a, `http://127.0.0.1/${a}.html`, title, a % 7 ? `2020-01-${String(1 + (a % 28)).padStart(2, '0')}` : null,
        `${title}. `.repeat(1 + (a % 40)), createHash('sha256').update(String(a)).digest('hex'));
      if (a % 3 === 0) insertRaw.run(a, `http://127.0.0.1/${a}.html`, createHash('sha512').update(String(a)).digest());
    }
    for (let i = 0; i < STATISTICS; i++) {
      const value = i % 11 === 0 ? -0 : i % 5 === 0 ? 0.1 * i : i % 3 === 0 ? -i / 7 : i * 1e17;
      insertStat.run(1 + (i % ARTICLES), `${i} ${tricky[i % tricky.length]}`, value, i % 4 ? null : 382, 'xã', 'xa',
        tricky[(i * 5) % tricky.length], i % 2 ? 'Hà Nội' : null, '2020-01-01');
    }
    db.exec('DELETE FROM statistics WHERE id % 97 = 0 OR id BETWEEN 10000 AND 12500');
  })();
  rebuildStatisticsSummary(db);
  store.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exported(name: string, format: ExportFormat, threads: number, csv: CsvMode = 'safe') {
  const db = openDatabase(path, { readonly: true });
  try {
    const out = new Sink();
    const run = await exportRows(db, name, {}, { format, csv, threads, stdout: out, stderr: new Sink(), progress: false, awaitWorkers: true, workersAfterMs: 0 });
    return { ...run, text: out.text };
  } finally {
    db.close();
  }
}

describe('parallel export', () => {
  it.each([
    ['statistics', 'csv', 'safe'],
    ['statistics', 'csv', 'excel'],
    ['statistics', 'csv', 'raw'],
    ['statistics', 'jsonl', 'safe'],
    ['statistics_view', 'jsonl', 'safe'],
    ['articles', 'csv', 'safe'],
    ['articles_view', 'csv', 'excel'],
    ['raw_pages', 'jsonl', 'safe'],
  ] as const)('of %s as %s (csv %s) writes the bytes one thread writes', async (name, format, csv) => {
    const one = await exported(name, format, 1, csv);
    const three = await exported(name, format, 3, csv);
    expect(one.threads).toBe(1);
    expect(three.threads).toBeGreaterThan(1);
    expect(three.rows).toBe(one.rows);
    expect(three.bytes).toBe(one.bytes);
    expect(three.text === one.text).toBe(true);
  }, 60_000);

  it('writes every row of the table once, in rowid order, across the gaps', async () => {
    const run = await exported('statistics', 'csv', 2);
    const rows = readCsv(run.text).slice(1);
    const db = openDatabase(path, { readonly: true });
    const ids = db.prepare('SELECT id FROM statistics ORDER BY id').pluck().all() as number[];
    db.close();
    expect(run.rows).toBe(ids.length);
    expect(rows.map((r) => Number(r[0]))).toEqual(ids);
  }, 60_000);

  it('exports a keyed view in key order', async () => {
    const run = await exported('statistics_view', 'jsonl', 2);
    const ids = run.text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it('reads on one thread when somebody committed after the snapshot was taken', async () => {
    const db = openDatabase(path, { readonly: true });
    try {
      const source = resolveExportSource(db, 'statistics');
      const out = new Sink();
      const summary = await writeRows(source, {
        format: 'csv', stdout: out, progress: false,
        parallel: { threads: 3, sameSnapshot: () => false, awaitWorkers: true, workersAfterMs: 0 },
      });
      expect(summary.threads).toBe(1);
      expect(summary.rows).toBe(source.total);
    } finally {
      db.close();
    }
  }, 60_000);

  it('finishes on the main thread when its workers cannot open the database', async () => {
    const db = openDatabase(path, { readonly: true });
    try {
      const source = resolveExportSource(db, 'statistics');
      const out = new Sink();
      const ranges = { ...source.ranges!, path: join(dir, 'missing.db') };
      const summary = await writeRows({ ...source, ranges }, {
        format: 'csv', stdout: out, progress: false,
        parallel: { threads: 2, sameSnapshot: () => true, awaitWorkers: true, workersAfterMs: 0 },
      });
      expect(summary.threads).toBe(1);
      expect(summary.rows).toBe(source.total);
      expect(readCsv(out.text)).toHaveLength(source.total! + 1);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('one snapshot over several connections', () => {
  let copy: string;
  let writer: DB;
  beforeAll(() => {
    copy = join(dir, 'watched.db');
    const source = new Database(path, { readonly: true });
    source.exec(`VACUUM INTO '${copy}'`);
    source.close();
    writer = openDatabase(copy);
  });
  afterAll(() => writer.close());

  it('CommitWatch sees a commit by another connection, and only then', () => {
    const watch = new CommitWatch(copy);
    try {
      expect(watch.unchanged()).toBe(true);
      writer.prepare('SELECT count(*) FROM statistics').get(); // a read is not a commit
      expect(watch.unchanged()).toBe(true);
      writer.prepare(`UPDATE sources SET name = 'Báo mới' WHERE id = 'gen'`).run();
      expect(watch.unchanged()).toBe(false);
    } finally {
      watch.close();
    }
  });

  it('a RangeReader keeps the rows of the moment it opened while others commit', () => {
    const connection = new Database(copy, { readonly: true });
    beginSnapshot(connection);
    const reader = new RangeReader(connection, 'SELECT id, value FROM statistics WHERE id > :after AND id <= :last ORDER BY id');
    try {
      const before = [...reader.rows(0, 50)];
      writer.prepare('UPDATE statistics SET value = -1 WHERE id <= 50').run();
      writer.prepare('DELETE FROM statistics WHERE id BETWEEN 20 AND 30').run();
      expect([...reader.rows(0, 50)]).toEqual(before);
      expect(before.some((row) => row[1] === -1)).toBe(false);
    } finally {
      reader.close();
    }
  });
});

describe('export command', () => {
  async function run(args: string[]) {
    const stdout = new Sink();
    const stderr = new Sink();
    try {
      await exportCommand({ stdout, stderr }).parseAsync(args, { from: 'user' });
      return { stdout: stdout.text, stderr: stderr.text, error: null as Error | null };
    } catch (error) {
      return { stdout: stdout.text, stderr: stderr.text, error: error as Error };
    }
  }

  it('rejects a thread count that is not a whole number from 1 to 64', async () => {
    for (const value of ['0', '-2', '1.5', 'many', '65']) {
      const { error } = await run(['statistics', '--db', path, '--threads', value]);
      expect(error?.message).toContain(`--threads "${value}"`);
    }
  });

  it('exports a WITHOUT ROWID table in primary-key order', async () => {
    const { stdout, stderr, error } = await run(['statistics_summary', '--db', path, '--threads', '2']);
    expect(error).toBeNull();
    const rows = readCsv(stdout);
    const db = openDatabase(path, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM statistics_summary').pluck().get() as number;
    db.close();
    expect(count).toBeGreaterThan(0);
    expect(rows).toHaveLength(count + 1);
    expect(stderr).toContain(`all ${count.toLocaleString('en')} rows of the table`);
  });
});
