// Streamed writers: rows come from an iterator (better-sqlite3 `iterate()`, raw arrays when the
// source has them), are serialised a batch at a time (CSV: text, number and NULL cells by
// csv-stringify's rules in `csvLines`, the header and any other value by csv-stringify itself;
// JSON Lines: JSON.stringify), and reach stdout or a file through a stream with backpressure, so
// a million rows never sit in memory. A file is written under a temporary name and renamed only
// when complete, and the bytes on disk are checked against the bytes written, so a cut-off export
// is never mistaken for a whole one.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { batchesOf, csvHeader, csvOptions, formatBatch, type CsvMode, type ExportFormat, type TextFormat } from './format.ts';
import { UserError } from '../core/errors.ts';
import type { RowStream } from '../store/query.ts';
import type { KeyRanges } from './sources.ts';
import { serialisedInParallel, type ParallelOptions, type ParallelStats } from './parallel.ts';

export { CSV_MODES, EXPORT_FORMATS, type CsvMode, type ExportFormat } from './format.ts';

export interface WriteOptions {
  format: ExportFormat;
  /** A file path; absent or null writes to `stdout`. */
  out?: string | null;
  /**
   * How CSV is written (src/export/format.ts): `safe` (the default) prefixes cells that a
   * spreadsheet would run as formulas with `'`; `excel` does too and adds a UTF-8 BOM and CRLF;
   * `raw` writes every cell as stored.
   */
  csv?: CsvMode;
  stdout?: Writable;
  /** Where progress goes (default process.stderr). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Show progress (default: when stderr is a terminal). */
  progress?: boolean;
  /** Rows expected, for the progress percentage. */
  total?: number | null;
  /** What is exported, for the progress line. */
  label?: string;
  /**
   * Read and format on several threads when the source can be read in key ranges (see
   * src/export/parallel.ts); absent, or one thread, reads on this one.
   */
  parallel?: ParallelOptions;
}

export interface ExportSummary {
  rows: number;
  bytes: number;
  /** The file written, or `-` for stdout. */
  out: string;
  /** Threads that read and formatted rows: this one and the workers that took part. */
  threads: number;
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
function* serialised(source: RowStream, format: TextFormat, mode: CsvMode, counted: (rows: number) => void): Generator<string> {
  const options = csvOptions(mode);
  if (format === 'csv') yield csvHeader(source.columns, mode);
  for (const batch of batchesOf(valueArrays(source))) {
    const text = formatBatch(format, source.columns, batch, mode, options);
    counted(batch.length);
    yield text;
  }
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

/** The header, then the ranges read by several threads. */
async function* withHeader(header: string, chunks: AsyncGenerator<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  if (header) yield header;
  yield* chunks;
}

/** Streams rows to CSV or JSON Lines and returns how many rows and bytes were written. */
export async function writeRows(source: RowStream & { ranges?: KeyRanges | null }, options: WriteOptions): Promise<ExportSummary> {
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
  const counted = (n: number) => {
    rows += n;
    progress?.tick(rows);
  };
  const mode = options.csv ?? 'safe';
  if (options.format === 'parquet') return writeParquetTo(source, options, counted, () => progress?.done(rows));
  let stats: ParallelStats | null = null;
  let input: Readable;
  if (source.ranges && options.parallel && options.parallel.threads > 1) {
    const run = serialisedInParallel(source.ranges, source.columns, options.format, mode, options.parallel, counted);
    stats = run.stats;
    input = Readable.from(withHeader(options.format === 'csv' ? csvHeader(source.columns, mode) : '', run.chunks), { objectMode: false });
  } else {
    input = Readable.from(serialised(source, options.format, mode, counted), { objectMode: false });
  }
  const threads = () => 1 + (stats?.workersUsed ?? 0);
  if (!options.out) {
    const stdout = options.stdout ?? process.stdout;
    await pipeline(input, countBytes, stdout, { end: stdout !== process.stdout });
    progress?.done(rows);
    return { rows, bytes, out: '-', threads: threads() };
  }

  const out = options.out;
  await toFile(out, async (file) => {
    await pipeline(input, countBytes, file);
    return bytes;
  });
  progress?.done(rows);
  return { rows, bytes, out, threads: threads() };
}

/**
 * Writes a file under a temporary name, checks the bytes on disk against the bytes written, and
 * renames it only then: a cut-off export is never mistaken for a whole one.
 */
async function toFile(out: string, write: (file: Writable) => Promise<number>): Promise<void> {
  const partial = `${out}.partial`;
  try {
    const file = createWriteStream(partial);
    const bytes = await write(file);
    if (!file.closed) {
      file.end();
      await finished(file);
    }
    const onDisk = statSync(partial).size;
    if (onDisk !== bytes) throw new Error(`export to ${out} is incomplete: ${bytes} bytes written, ${onDisk} on disk`);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS') {
      throw new UserError(`cannot write ${out}: ${(error as Error).message.replace(/^[A-Z]+: /, '')}`);
    }
    throw error;
  }
}

/** The Parquet path of writeRows: one thread, a row group at a time (src/export/parquet.ts). */
async function writeParquetTo(
  source: RowStream, options: WriteOptions, counted: (rows: number) => void, done: () => void,
): Promise<ExportSummary> {
  if (options.csv === 'excel') throw new UserError('--excel applies to --format csv only');
  // Loaded here: only a Parquet export needs the writer (commands start faster without it).
  const { writeParquet } = await import('./parquet.ts');
  let result = { rows: 0, bytes: 0 };
  if (!options.out) {
    const stdout = options.stdout ?? process.stdout;
    result = await writeParquet(source, stdout, counted);
    if (stdout !== process.stdout) stdout.end();
  } else {
    await toFile(options.out, async (file) => {
      result = await writeParquet(source, file, counted);
      return result.bytes;
    });
  }
  done();
  return { ...result, out: options.out ?? '-', threads: 1 };
}
