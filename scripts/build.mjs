#!/usr/bin/env node
// Builds dist/ from src/: the JavaScript that `vnpress` and `import … from 'vnpress'` run, so that
// no user process transforms TypeScript at start-up (tsx did, on every start: ~1 s of CPU). Run by
// `npm install` and `npm ci` (the `prepare` script) and by `npm run build`; bin/vnpress.js runs it
// again (JavaScript only) when a file the bundle was built from has changed since.
//
//   dist/cli.js, dist/index.js, dist/heap.js   entry points: the CLI, the library API, the heap setting
//   dist/chunk-*.js                            code shared between them, and what a command loads on demand
//                                              (esbuild's code splitting turns each `await import()` into a chunk)
//   dist/extract-en.cjs                        the English extractor (chrono; compromise's tables as data), one CommonJS file
//                                              that extract() requires synchronously on the first English text
//   dist/worker-boot.mjs, dist/checkpoint-worker.mjs (+ worker-*.mjs chunks)   the worker threads' entries,
//                                              found beside the code that starts them (new URL('./…', import.meta.url))
//   dist/types/                                TypeScript declarations of the library API (src/index.ts)
//   dist/build-info.json                       the source files and their mtimes (for bin's staleness check),
//                                              and what each output file holds
//
// Dependencies are bundled (one file to read instead of hundreds to resolve), except better-sqlite3
// (a native addon), tsx (loaded only to run a pipeline written in TypeScript) and esbuild itself.
// Files read at run time (named queries, web assets, demo sites, pipelines) stay in src/ and are
// found from the package root (src/core/package-root.ts).
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');

/**
 * extract() must stay synchronous, yet load the English rules only for English text. From src/
 * (tsx, vitest) src/extract/english.ts imports them statically; in the bundle it is replaced by
 * this module, which requires the CommonJS bundle of the English extractor on first use.
 */
const ENGLISH_LOADER = `
import { createRequire } from 'node:module';
let extractEn;
export function englishExtractor() {
  extractEn ??= createRequire(import.meta.url)('./extract-en.cjs').extractEn;
  return extractEn;
}
`;

const englishOnDemand = {
  name: 'english-on-demand',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]extract[\\/]english\.ts$/ }, () => ({ contents: ENGLISH_LOADER, loader: 'js', resolveDir: DIST }));
  },
};

/**
 * compromise's tables (src/extract/en/compromise-tables.ts) taken from compromise now, so that the
 * English extractor reads a table (~6 ms) instead of unpacking compromise (~250 ms) in the user's
 * process. Words grouped by their tags: one tag list per group, one string of words per group.
 */
async function compromiseTablesModule() {
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  try {
    const { compromiseTables } = await import('../src/extract/en/compromise-tables.ts');
    const { lexicon, orgWords, placeWords } = compromiseTables();
    const groups = {};
    for (const [word, tags] of lexicon) {
      if (word.includes('\n') || tags.some((t) => t.includes(','))) throw new Error(`compromise's lexicon has "${word}" → ${tags}: pick other separators`);
      (groups[tags.join(',')] ??= []).push(word);
    }
    const data = { groups: Object.fromEntries(Object.entries(groups).map(([tags, words]) => [tags, words.join('\n')])), orgWords, placeWords };
    return `
const DATA = JSON.parse(${JSON.stringify(JSON.stringify(data))});
export function compromiseTables() {
  const lexicon = new Map();
  for (const tags in DATA.groups) {
    const list = tags.split(',');
    for (const word of DATA.groups[tags].split('\\n')) lexicon.set(word, list);
  }
  return { lexicon, orgWords: DATA.orgWords, placeWords: DATA.placeWords };
}
`;
  } finally {
    await unregister();
  }
}

const compromiseTablesBuilt = (contents) => ({
  name: 'compromise-tables-built',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]extract[\\/]en[\\/]compromise-tables\.ts$/ }, () => ({ contents, loader: 'js' }));
  },
});

/** In dist/ the export worker is JavaScript already: tsx's loader, which worker-boot.mjs registers for src/, is not needed. */
const noTsxInWorkers = {
  name: 'no-tsx-in-workers',
  setup(build) {
    build.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx-stub', namespace: 'vnpress-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'vnpress-stub' }, () => ({ contents: 'export function register() {}', loader: 'js' }));
  },
};

// Bundled CommonJS packages call require() for Node's built-in modules: give the ESM output one.
const REQUIRE_BANNER = "import { createRequire as __vnpressCreateRequire } from 'node:module'; const require = __vnpressCreateRequire(import.meta.url);";

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'tsx', 'tsx/*', 'esbuild'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  write: false,
};

/** The three esbuild builds; returns their output files (not yet written) and every input file. */
async function bundle() {
  const tables = await compromiseTablesModule();
  const results = await Promise.all([
    esbuild({
      ...common,
      entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', heap: 'src/cli/heap.ts' },
      outdir: DIST, format: 'esm', splitting: true, chunkNames: 'chunk-[hash]',
      banner: { js: REQUIRE_BANNER },
      plugins: [englishOnDemand],
    }),
    esbuild({
      ...common,
      entryPoints: { 'extract-en': 'src/extract/en/index.ts' },
      outdir: DIST, format: 'cjs', outExtension: { '.js': '.cjs' },
      plugins: [compromiseTablesBuilt(tables)],
    }),
    esbuild({
      ...common,
      entryPoints: { 'worker-boot': 'src/export/worker-boot.mjs', 'checkpoint-worker': 'src/store/checkpoint-worker.mjs' },
      outdir: DIST, format: 'esm', splitting: true, chunkNames: 'worker-[hash]', outExtension: { '.js': '.mjs' },
      banner: { js: REQUIRE_BANNER },
      plugins: [noTsxInWorkers],
    }),
  ]);
  const files = results.flatMap((r) => r.outputFiles);
  const inputs = new Set(results.flatMap((r) => Object.keys(r.metafile.inputs)));
  // Which packages and source files each output holds (test/bench/phases/startup.ts reads it).
  const outputs = Object.assign({}, ...results.map((r) => Object.fromEntries(Object.entries(r.metafile.outputs)
    .filter(([path]) => !path.endsWith('.map'))
    .map(([path, output]) => [relative(DIST, join(ROOT, path)), { bytes: output.bytes, inputs: Object.keys(output.inputs) }]))));
  return { files, inputs, outputs };
}

/** Writes a file so that a process starting meanwhile reads the old or the new one, never half of one. */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** The project's own files among the inputs (not node_modules), and this script, with their mtimes. */
function sourceStamps(inputs) {
  const stamps = {};
  for (const input of [...inputs, 'scripts/build.mjs'].sort()) {
    if (input.includes('node_modules') || input.includes(':')) continue;
    stamps[input] = statSync(join(ROOT, input)).mtimeMs;
  }
  return stamps;
}

/**
 * Builds the JavaScript in dist/. Chunks are written before the entry points that name them, each
 * file atomically, so a `vnpress` starting during a rebuild runs the old build or the new one.
 * `clean` first removes dist/ (a full build); a rebuild from bin leaves older chunks in place.
 */
export async function buildJavaScript({ clean = false } = {}) {
  const started = performance.now();
  const { files, inputs, outputs } = await bundle();
  if (clean) rmSync(DIST, { recursive: true, force: true });
  const isEntry = (path) => !/[\\/](chunk|worker)-[A-Z0-9]+\.m?js(\.map)?$/.test(path);
  for (const file of [...files.filter((f) => !isEntry(f.path)), ...files.filter((f) => isEntry(f.path))]) writeAtomically(file.path, file.contents);
  const info = { builtAt: new Date().toISOString(), node: process.version, sources: sourceStamps(inputs), outputs };
  writeAtomically(join(DIST, 'build-info.json'), JSON.stringify(info, null, 1) + '\n');
  return { files: files.length, sources: Object.keys(info.sources).length, ms: performance.now() - started };
}

/** Declarations of the library API (src/index.ts and what it names) into dist/types/. */
export function buildTypes() {
  const started = performance.now();
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc (declarations) failed:\n${result.stdout}${result.stderr}`);
  return { ms: performance.now() - started };
}

function countFiles(dir) {
  return readdirSync(dir, { recursive: true }).length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const jsOnly = process.argv.includes('--js-only');
  try {
    const js = await buildJavaScript({ clean: true });
    let line = `vnpress build: ${js.files} files in ${relative(process.cwd(), DIST) || '.'}/ from ${js.sources} source files in ${(js.ms / 1000).toFixed(1)} s`;
    if (!jsOnly) {
      const types = buildTypes();
      line += `; declarations in ${(types.ms / 1000).toFixed(1)} s (${countFiles(join(DIST, 'types'))} files in dist/types/)`;
    }
    process.stdout.write(`${line}\n`);
  } catch (error) {
    process.stderr.write(`vnpress build failed: ${error.message}\n`);
    process.exitCode = 1;
  }
}
