// CSV is written a batch of rows at a time (one csv-stringify call per batch); the text must be
// byte for byte what one csv-stringify call over all rows gives, in plain and in Excel mode.
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { writeRows } from '../../src/export/index.ts';
import type { RowStream } from '../../src/store/query.ts';

const TRICKY: unknown[] = [
  'Thành ủy "Hà Nội"', 'dòng\nmới', '=SUM(A1:A9)', '-5', '+84 912', '@người', 'a,b;c', '', null, 0, -1.5, 93.2, 1e21, 12345678901234567890n,
  new Uint8Array([0, 1, 254, 255]), Buffer.from('xin chào'), '\ttab', 'cuối\r\n', '😀 emoji',
];

function rows(count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => [i, TRICKY[i % TRICKY.length], TRICKY[(i * 7) % TRICKY.length], `dòng ${i}`]);
}

async function csv(data: unknown[][], excel: boolean): Promise<{ text: string; rows: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const source: RowStream = { columns: ['id', 'a', 'b', 'c'], rows: [][Symbol.iterator](), arrays: () => data[Symbol.iterator]() };
  const summary = await writeRows(source, { format: 'csv', excel, stdout: out, progress: false });
  return { text: Buffer.concat(chunks).toString('utf8'), rows: summary.rows };
}

function expected(data: unknown[][], excel: boolean): string {
  const cast = {
    boolean: (v: boolean) => (v ? '1' : '0'),
    bigint: (v: bigint) => v.toString(),
    object: (v: object) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : JSON.stringify(v)),
  };
  return stringify([['id', 'a', 'b', 'c'], ...data], { bom: excel, escape_formulas: excel, record_delimiter: excel ? 'windows' : 'unix', cast });
}

describe('CSV in batches', () => {
  it('writes the same text as one csv-stringify call, in plain and Excel mode', async () => {
    const data = rows(5_000);
    for (const excel of [false, true]) {
      const { text, rows: written } = await csv(data, excel);
      expect(written).toBe(data.length);
      const want = expected(data, excel);
      expect(text.length).toBe(want.length);
      expect(text === want).toBe(true);
    }
  });
});
