// Errors typed by what the caller should do with them. The CLI prints a UserError as one
// line (`vnpress: <message>`) with a non-zero exit, never a stack trace.

/** Bad input from the user: a missing file, an unknown pipeline, a bad option value. Exit code 2. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/**
 * Another process holds what this command needs (a crawl already running on the database). Exit code
 * 75 (EX_TEMPFAIL): try again later; cron can tell it from a failed run.
 */
export class BusyError extends Error {
  override name = 'BusyError';
  readonly exitCode = 75;
}

/** A problem with the database file itself (src/store/connection.ts); the CLI prints the message as one line. Exit code 1. */
export class StoreError extends Error {
  override name = 'StoreError';
}
