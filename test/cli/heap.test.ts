import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, HEAP_GROWING_PERCENT } from '../../src/cli/heap.ts';

describe('heapGrowthFlag', () => {
  const ours = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  it.each([
    // The commands that stream pages get the bound…
    { command: 'crawl', execArgv: [], expected: ours },
    { command: 'demo', execArgv: ['--expose-gc', '--max-old-space-size=4096'], expected: ours },
    { command: 'ingest', execArgv: [], expected: ours },
    { command: 'reextract', execArgv: [], expected: ours },
    { command: 'extract', execArgv: [], expected: ours },
    // …unless Node was started with the user's own choice, in either spelling…
    { command: 'crawl', execArgv: ['--heap-growing-percent=200'], expected: null },
    { command: 'crawl', execArgv: ['--heap_growing_percent=10'], expected: null },
    { command: 'crawl', execArgv: ['--inspect', '--heap-growing-percent'], expected: null },
    // (a different flag that merely starts the same way is not that choice)
    { command: 'crawl', execArgv: ['--heap-growing-percentage=5'], expected: ours },
    // …and the others keep V8's own growth: a large live heap makes frequent full collections dear.
    { command: 'export', execArgv: [], expected: null },
    { command: 'query', execArgv: [], expected: null },
    { command: 'serve', execArgv: [], expected: null },
    { command: '--help', execArgv: [], expected: null },
    { command: undefined, execArgv: [], expected: null },
  ])('$command $execArgv → $expected', ({ command, execArgv, expected }) => {
    expect(heapGrowthFlag(execArgv, command)).toBe(expected);
  });
});
