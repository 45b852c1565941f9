// Several connections reading one snapshot. SQLite gives each connection its own read
// transaction, and better-sqlite3 cannot hand one connection's snapshot to another; but in WAL
// mode every read transaction begun while nobody commits sees the same state. `CommitWatch`
// tells whether anybody committed over a stretch of time: a connection of its own asks SQLite's
// `data_version`, which changes when another connection has committed since the watch's last
// look. A reader that began its transaction inside an unchanged stretch reads the same rows as
// every other reader that did.
import Database from 'better-sqlite3';
import type { DB } from './connection.ts';

export class CommitWatch {
  private readonly watcher: DB;
  private readonly version: number;

  /** Starts watching `path`: open it before the transactions that must agree begin. */
  constructor(path: string) {
    this.watcher = new Database(path, { readonly: true, fileMustExist: true });
    this.version = this.read();
  }

  private read(): number {
    return this.watcher.pragma('data_version', { simple: true }) as number;
  }

  /** Whether no connection has committed to the database since the watch started. */
  unchanged(): boolean {
    return this.read() === this.version;
  }

  close(): void {
    this.watcher.close();
  }
}

/**
 * Begins a read transaction on `db` and takes its snapshot at once (a deferred `BEGIN` takes it at
 * the first read). src/export/worker-boot.mjs does the same before TypeScript can load.
 */
export function beginSnapshot(db: DB): void {
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
}

/**
 * Key ranges of one statement, read through a connection that is in a read transaction: `sql` has
 * two named parameters, `:after` (the key after which a range starts) and `:last` (its last key).
 */
export class RangeReader {
  private readonly statement: Database.Statement;

  constructor(private readonly db: DB, sql: string) {
    if (!db.inTransaction) throw new Error('RangeReader: the connection must be in a read transaction');
    this.statement = db.prepare(sql).raw(true);
  }

  /** The rows with `after < key <= last`, in key order, as arrays of values. */
  rows(after: number, last: number): IterableIterator<unknown[]> {
    return this.statement.iterate({ after, last }) as IterableIterator<unknown[]>;
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
