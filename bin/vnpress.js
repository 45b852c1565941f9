#!/usr/bin/env node
// Starts the vnpress CLI from its compiled JavaScript in dist/, which `npm install` builds
// (scripts/build.mjs). Transforming the TypeScript at every start (tsx) cost about a second.
//
// dist/build-info.json lists the source files the bundle was built from with their mtimes. When one
// has changed since (a `git pull`, an edit), the JavaScript is rebuilt first (about a second, said in
// one line on stderr). When it cannot be (no esbuild, a folder this user cannot write), the CLI runs
// from src/ through tsx, also said in one line. VNPRESS_FROM_SOURCE=1 runs from src/ on purpose.
import { distStaleness } from '../scripts/dist-state.mjs';

const root = new URL('../', import.meta.url);
// The command is the first argument: the CLI has no options before it.
const command = process.argv[2];

async function runCompiled() {
  // Before anything else is loaded: V8 sizes the heap after each full collection, and the first ones
  // come while the pipeline's modules load (src/cli/heap.ts says why the growth is bounded, and for which commands).
  const { boundHeapGrowth } = await import('../dist/heap.js');
  boundHeapGrowth(command);
  await import('../dist/cli.js');
}

async function runFromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  const { boundHeapGrowth } = await import('../src/cli/heap.ts');
  boundHeapGrowth(command);
  await import('../src/cli.ts');
}

if (process.env.VNPRESS_FROM_SOURCE === '1') {
  await runFromSource();
} else {
  const why = distStaleness(root);
  if (why === null) {
    await runCompiled();
  } else {
    let built = false;
    try {
      process.stderr.write(`vnpress: ${why}; building it (npm run build)…\n`);
      const { buildJavaScript } = await import('../scripts/build.mjs');
      await buildJavaScript();
      built = true;
    } catch (error) {
      process.stderr.write(`vnpress: cannot build dist/ (${String(error?.message ?? error).split('\n')[0]}); running the TypeScript in src/ through tsx (slower to start)\n`);
    }
    if (built) await runCompiled();
    else await runFromSource();
  }
}
