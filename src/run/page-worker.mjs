// Entry of a page-pool worker thread (page-pool.ts). Worker threads do not inherit the main thread's
// module loader: from src/ tsx is registered here first (in dist/ the build makes register() a no-op,
// the code being JavaScript already).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runFileJob } = await import('./page-files.ts');
parentPort.on('message', ({ index, job }) => {
  parentPort.postMessage({ index, result: runFileJob(job) });
});
parentPort.postMessage({ ready: true });
