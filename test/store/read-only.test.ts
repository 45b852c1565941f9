// The read-only commands (query, runs, export, serve) on a database the user can only read: a file
// they may not write in a folder they may not write, as a shared dataset is. Run as root, chmod
// stops nothing, so the commands run as `nobody` (setpriv); as any other user the modes are enough.
// Nothing may be written: no -wal or -shm beside the file, the file's bytes unchanged.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { BIN, ROOT } from '../cli/run-cli.ts';
import { buildFixtureDb, type FixtureDb } from '../query/fixture-db.ts';
import { readCsvObjects } from '../export/csv-read.ts';

const isRoot = process.getuid?.() === 0;
const setpriv = isRoot ? spawnSync('sh', ['-c', 'command -v setpriv']).stdout.toString().trim() : '';
/** The command line that runs `node` as a user who cannot write the test's files. */
const asReader = (args: string[]): [string, string[]] => (isRoot
  ? [setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args]]
  : [process.execPath, args]);

function vnpress(args: string[]) {
  const [cmd, argv] = asReader([BIN, ...args]);
  const result = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(isRoot && !setpriv)('read-only commands on a database the user cannot write', () => {
  let fixture: FixtureDb;
  let top: string;
  /** A copy of the database in a folder of its own, both read-only for the reader. */
  const readOnlyCopy = (name: string, prepare?: (dir: string, db: string) => void): { dir: string; db: string; bytes: Buffer } => {
    const dir = join(top, name);
    mkdirSync(dir);
    const db = join(dir, 'vnpress.db');
    copyFileSync(fixture.path, db);
    prepare?.(dir, db);
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), 0o444);
    chmodSync(dir, 0o555);
    return { dir, db, bytes: readFileSync(db) };
  };

  beforeAll(() => {
    fixture = buildFixtureDb();
    top = mkdtempSync(join(tmpdir(), 'vnpress-ro-'));
    chmodSync(top, 0o755);
  });
  afterAll(() => {
    fixture?.cleanup();
    if (top) {
      for (const dir of readdirSync(top)) chmodSync(join(top, dir), 0o755);
      rmSync(top, { recursive: true, force: true });
    }
  });

  it('query, query sql, query search, runs and export read it and write nothing', () => {
    const { dir, db, bytes } = readOnlyCopy('clean');
    const checks: [string[], (out: string) => void][] = [
      [['query', 'statistics-by-unit', '-p', 'unit=%', '--json'], (out) => expect(JSON.parse(out).length).toBeGreaterThan(0)],
      [['query', 'sql', 'SELECT count(*) AS n FROM articles', '--json'], (out) => expect(JSON.parse(out)[0].n).toBeGreaterThan(0)],
      [['query', 'search', 'thanh uy', '--json'], (out) => expect(JSON.parse(out).length).toBeGreaterThan(0)],
      [['runs'], (out) => expect(out).toMatch(/No runs yet|Run #/)],
      [['export', 'statistics', '--format', 'csv'], (out) => expect(readCsvObjects(out).length).toBeGreaterThan(0)],
      [['export', 'articles_view', '--format', 'jsonl', '--threads', '2'], (out) => expect(out.trim().split('\n').length).toBeGreaterThan(0)],
    ];
    for (const [args, check] of checks) {
      const result = vnpress([...args, '--db', db]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      check(result.stdout);
    }
    expect(readdirSync(dir)).toEqual(['vnpress.db']);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  }, 300_000);

  it('serve answers pages and downloads from it', async () => {
    const { dir, db } = readOnlyCopy('serve');
    const [cmd, argv] = asReader([BIN, 'serve', '--db', db, '--port', '0']);
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 90_000);
        const look = (chunk: Buffer) => {
          output += chunk.toString();
          const m = /at (http:\/\/\S+)/.exec(output);
          if (m) { clearTimeout(timer); resolve(m[1]!); }
        };
        child.stdout.on('data', look);
        child.stderr.on('data', look);
        child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${output}`)); });
      });
      const home = await fetch(url);
      expect(home.status).toBe(200);
      const download = await fetch(new URL('statistics/export?format=csv', url));
      expect(download.status).toBe(200);
      expect(readCsvObjects(await download.text()).length).toBeGreaterThan(0);
      expect(readdirSync(dir)).toEqual(['vnpress.db']);
    } finally {
      child.kill('SIGTERM');
    }
  }, 180_000);

  it('reads changes still in a -wal it cannot write, through SQLite’s read-only WAL index', () => {
    // A writer that stopped without folding its WAL into the file: -wal and -shm stay beside it.
    const { db } = readOnlyCopy('wal', (_dir, path) => {
      const script = `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(path)});
        db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
        db.prepare("INSERT INTO sources (id, name, base_url, language) VALUES ('wal-only', 'Only in the WAL', '', 'vi')").run();
        process.exit(0);`;
      expect(spawnSync(process.execPath, ['-e', script]).status).toBe(0);
      expect(existsSync(`${path}-wal`)).toBe(true);
    });
    const result = vnpress(['query', 'sql', "SELECT name FROM sources WHERE id = 'wal-only'", '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ name: 'Only in the WAL' }]);
  }, 120_000);

  it('says why when changes sit in a -wal that cannot be read without writing', () => {
    const { db } = readOnlyCopy('wal-no-shm', (_dir, path) => {
      const handle = new Database(path);
      handle.pragma('journal_mode = WAL');
      handle.pragma('wal_autocheckpoint = 0');
      handle.prepare("INSERT INTO sources (id, name, base_url, language) VALUES ('x', 'x', '', 'vi')").run();
      copyFileSync(`${path}-wal`, `${path}-kept`);
      handle.close();
      // As if the WAL had been copied without its index: the -wal alone.
      copyFileSync(`${path}-kept`, `${path}-wal`);
      rmSync(`${path}-kept`);
      rmSync(`${path}-shm`, { force: true });
    });
    const result = vnpress(['query', 'sql', 'SELECT count(*) FROM sources', '--db', db]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/vnpress\.db-wal holds changes not yet in the file/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
