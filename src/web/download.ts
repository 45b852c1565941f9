// Downloads go through the same export code as `vnpress export` (src/export): streamed CSV, its
// formula cells always neutralised (the Excel option adds a BOM and CRLF), or JSON Lines.
import { PassThrough, Readable } from 'node:stream';
import { writeRows, type ExportFormat } from '../export/index.ts';
import type { RowStream } from '../store/query.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
};

/** A streamed HTTP response of the rows; the file name says what and in which format. */
export function downloadResponse(source: RowStream, format: ExportFormat, excel: boolean, name: string): Response {
  const body = new PassThrough();
  writeRows(source, { format, csv: excel ? 'excel' : 'safe', stdout: body, progress: false }).catch((error: Error) => {
    // Headers are gone by now: cut the stream so the client sees an incomplete download, not a whole one.
    body.destroy(error);
  });
  const file = `${name}${excel && format === 'csv' ? '-excel' : ''}.${format}`;
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${file}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
