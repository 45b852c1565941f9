// `vnpress reextract` works from the stored raw pages: no refetch, and it says what changed.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../cli/run-cli.ts';

describe('reextract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-reextract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('re-runs clean and extract over stored pages and reports the articles whose entities changed', () => {
    const db = join(dir, 'r.db');
    const ingest = runCli(['ingest', 'fixtures/pages/vnexpress.article.2022-02-13.html', '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(0);
    const handle = new Database(db);
    const stored = handle.prepare('SELECT count(*) FROM dates').pluck().get() as number;
    expect(stored).toBeGreaterThan(0);

    const same = runCli(['reextract', '--db', db]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/Re-extracted 1 stored page\(s\): 0 with new text .* 0 with changed entities, 1 unchanged/);

    // As if an older version of the rules had found fewer dates.
    handle.prepare('DELETE FROM dates WHERE id IN (SELECT id FROM dates LIMIT 1)').run();
    handle.close();
    const changed = runCli(['reextract', '--db', db]);
    expect(changed.stdout).toMatch(/1 with changed entities/);
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM dates').pluck().get()).toBe(stored);
    after.close();
  });
});
