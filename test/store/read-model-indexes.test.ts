// The indexes the reads name in INDEXED BY hints exist in the schema the migrations build: a
// migration that renames or drops one fails here, not at run time on a user's query.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/connection.ts';

const src = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

describe('INDEXED BY hints', () => {
  const hinted = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/INDEXED BY (\w+)/g)) {
      hinted.set(m[1]!, [...(hinted.get(m[1]!) ?? []), file.slice(src.length + 1)]);
    }
  }

  it('are written only in the store', () => {
    expect(hinted.size).toBeGreaterThan(3);
    for (const [index, files] of hinted) for (const file of files) expect(file, index).toMatch(/^store\//);
  });

  it('name indexes the migrations create', () => {
    const db = new Database(':memory:');
    migrate(db);
    const indexes = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all() as string[]);
    db.close();
    for (const index of hinted.keys()) expect(indexes.has(index), index).toBe(true);
  });
});
