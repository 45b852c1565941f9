// Downloads go through the same export code as `vnpress export` (src/export): streamed CSV, its
// formula cells always neutralised (the Excel option adds a BOM and CRLF), JSON Lines, or one JSON
// array (the `.json` variant of a page: the JSON Lines records between brackets).
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeRows } from '../export/index.ts';
import { plainKey } from '../core/fold.ts';
import type { RowStream } from '../store/query.ts';

export type WebFormat = 'csv' | 'jsonl' | 'json';

const CONTENT_TYPES: Record<WebFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** JSON Lines in, one JSON array out: `[` the records separated by `,\n` `]`. */
function jsonArray(): Transform {
  let partial = '';
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      let out = '';
      for (const line of lines) {
        out += (first ? '[\n' : ',\n') + line;
        first = false;
      }
      done(null, out);
    },
    flush(done) {
      done(null, `${first ? '[' : ''}${partial}\n]\n`);
    },
  });
}

/**
 * A file name that says what was filtered: `statistics-unit-xa-from-2020.csv`,
 * `search-q-thanh-uy.csv` (ASCII: diacritics and đ folded, other characters as `-`, each value
 * at most 40 characters).
 */
export function downloadName(base: string, filters: Record<string, unknown> = {}): string {
  const parts = [base];
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    const slug = plainKey(String(value)).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
    parts.push(key, slug || 'x');
  }
  return parts.join('-');
}

/** A streamed HTTP response of the rows; the file name says what, with which filters, in which format. */
export function downloadResponse(source: RowStream, format: WebFormat, excel: boolean, name: string): Response {
  const body = new PassThrough();
  const fail = (error: Error) => {
    // Headers are gone by now: cut the stream so the client sees an incomplete download, not a whole one.
    body.destroy(error);
  };
  if (format === 'json') {
    const lines = new PassThrough();
    pipeline(lines, jsonArray(), body).catch(fail);
    writeRows(source, { format: 'jsonl', stdout: lines, progress: false }).catch(fail);
  } else {
    writeRows(source, { format, csv: format === 'csv' && excel ? 'excel' : 'safe', stdout: body, progress: false }).catch(fail);
  }
  const file = `${name}${excel && format === 'csv' ? '-excel' : ''}.${format}`;
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'content-type': CONTENT_TYPES[format],
      // JSON is for reading in the browser or a script; files are downloads.
      'content-disposition': `${format === 'json' ? 'inline' : 'attachment'}; filename="${file}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
