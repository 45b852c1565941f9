// Parquet exports, written by hyparquet-writer and read back by an independent reader: parquet-wasm
// (Rust's arrow-rs/parquet crates compiled to WASM) into Apache Arrow's JS tables. Each column's
// Parquet type is checked, and every value against the same rows read from SQLite.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readParquet } from 'parquet-wasm';
import { tableFromIPC, type Table } from 'apache-arrow';
import Database from 'better-sqlite3';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { UserError } from '../../src/core/errors.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { columnKind, writeParquet } from '../../src/export/parquet.ts';
import { buildFixtureDb, type FixtureDb } from '../query/fixture-db.ts';
import { Writable } from 'node:stream';

class Sink extends Writable {
  chunks: Buffer[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }
  get bytes() {
    return Buffer.concat(this.chunks);
  }
  get text() {
    return this.bytes.toString('utf8');
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

/** The file read by parquet-wasm, as an Arrow table. */
function read(bytes: Uint8Array): Table {
  return tableFromIPC(readParquet(bytes).intoIPCStream());
}

/** Arrow's type of each column, as text (`Int64`, `Float64`, `Utf8`, `Date32<DAY>`, `Timestamp<MILLISECOND…>`). */
const typesOf = (table: Table) => Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));

/** A cell as plain JS: bigint → number, Date-like millis kept as numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}

async function exportFile(args: string[]): Promise<{ bytes: Buffer; stderr: string }> {
  const out = join(fixture.dir, `export-${Math.random().toString(36).slice(2)}.parquet`);
  const stderr = new Sink();
  await exportCommand({ stdout: new Sink(), stderr }).parseAsync([...args, '--format', 'parquet', '--out', out, '--db', fixture.path], { from: 'user' });
  return { bytes: readFileSync(out), stderr: stderr.text };
}

describe('Parquet export', () => {
  it('of a table: typed columns (integers, doubles, timestamps, text) that read back as SQLite holds them', async () => {
    const { bytes, stderr } = await exportFile(['statistics']);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(stderr).toMatch(/exported 9 rows of statistics to .*\.parquet \(parquet, .*all 9 rows of the table\)/);
    const table = read(bytes);
    const types = typesOf(table);
    expect(types.id).toBe('Int64');
    expect(types.article_id).toBe('Int64');
    expect(types.value).toBe('Float64');
    expect(types.text).toBe('Utf8');
    expect(types.article_url).toBe('Utf8');
    expect(types.published).toMatch(/^Timestamp<MILLISECOND/);
    expect(types.period_start).toMatch(/^Date32/);
    const expected = db.prepare(`SELECT * FROM statistics ORDER BY id`).all() as Array<Record<string, unknown>>;
    expect(table.numRows).toBe(expected.length);
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    rows.forEach((row, i) => {
      for (const [column, value] of Object.entries(expected[i]!)) {
        // An ISO instant (TIMESTAMP) and a day (DATE) read back as milliseconds since 1970 UTC.
        const want = typeof value === 'string' && /^(Timestamp|Date)/.test(types[column]!) ? Date.parse(value) : value;
        expect(plain(row[column]), `${column} of row ${i}`).toEqual(want);
      }
    });
  });

  it('of a view and an sql: query: dates as DATE, ISO instants as TIMESTAMP (UTC), NULLs kept', async () => {
    const sql = `sql:SELECT id, published, substr(published, 1, 10) AS day, title, NULL AS empty, 1.5 * id AS half FROM articles ORDER BY id`;
    const { bytes } = await exportFile([sql]);
    const table = read(bytes);
    const types = typesOf(table);
    expect(types.day).toMatch(/^Date32/);
    expect(types.published).toMatch(/^Timestamp<MILLISECOND/);
    expect(types.half).toBe('Float64');
    expect(types.empty).toBe('Utf8');
    const expected = db.prepare(sql.slice(4)).all() as Array<{ published: string | null; day: string | null; title: string }>;
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(rows).toHaveLength(expected.length);
    expect(expected.filter((r) => r.published).length).toBeGreaterThan(2);
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(row.title).toBe(want.title);
      expect(row.empty).toBeNull();
      if (want.published === null) expect(row.published).toBeNull();
      else expect(Number(row.published)).toBe(Date.parse(want.published));
      if (want.day === null) expect(row.day).toBeNull();
      else expect(new Date(Number(row.day)).toISOString().slice(0, 10)).toBe(want.day);
    });
    const view = read((await exportFile(['articles_view'])).bytes);
    expect(view.numRows).toBe(expected.length);
  });

  it('of a search, with Vietnamese text intact', async () => {
    const table = read((await exportFile(['search:thanh uy'])).bytes);
    expect(table.numRows).toBeGreaterThan(0);
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(rows.some((r) => String(r.snippet).includes('Thành ủy'))).toBe(true);
    expect(typesOf(table).article_id).toBe('Int64');
  });

  it('writes many row groups from a stream and keeps every row (to stdout too)', async () => {
    // 120,003 generated rows: three row groups and a bit; read back whole by the other reader.
    const mem = new Database(':memory:');
    const count = 120_003;
    const statement = mem.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
      SELECT i, i * 0.25 AS quarter, 'hàng ' || i AS label, date('2020-01-01', '+' || (i % 3000) || ' days') AS day FROM n`);
    const stdout = new Sink();
    let counted = 0;
    const { rows, bytes } = await writeParquet({ columns: ['i', 'quarter', 'label', 'day'], rows: statement.iterate() as IterableIterator<Record<string, unknown>> }, stdout, (n) => (counted += n));
    expect(rows).toBe(count);
    expect(counted).toBe(count);
    expect(stdout.bytes.length).toBe(bytes);
    const table = read(stdout.bytes);
    expect(table.numRows).toBe(count);
    const last = table.get(count - 1)!.toJSON() as Record<string, unknown>;
    expect(plain(last.i)).toBe(count);
    expect(last.quarter).toBe(count * 0.25);
    expect(last.label).toBe(`hàng ${count}`);
    expect(new Date(Number(last.day)).toISOString().slice(0, 10)).toBe(mem.prepare(`SELECT date('2020-01-01', '+' || (${count} % 3000) || ' days')`).pluck().get());
    mem.close();
  }, 60_000);

  it.each([
    [[1, 2, null], null, 'INT64'],
    [[1, 2.5], null, 'DOUBLE'],
    [[1, 2], 'REAL', 'DOUBLE'],
    [['2020-01-31', null, '1999-12-01'], 'TEXT', 'DATE'],
    [['2020-02-30'], 'TEXT', 'STRING'],
    [['2021-03-04T08:00:00+07:00', '2021-03-04T01:00:00Z'], 'TEXT', 'TIMESTAMP'],
    [['2021-03-04T08:00:00'], 'TEXT', 'STRING'],
    [['2020-01-31', '2021-03-04T08:00:00+07:00'], 'TEXT', 'STRING'],
    [['2020', '2020-07'], 'TEXT', 'STRING'],
    [['x', 1], null, 'STRING'],
    [[new Uint8Array([1, 2])], 'BLOB', 'BYTE_ARRAY'],
    [[null, null], 'INTEGER', 'INT64'],
    [[], null, 'STRING'],
  ])('types %j (declared %s) as %s', (values, declared, kind) => {
    expect(columnKind(values, declared)).toBe(kind);
  });

  it('stops with one line naming the column, the row and the value when a later value does not fit', async () => {
    const mem = new Database(':memory:');
    const statement = mem.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
      SELECT CASE WHEN i = 55000 THEN 0.5 ELSE i END AS v FROM n`);
    const error = await writeParquet({ columns: ['v'], rows: statement.iterate() as IterableIterator<Record<string, unknown>> }, new Sink(), () => {})
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/column v, row 55,000: 0\.5 does not fit the column's type INT64/);
    mem.close();
  });

  it('refuses --excel with parquet', async () => {
    const error = await exportFile(['statistics', '--excel']).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/--excel applies to --format csv only/);
  });
});
