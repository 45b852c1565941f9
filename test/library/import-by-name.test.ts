// `import { clean, extract, openStore } from 'vnpress'` from another Node project: a temp folder whose
// node_modules/vnpress links to this package, a consumer script run as its own process (so the
// package.json `exports` and the built dist/ are what answer), and a TypeScript consumer checked
// against the declarations the build generates.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.ts';

const SEED = join(ROOT, 'fixtures/seeds/002_9467f64f0288784b.txt');

function node(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the library API, imported by name from another project', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'vnpress-consumer-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/vnpress'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('clean, extract, processPage, toContract and openStore (write, then read-only) work from dist/', () => {
    writeFileSync(join(project, 'consumer.mjs'), `
import { readFileSync, writeFileSync } from 'node:fs';
import { clean, extract, openStore, processPage, toContract, sniffKind, UserError, StoreError } from 'vnpress';
const text = readFileSync(${JSON.stringify(SEED)}, 'utf8');
const out = {};
const article = clean(text, { url: 'https://bao.example.vn/dan-van.html' });
const extraction = extract(article);
out.title = article.title;
out.codes = extraction.documents.map((d) => d.code);
out.officials = extraction.officials.map((o) => o.name);
// Bytes are decoded (by the charset they declare or show).
const page = '<html><head><meta charset="utf-8"><title>T</title></head><body><article><p>' + text.split('\\n\\n')[1] + '</p></article></body></html>';
out.fromBytes = clean(new TextEncoder().encode(page)).text.slice(0, 20);
out.kinds = [sniffKind(page), sniffKind(text)];
const processed = processPage(page, 'html', { url: 'https://bao.example.vn/b.html', published: '2020-07-15' });
out.contract = Object.keys(toContract('b.html', processed.article, processed.extraction));
out.english = extract({ text: 'Prime Minister Pham Minh Chinh on March 3, 2024 signed a decision.', language: 'en' }).officials.map((o) => [o.name, o.titles]);
const db = process.argv[2];
const store = openStore(db);
out.saved = store.writer.saveArticle(article, extraction).status;
store.close();
const reader = openStore(db, { readonly: true });
out.writer = reader.writer;
out.search = reader.search('dan van').map((hit) => hit.title);
out.byCode = reader.runQuery('documents-by-code', { code: '290-qd/tw' }).rows.map((row) => row.code);
out.sql = reader.runReadOnlySql('SELECT count(*) AS n FROM articles').rows;
out.queries = reader.queries().length;
out.readModel = typeof reader.readModel.searchRange;
try { reader.runReadOnlySql('DELETE FROM articles'); } catch (error) { out.refused = error instanceof UserError; }
reader.close();
writeFileSync(db + '.txt', 'not a database');
try { openStore(db + '.txt', { readonly: true }); } catch (error) { out.notDb = error instanceof StoreError; }
console.log(JSON.stringify(out));
`);
    const run = node(['consumer.mjs', join(project, 'store.db')], project);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.title).toBe('Hà Nội sẽ kết hợp giữa “diện” và “điểm” trong công tác dân vận');
    expect(out.codes).toContain('290-QĐ/TW');
    expect(out.officials).toContain('Trương Thị Mai');
    expect(out.fromBytes).toBe(readFileSync(SEED, 'utf8').split('\n\n')[1]!.slice(0, 20));
    expect(out.kinds).toEqual(['html', 'text']);
    expect(out.contract).toEqual(expect.arrayContaining(['input', 'url', 'title', 'text', 'officials', 'documents', 'dates', 'periods', 'statistics']));
    expect(out.english).toEqual([['Pham Minh Chinh', ['Prime Minister']]]);
    expect(out.saved).toBe('inserted');
    expect(out.writer).toBeNull();
    expect(out.search).toEqual([out.title]);
    expect(out.byCode).toContain('290-QĐ/TW');
    expect(out.sql).toEqual([{ n: 1 }]);
    expect(out.queries).toBeGreaterThan(5);
    expect(out.readModel).toBe('function');
    expect(out.refused).toBe(true);
    expect(out.notDb).toBe(true);
  });

  it('TypeScript resolves the package\'s declarations (built as `npm install` builds them)', () => {
    // What scripts/build.mjs's buildTypes() runs at install: the declarations of src/index.ts into dist/types/.
    const declarations = node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], ROOT);
    expect(declarations.stdout + declarations.stderr).toBe('');
    writeFileSync(join(project, 'consumer.ts'), `
import { clean, extract, openStore, type Article, type Extraction, type SearchHit, type VnpressStore } from 'vnpress';
const article: Article = clean('<p>Chiều 15/7</p>', { url: 'https://bao.example.vn/a.html' });
const extraction: Extraction = extract(article);
const store: VnpressStore = openStore('x.db', { readonly: true });
const hits: SearchHit[] = store.search('dan van', { limit: 3 });
const count: number = extraction.officials.length + hits.length + (store.writer ? 1 : 0);
// @ts-expect-error extract() needs the text
extract({ title: 'no text' });
// @ts-expect-error clean() takes HTML, text or bytes
clean(42);
export { count };
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true,
        types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      files: ['consumer.ts'],
    }));
    const check = node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.code).toBe(0);
  }, 180_000);
});
