import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { UserError } from '../../src/core/errors.ts';
import { queryCommand } from '../../src/cli/query.ts';
import { listQueries } from '../../src/store/query.ts';
import { buildFixtureDb, type FixtureDb } from './fixture-db.ts';
import { readCsvObjects } from '../export/csv-read.ts';
import { Sink } from '../helpers/sink.ts';


let fixture: FixtureDb;
beforeAll(() => {
  fixture = buildFixtureDb();
});
afterAll(() => fixture.cleanup());

async function run(args: string[], withDb = true) {
  const stdout = new Sink();
  const stderr = new Sink();
  await queryCommand({ stdout, stderr }).parseAsync(withDb ? [...args, '--db', fixture.path] : args, { from: 'user' });
  return { stdout: stdout.text, stderr: stderr.text };
}

const failure = (args: string[], withDb = true) => run(args, withDb).then(() => null, (e: unknown) => e as Error);

describe('vnpress query', () => {
  it('--list names every query with its params', async () => {
    const { stdout } = await run(['--list'], false);
    for (const q of listQueries()) expect(stdout).toContain(`${q.name} — ${q.title}`);
    expect(stdout).toContain('--param unit=VALUE');
    expect(stdout).toContain('--param grain=year|month');
  });

  it('writes formula-safe CSV for named queries and SQL, as stored with --raw', async () => {
    const sql = "SELECT title FROM articles WHERE title LIKE '=%'";
    for (const args of [['sql', sql], ['search', 'nghi quyet 57']]) {
      const safe = readCsvObjects((await run([...args, '--csv'])).stdout);
      expect(safe.map((r) => r.title)).toContain(`'=HYPERLINK("http://evil.example/","Nghị quyết 57")`);
      const raw = readCsvObjects((await run([...args, '--csv', '--raw'])).stdout);
      expect(raw.map((r) => r.title)).toContain(`=HYPERLINK("http://evil.example/","Nghị quyết 57")`);
    }
  });

  it('prints a table for people and JSON or CSV for scripts', async () => {
    const table = await run(['statistics-by-unit', '--param', 'unit=%', '--param', 'from=2019']);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+value\s+total\s+unit/);
    expect(table.stderr).toBe('3 rows\n');
    const json = JSON.parse((await run(['statistics-by-unit', '-p', 'unit=%', '-p', 'from=2019', '--json'])).stdout);
    expect(json.map((r: { value: number }) => r.value)).toEqual([2, 93.2, 12]);
    const csv = readCsvObjects((await run(['official-titles', '-p', 'official=Tô Lâm', '--csv'])).stdout);
    expect(csv).toEqual([expect.objectContaining({ name: 'Tô Lâm', title: 'Tổng Bí thư', article_url: 'https://nhandan.vn/nghi-quyet-57-khoa-hoc-cong-nghe.html' })]);
  });

  it('search TEXT finds folded words and shows the snippet from the original text', async () => {
    // --vertical: the snippet whole (a table cuts it to the width, 100 off a terminal).
    const { stdout } = await run(['search', 'thanh', 'uy', '--to', '2020-06-30', '--vertical']);
    expect(stdout).toContain('«Thành ủy»');
    expect(stdout).toContain('hanoimoi');
    const json = JSON.parse((await run(['search', 'Đảng', '--source', 'nhandan', '--json'])).stdout);
    expect(json).toHaveLength(1);
    expect(json[0].snippet).toContain('«Đảng»');
  });

  it('sql runs reads and caps the table, but refuses writes', async () => {
    const { stdout, stderr } = await run(['sql', 'SELECT id, unit FROM statistics ORDER BY id', '--max-rows', '2']);
    expect(stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(stderr).toMatch(/^9 rows, 7 not shown/);
    const csv = readCsvObjects((await run(['sql', 'SELECT unit, count(*) AS n FROM statistics WHERE unit = :u', '-p', 'u=%', '--csv'])).stdout);
    expect(csv).toEqual([{ unit: '%', n: '5' }]);
    const error = await failure(['sql', 'DROP TABLE statistics']);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toBe('query sql is read-only: refused "DROP TABLE statistics" (it would write to the database)');
    expect((await run(['sql', 'SELECT count(*) AS n FROM statistics', '--json'])).stdout).toContain('"n": 9');
  });

  it('--csv --excel gives, for a named query, a search and SQL, the bytes `export --excel` gives', async () => {
    const { exportCommand } = await import('../../src/cli/export.ts');
    const exported = async (args: string[]) => {
      const stdout = new Sink();
      await exportCommand({ stdout, stderr: new Sink() }).parseAsync([...args, '--excel', '--db', fixture.path], { from: 'user' });
      return stdout.text;
    };
    const sql = 'SELECT title, url FROM articles ORDER BY id';
    const viaQuery = (await run(['sql', sql, '--csv', '--excel'])).stdout;
    expect(viaQuery).toBe(await exported([`sql:${sql}`]));
    expect(viaQuery.charCodeAt(0)).toBe(0xfeff);
    expect(viaQuery).toContain('\r\n');
    // The fixture holds a title that is a formula: neutralised.
    expect(viaQuery).toContain("'=HYPERLINK(");
    expect((await run(['statistics-by-unit', '-p', 'unit=%', '--csv', '--excel'])).stdout)
      .toBe(await exported(['statistics-by-unit', '-p', 'unit=%']));
    const plain = (await run(['statistics-by-unit', '-p', 'unit=%', '--csv'])).stdout;
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain).not.toContain('\r');
  });

  it('--columns picks and orders columns in tables, JSON and CSV; --vertical prints one field per line', async () => {
    const table = (await run(['statistics-by-unit', '-p', 'unit=%', '--columns', 'unit,value'])).stdout.split('\n');
    expect(table[0]).toMatch(/^unit\s+value$/);
    const json = JSON.parse((await run(['statistics-by-unit', '-p', 'unit=%', '--columns', 'value,unit', '--json'])).stdout);
    expect(Object.keys(json[0])).toEqual(['value', 'unit']);
    const csv = (await run(['sql', 'SELECT id, unit, value FROM statistics ORDER BY id', '--columns', 'value,id', '--csv'])).stdout;
    expect(csv.split('\n')[0]).toBe('value,id');
    const vertical = (await run(['search', 'thanh', 'uy', '--vertical', '--columns', 'title,article_url'])).stdout;
    expect(vertical).toMatch(/^─\[ 1 \]─+\ntitle       │ .+\narticle_url │ https?:\/\//);
    const error = await failure(['statistics-by-unit', '-p', 'unit=%', '--columns', 'unit,nope']);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(/--columns: no column "nope"; the columns are: .*unit/);
  });

  it('fits a table to COLUMNS (100 when unset and not a terminal), numbers whole', async () => {
    const saved = process.env.COLUMNS;
    try {
      for (const width of ['100', '72']) {
        process.env.COLUMNS = width;
        const { stdout } = await run(['search', 'dang']);
        for (const line of stdout.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(Number(width));
      }
    } finally {
      if (saved === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = saved;
    }
  });

  it('takes a choice in any case, as --list shows it', async () => {
    const lower = (await run(['unit-trend', '-p', 'unit=%', '-p', 'grain=month', '--json'])).stdout;
    expect(JSON.parse(lower).length).toBeGreaterThan(0);
    expect((await run(['unit-trend', '-p', 'unit=%', '-p', 'grain=MONTH', '--json'])).stdout).toBe(lower);
    expect((await run(['unit-trend', '-p', 'unit=%', '-p', 'grain=Month', '--json'])).stdout).toBe(lower);
    expect((await failure(['unit-trend', '-p', 'unit=%', '-p', 'grain=week']))!.message).toMatch(/grain: "week": .*\(one of year, month\)/);
  });

  it.each([
    [['statistics-by-unit', '-p', 'unit=%', '--excel'], /--excel applies to --csv only/],
    [['no-such-query'], /unknown query "no-such-query"; named queries are: /],
    [['statistics-by-unit', '-p', 'unit=%', '-p', 'limit=many'], /param limit: "many": expected a whole number/],
    [['statistics-by-unit', '-p', 'unit'], /--param "unit": expected NAME=VALUE/],
    [['search', 'x', '--limit', '0'], /--limit "0": expected a positive whole number/],
    [['statistics-by-unit', '-p', 'unit=%', '--json', '--csv'], /choose one of --json and --csv/],
    [['statistics-by-unit', '-p', 'unit=%', '--raw'], /--raw applies to --csv only/],
  ])('%j fails with one line', async (args, message) => {
    const error = await failure(args as string[]);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(message);
  });

  it('names a missing database', async () => {
    const error = await failure(['top-units', '--db', join(fixture.dir, 'nope.db')], false);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(/nope\.db does not exist/);
  });
});
