// Each command loads what it needs and nothing else: the real binary (dist/) runs under a preload
// that records every module loaded (test/bench/baselines/record-modules.mjs), and the bundle's chunks
// are mapped to the packages inside them through dist/build-info.json.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, ROOT } from './run-cli.ts';

const RECORDER = join(ROOT, 'test/bench/baselines/record-modules.mjs');

/** The packages (and our English extractor) whose code a `vnpress` run loaded. */
function loadedBy(args: string[]): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-loads-'));
  try {
    const out = join(dir, 'modules.json');
    const run = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, VNPRESS_MODULES_OUT: out },
    });
    expect(run.status, run.stderr).toBe(0);
    const info = JSON.parse(readFileSync(join(ROOT, 'dist/build-info.json'), 'utf8')) as { outputs: Record<string, { inputs: string[] }> };
    const loaded = new Set<string>();
    for (const url of JSON.parse(readFileSync(out, 'utf8')) as string[]) {
      if (!url.startsWith('file://')) continue;
      const path = relative(ROOT, fileURLToPath(url));
      if (path === 'dist/extract-en.cjs') loaded.add('extract-en');
      const inputs = path.startsWith('dist/') ? info.outputs[path.slice('dist/'.length)]?.inputs ?? [] : [path];
      for (const input of inputs) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (m) loaded.add(m[1]!);
      }
    }
    return loaded;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('what each command loads', () => {
  it('--version loads commander and none of the stages', () => {
    expect([...loadedBy(['--version'])]).toEqual(['commander']);
  });

  it('extract of a Vietnamese page loads neither SQLite, the HTTP client, the web app nor the English rules', () => {
    const loaded = loadedBy(['extract', 'fixtures/pages/vnexpress.article.2022-02-13.html', '--json']);
    expect(loaded).toContain('htmlparser2');
    for (const heavy of ['better-sqlite3', 'undici', 'hono', 'compromise', 'extract-en', 'zod']) expect(loaded, heavy).not.toContain(heavy);
  });

  it('an English page loads the English rules on demand, with compromise\'s tables as data rather than compromise', () => {
    const loaded = loadedBy(['extract', 'fixtures/clean/trafeval/html/eccc05647bdc.html', '--json']);
    expect(loaded).toContain('extract-en');
    expect(loaded).toContain('chrono-node');
    expect(loaded).not.toContain('compromise');
    expect(loaded).not.toContain('better-sqlite3');
  });

  it('query loads SQLite and not the crawler\'s HTTP client or the English rules', () => {
    const loaded = loadedBy(['query', '--list']);
    expect(loaded).toContain('better-sqlite3');
    for (const heavy of ['undici', 'compromise', 'extract-en', 'hono']) expect(loaded, heavy).not.toContain(heavy);
  });
});
