// What `extract` and `clean` read: files and folders, `-` for standard input, and http(s) URLs,
// fetched politely one by one through the crawl's own client (robots.txt, User-Agent, per-host
// delays, retries, size and time limits: src/fetch/). The HTTP stack is loaded only when a URL
// is given, so reading files starts as fast as before.
import { UserError } from '../core/errors.ts';
import type { InputKind } from '../core/types.ts';
import type { Fetcher, FetchFailed } from '../fetch/fetcher.ts';
import { decodeInput, listInputs, readInput, sniffKind, type SkippedInput } from '../fetch/files.ts';

export type InputSpec =
  | { type: 'stdin'; input: '-' }
  | { type: 'url'; input: string }
  | { type: 'file'; input: string; kind: InputKind };

export interface LoadedInput {
  input: string;
  content: string;
  kind: InputKind;
  /** The page's URL: where a fetched page was found in the end (after redirects). */
  url: string | null;
  fetchedAt: string | null;
  /** Why the input cannot be used (empty, binary, not fetched), one line. */
  problem: string | null;
  /** Something to know about an input that was used: its bytes were damaged (charset). */
  warning?: string;
}

const URL_INPUT = /^https?:\/\//i;

/** Standard input larger than this is refused: a page is a few hundred KB; the HTTP client caps bodies at 8 MB. */
export const MAX_STDIN_BYTES = 32 * 1024 * 1024;

/**
 * Expands the arguments into inputs, in order: `-` (once), URLs, files and the files of folders. An
 * entry of a folder that cannot be read (a named pipe, a dangling link …) goes to `skip`.
 */
export function expandInputs(args: readonly string[], skip?: (entry: SkippedInput) => void): InputSpec[] {
  const specs: InputSpec[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdin) throw new UserError('-: standard input can be read only once');
      stdin = true;
      specs.push({ type: 'stdin', input: '-' });
    } else if (URL_INPUT.test(arg)) {
      specs.push({ type: 'url', input: arg });
    } else {
      for (const file of listInputs([arg], skip)) specs.push({ type: 'file', input: file.input, kind: file.kind });
    }
  }
  return specs;
}

export interface InputReaderOptions {
  /** Read standard input and files as text even when they look like HTML. */
  forceText?: boolean;
  /** The User-Agent's contact URL for fetched pages (default: $VNPRESS_CONTACT or the project page). */
  contact?: string;
}

/** Loads inputs one at a time; close() releases the HTTP client when a URL was fetched. */
export class InputReader {
  private fetcher: Fetcher | null = null;

  constructor(private readonly options: InputReaderOptions = {}) {}

  async load(spec: InputSpec): Promise<LoadedInput> {
    const base = { input: spec.input, url: null, fetchedAt: null };
    if (spec.type === 'file') {
      const read = readInput(spec.input);
      return { ...base, content: read.content, kind: this.options.forceText ? 'text' : spec.kind, problem: read.problem, ...(read.warning ? { warning: read.warning } : {}) };
    }
    if (spec.type === 'stdin') {
      const read = decodeInput(await readStdin(), 'standard input');
      const kind = this.options.forceText ? 'text' : sniffKind(read.content);
      return { ...base, content: read.content, kind, problem: read.problem, ...(read.warning ? { warning: read.warning } : {}) };
    }
    const fetcher = await this.httpFetcher();
    const outcome = await fetcher.fetchPage(spec.input, { sourceId: 'cli', kind: 'article' });
    if (outcome.outcome === 'ok') {
      const { page } = outcome;
      return { ...base, content: page.html, kind: this.options.forceText ? 'text' : 'html', url: page.finalUrl, fetchedAt: page.fetchedAt, problem: null };
    }
    // Not asked with validators, so never 'not-modified'; said anyway rather than assumed.
    const problem = outcome.outcome === 'failed' ? fetchProblem(spec.input, outcome) : 'not fetched: the server answered 304 Not Modified';
    return { ...base, content: '', kind: 'html', problem };
  }

  async close(): Promise<void> {
    await this.fetcher?.close();
  }

  private async httpFetcher(): Promise<Fetcher> {
    if (!this.fetcher) {
      const { Fetcher } = await import('../fetch/fetcher.ts');
      const { DEFAULT_CONTACT_URL } = await import('../fetch/http.ts');
      this.fetcher = new Fetcher({ contactUrl: this.options.contact ?? process.env.VNPRESS_CONTACT ?? DEFAULT_CONTACT_URL });
    }
    return this.fetcher;
  }
}

/** One line saying why a page was not fetched, in the words a user acts on. */
export function fetchProblem(url: string, failed: FetchFailed): string {
  const origin = URL.canParse(url) ? new URL(url).origin : url;
  const detail = failed.detail ? `: ${failed.detail}` : '';
  switch (failed.reason) {
    case 'robots-disallow':
      return `not fetched: ${origin}/robots.txt disallows it for vnpress${detail}`;
    case 'robots-unavailable':
      return `not fetched: ${origin}/robots.txt could not be read, so the site's rules are unknown${detail}`;
    case 'bad-url':
      return 'not a URL vnpress can fetch (http or https)';
    default:
      return `fetch failed: ${failed.reason}${failed.status ? ` (HTTP ${failed.status})` : ''}${detail}` +
        (failed.attempts > 1 ? ` after ${failed.attempts} attempts` : '');
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) throw new UserError(`-: standard input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
