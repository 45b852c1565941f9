// `npm run bench [-- options] [FOLDER…]`: speed and memory of every stage, each figure beside a
// baseline measured in the same run. Every phase runs in child processes of its own (peak RSS and
// CPU are per phase). Method: test/bench/README.md. Figures are reported, never asserted.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { PHASES, type BenchOptions } from './phases/plan.ts';
import type { Figure, PhaseReport } from './phases/shared.ts';

const USAGE = `usage: npm run bench -- [--quick] [--only PHASES] [--json] [--out FILE] [--scale-sizes N,N,…] [--profile DIR] [FOLDER…]

  --quick            a short run: fewer passes and pages, scale stops at 10k, web over 10k articles
  --only a,b         phases by name or number: ${PHASES.map((p, i) => `${i + 1}=${p.id}`).join(', ')}
  --json             print the results as JSON instead of the table
  --out FILE         also write the JSON to FILE (rewritten after every phase)
  --scale-sizes      page counts for the scale phase (default 1000,10000,100000; --quick 1000,10000)
  --profile DIR      run every child under node --cpu-prof, profiles written to DIR (open in Chrome DevTools)
  FOLDER             pages (*.html, *.htm, any depth) added to the clean+extract corpus`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    'scale-sizes': { type: 'string' },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function pickPhases(only: string | undefined) {
  if (!only) return PHASES;
  const wanted = only.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((w) => !PHASES.some((p) => p.id === w || p.aliases.includes(w)));
  if (unknown.length) {
    console.error(`unknown phase ${unknown.join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  return PHASES.filter((p) => wanted.some((w) => p.id === w || p.aliases.includes(w)));
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch { /* not Linux: os.cpus() has the model */ }
  return {
    cpu, cores: cpus().length, memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version,
    platform: `${process.platform} ${process.arch}`, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const num = (n: number) => {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

function figureRow(phase: number, f: Figure): string[] {
  const value = `${num(f.value)} ${f.unit}`;
  const baseline = f.baseline ? `${num(f.baseline.value)} (${f.baseline.name})` : '—';
  const ratio = f.ratio !== undefined ? `${f.ratio >= 100 ? num(f.ratio) : f.ratio.toFixed(2)}×` : '—';
  const goal = f.goal ? `${f.goal} ${f.goalMet ? '✓' : '✗'}` : '';
  return [String(phase), f.name, value, baseline, ratio, goal];
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatReport(result: { machine: Machine; date: string; options: object; phases: PhaseReport[] }): string {
  const m = result.machine;
  const out: string[] = [];
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node} (${m.platform}); load average ${m.loadAverageAtStart.join(' ')} at start${m.loadAverageAtEnd ? `, ${m.loadAverageAtEnd.join(' ')} at end` : ''}`);
  out.push(`date: ${result.date}; options: ${JSON.stringify(result.options)}`);
  out.push('');
  const rows: string[][] = [];
  result.phases.forEach((p) => {
    const n = PHASES.findIndex((x) => x.id === p.id) + 1;
    if (p.error) rows.push([String(n), `${p.title}: FAILED`, p.error.split('\n')[0]!.slice(0, 100), '', '', '']);
    for (const f of p.figures) rows.push(figureRow(n, f));
  });
  out.push(markdownTable(['#', 'figure', 'value', 'baseline (same run)', 'ratio', 'goal'], rows));
  out.push('');
  const procRows: string[][] = [];
  for (const p of result.phases) {
    const n = PHASES.findIndex((x) => x.id === p.id) + 1;
    for (const c of p.processes) procRows.push([String(n), c.label, num(c.usage.wallMs / 1000), num(c.usage.cpuMs / 1000), num(c.usage.peakRssMb)]);
  }
  out.push(markdownTable(['#', 'process', 'wall s', 'CPU s', 'peak RSS MB'], procRows));
  out.push('');
  for (const p of result.phases) {
    const n = PHASES.findIndex((x) => x.id === p.id) + 1;
    out.push(`${n}. ${p.title}`);
    for (const note of p.notes) out.push(`   - ${note}`);
  }
  return out.join('\n');
}

const phases = pickPhases(values.only);
const sizes = values['scale-sizes']
  ? values['scale-sizes'].split(',').map((s) => Number(s.replace(/[_k]/gi, (c) => (c.toLowerCase() === 'k' ? '000' : ''))))
  : values.quick ? [1000, 10000] : [1000, 10000, 100000];
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error(`--scale-sizes: give whole page counts, e.g. 1000,10000\n${USAGE}`);
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`${line}\n`);
const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [];
const options: BenchOptions = { quick: values.quick ?? false, dirs: positionals, scaleSizes: sizes, nodeArgs, log };
const result = {
  machine: machine(), date: new Date().toISOString(),
  options: { quick: options.quick, only: phases.map((p) => p.id), dirs: options.dirs, scaleSizes: sizes },
  phases: [] as PhaseReport[],
};
log(`machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGb} GB, Node ${result.machine.node}; load average ${result.machine.loadAverageAtStart.join(' ')}`);

// The long scale phase runs last so that the others are done (and in --out) early; the table keeps the numbering.
const order = [...phases].sort((a, b) => Number(a.id === 'scale') - Number(b.id === 'scale'));
const save = () => {
  if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
};
for (const phase of order) {
  const started = performance.now();
  log(`[${PHASES.indexOf(phase) + 1}] ${phase.title}`);
  let report: PhaseReport;
  try {
    report = await phase.run(options);
  } catch (error) {
    report = { id: phase.id, title: phase.title, figures: [], notes: [], processes: [], error: (error as Error).stack ?? String(error) };
    log(`    failed: ${(error as Error).message}`);
  }
  result.phases.push(report);
  result.phases.sort((a, b) => PHASES.findIndex((p) => p.id === a.id) - PHASES.findIndex((p) => p.id === b.id));
  log(`    done in ${num((performance.now() - started) / 1000)} s`);
  save();
}
result.machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
save();
if (values.json) console.log(JSON.stringify(result, null, 2));
else console.log(formatReport(result));
if (result.phases.some((p) => p.error)) process.exitCode = 1;
