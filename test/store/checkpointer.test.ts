// The WAL checkpointer thread (src/store/checkpointer.ts): it starts only once a writer's WAL is
// large, copies the WAL into the database file while the writer goes on, stops cleanly with the
// store, and a writer killed while it runs leaves a database that a re-run completes.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { WalCheckpointer } from '../../src/store/checkpointer.ts';
import { ROOT } from '../cli/run-cli.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('WalCheckpointer', () => {
  let dir: string;
  let path: string;
  let db: DB;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-checkpointer-'));
    path = join(dir, 'store.db');
    db = openDatabase(path);
    db.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    // The WAL starts empty: the pages counted are the test's own, not the migrations' (whose number grows with the schema).
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Commits `batches` transactions of ten 8 KB rows, telling the checkpointer after each. */
  function write(checkpointer: WalCheckpointer, batches: number): void {
    const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
    const body = Buffer.alloc(8000, 7);
    for (let b = 0; b < batches; b++) {
      db.transaction(() => { for (let k = 0; k < 10; k++) insert.run(body); })();
      checkpointer.committed();
    }
  }

  it('does not start while the WAL is small', async () => {
    const checkpointer = new WalCheckpointer(db, path, { startPages: 1000 });
    write(checkpointer, 5);
    await sleep(50);
    expect(checkpointer.running).toBe(false);
    expect(checkpointer.checkpoints).toBe(0);
    checkpointer.close();
  });

  it('copies the WAL into the database file on its own thread while the writer goes on', async () => {
    // The writer's own automatic checkpoint is out of reach here (backstop 100,000 pages), so the
    // database file can only grow through the thread's checkpoints.
    const checkpointer = new WalCheckpointer(db, path, { startPages: 100, backstopPages: 100_000, intervalMs: 0 });
    const fileBefore = statSync(path).size;
    write(checkpointer, 3);
    expect(checkpointer.running).toBe(false);
    write(checkpointer, 10);
    expect(checkpointer.running).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100_000);
    await until(() => checkpointer.checkpoints > 0, 'a checkpoint');
    await until(() => statSync(path).size > fileBefore + 100 * 8192, 'the database file to grow');
    // The writer goes on, and the thread with it.
    const before = checkpointer.checkpoints;
    write(checkpointer, 10);
    await until(() => checkpointer.checkpoints > before, 'another checkpoint');
    checkpointer.close();
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    db.close();
    // The last connection out removed the WAL: nothing was left behind by the thread's connection.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(230);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('closes at once when it never started, and a second close does nothing', () => {
    const checkpointer = new WalCheckpointer(db, path);
    checkpointer.close();
    checkpointer.close();
    write(checkpointer, 2); // commits after close start nothing
    expect(checkpointer.running).toBe(false);
  });
});

describe('a writer killed while its WAL is being checkpointed', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-checkpointer-kill-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const WRITER = join(ROOT, 'test/store/checkpoint-writer.ts');
  const COUNT = 1500;

  /** Runs the writer; with `killAt`, SIGKILLs it once it has stored that many articles with its checkpointer running. */
  function runWriter(db: string, killAt?: number): Promise<{ code: number | null; lines: string[] }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/run-ts.js', WRITER, db, String(COUNT), '50'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      const lines: string[] = [];
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const parts = pending.split('\n');
        pending = parts.pop()!;
        for (const line of parts) {
          lines.push(line);
          const m = /^stored (\d+) checkpointer (true|false)$/.exec(line);
          if (killAt !== undefined && m && Number(m[1]) >= killAt && m[2] === 'true') child.kill('SIGKILL');
        }
      });
      child.on('exit', (code) => resolve({ code, lines }));
      child.on('error', reject);
    });
  }

  it('leaves every committed article, and a re-run completes the set', async () => {
    const db = join(dir, 'killed.db');
    const killed = await runWriter(db, 600);
    expect(killed.code).toBeNull(); // killed, not finished
    const lastSeen = Math.max(...killed.lines.map((l) => Number(/^stored (\d+)/.exec(l)?.[1] ?? 0)));
    expect(lastSeen).toBeGreaterThanOrEqual(600);
    expect(lastSeen).toBeLessThan(COUNT);
    const check = new Database(db, { readonly: true });
    const state = check.prepare(`SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM raw_pages) AS raw,
      (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'đang') AS indexed,
      (SELECT integrity_check FROM pragma_integrity_check) AS integrity`).get() as Record<string, number | string>;
    check.close();
    expect(state.integrity).toBe('ok');
    expect(state.articles).toBeGreaterThanOrEqual(lastSeen);
    expect(state.raw).toBe(state.articles);
    expect(state.indexed).toBe(state.articles);

    const rerun = await runWriter(db);
    expect(rerun.code).toBe(0);
    expect(rerun.lines.at(-1)).toBe('done');
    const final = new Database(db, { readonly: true });
    expect(final.prepare(`SELECT count(*) FROM articles`).pluck().get()).toBe(COUNT);
    expect(final.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'đang'`).pluck().get()).toBe(COUNT);
    expect(final.pragma('integrity_check', { simple: true })).toBe('ok');
    final.close();
  }, 60_000);
});
