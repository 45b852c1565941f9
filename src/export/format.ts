// Serialisation of rows as CSV or JSON Lines, a batch at a time. Pure: used by the writer on the
// main thread and by the export workers (src/export/worker.ts), which must give the same bytes.
import { stringify as stringifySync, type Options as CsvOptions } from 'csv-stringify/sync';

/** The formats serialised as text, a batch at a time (on several threads when the source allows). */
export type TextFormat = 'csv' | 'jsonl';
/** Parquet is written by src/export/parquet.ts, a row group at a time, on this thread. */
export type ExportFormat = TextFormat | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'parquet'];

/** Blobs (raw pages) as base64 text; everything else as SQLite gave it. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Rows per serialised chunk: ~100–200 kB of text, few stream writes, little held at once. */
const BATCH = 512;

/** JSON Lines of a batch of value arrays, keys in column order (V8 serialises a whole object fastest). */
export function jsonLines(columns: string[], rows: unknown[][]): string {
  let out = '';
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) record[columns[i]!] = plain(row[i]);
    out += JSON.stringify(record) + '\n';
  }
  return out;
}

export function csvOptions(excel: boolean): CsvOptions {
  return {
    escape_formulas: excel,
    record_delimiter: excel ? 'windows' : 'unix',
    // Quote every cell holding CR or LF. csv-stringify turns this off when record_delimiter is
    // given, and then left a lone LF unquoted in Excel mode (CRLF records) and a lone CR in the
    // default mode: the text's line breaks split its row in the readers.
    quote_record_delimiter: true,
    cast: {
      boolean: (v) => (v ? '1' : '0'),
      bigint: (v) => v.toString(),
      object: (v) => (v instanceof Uint8Array ? String(plain(v)) : JSON.stringify(v)),
    },
  };
}

/** A cell that csv-stringify would quote: it holds the quote, the delimiter or a line break. */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * Whether csv-stringify's `escape_formulas` prefixes a text cell with `'`, from its first
 * character: = + - @ tab CR, or their full-width forms (which Apple Numbers folds to them).
 */
function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20;
}

/**
 * CSV of a batch of rows, byte for byte what csv-stringify writes with `csvOptions(excel)`. Text,
 * numbers and NULL (nearly every SQLite cell) are formatted here by csv-stringify's own rules
 * (quote when the cell holds `"` `,` CR or LF, double the quotes; numbers as JS prints them, never
 * formula-escaped; NULL empty): its general path costs more per cell than reading the row from
 * SQLite. A row with any other value (blob, bigint, boolean) goes to csv-stringify itself.
 * test/export/batches.test.ts holds the two to the same output on generated rows.
 */
export function csvLines(rows: unknown[][], excel: boolean, options: CsvOptions): string {
  const newline = excel ? '\r\n' : '\n';
  let out = '';
  let lines: string[] = [];
  let rare: unknown[][] = [];
  const flushRare = () => {
    if (lines.length) out += lines.join(newline) + newline;
    lines = [];
    out += stringifySync(rare, options);
    rare = [];
  };
  rows: for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      let cell: string;
      if (typeof value === 'string') {
        cell = excel && startsLikeFormula(value) ? `'${value}` : value;
        if (NEEDS_QUOTES.test(value)) cell = `"${cell.replaceAll('"', '""')}"`;
      } else if (typeof value === 'number') cell = '' + value;
      else if (value === null || value === undefined) cell = '';
      else {
        rare.push(row);
        continue rows;
      }
      line = i === 0 ? cell : `${line},${cell}`;
    }
    if (rare.length) flushRare();
    lines.push(line);
  }
  if (rare.length) flushRare();
  if (lines.length) out += lines.join(newline) + newline;
  return out;
}

/** The CSV header line (with Excel's BOM in Excel mode). */
export function csvHeader(columns: string[], excel: boolean): string {
  return stringifySync([columns], { ...csvOptions(excel), bom: excel });
}

/** A batch of rows as text in the format. */
export function formatBatch(format: TextFormat, columns: string[], rows: unknown[][], excel: boolean, options = csvOptions(excel)): string {
  return format === 'csv' ? csvLines(rows, excel, options) : jsonLines(columns, rows);
}

/** Rows in batches of `size`: text is made a batch at a time (few string concatenations, few writes). */
export function* batchesOf(rows: Iterable<unknown[]>, size = BATCH): Generator<unknown[][]> {
  let batch: unknown[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Rows serialised a batch at a time (a range of a parallel export): each batch is formatted alone,
 * so any split of the rows into runs gives the same text.
 */
export function formatRows(rows: Iterable<unknown[]>, format: TextFormat, columns: string[], excel: boolean, options = csvOptions(excel)): { text: string; rows: number } {
  let text = '';
  let count = 0;
  for (const batch of batchesOf(rows)) {
    text += formatBatch(format, columns, batch, excel, options);
    count += batch.length;
  }
  return { text, rows: count };
}
