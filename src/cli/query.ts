// `vnpress query`: named analyst queries, `query search TEXT`, `query sql "SELECT …"`, `query --list`.
// Tables for people; --json and --csv for scripts. The database is always opened read-only.
import { Command } from 'commander';
import type { Writable } from 'node:stream';
import { UserError } from '../core/errors.ts';
import { collect, dbOption, positiveInt } from './options.ts';
import { openReadOnlyDatabase } from './read-only.ts';
import {
  getQuery,
  iterateReadOnlySql,
  listQueries,
  parseParamArgs,
  runQuery,
  searchArticles,
  type NamedQuery,
  type QueryParam,
  type Row,
} from '../store/query.ts';
import { writeRows } from '../export/write.ts';
import { csvText } from '../export/format.ts';
import { formatTable, formatVertical, terminalWidth } from './format.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr });

interface OutputOptions {
  json?: boolean;
  csv?: boolean;
  excel?: boolean;
  raw?: boolean;
  maxRows?: number;
  /** `--columns a,b,c`: these columns, in this order. */
  columns?: string[];
  vertical?: boolean;
}

/** The columns to show: `--columns` checked against the result's, or all of them. */
function pickColumns(available: string[], wanted: string[] | undefined): string[] {
  if (!wanted) return available;
  const unknown = wanted.filter((c) => !available.includes(c));
  if (unknown.length) throw new UserError(`--columns: no column ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the columns are: ${available.join(', ')}`);
  return wanted;
}

function columnList(value: string): string[] {
  const names = value.split(',').map((c) => c.trim()).filter(Boolean);
  if (!names.length) throw new UserError(`--columns ${JSON.stringify(value)}: expected column names separated by commas`);
  return names;
}

/** How `--csv` is written: `--excel` (BOM, CRLF), `--raw` (as stored), else formula-safe. */
function csvMode(opts: OutputOptions): 'excel' | 'raw' | 'safe' {
  return opts.excel ? 'excel' : opts.raw ? 'raw' : 'safe';
}

function checkOutput(opts: OutputOptions): void {
  if (opts.json && opts.csv) throw new UserError('choose one of --json and --csv');
  if (opts.excel && !opts.csv) throw new UserError('--excel applies to --csv only');
  if (opts.raw && !opts.csv) throw new UserError('--raw applies to --csv only');
  if (opts.excel && opts.raw) throw new UserError('choose one of --excel and --raw');
  if (opts.vertical && (opts.json || opts.csv)) throw new UserError('--vertical applies to tables, not to --json or --csv');
}

/**
 * Rows as JSON, CSV or a table. A table shows at most maxRows rows and says how many it left out;
 * `total` is the count when more rows existed than were collected.
 */
function printRows(
  io: CliIo, columns: string[], rows: Row[], opts: OutputOptions,
  tableOptions: Parameters<typeof formatTable>[1] = {}, total = rows.length,
): void {
  columns = pickColumns(columns, opts.columns);
  if (opts.columns) rows = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
  if (opts.json) {
    io.stdout.write(JSON.stringify(rows.map(jsonSafe), null, 2) + '\n');
  } else if (opts.csv) {
    // The export's CSV writer, so that `query … --csv [--excel|--raw]` gives the bytes `export` gives:
    // formula-safe like every CSV vnpress writes (src/export/format.ts), unless --raw.
    io.stdout.write(csvText(columns, rows, csvMode(opts)));
  } else {
    const shown = rows.slice(0, opts.maxRows ?? 200);
    const maxWidth = tableOptions.maxWidth ?? terminalWidth(io.stdout as { isTTY?: boolean; columns?: number });
    io.stdout.write(opts.vertical ? formatVertical(shown, { columns, maxWidth }) : formatTable(shown, { columns, ...tableOptions, maxWidth }));
    const more = total > shown.length ? `, ${total - shown.length} not shown (use --csv, --json or \`vnpress export\`)` : '';
    io.stderr.write(`${total} row${total === 1 ? '' : 's'}${more}\n`);
  }
}

function jsonSafe(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;
  return out;
}

function describeParam(p: QueryParam): string {
  const type = typeof p.type === 'object' ? p.type.choices.join('|') : p.type;
  // Choices as the query writes them (lower case); any case is accepted.
  const when = p.required ? 'required' : `default ${p.default ?? 'none'}`;
  const value = typeof p.type === 'object' ? type : type === 'text' ? 'VALUE' : type.toUpperCase();
  return `--param ${p.name}=${value}  ${p.description} (${when})`;
}

function describeQuery(q: NamedQuery): string {
  const lines = [`${q.name} — ${q.title}`, `    ${q.description}`];
  for (const p of q.params) lines.push(`    ${describeParam(p)}`);
  return lines.join('\n');
}

function listText(): string {
  return listQueries().map(describeQuery).join('\n\n') + '\n';
}

export function queryCommand(io: CliIo = processIo()): Command {
  const command = new Command('query')
    .description('read the database: named analyst queries, full-text search (`query search`), read-only SQL (`query sql`)')
    .argument('[name]', 'a named query (see --list)')
    .option('-l, --list', 'list the named queries with their params')
    .option('-p, --param <name=value>', 'a param of the named query (repeat for more)', collect, [])
    .addOption(dbOption())
    .option('--json', 'print the rows as a JSON array (for scripts)')
    .option('--csv', "print the rows as CSV (for scripts); cells a spreadsheet would run as formulas get a ' before them")
    .option('--excel', 'with --csv: CSV for Excel (a UTF-8 BOM and CRLF line ends; cells formula-safe as always)')
    .option('--raw', 'with --csv: every cell byte for byte as stored')
    .option('--columns <a,b,c>', 'only these columns, in this order (tables, --json and --csv)', columnList)
    .option('--vertical', 'one field per line for each row, values whole (for wide rows)')
    .option('--max-rows <n>', 'most rows a table shows (no limit with --json/--csv)', positiveInt('--max-rows'), 200)
    .addHelpText('after', () => `\nNamed queries:\n\n${listText()}\nExamples:\n  vnpress query statistics-by-unit --param unit=xã\n  vnpress query search "thanh uy" --from 2020\n  vnpress query sql "SELECT unit, count(*) FROM statistics GROUP BY unit"\n`)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .action((name: string | undefined, opts: { list?: boolean; param: string[]; db: string } & OutputOptions) => {
      checkOutput(opts);
      if (opts.list || !name) {
        if (opts.json) {
          const list = listQueries().map(({ name, title, description, params }) => ({ name, title, description, params }));
          io.stdout.write(JSON.stringify(list, null, 2) + '\n');
        } else io.stdout.write(listText());
        return;
      }
      const query = getQuery(name);
      const params = parseParamArgs(opts.param);
      const db = openReadOnlyDatabase(opts.db);
      try {
        const { columns, rows } = runQuery(db, query.name, params);
        printRows(io, columns, rows, opts);
      } finally {
        db.close();
      }
    });

  command
    .command('search')
    .description('full-text search over the articles; finds words with or without diacritics (`thanh uy` = `Thành ủy`, `dang` = `Đảng`)')
    .argument('<text...>', 'words (a run of words is a phrase), "quoted phrases", AND / OR / NOT, a trailing * for a prefix')
    .option('--source <id>', 'only this source')
    .option('--from <date>', 'published on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'published on or before')
    .option('--limit <n>', 'most results', positiveInt('--limit'), 20)
    .option('--offset <n>', 'skip this many results first', (v) => nonNegativeInt('--offset', v), 0)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .action((words: string[], _opts, sub: Command) => {
      const opts = sub.optsWithGlobals() as { db: string; source?: string; from?: string; to?: string; limit: number; offset: number } & OutputOptions;
      checkOutput(opts);
      const text = words.join(' ');
      const db = openReadOnlyDatabase(opts.db);
      try {
        const forPeople = !opts.json && !opts.csv;
        const marks: [string, string] = forPeople && io.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
        const hits = searchArticles(db, text, {
          source: opts.source ?? null, from: opts.from ?? null, to: opts.to ?? null, limit: opts.limit, offset: opts.offset,
          marks, snippetLength: forPeople ? 140 : 240,
        });
        if (forPeople) {
          const rows = hits.map((h) => ({ published: h.published?.slice(0, 10) ?? null, source: h.source_id, title: h.title, snippet: h.snippet, article_url: h.article_url }));
          printRows(io, ['published', 'source', 'title', 'snippet', 'article_url'], rows, opts, { columnWidths: { snippet: 150, title: 40 } });
        } else {
          const rows = hits.map(({ matches: _m, ...rest }) => rest);
          printRows(io, ['article_id', 'published', 'source_id', 'source_name', 'title', 'snippet', 'article_url', 'rank'], rows, opts);
        }
      } finally {
        db.close();
      }
    });

  command
    .command('sql')
    .description('run one read-only SQL statement (a SELECT, WITH … SELECT, or a PRAGMA that reads); anything that writes is refused')
    .argument('<statement...>', 'the SQL statement (quote it); `:name` placeholders take values from --param name=value')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .action(async (parts: string[], _opts, sub: Command) => {
      const opts = sub.optsWithGlobals() as { db: string; param: string[] } & OutputOptions;
      checkOutput(opts);
      const params = parseParamArgs(opts.param ?? []);
      const db = openReadOnlyDatabase(opts.db);
      try {
        const all = iterateReadOnlySql(db, parts.join(' '), params);
        const columns = pickColumns(all.columns, opts.columns);
        const stream = opts.columns ? { columns, rows: all.rows } : all;
        if (opts.csv) {
          await writeRows(stream, { format: 'csv', csv: csvMode(opts), stdout: io.stdout as Writable, stderr: io.stderr, progress: false });
          return;
        }
        // A table shows only the first rows: count the rest without holding them.
        const rows: Row[] = [];
        const cap = opts.json ? Infinity : opts.maxRows ?? 200;
        let seen = 0;
        for (const row of stream.rows) {
          seen++;
          if (rows.length < cap) rows.push(row);
        }
        printRows(io, stream.columns, rows, opts, {}, seen);
      } finally {
        db.close();
      }
    });

  return command;
}

function nonNegativeInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} ${JSON.stringify(value)}: expected a whole number, 0 or more`);
  return n;
}
