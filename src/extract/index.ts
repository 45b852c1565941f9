// Extract stage entry point. PLACEHOLDER: the extract work (issue 5) replaces the body.
import type { ExtractInput, Extraction } from '../pipeline/types.ts';

export function extract(_input: ExtractInput): Extraction {
  return { officials: [], documents: [], dates: [], periods: [], statistics: [] };
}
