// The JSON Lines writer serialises each row as an object with the columns as keys, in order; its
// text must be what JSON.stringify of that object gives, for every kind of value SQLite returns.
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { writeRows } from '../../src/export/index.ts';
import type { RowStream } from '../../src/store/query.ts';

async function jsonl(columns: string[], rows: unknown[][]): Promise<string> {
  let text = '';
  const out = new Writable({ write(chunk, _enc, done) { text += chunk.toString(); done(); } });
  const source: RowStream = {
    columns,
    rows: [][Symbol.iterator](),
    arrays: () => rows[Symbol.iterator](),
  };
  await writeRows(source, { format: 'jsonl', stdout: out, progress: false });
  return text;
}

describe('JSON Lines', () => {
  it('writes what JSON.stringify writes, value for value', async () => {
    const columns = ['id', 'text', 'value', 'blob', 'big', 'key "quoted"', 'ứng'];
    const rows: unknown[][] = [
      [1, 'Thành ủy "Hà Nội"\n\ttab \\ back', 93.2, null, null, -0, 'đ'],
      [2, '\u2028 line sep, lone \ud800 surrogate, emoji 😀', 1e21, new Uint8Array([0, 255, 10]), 2n ** 70n, 0.1 + 0.2, ''],
      [3, null, -5.5e-7, Buffer.from('xin chào'), -1n, Number.MAX_SAFE_INTEGER, '<script>'],
    ];
    const written = (await jsonl(columns, rows)).split('\n');
    expect(written.pop()).toBe('');
    const expected = rows.map((row) => {
      const record: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const v = row[i];
        record[c] = v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? v.toString() : v;
      });
      return JSON.stringify(record);
    });
    expect(written).toEqual(expected);
    expect(JSON.parse(written[1]!).big).toBe('1180591620717411303424');
  });

  it('writes {} for rows without columns', async () => {
    expect(await jsonl([], [[], []])).toBe('{}\n{}\n');
  });
});
