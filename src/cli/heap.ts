// How far V8 lets the heap grow between full collections, for the long runs this tool makes.
//
// A crawl keeps little (the live heap stays ~35 MB over 100k pages) but drops a lot: every page's
// HTML, DOM and records. A page over 128 KB as a string (64k characters: Vietnamese text makes a
// two-byte string) is a V8 "large object", moved to the old generation the first time a young
// collection finds it still in use, i.e. whenever one runs mid-page. That garbage stays until the
// next full collection, which V8 by default schedules once the old generation has grown by up to 4×
// what survived the last one: in the bench's scale phase (processPage + store over generated pages)
// peak RSS rose from ~210 MB at 1k pages to 240–300 MB at 10k, and stayed there. A fixed growth of 50 %
// keeps it at 220–230 MB for the same CPU (a full collection of a 35 MB heap takes a few ms, and comes
// every few thousand pages). It is not a cap: it cannot make a big query run out of memory.
//
// Only for the commands that stream pages. Where the live heap is large (an export of a million
// rows, the web app's caches) a full collection costs in proportion to it, and V8's own growth
// serves better: the bound cost CSV export 30–40 % of its rows/s (measured).
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** The commands that stream pages through clean, extract and store: many short-lived pages, a small live heap. */
export const PAGE_COMMANDS: ReadonlySet<string> = new Set(['crawl', 'demo', 'ingest', 'reextract', 'extract']);

/**
 * The V8 flag to set for `command`, or null: for a command that does not stream pages, or when Node
 * was started with its own `--heap-growing-percent`.
 */
export function heapGrowthFlag(execArgv: readonly string[], command: string | undefined): string | null {
  if (command === undefined || !PAGE_COMMANDS.has(command)) return null;
  const chosen = execArgv.some((arg) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(arg));
  return chosen ? null : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Sets the growth bound for this process when its command streams pages (bin/vnpress.js calls it before it loads the CLI). */
export function boundHeapGrowth(command: string | undefined): void {
  const flag = heapGrowthFlag(process.execArgv, command);
  // V8 reads this flag each time it sizes the heap after a full collection, so setting it at run time takes effect.
  if (flag) setFlagsFromString(flag);
}
