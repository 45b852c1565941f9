// An export worker thread: reads key ranges of a source through a read-only connection of its own,
// pinned to a snapshot by worker-boot.mjs before this module loads, and sends each range back
// serialised, as UTF-8 bytes (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { RangeReader } from '../store/snapshot.ts';
import type { DB } from '../store/connection.ts';
import { csvOptions, formatRows, type CsvMode, type TextFormat } from './format.ts';

export interface WorkerSetup {
  path: string;
  sql: string;
  columns: string[];
  format: TextFormat;
  csv: CsvMode;
}

/** A range to read and serialise: the rows with `after < key <= last`. */
export interface RangeRequest {
  chunk: number;
  after: number;
  last: number;
}

export type WorkerMessage =
  | { kind: 'pinned' }
  | { kind: 'ready' }
  | { kind: 'chunk'; chunk: number; rows: number; bytes: Uint8Array }
  | { kind: 'failed'; message: string };

/** Serves range requests on a connection that worker-boot.mjs opened and pinned. */
export function serve(db: DB): void {
  const port = parentPort!;
  const setup = workerData as WorkerSetup;
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let reader: RangeReader;
  try {
    reader = new RangeReader(db, setup.sql);
  } catch (error) {
    send({ kind: 'failed', message: (error as Error).message });
    return;
  }
  const options = csvOptions(setup.csv);
  const encoder = new TextEncoder();
  port.on('message', (request: RangeRequest) => {
    try {
      const { text, rows } = formatRows(reader.rows(request.after, request.last), setup.format, setup.columns, setup.csv, options);
      const bytes = encoder.encode(text);
      send({ kind: 'chunk', chunk: request.chunk, rows, bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      send({ kind: 'failed', message: (error as Error).message });
    }
  });
  send({ kind: 'ready' });
}
