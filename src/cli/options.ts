// Option parsing shared by the commands: the database path, whole numbers, ports, dates, repeatable
// flags. A bad value is a UserError naming the flag and the value.
// Loaded by every command (src/cli.ts): it imports commander and nothing heavier.
import { Option } from 'commander';
import { UserError } from '../core/errors.ts';

/** Where the database lives unless --db or VNPRESS_DB says otherwise. */
export const DEFAULT_DB = 'data/vnpress.db';

/**
 * --db, else VNPRESS_DB, else data/vnpress.db (relative to the working folder): a service or a
 * container sets the variable once and every command finds the same file.
 */
export const dbOption = (description = 'SQLite database file') => new Option('--db <path>', description).default(DEFAULT_DB).env('VNPRESS_DB');

/** Repeatable option collector for commander. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** An argument parser for a flag that takes a whole number above zero. */
export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UserError(`${flag} ${JSON.stringify(value)}: expected a positive whole number`);
    return n;
  };
}

/**
 * An option that takes one of a few words, matched whatever the case (`--format CSV` is `csv`); the
 * help lists the words as commander does for choices, and another value is a UserError naming them.
 */
export function choiceOption<T extends string>(flags: string, description: string, choices: readonly T[]): Option {
  const flag = flags.split(/[ ,]+/).find((f) => f.startsWith('--')) ?? flags;
  return new Option(flags, description).choices(choices).argParser((value: string): T => {
    const chosen = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
    if (chosen === undefined) throw new UserError(`${flag} ${JSON.stringify(value)}: expected one of ${choices.join(', ')}`);
    return chosen;
  });
}

/** --threads: how many threads a command spreads its CPU work over (this one included). */
export function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(`--threads ${JSON.stringify(value)}: expected a whole number from 1 to 64`);
  return n;
}

/** --published: a publication date/time for inputs that lack one. */
export const publishedOption = () =>
  new Option('--published <iso>', 'publication date/time for inputs that lack one (ISO 8601)').argParser(parsePublishedOption);

export function toPort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UserError(`--port ${JSON.stringify(value)}: expected a whole number from 0 to 65535`);
  }
  return n;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Validates `--published`: an ISO date (taken as midnight in Vietnam, +07:00) or an ISO
 * date-time (without an offset, +07:00 is assumed). Returns ISO 8601 with an offset.
 */
export function parsePublishedOption(value: string): string {
  const trimmed = value.trim();
  const bad = (why: string) =>
    new UserError(`--published ${JSON.stringify(value)}: ${why} (expected an ISO 8601 date such as 2020-07-15 or 2020-07-15T08:30:00+07:00)`);
  const date = ISO_DATE.exec(trimmed);
  const datetime = date ? null : ISO_DATETIME.exec(trimmed);
  if (!date && !datetime) throw bad('not a date');
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = (date ?? datetime)! as unknown as string[];
  const year = Number(y), month = Number(mo), day = Number(d);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw bad('no such day');
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw bad('no such time');
  const offset = !zone ? '+07:00' : zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}

/** --max-failure-rate: a fraction from 0 to 1, or a percentage (`20%`). */
export function parseFailureRate(value: string): number {
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value);
  const rate = percent ? n / 100 : n;
  if (!value.trim() || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UserError(`--max-failure-rate ${JSON.stringify(value)}: expected a fraction from 0 to 1 (0.2) or a percentage (20%)`);
  }
  return rate;
}
