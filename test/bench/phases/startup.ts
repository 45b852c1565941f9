// Phase 8, whole processes: what a user meets when calling `vnpress` from a shell loop or another
// program. Each command runs as a fresh process beside its baseline, alternating (ours, baseline,
// ours, …) so that both see the same machine load; figures are medians of the runs.
//   --version                     vs  node -e 0
//   extract PAGE --json           vs  a one-page Readability.js 0.6 + linkedom script (baselines/readability-page.mjs)
//   extract DIR --jsonl           vs  Readability.js over the same pages in one process (baselines/readability-dir.mjs)
// CPU is the child's user + system time (bash's `times`, which counts waited-for children), so it holds
// when other work slows the wall clock. One more, untimed, run of each command under a module-recording
// preload (baselines/record-modules.mjs) lists what it loaded: our bundle's chunks (mapped to the
// packages inside them through dist/build-info.json) and the packages loaded from node_modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childMain, ROOT, withBaseline, type Figure } from './shared.ts';
import { corpusFiles } from './corpus.ts';

export interface StartupOptions {
  /** Runs of each one-shot command (median reported). */
  runs: number;
  /** Runs of the folder commands. */
  dirRuns: number;
  /** Folders of pages added to the corpus (as for phase 1). */
  dirs?: string[];
}

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface CommandLoad {
  command: string;
  wallMs: number;
  cpuMs: number;
  /** Packages whose code the process loaded (bundled into a loaded chunk, or from node_modules). */
  packages: string[];
  /** Our own source folders whose code was loaded (`src/extract/vi`, `src/store`, …). */
  ours: string[];
}

const BIN = join(ROOT, 'bin/vnpress.js');
const BASELINES = fileURLToPath(new URL('../baselines/', import.meta.url));
const PAGE = 'fixtures/pages/vnexpress.article.2022-02-13.html';
/** An English page (its lang says so): the English rules, compromise and chrono, load for it alone. */
const ENGLISH_PAGE = 'fixtures/clean/trafeval/html/eccc05647bdc.html';

/** One whole process: wall time from here, CPU from bash's `times` (the child's user + system). */
function timeProcess(argv: string[]): Timing {
  const started = performance.now();
  const result = spawnSync('bash', ['-c', '"$@" >/dev/null 2>/dev/null; code=$?; times; exit $code', 'bash', ...argv], { cwd: ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status}`);
  // `times` prints two lines: the shell's own user/system, then its children's: `0m0.123s 0m0.045s`.
  const children = result.stdout.trim().split('\n')[1] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wallMs, cpuMs: (seconds[0]! + seconds[1]!) * 1000 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs ours and the baseline alternately `runs` times (after one untimed run of each: disk cache); medians. */
function pair(ours: string[], baseline: string[], runs: number): { ours: Timing; baseline: Timing; all: { ours: Timing[]; baseline: Timing[] } } {
  timeProcess(ours);
  timeProcess(baseline);
  const all = { ours: [] as Timing[], baseline: [] as Timing[] };
  for (let i = 0; i < runs; i++) {
    all.ours.push(timeProcess(ours));
    all.baseline.push(timeProcess(baseline));
  }
  const med = (list: Timing[]) => ({ wallMs: median(list.map((t) => t.wallMs)), cpuMs: median(list.map((t) => t.cpuMs)) });
  return { ours: med(all.ours), baseline: med(all.baseline), all };
}

interface BuildInfo {
  outputs: Record<string, { inputs: string[] }>;
}

function packageOf(path: string): string | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  return m ? m[1]! : null;
}

function ourFolder(path: string): string | null {
  const m = /^(src\/(?:extract\/(?:vi|en|common)|[^/]+)|pipelines)\//.exec(path);
  return m ? m[1]! : null;
}

/** What one command loads: one run under the recording preload, then the files mapped to packages. */
function modulesOf(argv: string[], info: BuildInfo): { packages: string[]; ours: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-modules-'));
  try {
    const out = join(dir, 'modules.json');
    const result = spawnSync(process.execPath, ['--import', join(BASELINES, 'record-modules.mjs'), ...argv], {
      cwd: ROOT, stdio: 'ignore', env: { ...process.env, VNPRESS_MODULES_OUT: out },
    });
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status} under the module recorder`);
    const urls = JSON.parse(readFileSync(out, 'utf8')) as string[];
    const packages = new Set<string>();
    const ours = new Set<string>();
    for (const url of urls) {
      if (!url.startsWith('file://')) continue;
      const path = fileURLToPath(url).slice(ROOT.length);
      const inputs = path.startsWith('dist/') ? info.outputs[path.slice('dist/'.length)]?.inputs ?? [] : [path];
      for (const input of inputs) {
        const pkg = packageOf(input);
        if (pkg) packages.add(pkg);
        const folder = ourFolder(input);
        if (folder) ours.add(folder);
      }
    }
    return { packages: [...packages].sort(), ours: [...ours].sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await childMain<StartupOptions>(async (options) => {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const node = process.execPath;
  const vnpress = (...args: string[]) => [node, BIN, ...args];

  // The build must be current, or the first timed run would rebuild it.
  timeProcess(vnpress('--version'));
  const info = JSON.parse(readFileSync(join(ROOT, 'dist/build-info.json'), 'utf8')) as BuildInfo;

  const version = pair(vnpress('--version'), [node, '-e', '0'], options.runs);
  figures.push(withBaseline({ name: 'vnpress --version (whole process, wall)', value: version.ours.wallMs, unit: 'ms', better: 'lower',
    baseline: { name: 'node -e 0', value: version.baseline.wallMs }, goal: '≤ 3× baseline (goal 2×)', goalMet: version.ours.wallMs <= 3 * version.baseline.wallMs }));
  figures.push(withBaseline({ name: 'vnpress --version: CPU', value: version.ours.cpuMs, unit: 'ms', better: 'lower',
    baseline: { name: 'node -e 0', value: version.baseline.cpuMs } }));

  const page = pair(vnpress('extract', PAGE, '--json'), [node, join(BASELINES, 'readability-page.mjs'), PAGE], options.runs);
  figures.push(withBaseline({ name: 'extract PAGE --json (whole process, wall)', value: page.ours.wallMs, unit: 'ms', better: 'lower',
    baseline: { name: 'Readability.js+linkedom one-page script', value: page.baseline.wallMs },
    goal: '≤ 1.5× baseline (goal 1.0×)', goalMet: page.ours.wallMs <= 1.5 * page.baseline.wallMs }));
  figures.push(withBaseline({ name: 'extract PAGE --json: CPU', value: page.ours.cpuMs, unit: 'ms', better: 'lower',
    baseline: { name: 'Readability.js+linkedom one-page script', value: page.baseline.cpuMs } }));

  // The corpus of phase 1, flattened into one folder (names by index: some pages share a file name).
  const corpus = corpusFiles(options.dirs ?? []);
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-startup-corpus-'));
  try {
    corpus.forEach(({ file }, i) => copyFileSync(file, join(dir, `${String(i).padStart(4, '0')}.html`)));
    const folder = pair(vnpress('extract', dir, '--jsonl'), [node, join(BASELINES, 'readability-dir.mjs'), dir], options.dirRuns);
    const pagesPerS = (t: Timing) => (corpus.length / t.wallMs) * 1000;
    const pagesPerCpuS = (t: Timing) => (corpus.length / t.cpuMs) * 1000;
    figures.push(withBaseline({ name: `extract DIR --jsonl, ${corpus.length} pages (whole process): pages/s (wall)`, value: pagesPerS(folder.ours), unit: 'pages/s', better: 'higher',
      baseline: { name: 'Readability.js+linkedom over the folder, one process', value: pagesPerS(folder.baseline) },
      goal: '≥ 5× baseline (goal 8×)', goalMet: pagesPerS(folder.ours) >= 5 * pagesPerS(folder.baseline) }));
    figures.push(withBaseline({ name: `extract DIR --jsonl, ${corpus.length} pages: pages per CPU-second`, value: pagesPerCpuS(folder.ours), unit: 'pages/CPU-s', better: 'higher',
      baseline: { name: 'Readability.js+linkedom over the folder, one process', value: pagesPerCpuS(folder.baseline) } }));
    notes.push(`extract DIR: wall ${folder.all.ours.map((t) => Math.round(t.wallMs)).join(', ')} ms vs ${folder.all.baseline.map((t) => Math.round(t.wallMs)).join(', ')} ms (Readability.js)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(`--version: wall ${version.all.ours.map((t) => Math.round(t.wallMs)).join(', ')} ms vs ${version.all.baseline.map((t) => Math.round(t.wallMs)).join(', ')} ms (node -e 0)`);
  notes.push(`extract PAGE: wall ${page.all.ours.map((t) => Math.round(t.wallMs)).join(', ')} ms vs ${page.all.baseline.map((t) => Math.round(t.wallMs)).join(', ')} ms (Readability.js)`);

  // What each command costs to start and what it loads.
  const commands: Array<[string, string[]]> = [
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['extract PAGE --json', ['extract', PAGE, '--json']],
    ['extract ENGLISH-PAGE --json', ['extract', ENGLISH_PAGE, '--json']],
    ['clean PAGE', ['clean', PAGE]],
    ['query --list', ['query', '--list']],
    ['export --help', ['export', '--help']],
    ['serve --help', ['serve', '--help']],
    ['crawl --help', ['crawl', '--help']],
  ];
  const loads: CommandLoad[] = [];
  for (const [command, args] of commands) {
    const runs = Array.from({ length: options.runs }, () => timeProcess(vnpress(...args)));
    loads.push({ command, wallMs: median(runs.map((t) => t.wallMs)), cpuMs: median(runs.map((t) => t.cpuMs)), ...modulesOf([BIN, ...args], info) });
  }
  return { label: 'startup', figures, notes, detail: { loads, pages: corpus.length, runs: options.runs, dirRuns: options.dirRuns } as unknown as Record<string, unknown> };
});
