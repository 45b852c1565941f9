import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { Store } from '../../src/store/db.ts';
import { UserError } from '../../src/core/errors.ts';
import { resolveExportSource, writeRows, type CsvMode, type ExportFormat } from '../../src/export/index.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { ARTICLES, SOURCES, buildFixtureDb, toArticle, type FixtureDb } from '../query/fixture-db.ts';
import { readCsv, readCsvObjects } from './csv-read.ts';

/** A stdout/stderr stand-in that keeps what is written. */
class Sink extends Writable {
  chunks: Buffer[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }
  get text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

let fixture: FixtureDb;
let db: DB;
beforeAll(() => {
  fixture = buildFixtureDb();
  db = openDatabase(fixture.path, { readonly: true });
});
afterAll(() => {
  db.close();
  fixture.cleanup();
});

async function exportText(name: string, format: ExportFormat, options: { csv?: CsvMode; params?: Record<string, string> } = {}) {
  const out = new Sink();
  const source = resolveExportSource(db, name, options.params);
  const summary = await writeRows(source, { format, csv: options.csv, stdout: out, stderr: new Sink(), progress: false });
  return { text: out.text, summary, source };
}

describe('CSV export', () => {
  it('of a table parses back, with label columns next to the ids and the article URL', async () => {
    const { text, summary, source } = await exportText('statistics', 'csv');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const rows = readCsvObjects(text);
    expect(rows).toHaveLength(9);
    expect(summary.rows).toBe(9);
    expect(source.total).toBe(9);
    const header = readCsv(text)[0]!;
    expect(header.slice(header.indexOf('article_id'), header.indexOf('article_id') + 3)).toEqual(['article_id', 'article_title', 'article_url']);
    const row = rows.find((r) => r.text === '356/382 xã')!;
    expect(row).toMatchObject({ value: '356', total: '382', unit: 'xã', place: 'Hà Nội', article_url: 'https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html' });
    // formula-safe by default: text a spreadsheet would run gets a ', numbers stay numbers
    expect(rows.find((r) => r.value === '-0.5')!.text).toBe("'-0,5%");
    expect(rows.some((r) => r.article_title!.startsWith("'=HYPERLINK("))).toBe(true);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@]/);
    expect(text).not.toContain('\r\n');
  });

  it('raw mode writes every cell as stored', async () => {
    const { text } = await exportText('statistics', 'csv', { csv: 'raw' });
    const rows = readCsvObjects(text);
    expect(rows.find((r) => r.value === '-0.5')!.text).toBe('-0,5%');
    expect(rows.some((r) => r.article_title!.startsWith('=HYPERLINK('))).toBe(true);
  });

  it('in Excel mode starts with a BOM, ends lines with CRLF and neutralises formulas, numbers untouched', async () => {
    const { text } = await exportText('statistics', 'csv', { csv: 'excel' });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const rows = readCsvObjects(text.slice(1));
    expect(rows).toHaveLength(9);
    const injected = rows.find((r) => r.article_title!.includes('HYPERLINK'))!;
    expect(injected.article_title!.startsWith("'=HYPERLINK(")).toBe(true);
    const negative = rows.find((r) => r.text!.includes('0,5%'))!;
    expect(negative.text).toBe("'-0,5%");
    expect(negative.value).toBe('-0.5');
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('labels officials and documents next to their ids', async () => {
    const titles = readCsv((await exportText('official_titles', 'csv')).text);
    const header = titles[0]!;
    expect(header.indexOf('official_name')).toBe(header.indexOf('official_id') + 1);
    const citations = readCsvObjects((await exportText('document_citations', 'csv')).text);
    expect(citations.map((c) => c.document_code).sort()).toEqual(['03-CTr/BDVTU', '290-QĐ/TW', '290-QĐ/TW', '57-NQ/TW']);
    expect(citations.every((c) => c.article_url!.startsWith('https://'))).toBe(true);
  });

  it('writes the header of an empty result', async () => {
    const { text, summary } = await exportText('statistics-by-unit', 'csv', { params: { unit: 'km' } });
    expect(summary.rows).toBe(0);
    expect(readCsv(text)).toEqual([expect.arrayContaining(['value', 'unit', 'article_url'])]);
  });
});

describe('JSON Lines export', () => {
  it('of a view, a named query and a search: one parseable object per line', async () => {
    const view = (await exportText('official_titles_view', 'jsonl')).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(view).toHaveLength(10);
    expect(view[0]).toHaveProperty('article_url');
    const query = (await exportText('documents-by-code', 'jsonl', { params: { code: '290' } })).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(query.map((q) => q.code)).toEqual(['290-QĐ/TW', '290-QĐ/TW']);
    const search = (await exportText('search:thanh uy', 'jsonl')).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(search).toHaveLength(2);
    expect(search[0].snippet).toContain('«Thành ủy»');
    expect(Object.keys(search[0])).toEqual(['article_id', 'published', 'source_id', 'source_name', 'section', 'language', 'title', 'author',
      'snippet', 'article_url', 'rank']);
  });

  it('writes blobs (stored raw pages) as base64', async () => {
    const path = join(fixture.dir, 'raw.db');
    const store = new Store(path);
    store.upsertSource(SOURCES[0]!);
    const first = ARTICLES[0]!;
    store.saveArticle(toArticle(first), first.extraction, { raw: { html: '<p>Thành ủy</p>', charset: 'utf-8' } });
    store.close();
    const rawDb = openDatabase(path, { readonly: true });
    const out = new Sink();
    await writeRows(resolveExportSource(rawDb, 'raw_pages'), { format: 'jsonl', stdout: out, progress: false });
    rawDb.close();
    const [row] = out.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(row.article_url).toBe(first.url);
    expect(gunzipSync(Buffer.from(row.html_gzip, 'base64')).toString('utf8')).toBe('<p>Thành ủy</p>');
  });
});

describe('export command', () => {
  const run = async (args: string[]) => {
    const stdout = new Sink();
    const stderr = new Sink();
    await exportCommand({ stdout, stderr }).parseAsync([...args, '--db', fixture.path], { from: 'user' });
    return { stdout: stdout.text, stderr: stderr.text };
  };

  it('writes formula-safe CSV by default, as stored with --raw; --excel and --raw do not go together', async () => {
    const title = (text: string) => readCsvObjects(text).map((r) => r.title).find((t) => t!.includes('HYPERLINK'));
    expect(title((await run(['articles'])).stdout)).toBe(`'=HYPERLINK("http://evil.example/","Nghị quyết 57")`);
    const raw = await run(['articles', '--raw']);
    expect(title(raw.stdout)).toBe(`=HYPERLINK("http://evil.example/","Nghị quyết 57")`);
    expect(raw.stderr).toMatch(/\(csv, raw, /);
    const both = await run(['articles', '--raw', '--excel']).then(() => null, (e: unknown) => e as Error);
    expect(both?.message).toMatch(/--excel.*cannot be used with.*--raw|--raw.*cannot be used with.*--excel/);
  });

  it('writes a file, leaves no partial file, and reports the rows written', async () => {
    const out = join(fixture.dir, 'statistics.csv');
    const { stdout, stderr } = await run(['statistics', '--format', 'csv', '--out', out]);
    expect(stdout).toBe('');
    expect(readCsvObjects(readFileSync(out, 'utf8'))).toHaveLength(9);
    expect(readdirSync(fixture.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(stderr).toMatch(/exported 9 rows of statistics to .*statistics\.csv \(csv, .*all 9 rows of the table\)/);
  });

  it('takes params for named queries and searches', async () => {
    const { stdout } = await run(['statistics-by-place', '--param', 'place=Thanh Hóa', '--format', 'jsonl']);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l).value)).toEqual([28000, 12]);
    const { stdout: found } = await run(['search:dang', '-p', 'source=nhandan', '--format', 'jsonl']);
    expect(found.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exports any read-only SQL (sql:…), with :name params, the same rows as `query sql`', async () => {
    const sql = 'sql:SELECT unit, count(*) AS n, sum(value) AS total FROM statistics WHERE value > :min GROUP BY unit ORDER BY unit';
    const { stdout, stderr } = await run([sql, '--param', 'min=0', '--format', 'csv', '--excel']);
    const rows = readCsvObjects(stdout.slice(1));
    const expected = db.prepare(sql.slice(4)).all({ min: 0 }) as Array<{ unit: string; n: number; total: number }>;
    expect(expected.length).toBeGreaterThan(1);
    expect(rows).toEqual(expected.map((r) => ({ unit: r.unit, n: String(r.n), total: String(r.total) })));
    expect(stderr).toMatch(/exported \d+ rows of sql "SELECT unit, count/);
    const { stdout: lower } = await run(['SQL:select count(*) AS n from articles', '--format', 'jsonl']);
    expect(JSON.parse(lower)).toEqual({ n: ARTICLES.length });
  });

  it.each([
    [['sql:DELETE FROM statistics'], /query sql is read-only: refused "DELETE FROM statistics"/],
    [['sql:SELECT 1; DROP TABLE articles'], /one statement at a time/],
    [["sql:ATTACH 'x.db' AS x"], /read-only: refused/],
    [['sql:PRAGMA journal_mode = DELETE'], /read-only: refused/],
    [['sql:SELECT * FROM statistics WHERE value > :min'], /give values with --param/],
    [['sql:SELEC 1'], /query sql: .*syntax error/],
    [['sql:'], /no statement given/],
  ])('refuses %j with one clear line, as query sql does', async (args, message) => {
    const error = await run(args as string[]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    [['nothing'], /nothing to export called "nothing"; tables: .*statistics.*; views: .*statistics_view.*; named queries: .*statistics-by-unit/],
    [['statistics', '--format', 'jsonl', '--excel'], /--excel applies to --format csv only/],
    [['statistics', '--format', 'jsonl', '--raw'], /--raw applies to --format csv only/],
    [['statistics', '--param', 'unit=%'], /--param applies to named queries and search:TEXT, not to the table statistics/],
    [['statistics-by-unit'], /param unit is required/],
    [['statistics', '--out', '/nonexistent-dir/x.csv'], /cannot write \/nonexistent-dir\/x\.csv/],
  ])('%j fails with one clear line', async (args, message) => {
    const error = await run(args as string[]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names a missing database', async () => {
    const error = await exportCommand({ stdout: new Sink(), stderr: new Sink() })
      .parseAsync(['statistics', '--db', join(fixture.dir, 'missing.db')], { from: 'user' })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/missing\.db does not exist/);
    expect(existsSync(join(fixture.dir, 'missing.db'))).toBe(false);
  });
});
