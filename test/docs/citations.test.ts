// The design documents that code comments cite are in the repository: a citation names a file
// under docs/ that exists, never a bare DESIGN.md / STACK.md / SELECTORS.md kept somewhere else.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SELF = relative(ROOT, import.meta.filename);

function* codeFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* codeFiles(path);
    else if (/\.(ts|js|mjs)$/.test(entry.name) && path !== SELF) yield path;
  }
}

it('every design document cited in src/, pipelines/, test/, scripts/ and bin/ is under docs/', () => {
  const cited = new Set<string>();
  const bare: string[] = [];
  for (const file of ['src', 'pipelines', 'test', 'scripts', 'bin'].flatMap((d) => [...codeFiles(d)])) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)) cited.add(m[0]);
    for (const m of text.matchAll(/(?<![\w/.-])(?:DESIGN|STACK|SELECTORS)\.md\b/g)) bare.push(`${file}: ${m[0]}`);
  }
  expect(bare, 'cite design documents as docs/<NAME>.md').toEqual([]);
  expect(cited.size).toBeGreaterThan(0);
  for (const doc of cited) expect(existsSync(join(ROOT, doc)), `${doc} is cited but not in the repository`).toBe(true);
});
