import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, ROOT } from './run-cli.ts';

const SEED = 'fixtures/seeds/002_9467f64f0288784b.txt';

describe('vnpress CLI', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-cli-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every command in --help, and each command has its own --help', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    const commands = ['demo', 'crawl', 'ingest', 'extract', 'clean', 'query', 'export', 'reextract', 'runs'];
    for (const command of commands) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      const sub = runCli([command, '--help']);
      expect(sub.code, command).toBe(0);
      expect(sub.stdout).toContain(`Usage: vnpress ${command}`);
    }
  });

  it('VNPRESS_DB names the database when --db is not given; --db wins over it', () => {
    const fromEnv = join(dir, 'env.db');
    const env = { VNPRESS_DB: fromEnv };
    // From a folder with no data/ in it: the default would be a different file.
    const ingest = runCli(['ingest', join(ROOT, SEED)], { env, cwd: dir });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain(`into ${fromEnv}: 1 new`);
    const count = runCli(['query', 'sql', 'SELECT count(*) AS n FROM articles', '--json'], { env, cwd: dir });
    expect(count.code, count.stderr).toBe(0);
    expect(JSON.parse(count.stdout)).toEqual([{ n: 1 }]);
    const other = join(dir, 'flag.db');
    const flagged = runCli(['ingest', join(ROOT, SEED), '--db', other], { env, cwd: dir });
    expect(flagged.stdout).toContain(`into ${other}: 1 new`);
    expect(runCli(['ingest', '--help']).stdout.replace(/\s+/g, ' ')).toMatch(/env: VNPRESS_DB/);
  }, 120_000);

  it('extract --json prints the contract object for a seed text', () => {
    const out = runCli(['extract', SEED, '--published', '2020-07-15', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const record = JSON.parse(out.stdout);
    expect(Object.keys(record)).toEqual(expect.arrayContaining(
      ['input', 'url', 'title', 'published', 'author', 'language', 'text', 'officials', 'documents', 'dates', 'periods', 'statistics']));
    expect(record.input).toBe(SEED);
    expect(record.published).toBe('2020-07-15T00:00:00+07:00');
    expect(record.text).toContain('\n\n');
    expect(record.text.normalize('NFC')).toBe(record.text);
  });

  it('extract --jsonl over a folder prints one object per input with its path', () => {
    const out = runCli(['extract', 'fixtures/seeds', '--jsonl']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual([0, 1, 2, 3, 4].map((i) => expect.stringMatching(new RegExp(`fixtures/seeds/00${i}_`))));
  });

  it('clean prints only the body text', () => {
    const out = runCli(['clean', SEED]);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().length).toBeGreaterThan(1000);
    expect(() => JSON.parse(out.stdout)).toThrow();
  });

  it.each([
    [['extract', 'no/such/file.txt', '--json'], /no\/such\/file\.txt: no such file/],
    [['extract', SEED, '--published', '2020-02-31', '--json'], /--published "2020-02-31": no such day/],
    [['extract', SEED, '--published', 'yesterday', '--json'], /--published "yesterday": not a date/],
    [['crawl', 'no-such-pipeline', '--db', '/tmp/never.db'], /unknown pipeline "no-such-pipeline": choose one of/],
    [['extract', 'package.json', '--json'], /package\.json: not an input vnpress reads/],
  ])('bad input %j gives one clear line and exit code 2', (args, message) => {
    const out = runCli(args as string[]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--no-such-option'], /unknown option '--no-such-option'/],
    [['no-such-command'], /unknown command 'no-such-command'/],
    [['extract'], /missing required argument 'inputs?'/],
    [['export', 'statistics', '--format', 'xlsx'], /--format "xlsx": expected one of csv, jsonl, parquet/],
    [['query', 'search'], /missing required argument 'text'/],
    [['query', 'sql', 'SELECT 1', '--bogus'], /unknown option '--bogus'/],
    [['serve', '--port', 'eighty'], /--port/],
    [['crawl', '--log-level', 'loud'], /--log-level "loud": expected one of fatal, error, warn/],
  ])('a usage error found by the option parser %j exits 2, like vnpress\'s own bad input', (args, message) => {
    const out = runCli(args as string[]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help and --version exit 0; an SQL error in a read is bad input (2)', () => {
    expect(runCli(['--version']).code).toBe(0);
    expect(runCli(['export', '--help']).code).toBe(0);
    const bad = runCli(['query', 'sql', 'SELECT * FROM nowhere', '--db', join(ROOT, 'no-such.db')]);
    expect(bad.code, bad.stderr).toBe(2);
  });

  it('an unreadable (binary) page is an error naming the input', () => {
    const binary = join(dir, 'photo.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0]));
    const out = runCli(['extract', binary, '--json']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(`${binary}: binary content`);
  });

  it('ingest stores seeds once; export prints CSV; query sql refuses a write and the data stays', () => {
    const db = join(dir, 'cli.db');
    for (const name of ['000_35b82072ec745c98.txt', '003_14bd3381d91fb0a5.txt']) {
      copyFileSync(join(ROOT, 'fixtures/seeds', name), join(dir, name));
    }
    const first = runCli(['ingest', join(dir, '000_35b82072ec745c98.txt'), join(dir, '003_14bd3381d91fb0a5.txt'), '--db', db, '--published', '2020-06-08']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 new/);
    const second = runCli(['ingest', join(dir, '000_35b82072ec745c98.txt'), join(dir, '003_14bd3381d91fb0a5.txt'), '--db', db, '--published', '2020-06-08']);
    expect(second.stdout).toMatch(/0 new, 0 updated, 2 unchanged/);

    const csv = runCli(['export', 'statistics', '--format', 'csv', '--db', db]);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split(/\r?\n/);
    expect(header).toMatch(/value/);
    expect(header).toMatch(/unit/);
    expect(rows.length).toBeGreaterThan(0);
    // The format is a word matched whatever its case, as the help says; another word is bad usage (2).
    const upper = runCli(['export', 'statistics', '--format', 'CSV', '--db', db]);
    expect(upper.code, upper.stderr).toBe(0);
    expect(upper.stdout).toBe(csv.stdout);
    const jsonl = runCli(['export', 'statistics', '--format', 'JsonL', '--db', db]);
    expect(JSON.parse(jsonl.stdout.split('\n')[0]!)).toHaveProperty('value');
    const xml = runCli(['export', 'statistics', '--format', 'xml', '--db', db]);
    expect(xml.code).toBe(2);
    expect(xml.stderr.trim()).toBe('vnpress: --format "xml": expected one of csv, jsonl, parquet');

    const before = new Database(db, { readonly: true }).prepare('SELECT count(*) n FROM articles').get();
    const write = runCli(['query', 'sql', 'DELETE FROM articles', '--db', db]);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/DELETE FROM articles/);
    expect(new Database(db, { readonly: true }).prepare('SELECT count(*) n FROM articles').get()).toEqual(before);
  });
});
