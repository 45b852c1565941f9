// Logging for runs: pino, JSON to a file for cron (`--log-file`), or to stderr at `--log-level`.
import pino from 'pino';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Logger = pino.Logger;

export interface LogOptions {
  logLevel?: string;
  logFile?: string;
}

export function createLogger(options: LogOptions): Logger {
  const level = options.logLevel ?? 'warn';
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    return pino({ level, base: { app: 'vnpress' } }, pino.destination({ dest: options.logFile, append: true, sync: true }));
  }
  return pino({ level, base: undefined }, pino.destination({ dest: 2, sync: true }));
}
