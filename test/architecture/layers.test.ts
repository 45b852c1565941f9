// The direction of imports (ARCHITECTURE.md): core ← stages (fetch, clean, extract, store) and
// pipelines/ ← export, run, eval ← web ← cli ← bin. No import may run from a lower layer to a higher
// one, and no two folders may import each other, directly or round about.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Layers, lowest first. A file belongs to the longest prefix that names it. */
const LAYERS: ReadonlyArray<readonly [prefix: string, rank: number]> = [
  ['src/core', 0],
  ['src/fetch', 1], ['src/clean', 1], ['src/extract', 1], ['src/store', 1], ['pipelines', 1],
  ['src/export', 2], ['src/run', 2], ['src/eval', 2],
  ['src/web', 3],
  ['src/cli', 4], ['src/cli.ts', 4], ['src/index.ts', 4],
  // dist/ is the CLI and the library compiled from src/ (scripts/build.mjs), which bin runs.
  ['dist', 4],
  ['bin', 5], ['scripts', 5],
];

export interface Import {
  from: string;
  to: string;
}

/** The folder an import graph node stands for: `src/extract/vi`, `src/store`, `pipelines` … */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src' && parts[1] === 'extract' && parts.length > 3) return parts.slice(0, 3).join('/');
  if (parts[0] === 'src') return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
  return parts[0]!;
}

export function rankOf(file: string): number | undefined {
  let best: readonly [string, number] | undefined;
  for (const layer of LAYERS) {
    if ((file === layer[0] || file.startsWith(`${layer[0]}/`)) && (!best || layer[0].length > best[0].length)) best = layer;
  }
  return best?.[1];
}

/** Imports that run upward, and import cycles between folders. */
export function violations(imports: readonly Import[]): { upward: Import[]; cycles: string[][] } {
  const upward = imports.filter(({ from, to }) => (rankOf(to) ?? -1) > (rankOf(from) ?? Infinity));
  // extract/common is shared by the languages: it may not lean on one of them.
  upward.push(...imports.filter(({ from, to }) => unitOf(from) === 'src/extract/common' && unitOf(to).startsWith('src/extract/') && unitOf(to) !== 'src/extract/common'));
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    const a = unitOf(from), b = unitOf(to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  return { upward, cycles: stronglyConnected(edges).filter((c) => c.length > 1) };
}

/** Tarjan's strongly connected components. */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

// Static imports and re-exports, dynamic import('…') and new URL('…', import.meta.url) (workers).
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;

function projectImports(): Import[] {
  const files = [...sourceFiles('src'), ...sourceFiles('pipelines'), ...sourceFiles('bin')];
  return files.flatMap((from) => {
    const text = readFileSync(join(ROOT, from), 'utf8');
    return [...text.matchAll(SPECIFIER)].map((m) => ({ from, to: normalize(join(dirname(from), m[2]!)).replace(/\/$/, '') }))
      .filter(({ to }) => !relative(ROOT, join(ROOT, to)).startsWith('..'));
  });
}

describe('the direction of imports', () => {
  const imports = projectImports();

  it('reads the imports of every layer', () => {
    // dist/ and scripts/ are not read (built output, tools); the layers place what bin imports from them.
    for (const [prefix] of LAYERS.filter(([p]) => !p.endsWith('.ts') && !['src/eval', 'dist', 'scripts'].includes(p))) {
      expect(imports.some(({ from }) => from.startsWith(prefix)), prefix).toBe(true);
    }
    expect(imports.length).toBeGreaterThan(300);
  });

  it('has every source file in a layer', () => {
    const unplaced = [...new Set(imports.flatMap(({ from, to }) => [from, to]))].filter((f) => rankOf(f) === undefined && !f.startsWith('fixtures'));
    expect(unplaced).toEqual([]);
  });

  it('has no import from a lower layer to a higher one, and no cycle between folders', () => {
    const { upward, cycles } = violations(imports);
    expect(upward.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
    expect(cycles).toEqual([]);
  });

  it('would catch an upward import and a cycle', () => {
    const found = violations([
      { from: 'src/store/db.ts', to: 'src/run/crawl.ts' },
      { from: 'src/extract/common/rules.ts', to: 'src/extract/vi/numbers.ts' },
      { from: 'src/fetch/a.ts', to: 'src/clean/b.ts' },
      { from: 'src/clean/b.ts', to: 'src/fetch/c.ts' },
    ]);
    expect(found.upward).toHaveLength(2);
    expect(found.cycles).toEqual([['src/clean', 'src/fetch']]);
  });
});
