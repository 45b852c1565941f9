// Extract stage entry point: pure and synchronous; dispatches on the article's language.
// Vietnamese rules run on Vietnamese (and on text whose language is unknown), the English rules on
// English editions (loaded on the first English text: english.ts); other languages have no rules,
// so they yield no entities rather than whatever Vietnamese patterns happen to match in them.
import type { ExtractInput, Extraction } from '../core/types.ts';
import { englishExtractor } from './english.ts';
import { extractVi } from './vi/index.ts';
import { tagPlaces } from './common/places.ts';
import { emptyExtraction } from '../core/entities.ts';

export function extract(input: ExtractInput): Extraction {
  const language = (input.language || 'vi').toLowerCase().split('-')[0];
  const extraction = language === 'en' ? englishExtractor()(input.text, input.published)
    : language === 'vi' || language === 'und' || language === '' ? extractVi(input.text, input.published)
    : null;
  if (!extraction) return emptyExtraction();
  tagPlaces(extraction.statistics, input.title);
  return extraction;
}
