// The database as the reading commands (query, export) open it. Apart from options.ts, which every
// command loads: this one loads better-sqlite3.
import { StoreError, UserError } from '../core/errors.ts';
import { openDatabase, type DB } from '../store/connection.ts';

/** Opens the database read-only; a missing or foreign file is the user's to fix. */
export function openReadOnlyDatabase(path: string): DB {
  try {
    return openDatabase(path, { readonly: true });
  } catch (error) {
    if (error instanceof StoreError) throw new UserError(error.message);
    throw error;
  }
}
