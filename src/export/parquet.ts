// Parquet output of an export, through hyparquet-writer (pure JS, one dependency: its reader,
// hyparquet). Rows are written a row group at a time: at most ROW_GROUP_ROWS rows (or about
// ROW_GROUP_BYTES of text) are held, encoded, and handed to the destination before the next are
// read, so a million-row export stays bounded in memory.
//
// Parquet needs a schema before the first row group. Each column's type comes from its first row
// group's values, with SQLite's declared type breaking ties:
//   whole numbers only → INT64; any other number → DOUBLE (a REAL column is DOUBLE even if its
//   first values are whole); `YYYY-MM-DD` text only → DATE; ISO date-times with `Z` or an offset
//   only (`2021-03-04T08:00:00+07:00`, what vnpress stores) → TIMESTAMP (milliseconds, UTC);
//   blobs → BYTE_ARRAY; any other text, or a mix → STRING (numbers in it written as text).
// A later value that does not fit its column (a fraction in an INT64 column, a non-date in a
// DATE column) stops the export with one line naming the column, the row and the value.
import type { Writable } from 'node:stream';
import { ByteWriter, ParquetWriter, type BasicType, type ColumnSource } from 'hyparquet-writer';
import { UserError } from '../core/errors.ts';
import type { RowStream } from '../store/query.ts';

/** Rows per row group at most (readers skip and parallelise by row group). */
const ROW_GROUP_ROWS = 50_000;
/** Text and blob bytes per row group at most (articles' texts: a few thousand rows of them). */
const ROW_GROUP_BYTES = 32 * 1024 * 1024;
/** Bytes held by the encoder before they are handed to the destination. */
const FLUSH_BYTES = 1 << 20;

type ColumnKind = 'INT64' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'STRING' | 'BYTE_ARRAY';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

function dayOf(text: string): Date | null {
  if (!ISO_DAY.test(text)) return null;
  const time = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  // 2021-02-30 is no day: Date.UTC rolls it over.
  return new Date(time).toISOString().slice(0, 10) === text ? new Date(time) : null;
}

function instantOf(text: string): Date | null {
  if (!ISO_INSTANT.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

/** A column's Parquet type from its values in the first row group and SQLite's declared type. */
export function columnKind(values: unknown[], declared: string | null | undefined): ColumnKind {
  const affinity = (declared ?? '').toUpperCase();
  let ints = 0;
  let numbers = 0;
  let texts = 0;
  let blobs = 0;
  let days = 0;
  let instants = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number' || typeof value === 'bigint') {
      numbers++;
      if (typeof value === 'bigint' || Number.isInteger(value)) ints++;
    } else if (value instanceof Uint8Array) blobs++;
    else {
      texts++;
      const text = String(value);
      if (dayOf(text)) days++;
      else if (instantOf(text)) instants++;
    }
  }
  const seen = numbers + texts + blobs;
  if (seen === 0) {
    if (affinity.includes('INT')) return 'INT64';
    if (/REAL|FLOA|DOUB|NUM|DEC/.test(affinity)) return 'DOUBLE';
    if (affinity.includes('BLOB')) return 'BYTE_ARRAY';
    return 'STRING';
  }
  if (numbers === seen) return ints === seen && !/REAL|FLOA|DOUB/.test(affinity) ? 'INT64' : 'DOUBLE';
  if (blobs === seen) return 'BYTE_ARRAY';
  if (texts === seen && days === seen) return 'DATE';
  if (texts === seen && instants === seen) return 'TIMESTAMP';
  return 'STRING';
}

function misfit(column: string, row: number, value: unknown, kind: ColumnKind): UserError {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
  return new UserError(
    `parquet export: column ${column}, row ${row.toLocaleString('en')}: ${shown} does not fit the column's type ${kind} ` +
      `(taken from its first rows); CAST it in an "sql:…" export, or use --format csv`,
  );
}

/** A column's values of one row group, as hyparquet-writer takes them for its type. */
function columnData(kind: ColumnKind, name: string, values: unknown[], firstRow: number): ColumnSource {
  const type: BasicType = kind === 'DATE' ? 'INT32' : kind === 'TIMESTAMP' ? 'TIMESTAMP' : kind;
  const data: unknown[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      data[i] = null;
      continue;
    }
    let out: unknown;
    switch (kind) {
      case 'INT64':
        if (typeof value === 'bigint') out = value;
        else if (typeof value === 'number' && Number.isInteger(value)) out = BigInt(value);
        break;
      case 'DOUBLE':
        if (typeof value === 'number') out = value;
        else if (typeof value === 'bigint') out = Number(value);
        break;
      case 'DATE':
        if (typeof value === 'string') {
          const day = dayOf(value);
          if (day) out = Math.floor(day.getTime() / DAY_MS);
        }
        break;
      case 'TIMESTAMP':
        if (typeof value === 'string') out = instantOf(value) ?? undefined;
        break;
      case 'BYTE_ARRAY':
        if (value instanceof Uint8Array) out = value;
        break;
      case 'STRING':
        out = value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value);
        break;
    }
    if (out === undefined) throw misfit(name, firstRow + i + 1, value, kind);
    data[i] = out;
  }
  // A DATE column is INT32 days since 1970 with the DATE annotation (see the schema below).
  return { name, data: data as ColumnSource['data'], type, nullable: true };
}

function schemaOf(columns: string[], kinds: ColumnKind[]) {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((name, i) => {
      const kind = kinds[i]!;
      const element = { name, repetition_type: 'OPTIONAL' as const };
      switch (kind) {
        case 'INT64':
          return { ...element, type: 'INT64' as const };
        case 'DOUBLE':
          return { ...element, type: 'DOUBLE' as const };
        case 'DATE':
          return { ...element, type: 'INT32' as const, converted_type: 'DATE' as const };
        case 'TIMESTAMP':
          return { ...element, type: 'INT64' as const, converted_type: 'TIMESTAMP_MILLIS' as const };
        case 'BYTE_ARRAY':
          return { ...element, type: 'BYTE_ARRAY' as const };
        case 'STRING':
          return { ...element, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const };
      }
    }),
  ];
}

function valueArrays(source: RowStream): Iterator<unknown[]> {
  if (source.arrays) return source.arrays();
  const rows = source.rows;
  return (function* () {
    for (const row of rows) yield source.columns.map((c) => row[c]);
  })();
}

/** The next row group's rows: up to ROW_GROUP_ROWS, or fewer once ROW_GROUP_BYTES of text are held. */
function nextGroup(rows: Iterator<unknown[]>): unknown[][] {
  const group: unknown[][] = [];
  let bytes = 0;
  while (group.length < ROW_GROUP_ROWS && bytes < ROW_GROUP_BYTES) {
    const next = rows.next();
    if (next.done) break;
    group.push(next.value);
    for (const value of next.value) {
      if (typeof value === 'string') bytes += value.length;
      else if (value instanceof Uint8Array) bytes += value.length;
    }
  }
  return group;
}

/**
 * Writes the rows as one Parquet file to `out` (a file stream or stdout), a row group at a time,
 * waiting for the destination to drain. Returns the rows and bytes written.
 */
export async function writeParquet(
  source: RowStream & { declaredTypes?: Array<string | null> },
  out: Writable,
  counted: (rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  const rows = valueArrays(source);
  let group = nextGroup(rows);
  const kinds = source.columns.map((_, c) => columnKind(group.map((row) => row[c]), source.declaredTypes?.[c]));
  let bytes = 0;
  const pending: Uint8Array[] = [];
  const sink = new ByteWriter();
  // Encoded bytes leave the encoder's buffer once it holds FLUSH_BYTES (and after each row group).
  const handOver = () => {
    if (sink.index === 0) return;
    pending.push(new Uint8Array(sink.buffer.slice(0, sink.index)));
    bytes += sink.index;
    sink.index = 0;
  };
  const ensure = sink.ensure.bind(sink);
  sink.ensure = (size: number) => {
    if (sink.index > FLUSH_BYTES) handOver();
    ensure(size);
  };
  const drain = async () => {
    handOver();
    for (const chunk of pending.splice(0)) {
      if (!out.write(chunk)) await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          out.off('drain', done);
          out.off('error', done);
          if (error) reject(error);
          else resolve();
        };
        out.once('drain', done);
        out.once('error', done);
      });
    }
  };
  const writer = new ParquetWriter({ writer: sink, schema: schemaOf(source.columns, kinds), createdBy: 'vnpress' });
  let written = 0;
  while (group.length) {
    const data = source.columns.map((name, c) => columnData(kinds[c]!, name, group.map((row) => row[c]), written));
    await writer.write({ columnData: data, rowGroupSize: group.length });
    written += group.length;
    counted(group.length);
    await drain();
    group = nextGroup(rows);
  }
  await writer.finish();
  await drain();
  return { rows: written, bytes };
}
