// Preloaded (`node --import`) by the start-up phase into one untimed run of each command: writes the
// module files the process loaded (ESM through a resolve hook, CommonJS from require.cache) to the
// file named by VNPRESS_MODULES_OUT when the process exits.
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';

const loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => loaded.add(url));
port1.unref();
const hooks = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => {
  const cjs = Object.keys(createRequire(import.meta.url).cache).map((path) => `file://${path}`);
  writeFileSync(process.env.VNPRESS_MODULES_OUT, JSON.stringify([...new Set([...loaded, ...cjs])]));
});
