// Extract stage entry point: pure and synchronous; dispatches on the article's language.
// Vietnamese rules run on Vietnamese (and on text whose language is unknown), compromise on
// English editions; other languages have no rules, so they yield no entities rather than
// whatever Vietnamese patterns happen to match in them.
import type { ExtractInput, Extraction } from '../core/types.ts';
import { extractEn } from './en/index.ts';
import { extractVi } from './vi/index.ts';

export function extract(input: ExtractInput): Extraction {
  const language = (input.language || 'vi').toLowerCase().split('-')[0];
  if (language === 'en') return extractEn(input.text, input.published);
  if (language === 'vi' || language === 'und' || language === '') return extractVi(input.text, input.published);
  return { officials: [], documents: [], dates: [], periods: [], statistics: [] };
}
