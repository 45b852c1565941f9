import { openDatabase } from './src/store/connection.ts';
import { createApp } from './src/web/app.ts';
import { coldPaths } from './test/bench/web-bench.ts';
const db = openDatabase('/tmp/web100k.db', { readonly: true });
const app = createApp(db);
for (const p of ['/search?q=xa', '/search?q=thanh+uy', '/statistics']) await (await app.fetch(new Request('http://x' + p))).text();
const paths = coldPaths('search', 300);
const c0 = process.cpuUsage();
for (const p of paths) { const r = await app.fetch(new Request('http://x' + p)); await r.text(); }
const u = process.cpuUsage(c0);
console.log('cpu per req', ((u.user + u.system) / 1000 / 300).toFixed(2));
