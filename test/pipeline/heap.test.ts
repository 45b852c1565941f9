import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, HEAP_GROWING_PERCENT } from '../../src/pipeline/heap.ts';

describe('heapGrowthFlag', () => {
  const ours = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  it.each([
    { execArgv: [], expected: ours },
    { execArgv: ['--expose-gc', '--max-old-space-size=4096'], expected: ours },
    { execArgv: ['--heap-growing-percent=200'], expected: null },
    { execArgv: ['--heap_growing_percent=10'], expected: null },
    { execArgv: ['--inspect', '--heap-growing-percent'], expected: null },
    // A different flag that merely starts the same way is not the user's choice of this one.
    { execArgv: ['--heap-growing-percentage=5'], expected: ours },
  ])('$execArgv → $expected', ({ execArgv, expected }) => {
    expect(heapGrowthFlag(execArgv)).toBe(expected);
  });
});
