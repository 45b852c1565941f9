// Opening the database: one SQLite file in WAL mode, tuned for one writer and many readers, and its
// schema brought up to date by the migrations.
import Database from 'better-sqlite3';
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrations } from './migrations.ts';

// better-sqlite3 reads this once, when it opens its first database: URI filenames let a read-only
// command open a file it cannot lock with `?immutable=1` (openReadOnly below). A user's own setting wins.
process.env.SQLITE_USE_URI ??= '1';

export type DB = Database.Database;

// A problem with the database file itself: defined in core, so that the CLI tells it apart without loading the store.
import { StoreError } from '../core/errors.ts';
export { StoreError };

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): DB {
  if (options.readonly && !existsSync(path)) {
    throw new StoreError(`database ${path} does not exist (run \`vnpress demo\`, \`crawl\` or \`ingest\` first)`);
  }
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: DB;
  try {
    db = options.readonly ? openReadOnly(path) : new Database(path);
    // A new file gets 8 KiB pages (SQLite's default is 4 KiB): fewer page splits and WAL frames per
    // article, a raw page in fewer overflow pages; ingest measured about 9% less CPU. It has to be set
    // before the first write, and an existing file keeps the page size it has.
    if (!options.readonly && (db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('page_size = 8192');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('synchronous = NORMAL');
      // A batch of saveArticle calls nests each article in a savepoint; its sub-journal and
      // FTS merges stay in memory instead of temp files.
      db.pragma('temp_store = MEMORY');
      // 8 MiB of page cache per writer (SQLite's default is 2 MiB). With 64 MiB the cache filled as
      // the file grew and a crawl's RSS grew with it (+40 MB over 10k pages); 8 MiB keeps RSS flat
      // and ingest no slower: pages beyond it come from the OS cache. Readers keep their own cache.
      db.pragma('cache_size = -8192');
      // The WAL file is cut back to 64 MiB after a checkpoint (it grows past the 1000-page
      // autocheckpoint while a reader holds an old snapshot); disk only, not memory.
      db.pragma('journal_size_limit = 67108864');
      migrate(db);
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) throw new StoreError(`${path} is not a vnpress database (no schema)`);
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open database ${path}: ${(error as Error).message}`);
  }
  return db;
}

/** SQLite's codes for a file it may read but cannot lock: WAL mode needs to write `-shm` beside it. */
const CANNOT_LOCK = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_CANTLOCK']);

/**
 * A read-only connection that never writes a byte. In WAL mode even a reader needs the `-shm` index
 * beside the file, and creates it (and `-wal`) when they are missing: in a folder the user cannot
 * write (a shared dataset, a read-only mount, a file of another user) that open fails with "attempt
 * to write a readonly database". Then, when no `-wal` holds changes (the writer closed cleanly, which
 * removes it), the file alone is the whole database and SQLite can read it as immutable: no locks,
 * no `-shm`. When `-wal` and `-shm` exist SQLite reads them read-only by itself. A `-wal` with
 * changes but no `-shm` cannot be read without writing: that is said, naming the file.
 */
function openReadOnly(path: string): DB {
  let db: DB | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    // The first read opens the WAL index: this is where a file that cannot be locked fails.
    db.pragma('user_version', { simple: true });
    return db;
  } catch (error) {
    db?.close();
    if (!CANNOT_LOCK.has((error as { code?: string }).code ?? '')) throw error;
    let walBytes = 0;
    try { walBytes = statSync(`${path}-wal`).size; } catch { /* no -wal: nothing beyond the file */ }
    if (walBytes > 0) {
      throw new StoreError(`cannot open database ${path} read-only: ${path}-wal holds changes not yet in the file and ` +
        `this user cannot create ${path}-shm to read them; run any vnpress command as the file's owner (it folds them in), or copy the files to a folder you can write`);
    }
    const immutable = new Database(`${pathToFileURL(resolve(path)).href}?immutable=1`, { readonly: true, fileMustExist: true });
    immutable.pragma('user_version', { simple: true });
    return immutable;
  }
}

export function migrate(db: DB): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new StoreError(`database schema version ${current} is newer than this vnpress (${latest}); upgrade vnpress`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
