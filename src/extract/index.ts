// Extract stage entry point: pure and synchronous; dispatches on the article's language.
import type { ExtractInput, Extraction } from '../pipeline/types.ts';
import { extractEn } from './en/index.ts';
import { extractVi } from './vi/index.ts';

export function extract(input: ExtractInput): Extraction {
  const language = (input.language || 'vi').toLowerCase().split('-')[0];
  if (language === 'en') return extractEn(input.text, input.published);
  return extractVi(input.text, input.published);
}
