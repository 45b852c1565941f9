#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so users need no build step.
import { register } from 'tsx/esm/api';
register();
// Before anything else is loaded: V8 sizes the heap after each full collection, and the first ones
// come while the pipeline's modules load (src/cli/heap.ts says why the growth is bounded, and
// for which commands). The command is the first argument: the CLI has no options before it.
const { boundHeapGrowth } = await import('../src/cli/heap.ts');
boundHeapGrowth(process.argv[2]);
await import('../src/cli.ts');
