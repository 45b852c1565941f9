// Vitest global setup: brings dist/ up to date once, before the test files run, so that the many
// `vnpress` child processes the CLI tests start find it current instead of each rebuilding it.
import { distStaleness } from '../../scripts/dist-state.mjs';

export default async function buildDist() {
  const root = new URL('../../', import.meta.url);
  const why = distStaleness(root);
  if (why === null) return;
  const { buildJavaScript } = await import('../../scripts/build.mjs');
  const built = await buildJavaScript();
  process.stderr.write(`test setup: ${why}; rebuilt dist/ (${built.files} files, ${(built.ms / 1000).toFixed(1)} s)\n`);
}
