// Streamed writers: rows come from an iterator (better-sqlite3 `iterate()`, raw arrays when the
// source has them), are serialised a batch at a time (CSV: text, number and NULL cells by
// csv-stringify's rules in `csvLines`, the header and any other value by csv-stringify itself;
// JSON Lines: JSON.stringify), and reach stdout or a file through a stream with backpressure, so
// a million rows never sit in memory. A file is written under a temporary name and renamed only
// when complete, and the bytes on disk are checked against the bytes written, so a cut-off export
// is never mistaken for a whole one.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify as stringifySync, type Options as CsvOptions } from 'csv-stringify/sync';
import { UserError } from '../pipeline/errors.ts';
import type { RowStream } from '../store/query.ts';

export type ExportFormat = 'csv' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

export interface WriteOptions {
  format: ExportFormat;
  /** A file path; absent or null writes to `stdout`. */
  out?: string | null;
  /**
   * CSV for Excel: a UTF-8 BOM (so Excel reads Vietnamese right), CRLF line ends, and cells that
   * start with = + - @ (or tab/CR) prefixed with `'` so they are not run as formulas. Off by
   * default: the BOM and the prefixes would corrupt the data for every other tool.
   */
  excel?: boolean;
  stdout?: Writable;
  /** Where progress goes (default process.stderr). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Show progress (default: when stderr is a terminal). */
  progress?: boolean;
  /** Rows expected, for the progress percentage. */
  total?: number | null;
  /** What is exported, for the progress line. */
  label?: string;
}

export interface ExportSummary {
  rows: number;
  bytes: number;
  /** The file written, or `-` for stdout. */
  out: string;
}

/** Blobs (raw pages) as base64 text; everything else as SQLite gave it. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Rows per serialised chunk: ~100–200 kB of text, few stream writes, little held at once. */
const BATCH = 512;

/** JSON Lines of a batch of value arrays, keys in column order (V8 serialises a whole object fastest). */
function jsonLines(columns: string[], rows: unknown[][]): string {
  let out = '';
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) record[columns[i]!] = plain(row[i]);
    out += JSON.stringify(record) + '\n';
  }
  return out;
}

function csvOptions(excel: boolean): CsvOptions {
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
function csvLines(rows: unknown[][], excel: boolean, options: CsvOptions): string {
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

/** Rows as value arrays in column order, from the source's raw mode when it has one. */
function valueArrays(source: RowStream): Iterable<unknown[]> {
  if (source.arrays) return source.arrays();
  return (function* () {
    for (const row of source.rows) yield source.columns.map((c) => row[c]);
  })();
}

/**
 * Serialised text, a batch of rows at a time: pulling rows one by one through object-mode streams
 * costs more than the SQL. Pulled by Readable.from only as fast as the destination drains.
 * Measured on 1M rows (CPU per row): SQLite gives ~5 µs; csv-stringify took ~6 µs more, the
 * formatting above ~2.5 µs; JSON Lines ~5 µs, nearly all of it JSON.stringify itself. Tried and
 * dropped: csv-stringify in a worker thread (copying rows to it cost more CPU than it moved off
 * this thread, and two shared cores gained nothing), larger batches, SQLite pages by rowid
 * through all() (no cheaper than iterate()), JSON Lines assembled value by value (slower than
 * JSON.stringify of an object), and rows as same-shape object literals from a compiled function
 * or one JSON.stringify per batch split into lines (within the noise of the above on 1M rows).
 */
function* serialised(source: RowStream, format: ExportFormat, excel: boolean, counted: (rows: number) => void): Generator<string> {
  const options = csvOptions(excel);
  if (format === 'csv') yield stringifySync([source.columns], { ...options, bom: excel });
  let batch: unknown[][] = [];
  const flush = () => {
    const text = format === 'csv' ? csvLines(batch, excel, options) : jsonLines(source.columns, batch);
    counted(batch.length);
    batch = [];
    return text;
  };
  for (const row of valueArrays(source)) {
    batch.push(row);
    if (batch.length === BATCH) yield flush();
  }
  if (batch.length) yield flush();
}

class Progress {
  private last = 0;
  private readonly started = Date.now();
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly label: string,
    private readonly total: number | null,
  ) {}
  tick(rows: number): void {
    const now = Date.now();
    // Quick exports finish before the first line would be useful.
    if (now - this.started < 300 || now - this.last < 200) return;
    this.last = now;
    this.stream.write(`\r\x1b[2K${this.line(rows)}`);
  }
  done(rows: number): void {
    if (this.last) this.stream.write(`\r\x1b[2K${this.line(rows)}\n`);
  }
  private line(rows: number): string {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const share = this.total ? ` of ${this.total.toLocaleString('en')} (${Math.floor((100 * rows) / this.total)}%)` : '';
    return `export ${this.label}: ${rows.toLocaleString('en')} rows${share}, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
  }
}

/** Streams rows to CSV or JSON Lines and returns how many rows and bytes were written. */
export async function writeRows(source: RowStream, options: WriteOptions): Promise<ExportSummary> {
  const stderr = options.stderr ?? process.stderr;
  const showProgress = options.progress ?? !!stderr.isTTY;
  const progress = showProgress ? new Progress(stderr, options.label ?? 'rows', options.total ?? null) : null;
  let rows = 0;
  let bytes = 0;
  const countBytes = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const input = Readable.from(
    serialised(source, options.format, !!options.excel, (n) => {
      rows += n;
      progress?.tick(rows);
    }),
    { objectMode: false },
  );
  if (!options.out) {
    const stdout = options.stdout ?? process.stdout;
    await pipeline(input, countBytes, stdout, { end: stdout !== process.stdout });
    progress?.done(rows);
    return { rows, bytes, out: '-' };
  }

  const partial = `${options.out}.partial`;
  try {
    await pipeline(input, countBytes, createWriteStream(partial));
    const onDisk = statSync(partial).size;
    if (onDisk !== bytes) throw new Error(`export to ${options.out} is incomplete: ${bytes} bytes written, ${onDisk} on disk`);
    renameSync(partial, options.out);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS') {
      throw new UserError(`cannot write ${options.out}: ${(error as Error).message.replace(/^[A-Z]+: /, '')}`);
    }
    throw error;
  }
  progress?.done(rows);
  return { rows, bytes, out: options.out };
}
