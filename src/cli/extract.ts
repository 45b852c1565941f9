// `vnpress extract` and `vnpress clean`: one page or text (or, with --jsonl, many) through clean and
// extract, printed as the output contract; no database. Stages are imported when a command runs, so
// that `--help` and the database commands start fast.
import { Command } from 'commander';
import { UserError } from '../core/errors.ts';
import { toContract } from '../core/contract.ts';
import { publishedOption } from './options.ts';

interface ExtractOptions {
  published?: string;
  url?: string;
  jsonl?: boolean;
  pretty?: boolean;
  provenance?: boolean;
}

export function extractCommand(): Command {
  return new Command('extract')
    .description('clean and extract one page (.html) or text (.txt) and print the contract JSON; no database')
    .argument('<inputs...>', 'a file, or with --jsonl several files or folders')
    .addOption(publishedOption())
    .option('--url <url>', 'the page URL (for one input)')
    .option('--json', 'print one JSON object (the default for one input)')
    .option('--jsonl', 'print one JSON object per line, each with an `input` field')
    .option('--pretty', 'indent the JSON')
    .option('--provenance', 'add each hit\'s span, rule id and implied fields')
    .action(async (inputs: string[], opts: ExtractOptions) => runExtract(inputs, opts));
}

export function cleanCommand(): Command {
  return new Command('clean')
    .description('print only the cleaned body text of one page or text; no database')
    .argument('<input>', 'a .html or .txt file')
    .addOption(publishedOption())
    .option('--url <url>', 'the page URL')
    .option('--json', 'print the cleaned article with its metadata as JSON')
    .action(async (input: string, opts: { published?: string; url?: string; json?: boolean }) => {
      const { listInputs, readInput } = await import('../fetch/files.ts');
      const { processPage } = await import('../run/process.ts');
      const [one] = listInputs([input]);
      const read = readInput(one!.input);
      if (read.problem) throw new UserError(`${input}: ${read.problem}`);
      const { article } = processPage(read.content, one!.kind, { url: opts.url ?? null, published: opts.published ?? null });
      if (opts.json) process.stdout.write(JSON.stringify({ input, ...article }, null, 2) + '\n');
      else process.stdout.write(article.text + (article.text ? '\n' : ''));
      for (const warning of article.warnings) process.stderr.write(`vnpress: ${input}: ${warning}\n`);
    });
}

async function runExtract(inputs: string[], opts: ExtractOptions): Promise<void> {
  const { listInputs, readInput } = await import('../fetch/files.ts');
  const { processPage } = await import('../run/process.ts');
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
