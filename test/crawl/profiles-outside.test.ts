// Site profiles from outside the repository, loaded by the real binary: a YAML profile and a
// TypeScript profile (no package.json beside it, which used to fail with a `require(esm)` error)
// crawl a local demo site; JSON and .mjs profiles load; a broken profile is refused with one line
// naming the file and the field.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { BIN, ROOT } from '../cli/run-cli.ts';
import { startDemoSites, type DemoSites } from '../../src/run/demo-sites.ts';
import { demoSources } from '../../pipelines/demo.ts';
import { profileOf } from '../../src/core/profile.ts';
import type { Source } from '../../src/core/types.ts';

/** The binary, run asynchronously: the demo sites are served by this process. */
function vnpress(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', fail);
    child.on('close', (code) => { clearTimeout(timer); done({ code, stdout, stderr }); });
  });
}

const stored = (db: string) => {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(`SELECT source_id AS source, count(*) AS n FROM articles GROUP BY source_id`).all() as { source: string; n: number }[];
  } finally {
    handle.close();
  }
};

let dir: string;
let sites: DemoSites;
let vnexpress: Source;

beforeAll(async () => {
  // Under the system's temporary folder: no package.json of this repository above it.
  dir = mkdtempSync(join(tmpdir(), 'vnpress-profiles-'));
  sites = await startDemoSites();
  vnexpress = demoSources(sites.sites).find((s) => s.id === 'vnexpress')!;
});
afterAll(async () => {
  await sites?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('profiles outside the repository', () => {
  it('a YAML profile and a TypeScript profile each crawl the site they describe', async () => {
    const yamlFile = join(dir, 'tin-tuc.yaml');
    writeFileSync(yamlFile, stringify({ ...profileOf(vnexpress), id: 'tin-yaml', rateLimit: { minDelayMs: 0, maxArticlesPerRun: 3 } }));
    const tsFile = join(dir, 'tin-tuc.ts');
    // Type annotations and an `as const`: TypeScript proper, not JavaScript that happens to parse.
    const { articleUrlPattern, ...plain } = profileOf(vnexpress);
    writeFileSync(tsFile, `import type { Source } from ${JSON.stringify(join(ROOT, 'src/core/types.ts'))};\n` +
      `interface Profile { id: string; language: 'vi' | 'en' }\n` +
      `const base = ${JSON.stringify({ ...plain, id: 'tin-ts', rateLimit: { minDelayMs: 0, maxArticlesPerRun: 3 } })};\n` +
      `const profile: Profile & typeof base = { ...base, language: 'vi' as const, articleUrlPattern: new RegExp(${JSON.stringify(articleUrlPattern)}) };\n` +
      `export default profile satisfies Source;\n`);
    for (const [file, id] of [[yamlFile, 'tin-yaml'], [tsFile, 'tin-ts']] as const) {
      const db = join(dir, `${id}.db`);
      const result = await vnpress(['crawl', file, '--db', db, '--no-progress', '--log-level', 'silent']);
      expect(result.code, `${file}:\n${result.stderr}`).toBe(0);
      expect(result.stderr).not.toMatch(/require\(esm\)|ERR_/);
      expect(stored(db)).toEqual([{ source: id, n: 3 }]);
    }
  }, 300_000);

  it('JSON and .mjs profiles load; a list in YAML under a name', async () => {
    const profile = { ...profileOf(vnexpress), id: 'tin-json' };
    writeFileSync(join(dir, 'tin.json'), JSON.stringify(profile));
    writeFileSync(join(dir, 'tin.mjs'), `export default { name: 'hai trang', sources: [${JSON.stringify({ ...profile, id: 'tin-mjs-a' })}, ${JSON.stringify({ ...profile, id: 'tin-mjs-b' })}] };\n`);
    writeFileSync(join(dir, 'list.yml'), stringify({ name: 'danh sách', sources: [{ ...profile, id: 'a' }, { ...profile, id: 'b' }] }));
    for (const file of ['tin.json', 'tin.mjs', 'list.yml']) {
      const result = await vnpress(['reextract', '--pipeline', join(dir, file), '--dry-run', '--db', join(dir, `load-${file}.db`)]);
      expect(result.code, `${file}:\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/Re-extracted 0 stored page/);
    }
  }, 200_000);

  const valid = { id: 'tin', name: 'Tin', baseUrl: 'https://tin.example/', language: 'vi' };
  const broken: [file: string, content: string, error: RegExp][] = [
    ['field-type.yaml', stringify({ ...valid, selectors: { body: 42 } }), /bad\/field-type\.yaml: selectors\.body: .*expected string/i],
    ['misspelt.json', JSON.stringify({ ...valid, selector: { body: 'article' } }), /bad\/misspelt\.json: \(profile\): .*"selector"/],
    ['scheme.yaml', stringify({ ...valid, baseUrl: 'ftp://tin.example/' }), /bad\/scheme\.yaml: baseUrl: expected an http\(s\) URL/],
    ['pattern.yaml', stringify({ ...valid, articleUrlPattern: '([a-z]+' }), /bad\/pattern\.yaml: articleUrlPattern: expected a regular expression/],
    ['language.yaml', stringify({ name: 'x', sources: [valid, { ...valid, id: 'hai', language: 'fr' }] }), /bad\/language\.yaml: sources\[1\]: language: /],
    ['feeds.json', JSON.stringify([{ ...valid, feeds: ['https://tin.example/rss', 'tin.example/rss2'] }]), /bad\/feeds\.json: \[0\]: feeds\[1\]: expected an http\(s\) URL/],
    ['id.yaml', stringify({ ...valid, id: 'tin mới' }), /bad\/id\.yaml: id: expected letters, digits/],
    ['twice.yaml', stringify([valid, valid]), /bad\/twice\.yaml: two profiles have the id "tin"/],
    ['syntax.yaml', 'id: tin\nname: [Tin\n', /bad\/syntax\.yaml: not valid YAML/],
    ['syntax.json', '{"id": "tin",', /bad\/syntax\.json: not valid JSON/],
    ['empty.yaml', 'sources: []\n', /bad\/empty\.yaml: sources: expected a non-empty list/],
    ['typo.ts', `const p: { id: string } & Record<string, unknown> = { id: 'tin', name: 'Tin', baseUrl: 'https://tin.example/', language: 'vi', rateLimt: { minDelayMs: 0 } };\nexport default p;\n`,
      /bad\/typo\.ts: \(profile\): .*"rateLimt"/],
  ];
  it.each(broken)('refuses %s with one line naming the file and the field', async (file, content, error) => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, file), content);
    const db = join(dir, `bad-${file}.db`);
    const result = await vnpress(['crawl', join(bad, file), '--db', db, '--no-progress']);
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(error);
  }, 60_000);
});
