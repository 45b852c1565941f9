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

/**
 * How CSV is written. Every CSV vnpress writes holds text that strangers wrote (titles, article
 * text, names): a cell starting with `=` `+` `-` `@` (or tab/CR) is run as a formula by Excel,
 * LibreOffice and Google Sheets when the file is opened (`=HYPERLINK(…)` phones home, DDE starts
 * programs). So cells are neutralised by default, OWASP's way: a `'` before such a cell (what a
 * spreadsheet shows as text and drops on display).
 * - `safe` (default): neutralised cells, UTF-8, LF line ends;
 * - `excel`: neutralised, plus a UTF-8 BOM (so Excel reads Vietnamese right) and CRLF;
 * - `raw`: every cell byte for byte as stored (for scripts that must get the data exactly).
 */
export type CsvMode = 'safe' | 'excel' | 'raw';
export const CSV_MODES: readonly CsvMode[] = ['safe', 'excel', 'raw'];

/**
 * Whether a spreadsheet would read a cell as a formula, from its first character: = + - @ tab CR,
 * or their full-width forms (which Apple Numbers folds to them). A plain decimal number (`-5`,
 * `+84`, `-1.5e3`) is read as that number, not a formula, and stays as it is: numbers stay numbers.
 */
export function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 61 || c === 64 || c === 9 || c === 13 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20) return true;
  return (c === 43 || c === 45) && !PLAIN_NUMBER.test(text);
}
const PLAIN_NUMBER = /^[+-](?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The cell as written in `safe` and `excel` mode. */
function neutralised(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

export function csvOptions(mode: CsvMode): CsvOptions {
  const guard = mode === 'raw' ? (text: string) => text : neutralised;
  return {
    record_delimiter: mode === 'excel' ? 'windows' : 'unix',
    // Quote every cell holding CR or LF. csv-stringify turns this off when record_delimiter is
    // given, and then left a lone LF unquoted in Excel mode (CRLF records) and a lone CR in the
    // default mode: the text's line breaks split its row in the readers.
    quote_record_delimiter: true,
    // Our rule, not csv-stringify's `escape_formulas` (which also prefixes `-5`), on every text a
    // cell can become: a blob's base64 may start with `+`.
    cast: {
      string: (v) => guard(v),
      boolean: (v) => (v ? '1' : '0'),
      bigint: (v) => v.toString(),
      object: (v) => guard(v instanceof Uint8Array ? String(plain(v)) : JSON.stringify(v)),
    },
  };
}

/** A cell that csv-stringify would quote: it holds the quote, the delimiter or a line break. */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * CSV of a batch of rows, byte for byte what csv-stringify writes with `csvOptions(mode)`. Text,
 * numbers and NULL (nearly every SQLite cell) are formatted here by csv-stringify's own rules
 * (quote when the cell holds `"` `,` CR or LF, double the quotes; numbers as JS prints them, never
 * neutralised; NULL empty): its general path costs more per cell than reading the row from
 * SQLite. A row with any other value (blob, bigint, boolean) goes to csv-stringify itself.
 * test/export/batches.test.ts holds the two to the same output on generated rows.
 */
export function csvLines(rows: unknown[][], mode: CsvMode, options: CsvOptions): string {
  const newline = mode === 'excel' ? '\r\n' : '\n';
  const guard = mode !== 'raw';
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
        cell = guard && startsLikeFormula(value) ? `'${value}` : value;
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
export function csvHeader(columns: string[], mode: CsvMode): string {
  return stringifySync([columns], { ...csvOptions(mode), bom: mode === 'excel' });
}

/** Rows given as objects (the CLI's query results) as CSV with its header, in the mode. */
export function csvText(columns: string[], rows: Record<string, unknown>[], mode: CsvMode): string {
  const options = csvOptions(mode);
  return csvHeader(columns, mode) + csvLines(rows.map((row) => columns.map((c) => row[c])), mode, options);
}

/** A batch of rows as text in the format. */
export function formatBatch(format: TextFormat, columns: string[], rows: unknown[][], mode: CsvMode, options = csvOptions(mode)): string {
  return format === 'csv' ? csvLines(rows, mode, options) : jsonLines(columns, rows);
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
export function formatRows(rows: Iterable<unknown[]>, format: TextFormat, columns: string[], mode: CsvMode, options = csvOptions(mode)): { text: string; rows: number } {
  let text = '';
  let count = 0;
  for (const batch of batchesOf(rows)) {
    text += formatBatch(format, columns, batch, mode, options);
    count += batch.length;
  }
  return { text, rows: count };
}
