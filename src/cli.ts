// The `vnpress` command. Each subcommand parses its options here and calls a stage or a runner;
// a UserError (or StoreError) becomes one line on stderr and a non-zero exit, never a stack trace.
// A command loads its stages when it runs, so that each process loads what its command needs and
// nothing else: `--version` and `extract` never load SQLite, the HTTP client or the web app.
import { Command, CommanderError } from 'commander';
import { BusyError, StoreError, UserError } from './core/errors.ts';
import { choiceOption, dbOption, positiveInt, publishedOption, toPort } from './cli/options.ts';
import { parseFailureRate } from './cli/options.ts';
import { DEFAULT_MAX_FAILURE_RATE } from './run/verdict.ts';

/**
 * Commands defined in modules of their own, whose definitions import what they run (query, export
 * and the read model load zod and better-sqlite3): loaded only for the command named, or all of
 * them for the help that lists them.
 */
const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  extract: async () => (await import('./cli/extract.ts')).extractCommand(),
  clean: async () => (await import('./cli/extract.ts')).cleanCommand(),
  query: async () => (await import('./cli/query.ts')).queryCommand(),
  export: async () => (await import('./cli/export.ts')).exportCommand(),
  serve: async () => (await import('./cli/serve.ts')).serveCommand(),
};

/** The commands defined in buildProgram itself (checked whenever the whole program is built, as for --help). */
export const INLINE_COMMANDS: readonly string[] = ['demo', 'crawl', 'ingest', 'reextract', 'runs'];

/**
 * The command modules to load for these arguments: the command's own when the first argument names
 * one, none for `--version` or a command of this file, all of them otherwise (the help, an unknown
 * command and commander's suggestion for it).
 */
export function commandModulesFor(argv: readonly string[]): string[] {
  const first = argv[2];
  if (first === '--version' || first === '-V' || (first !== undefined && INLINE_COMMANDS.includes(first))) return [];
  if (first !== undefined && Object.hasOwn(COMMAND_MODULES, first)) return [first];
  return Object.keys(COMMAND_MODULES);
}

export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const wanted = commandModulesFor(argv);
  const modules = new Map(await Promise.all(wanted.map(async (name) => [name, await COMMAND_MODULES[name]!()] as const)));
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
      const outcome = await runDemo(opts);
      process.exitCode = outcome.exitCode;
      if (outcome.status === 'interrupted') return;
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
    .option('--max-per-source <n>', 'most article fetches per source in this run', positiveInt('--max-per-source'))
    .option('--user-agent <ua>', 'User-Agent to send (default names vnpress and a contact URL)')
    .option('--contact <url>', 'contact URL put in the User-Agent (default: $VNPRESS_CONTACT or the project page)');
  withRunOptions(crawl)
    .action(async (pipeline: string, opts) => {
      const { runCrawlCommand } = await import('./cli/crawl.ts');
      process.exitCode = (await runCrawlCommand(pipeline, opts)).exitCode;
    });

  program.command('ingest')
    .description('clean, extract and store local .html/.txt files or folders of them')
    .argument('<paths...>', 'files or folders')
    .addOption(dbOption())
    .addOption(publishedOption())
    .option('--source <id>', 'source id to file the articles under: one in the database or a profile in pipelines/')
    .option('--new-source', 'create --source when it is neither (without it a mistyped id is refused)')
    .action(async (paths: string[], opts) => {
      const { runIngest } = await import('./run/ingest.ts');
      const counts = await runIngest(paths, opts, {
        skipped: (input, why) => process.stderr.write(`vnpress: ${input}: skipped, ${why}\n`),
        warning: (input, what) => process.stderr.write(`vnpress: ${input}: warning, ${what}\n`),
      });
      process.stdout.write(`Ingested ${counts.inputs} input(s) into ${opts.db}: ${counts.inserted} new, ${counts.updated} updated, ` +
        `${counts.unchanged} unchanged, ${counts.duplicate} duplicate, ${counts.skipped} skipped` +
        `${counts.refused ? `, ${counts.refused} refused (their URL is an article of another source)` : ''}; ${counts.entities} entities stored.\n`);
      if (counts.skipped) process.exitCode = 1;
    });

  for (const name of ['extract', 'clean']) if (modules.has(name)) program.addCommand(modules.get(name)!);

  program.command('reextract')
    .description('re-run clean and extract over the stored raw pages (no refetching), each with the profile its source was stored with, and list the articles that changed')
    .addOption(dbOption())
    .option('--source <id>', 'only this source')
    .option('--pipeline <name|file>', "clean with this pipeline's profiles (e.g. after editing selectors) instead of the stored ones, and store them")
    .option('--dry-run', 'show what would change; write nothing')
    .action(async (opts: { db: string; source?: string; pipeline?: string; dryRun?: boolean }) => {
      const { runReextract } = await import('./run/reextract.ts');
      const profiles = opts.pipeline ? (await (await import('./run/pipelines.ts')).loadPipeline(opts.pipeline)).sources : undefined;
      const would = opts.dryRun ? 'would change' : 'changed';
      const counts = await runReextract({ ...opts, ...(profiles ? { profiles } : {}) }, {
        changed: ({ id, url, change, entitiesBefore, entitiesAfter }) => process.stdout.write(
          `${would}: article ${id} ${url}: ${change === 'text' ? 'new text (old kept as a revision)' : 'entities'}, entity rows ${entitiesBefore} → ${entitiesAfter}\n`),
        failed: ({ id, url, why }) => process.stderr.write(`vnpress: article ${id} ${url}: left as it is, ${why}\n`),
      });
      process.stdout.write(`${opts.dryRun ? 'Dry run, nothing written: ' : ''}Re-extracted ${counts.articles} stored page(s): ` +
        `${counts.textChanged} with new text${opts.dryRun ? '' : ' (old kept as revisions)'}, ${counts.entitiesChanged} with changed entities, ` +
        `${counts.unchanged} unchanged${counts.failed ? `, ${counts.failed} failed` : ''}; entity rows ${counts.entitiesBefore} → ${counts.entitiesAfter}.\n`);
      if (counts.failed) process.exitCode = 1;
    });

  program.command('runs')
    .description('list recent crawl runs with their per-source counts; --failed lists a run\'s failed URLs with their reasons')
    .addOption(dbOption())
    .option('--limit <n>', 'how many runs', positiveInt('--limit'), 10)
    .option('--failed', 'the failed URLs of a run (the latest crawl unless --run), with reason, HTTP status, attempt and next retry')
    .option('--run <n>', 'the run for --failed', positiveInt('--run'))
    .option('--json', 'JSON Lines instead of a table')
    .action(async (opts) => {
      const { showRuns, showFailures } = await import('./cli/runs.ts');
      if (opts.failed) showFailures(opts);
      else if (opts.run !== undefined) throw new UserError('--run goes with --failed (vnpress runs --failed --run N)');
      else showRuns(opts);
    });

  for (const name of ['query', 'export', 'serve']) if (modules.has(name)) program.addCommand(modules.get(name)!);
  if (modules.size === Object.keys(COMMAND_MODULES).length) {
    const unlisted = program.commands.map((c) => c.name()).filter((name) => !INLINE_COMMANDS.includes(name) && !modules.has(name));
    if (unlisted.length) throw new Error(`commands missing from INLINE_COMMANDS in src/cli.ts: ${unlisted.join(', ')}`);
  }
  return program;
}

/** Options every crawling command shares. */
function withRunOptions(command: Command): Command {
  return command
    .option('--recheck', 're-check every known page now (conditional requests), ignoring next-check times')
    .option('--max-failure-rate <rate>', 'exit with 3 when more than this share of the URLs tried failed: 0 to 1, or a percentage',
      (value: string) => parseFailureRate(value), DEFAULT_MAX_FAILURE_RATE)
    .option('--no-progress', 'no progress bars')
    .addOption(choiceOption('--log-level <level>', 'log level (any case)', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'))
    .option('--log-file <path>', 'write JSON logs to this file (for cron)');
}

export async function main(argv = process.argv): Promise<void> {
  const program = await buildProgram(argv);
  // Every command throws its usage errors to the handler below instead of exiting with
  // commander's 1: commands built before this call (or added whole) do not inherit it.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (an unknown option or command, a missing argument, a
      // value not among the choices) or the help it was asked for: usage errors exit 2, like
      // vnpress's own bad input (README "Exit codes"); --help and --version exit 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UserError || error instanceof StoreError || error instanceof BusyError) {
      process.stderr.write(`vnpress: ${error.message}\n`);
      process.exitCode = error instanceof UserError || error instanceof BusyError ? error.exitCode : 1;
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
