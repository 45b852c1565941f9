// `vnpress extract` and `vnpress clean`: pages or texts (files, folders, `-` for standard input,
// http(s) URLs) through clean and extract, printed as the output contract; no database. Stages are
// imported when a command runs, so that `--help` and the database commands start fast.
import { Command } from 'commander';
import { UserError } from '../core/errors.ts';
import { toContract } from '../core/contract.ts';
import { publishedOption } from './options.ts';
import type { InputSpec, LoadedInput } from './inputs.ts';

interface InputOptions {
  published?: string;
  url?: string;
  jsonl?: boolean;
  text?: boolean;
  contact?: string;
}

interface ExtractOptions extends InputOptions {
  pretty?: boolean;
  provenance?: boolean;
}

interface CleanCommandOptions extends InputOptions {
  json?: boolean;
}

const INPUTS_HELP = 'files or folders of .html/.htm/.txt, `-` for standard input, or http(s) URLs (fetched politely, obeying robots.txt)';

function withInputOptions(command: Command): Command {
  return command
    .addOption(publishedOption())
    .option('--url <url>', 'the page URL (for one input; a fetched page has its own)')
    .option('--text', 'read standard input and files as text even when they look like HTML (by default standard input is sniffed)')
    .option('--contact <url>', 'contact URL put in the User-Agent when fetching (default: $VNPRESS_CONTACT or the project page)')
    .option('--jsonl', 'print one JSON object per line, each with an `input` field (needed for more than one input)');
}

export function extractCommand(): Command {
  return withInputOptions(new Command('extract')
    .description('clean and extract pages or texts (files, folders, - for stdin, URLs) and print the contract JSON; no database')
    .argument('<inputs...>', INPUTS_HELP))
    .option('--json', 'print one JSON object (the default for one input)')
    .option('--pretty', 'indent the JSON')
    .option('--provenance', 'add each hit\'s span, rule id and implied fields')
    .action(async (inputs: string[], opts: ExtractOptions) => {
      await eachInput(inputs, opts, (loaded, record) => {
        const contract = toContract(loaded.input, record.article, record.extraction, opts.provenance);
        return JSON.stringify(contract, null, opts.pretty && !opts.jsonl ? 2 : undefined);
      });
    });
}

export function cleanCommand(): Command {
  return withInputOptions(new Command('clean')
    .description('print only the cleaned body text of pages or texts (files, folders, - for stdin, URLs); no database')
    .argument('<inputs...>', INPUTS_HELP))
    .option('--json', 'print the cleaned article with its metadata as JSON')
    .action(async (inputs: string[], opts: CleanCommandOptions) => {
      await eachInput(inputs, opts, (loaded, { article }) => {
        if (opts.jsonl) return JSON.stringify({ input: loaded.input, ...article });
        if (opts.json) return JSON.stringify({ input: loaded.input, ...article }, null, 2);
        // Plain text has no place for them: the warnings go to stderr.
        for (const warning of article.warnings) process.stderr.write(`vnpress: ${loaded.input}: ${warning}\n`);
        return article.text || null;
      });
    });
}

type Processed = import('../run/process.ts').Processed;

/**
 * Reads each input in turn, cleans and extracts it, and prints what `format` makes of it. One input
 * is the default; more (several arguments, a folder) need --jsonl so that each result says which
 * input it is. With --jsonl an input that cannot be read is a line with its error and the run goes on
 * (exit code 1 at the end); with one input it is the error.
 */
async function eachInput(args: string[], opts: InputOptions, format: (loaded: LoadedInput, processed: Processed) => string | null): Promise<void> {
  const { expandInputs, InputReader } = await import('./inputs.ts');
  const { processPage, PageOverBudget } = await import('../run/process.ts');
  let failures = 0;
  // An input that cannot be used (unreadable, a named pipe in a folder, over its budget): with --jsonl
  // one line on stderr and an error record, and the rest go on; with one input, the error.
  const fail = (input: string, why: string) => {
    if (!opts.jsonl) throw new UserError(`${input}: ${why}`);
    process.stderr.write(`vnpress: ${input}: ${why}\n`);
    process.stdout.write(JSON.stringify({ input, error: why }) + '\n');
    failures++;
  };
  const specs: InputSpec[] = expandInputs(args, ({ input, why }) => fail(input, why));
  if (!opts.jsonl && specs.length > 1) {
    throw new UserError(`${args.join(' ')}: ${specs.length} inputs; use --jsonl for more than one (one JSON object per line, each with its input)`);
  }
  const reader = new InputReader({ forceText: !!opts.text, ...(opts.contact ? { contact: opts.contact } : {}) });
  try {
    for (const spec of specs) {
      const loaded = await reader.load(spec);
      if (loaded.problem) {
        fail(loaded.input, loaded.problem);
        continue;
      }
      if (loaded.warning) process.stderr.write(`vnpress: ${loaded.input}: warning, ${loaded.warning}\n`);
      let processed: Processed;
      try {
        processed = processPage(loaded.content, loaded.kind, {
          url: (specs.length === 1 ? opts.url : undefined) ?? loaded.url,
          published: opts.published ?? null,
          ...(loaded.fetchedAt ? { fetchedAt: loaded.fetchedAt } : {}),
        });
      } catch (error) {
        if (!(error instanceof PageOverBudget)) throw error;
        fail(loaded.input, error.message);
        continue;
      }
      const out = format(loaded, processed);
      if (out !== null) process.stdout.write(out + '\n');
    }
  } finally {
    await reader.close();
  }
  if (failures) process.exitCode = 1;
}
