// The `vnpress` command. Each subcommand parses its options here and calls a stage or a runner;
// a UserError (or StoreError) becomes one line on stderr and a non-zero exit, never a stack trace.
import { Command, Option, CommanderError } from 'commander';
import { UserError } from './core/errors.ts';
import { StoreError } from './store/db.ts';
import { parsePublishedOption, toContract } from './core/contract.ts';
import { queryCommand } from './cli/query.ts';
import { exportCommand } from './cli/export.ts';
import { serveCommand, toPort } from './cli/serve.ts';

export const DEFAULT_DB = 'data/vnpress.db';

const dbOption = () => new Option('--db <path>', 'SQLite database file').default(DEFAULT_DB);
const published = () => new Option('--published <iso>', 'publication date/time for inputs that lack one (ISO 8601)').argParser(parsePublishedOption);

export function buildProgram(): Command {
  const program = new Command('vnpress')
    .description('Turn Vietnamese party and news press into a queryable dataset.\n' +
      'Stages: discover → fetch → clean → extract → store → query/export.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });

  const demo = program.command('demo')
    .description('the embedded default: serve bundled demo sites on 127.0.0.1, run the nightly pipeline against them, print a report')
    .addOption(dbOption());
  withRunOptions(demo)
    .option('--serve', 'after the report, keep the web app for analysts running on the demo database')
    .option('--port <n>', 'port for --serve (default: a free port)', toPort)
    .action(async (opts) => {
      const { runDemo } = await import('./cli/demo.ts');
      await runDemo(opts);
      if (opts.serve) {
        const { startWebServer } = await import('./web/server.ts');
        const web = await startWebServer({ dbPath: opts.db, port: opts.port ?? 0 });
        process.stdout.write(`\nWeb app for analysts: ${web.url}  (Ctrl-C stops it)\n`);
        await new Promise<void>((resolve) => process.once('SIGINT', () => void web.close().then(resolve)));
      }
    });

  const crawl = program.command('crawl')
    .description('run a pipeline from pipelines/ (e.g. `nightly`, or one site such as `vnexpress`) and store what it finds')
    .argument('[pipeline]', 'pipeline name (a file in pipelines/) or path to a pipeline file', 'nightly')
    .addOption(dbOption())
    .option('--max-per-source <n>', 'most article fetches per source in this run', toPositiveInt('--max-per-source'))
    .option('--user-agent <ua>', 'User-Agent to send (default names vnpress and a contact URL)')
    .option('--contact <url>', 'contact URL put in the User-Agent (default: $VNPRESS_CONTACT or the project page)');
  withRunOptions(crawl)
    .action(async (pipeline: string, opts) => {
      const { runCrawlCommand } = await import('./cli/crawl.ts');
      await runCrawlCommand(pipeline, opts);
    });

  program.command('ingest')
    .description('clean, extract and store local .html/.txt files or folders of them')
    .argument('<paths...>', 'files or folders')
    .addOption(dbOption())
    .addOption(published())
    .option('--source <id>', 'source id to file the articles under')
    .action(async (paths: string[], opts) => {
      const { runIngest } = await import('./run/ingest.ts');
      await runIngest(paths, opts);
    });

  program.command('extract')
    .description('clean and extract one page (.html) or text (.txt) and print the contract JSON; no database')
    .argument('<inputs...>', 'a file, or with --jsonl several files or folders')
    .addOption(published())
    .option('--url <url>', 'the page URL (for one input)')
    .option('--json', 'print one JSON object (the default for one input)')
    .option('--jsonl', 'print one JSON object per line, each with an `input` field')
    .option('--pretty', 'indent the JSON')
    .option('--provenance', 'add each hit\'s span, rule id and implied fields')
    .action(async (inputs: string[], opts) => runExtract(inputs, opts));

  program.command('clean')
    .description('print only the cleaned body text of one page or text; no database')
    .argument('<input>', 'a .html or .txt file')
    .addOption(published())
    .option('--url <url>', 'the page URL')
    .option('--json', 'print the cleaned article with its metadata as JSON')
    .action(async (input: string, opts) => {
      const { listInputs, readInput } = await import('./fetch/files.ts');
      const { processPage } = await import('./run/process.ts');
      const [one] = listInputs([input]);
      const read = readInput(one!.input);
      if (read.problem) throw new UserError(`${input}: ${read.problem}`);
      const { article } = processPage(read.content, one!.kind, { url: opts.url ?? null, published: opts.published ?? null });
      if (opts.json) process.stdout.write(JSON.stringify({ input, ...article }, null, 2) + '\n');
      else process.stdout.write(article.text + (article.text ? '\n' : ''));
      for (const warning of article.warnings) process.stderr.write(`vnpress: ${input}: ${warning}\n`);
    });

  program.command('reextract')
    .description('re-run clean and extract over the stored raw pages (no refetching) and report what changed')
    .addOption(dbOption())
    .option('--source <id>', 'only this source')
    .action(async (opts) => {
      const { runReextract } = await import('./run/reextract.ts');
      await runReextract(opts);
    });

  program.command('runs')
    .description('list recent crawl runs with their per-source counts')
    .addOption(dbOption())
    .option('--limit <n>', 'how many runs', toPositiveInt('--limit'), 10)
    .option('--json', 'JSON Lines instead of a table')
    .action(async (opts) => {
      const { showRuns } = await import('./cli/runs.ts');
      showRuns(opts);
    });

  program.addCommand(queryCommand());
  program.addCommand(exportCommand());
  program.addCommand(serveCommand());
  return program;
}

// Stages are imported when a command runs, so that `--help` and the database commands start fast.
async function runExtract(inputs: string[], opts: { published?: string; url?: string; jsonl?: boolean; pretty?: boolean; provenance?: boolean }) {
  const { listInputs, readInput } = await import('./fetch/files.ts');
  const { processPage } = await import('./run/process.ts');
  const files = listInputs(inputs);
  if (!opts.jsonl && files.length > 1) throw new UserError(`${inputs.join(' ')}: ${files.length} inputs; use --jsonl for more than one`);
  let failures = 0;
  for (const file of files) {
    const read = readInput(file.input);
    if (read.problem) {
      if (!opts.jsonl) throw new UserError(`${file.input}: ${read.problem}`);
      process.stderr.write(`vnpress: ${file.input}: ${read.problem}\n`);
      process.stdout.write(JSON.stringify({ input: file.input, error: read.problem }) + '\n');
      failures++;
      continue;
    }
    const { article, extraction } = processPage(read.content, file.kind, {
      url: files.length === 1 ? opts.url ?? null : null, published: opts.published ?? null,
    });
    const record = toContract(file.input, article, extraction, opts.provenance);
    process.stdout.write(JSON.stringify(record, null, opts.pretty && !opts.jsonl ? 2 : undefined) + '\n');
  }
  if (failures) process.exitCode = 1;
}

/** Options every crawling command shares. */
function withRunOptions(command: Command): Command {
  return command
    .option('--recheck', 're-check every known page now (conditional requests), ignoring next-check times')
    .option('--no-progress', 'no progress bars')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'))
    .option('--log-file <path>', 'write JSON logs to this file (for cron)');
}

function toPositiveInt(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UserError(`${flag} ${JSON.stringify(value)}: expected a positive whole number`);
    return n;
  };
}

export async function main(argv = process.argv): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof UserError || error instanceof StoreError) {
      process.stderr.write(`vnpress: ${error.message}\n`);
      process.exitCode = error instanceof UserError ? error.exitCode : 1;
      return;
    }
    // Anything else is a bug: say so in one line, with the detail only when asked for.
    process.stderr.write(`vnpress: internal error: ${(error as Error).message}\n`);
    if (process.env.VNPRESS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 70;
  }
}

// stdout closed early (`vnpress export … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main();
