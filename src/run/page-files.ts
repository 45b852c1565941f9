// Files of pages through clean → extract, each printed as one JSON line: what `vnpress extract DIR
// --jsonl` and `clean DIR --jsonl` do, on this thread or in a worker of the page pool (page-pool.ts).
// A job and its result are plain data, so that they cross to a worker thread and back.
import { toContract } from '../core/contract.ts';
import type { InputKind } from '../core/types.ts';
import { readInput } from '../fetch/files.ts';
import { processPage, PageOverBudget, type Processed } from './process.ts';

/** What is printed of a page: the output contract (`extract`) or the cleaned article (`clean`). */
export type PageOutput = 'contract' | 'article';

export interface PageLineOptions {
  output: PageOutput;
  /** Add each hit's span, rule id and implied fields (`extract --provenance`). */
  provenance?: boolean;
  /** Indent the JSON (only when one record is printed). */
  pretty?: boolean;
}

/** One page's record as printed: the contract, or the article with its input. */
export function pageLine(input: string, { article, extraction }: Processed, options: PageLineOptions): string {
  const record = options.output === 'contract' ? toContract(input, article, extraction, options.provenance) : { input, ...article };
  return JSON.stringify(record, null, options.pretty ? 2 : undefined);
}

export interface FileJob extends PageLineOptions {
  input: string;
  kind: InputKind;
  /** The page's URL, when the user gave one (`--url`, for one input). */
  url?: string;
  published: string | null;
}

export type FileResult =
  | { line: string; warning?: string }
  | { problem: string };

/** Reads, decodes, cleans and extracts one file; never throws for what is wrong with the file. */
export function runFileJob(job: FileJob): FileResult {
  const read = readInput(job.input);
  if (read.problem) return { problem: read.problem };
  let processed: Processed;
  try {
    processed = processPage(read.content, job.kind, { url: job.url ?? null, published: job.published });
  } catch (error) {
    if (error instanceof PageOverBudget) return { problem: error.message };
    throw error;
  }
  const line = pageLine(job.input, processed, job);
  return read.warning ? { line, warning: read.warning } : { line };
}
