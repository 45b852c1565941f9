// Phase 5 child: named analyst queries and export over 1M generated statistics rows, through the
// store bench's benchStore() (test/bench/store-bench.ts). benchStore also measures ingest; phase 2
// reports ingest, so those figures are passed on only as detail here.
import { childMain } from './shared.ts';

await childMain(async () => {
  const { benchStore } = await import('../store-bench.ts');
  const started = performance.now();
  const results = await benchStore();
  return { label: 'store', figures: [], notes: [], detail: { ...results, wallMs: performance.now() - started } };
});
