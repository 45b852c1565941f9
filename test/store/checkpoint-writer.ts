// Child process of test/store/checkpointer.test.ts: stores COUNT articles with a large raw page
// each, in batches of BATCH, through Store (so its WAL checkpointer starts after a few batches),
// and prints "stored N" after each commit. The test kills it with SIGKILL mid-run, then runs it
// again over the same database.
import { createHash, randomBytes } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

const [path, countArg, batchArg] = process.argv.slice(2);
const COUNT = Number(countArg);
const BATCH = Number(batchArg);
const none: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };

function sample(i: number): { article: Article; extraction: Extraction; options: { raw: { html: string } } } {
  const text = `Bài số ${i}: Đảng bộ xã tổ chức hội nghị. ${'Nội dung bài viết. '.repeat(40)}`;
  const url = `https://writer.example/${i}.html`;
  // Random text as the stored page: it hardly compresses, so the WAL grows fast.
  const html = randomBytes(24_000).toString('base64');
  return {
    article: {
      url, canonicalUrl: url, sourceId: 'writer', title: `Bài ${i}`, published: '2024-01-01T08:00:00+07:00', author: null,
      language: 'vi', paragraphs: [text], text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
    },
    extraction: none,
    options: { raw: { html } },
  };
}

const store = new Store(path!);
store.upsertSource({ id: 'writer', name: 'Writer', baseUrl: 'https://writer.example/', language: 'vi' });
let stored = 0;
for (let from = 0; from < COUNT; from += BATCH) {
  const results = store.saveArticles(Array.from({ length: Math.min(BATCH, COUNT - from) }, (_, k) => sample(from + k)));
  stored += results.filter((r) => r.status === 'inserted').length;
  process.stdout.write(`stored ${stored} checkpointer ${(store as unknown as { checkpointer: { running: boolean } }).checkpointer.running}\n`);
}
store.close();
process.stdout.write('done\n');
