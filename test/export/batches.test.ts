// CSV is written a batch of rows at a time, text/number/NULL cells formatted by the writer and
// rarer values by csv-stringify; the text must be byte for byte what one csv-stringify call over
// all rows gives (with the writer's options), in plain and in Excel mode.
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { writeRows } from '../../src/export/index.ts';
import type { RowStream } from '../../src/store/query.ts';
import { readCsv } from './csv-read.ts';

const TRICKY: unknown[] = [
  'Thành ủy "Hà Nội"', 'dòng\nmới', '=SUM(A1:A9)', '-5', '+84 912', '@người', 'a,b;c', '', null, 0, -1.5, 93.2, 1e21, 12345678901234567890n,
  new Uint8Array([0, 1, 254, 255]), Buffer.from('xin chào'), '\ttab', 'cuối\r\n', '😀 emoji', 'lone\rcr', 'ends cr\r', true, false,
  '＝fullwidth', '＋84', '－5', '＠user', -0, Number.NaN, Infinity, -7,
];

function rows(count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => [i, TRICKY[i % TRICKY.length], TRICKY[(i * 7) % TRICKY.length], `dòng ${i}`]);
}

/** Deterministic generated cells: text made of the characters CSV treats specially, and numbers. */
function generatedRows(count: number, seed: number): unknown[][] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const alphabet = ['a', 'ể', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', ';', "'", '＝', '😀'];
  const cell = (): unknown => {
    const kind = next();
    if (kind < 0.1) return null;
    if (kind < 0.25) return Math.round((next() - 0.5) * 1e6) / 100;
    if (kind < 0.3) return Math.floor((next() - 0.5) * 1e9);
    let text = '';
    const length = Math.floor(next() * 6);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 5) }, cell));
}

async function csv(data: unknown[][], excel: boolean, columns = ['id', 'a', 'b', 'c']): Promise<{ text: string; rows: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const source: RowStream = { columns, rows: [][Symbol.iterator](), arrays: () => data[Symbol.iterator]() };
  const summary = await writeRows(source, { format: 'csv', excel, stdout: out, progress: false });
  return { text: Buffer.concat(chunks).toString('utf8'), rows: summary.rows };
}

function expected(data: unknown[][], excel: boolean, columns = ['id', 'a', 'b', 'c']): string {
  const cast = {
    boolean: (v: boolean) => (v ? '1' : '0'),
    bigint: (v: bigint) => v.toString(),
    object: (v: object) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : JSON.stringify(v)),
  };
  return stringify([columns, ...data], {
    bom: excel, escape_formulas: excel, record_delimiter: excel ? 'windows' : 'unix', quote_record_delimiter: true, cast,
  });
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

  it('matches csv-stringify cell for cell on generated text full of quotes, commas, line breaks and formula starts', async () => {
    for (const [seed, excel] of [[1, false], [2, true], [3, false], [4, true]] as const) {
      const data = generatedRows(3_000, seed);
      // rows of uneven width, as csv-stringify takes them; the header has the widest
      const columns = ['a', 'b', 'c', 'd', 'e'];
      const { text } = await csv(data, excel, columns);
      const want = expected(data, excel, columns);
      // on a difference, show the text around it rather than two long strings
      let at = 0;
      while (at < want.length && text.charCodeAt(at) === want.charCodeAt(at)) at++;
      expect(JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))).toBe(JSON.stringify(want.slice(Math.max(0, at - 20), at + 20)));
      expect(text === want).toBe(true);
    }
  });

  it('quotes a cell with a line break in either mode, so every row reads back whole', async () => {
    const data = [[1, 'dòng một\ndòng hai'], [2, 'CR\rgiữa'], [3, 'cuối\r'], [4, 'thường']];
    for (const excel of [false, true]) {
      const { text } = await csv(data, excel, ['id', 'text']);
      const records = readCsv(excel ? text.slice(1) : text);
      expect(records.slice(1)).toEqual(data.map(([id, t]) => [String(id), t]));
      expect(text).toContain('"dòng một\ndòng hai"');
      expect(text).toContain('"CR\rgiữa"');
    }
  });

  it('neutralises formula starts only in Excel mode, and never a negative number', async () => {
    const data = [['=1+1', '+84 912', '-5', -5, '@a', '\tx', '＝1', 'ok']];
    const columns = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const plain = readCsv((await csv(data, false, columns)).text)[1];
    expect(plain).toEqual(['=1+1', '+84 912', '-5', '-5', '@a', '\tx', '＝1', 'ok']);
    const excel = readCsv((await csv(data, true, columns)).text.slice(1))[1];
    expect(excel).toEqual(["'=1+1", "'+84 912", "'-5", '-5', "'@a", "'\tx", "'＝1", 'ok']);
  });
});
