// What the bench runner and its phase processes share: the figure records, the child-process
// protocol (options in argv as JSON, the result back over IPC with the child's own resource
// usage), and small measuring helpers. Each phase runs in its own process so that peak RSS
// (`process.resourceUsage().maxRSS`) and CPU belong to that phase alone.
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { heapGrowthFlag } from '../../../src/cli/heap.ts';

/** One measured number, with the baseline it is compared against in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `higher` when more is better (pages/s), `lower` when less is better (ms). */
  better: 'higher' | 'lower';
  baseline?: { name: string; value: number };
  /** value ÷ baseline.value, as measured (for `lower` figures a ratio below 1 is the good side). */
  ratio?: number;
  /** The goal, in words, and whether this run met it. */
  goal?: string;
  goalMet?: boolean;
  note?: string;
}

/** What one child process measured, and what it cost. */
export interface ProcessUsage {
  /** Peak resident set size of the process, MB (`process.resourceUsage().maxRSS`). */
  peakRssMb: number;
  /** User + system CPU of the whole process, ms (JIT and GC threads included). */
  cpuMs: number;
  wallMs: number;
}

export interface ChildResult {
  label: string;
  figures: Figure[];
  notes: string[];
  /** Any extra machine-readable detail (checkpoints, counts). */
  detail?: Record<string, unknown>;
  usage: ProcessUsage;
}

export interface PhaseReport {
  id: string;
  title: string;
  figures: Figure[];
  notes: string[];
  /** One entry per child process the phase ran. */
  processes: Array<{ label: string; usage: ProcessUsage; detail?: Record<string, unknown> }>;
  error?: string;
}

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

/** Ratio of a figure to its baseline, rounded for reading. */
export function withBaseline(figure: Omit<Figure, 'ratio'>): Figure {
  if (!figure.baseline || !Number.isFinite(figure.baseline.value) || figure.baseline.value === 0) return figure;
  return { ...figure, ratio: figure.value / figure.baseline.value };
}

export function usageNow(startedAt: number): ProcessUsage {
  const r = process.resourceUsage();
  return {
    peakRssMb: r.maxRSS / 1024,
    cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000,
    wallMs: performance.now() - startedAt,
  };
}

export { cpuMsSince } from '../../../src/core/cpu.ts';

export function rssMb(): number {
  return process.memoryUsage().rss / 1048576;
}

/**
 * Entry point of a phase child: reads its options from argv[2] (JSON), runs `body`, and sends the
 * result with this process's usage to the parent. A child started by hand prints the result.
 */
export async function childMain<O>(body: (options: O) => Promise<Omit<ChildResult, 'usage'>>): Promise<void> {
  const startedAt = performance.now();
  const options = JSON.parse(process.argv[2] ?? '{}') as O;
  try {
    const result = await body(options);
    const message: ChildResult = { ...result, usage: usageNow(startedAt) };
    if (process.send) await new Promise<void>((resolve) => process.send!({ type: 'result', result: message }, () => resolve()));
    else console.log(JSON.stringify(message, null, 2));
  } catch (error) {
    const text = (error as Error).stack ?? String(error);
    if (process.send) await new Promise<void>((resolve) => process.send!({ type: 'error', error: text }, () => resolve()));
    else console.error(text);
    process.exitCode = 1;
  }
  // A handle left open by the code under test (a timer, a socket) must not keep the phase alive.
  process.exit();
}

let tasksetWorks: boolean | undefined;

/**
 * The CPU a child can be pinned to ("on one core": its GC and JIT threads share that core with the
 * code measured), or null where `taskset` is missing or refused (not Linux, a restricted container).
 */
export function pinnableCpu(): number | null {
  if (process.platform !== 'linux') return null;
  tasksetWorks ??= spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
  // The last CPU: on a shared machine, interrupts and the parent tend to sit on CPU 0.
  return tasksetWorks ? Math.max(0, cpus().length - 1) : null;
}

/**
 * Node options that size the heap as bin/vnpress.js does for `command` (src/cli/heap.ts), so that a
 * phase measures the pipeline as `vnpress` runs it. On the command line rather than set in the child,
 * whose static imports load the pipeline (and see V8's first full collections) before its own code runs.
 */
export function heapArgsAs(command: string, nodeArgs: readonly string[]): string[] {
  const flag = heapGrowthFlag(nodeArgs, command);
  return flag ? [flag, ...nodeArgs] : [...nodeArgs];
}

/**
 * Runs `test/bench/phases/<script>` in a fresh Node process (through tsx) and returns its result.
 * With `pinCpu`, the process runs under `taskset -c <cpu>`, confined to that one core.
 */
export function runChild(script: string, options: unknown, extraNodeArgs: string[] = [], pinCpu: number | null = null): Promise<ChildResult> {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const nodeCommand = [process.execPath, ...extraNodeArgs, RUN_TS, file, JSON.stringify(options)];
  const command = pinCpu === null ? nodeCommand : ['taskset', '-c', String(pinCpu), ...nodeCommand];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (message: { type: string; result?: ChildResult; error?: string }) => {
      if (settled) return;
      settled = true;
      if (message.type === 'result' && message.result) resolve(message.result);
      else reject(new Error(`${script}: ${message.error ?? 'failed'}`));
    });
    child.once('error', (error) => { if (!settled) { settled = true; reject(error); } });
    child.once('exit', (code, signal) => {
      if (!settled) { settled = true; reject(new Error(`${script} exited (${signal ?? code}) without a result`)); }
    });
  });
}


export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export { seeded } from '../seeded.ts';
