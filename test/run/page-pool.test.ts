// The page pool (src/run/page-pool.ts): files cleaned and extracted by worker threads come back in
// the files' order and equal what this thread makes of them, bad files included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFileJob, type FileJob, type FileResult } from '../../src/run/page-files.ts';
import { runFileJobs } from '../../src/run/page-pool.ts';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = ['fixtures/pages/vnexpress.article.2022-02-13.html', 'fixtures/clean/trafeval/html/eccc05647bdc.html', 'fixtures/clean/trafeval/html/a29e8345decc.html'];

let dir: string;
const jobs: FileJob[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnpress-page-pool-'));
  for (let i = 0; i < 12; i++) {
    const input = join(dir, `${String(i).padStart(2, '0')}.html`);
    if (i === 5) writeFileSync(input, Buffer.from([0, 1, 2, 3]));
    else copyFileSync(join(ROOT, PAGES[i % PAGES.length]!), input);
    jobs.push({ input, kind: 'html', published: null, output: 'contract' });
  }
  jobs.push({ input: join(dir, 'missing.html'), kind: 'html', published: null, output: 'contract' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pooled(threads: number, thisThread: boolean): Promise<Array<[string, FileResult]>> {
  const seen: Array<[string, FileResult]> = [];
  await runFileJobs(jobs, threads, (job, result) => seen.push([job.input, result]), { thisThread, minFiles: 2 });
  return seen;
}

describe('runFileJobs', () => {
  it('gives, from worker threads alone, every file\'s result in order, as this thread makes it', async () => {
    const expected = jobs.map((job) => [job.input, runFileJob(job)] as [string, FileResult]);
    const fromWorkers = await pooled(3, false);
    expect(fromWorkers).toEqual(expected);
    expect(fromWorkers[5]![1]).toEqual({ problem: expect.stringMatching(/binary content/) });
    expect(fromWorkers[12]![1]).toEqual({ problem: expect.stringMatching(/cannot read/) });
    expect(JSON.parse((fromWorkers[0]![1] as { line: string }).line).input).toBe(jobs[0]!.input);
  }, 60_000);

  it('gives the same with this thread taking files beside one worker', async () => {
    const expected = jobs.map((job) => [job.input, runFileJob(job)] as [string, FileResult]);
    expect(await pooled(2, true)).toEqual(expected);
  }, 60_000);
});
