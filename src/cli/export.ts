// `vnpress export NAME --format csv|jsonl|parquet [--out FILE] [--excel|--raw]`: a table, a view, a
// named query, `search:TEXT` or `sql:SELECT …` (read-only), streamed to stdout or a file, ending with a
// line on stderr that says how many rows were written (and, for a table, that they are all its rows).
import { Command, Option } from 'commander';
import type { Writable } from 'node:stream';
import { UserError } from '../core/errors.ts';
import { parseParamArgs, loadQueries } from '../store/query.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../export/write.ts';
import { defaultExportThreads, exportRows } from '../export/run.ts';
import type { CliIo } from './query.ts';
import { choiceOption, collect, dbOption, threadCount } from './options.ts';
import { openReadOnlyDatabase } from './read-only.ts';

interface ExportOpts {
  format: ExportFormat;
  out?: string;
  excel?: boolean;
  raw?: boolean;
  param: string[];
  db: string;
  progress: boolean;
  threads?: number;
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr });

function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export function exportCommand(io: CliIo = processIo()): Command {
  return new Command('export')
    .description('write a table, a view, a named query, search:TEXT or "sql:SELECT …" as CSV or JSON Lines, streamed, with labels next to ids and article_url on every row')
    .argument('<name>', 'a table (articles, statistics, …), a view (statistics_view, …), a named query (see `vnpress query --list`), search:TEXT, or "sql:SELECT …" (read-only, as `query sql`)')
    .addOption(choiceOption('-f, --format <format>', 'output format (any case)', EXPORT_FORMATS).default('csv'))
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addOption(new Option('--excel', 'CSV for Excel: a UTF-8 BOM and CRLF line ends (cells are formula-safe as always)').conflicts('raw'))
    .option('--raw', "CSV cells byte for byte as stored: no ' before cells starting with = + - @ (which spreadsheets would run as formulas; see README)")
    .option('-p, --param <name=value>', 'a param of the named query, the search (source, from, to, limit) or the SQL (:name); repeat for more', collect, [])
    .addOption(dbOption())
    .option('--no-progress', 'no progress line on stderr (it only shows on a terminal anyway)')
    .option('--threads <n>', `threads reading and formatting the rows of a table or keyed view (default ${defaultExportThreads()}: one per core, at most 4; 1 for a single thread)`, threadCount)
    .addHelpText('after', () => `\nNamed queries: ${loadQueries().map((q) => q.name).join(', ')}\n\nExamples:\n  vnpress export statistics --format csv --out statistics.csv\n  vnpress export statistics-by-unit --param unit=% --param limit=-1 --format jsonl\n  vnpress export "search:thanh uy" --excel --out search.csv\n  vnpress export "sql:SELECT unit, count(*) AS n FROM statistics WHERE value > :min GROUP BY unit" --param min=100\n`)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .action(async (name: string, opts: ExportOpts) => {
      if (opts.excel && opts.format !== 'csv') throw new UserError('--excel applies to --format csv only');
      if (opts.raw && opts.format !== 'csv') throw new UserError('--raw applies to --format csv only (JSON Lines is always as stored)');
      const csv = opts.excel ? 'excel' : opts.raw ? 'raw' : 'safe';
      const params = parseParamArgs(opts.param);
      const db = openReadOnlyDatabase(opts.db);
      try {
        const run = await exportRows(db, name, params, {
          format: opts.format, out: opts.out ?? null, csv,
          stdout: io.stdout as Writable, stderr: io.stderr,
          progress: opts.progress === false ? false : undefined, threads: opts.threads,
        });
        const where = run.out === '-' ? 'stdout' : run.out;
        const check = run.source.total !== null ? `, all ${run.source.total.toLocaleString('en')} rows of the table` : '';
        const threads = run.threads > 1 ? `, read by ${run.threads} threads` : '';
        io.stderr.write(`exported ${run.rows.toLocaleString('en')} rows of ${run.source.label} to ${where} (${opts.format}${opts.format === 'csv' && csv !== 'safe' ? `, ${csv}` : ''}, ${humanBytes(run.bytes)}${check}${threads})\n`);
      } finally {
        db.close();
      }
    });
}
