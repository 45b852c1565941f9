// clean → extract for one page or text: pure, shared by `extract`, `ingest`, `crawl` and `reextract`.
import { cleanHtml, cleanText } from '../clean/index.ts';
import type { CleanOptions } from '../clean/index.ts';
import { extract } from '../extract/index.ts';
import type { Article, Extraction, InputKind } from '../core/types.ts';
import { emptyExtraction } from '../core/entities.ts';

export type { InputKind };

export interface Processed {
  article: Article;
  extraction: Extraction;
}

export function processPage(content: string, kind: InputKind, options: CleanOptions = {}): Processed {
  const article = kind === 'html' ? cleanHtml(content, options) : cleanText(content, options);
  // An explicit publication time (CLI --published) wins over what the page says.
  if (options.published && kind === 'html' && article.published !== options.published) {
    article.published = options.published;
    article.publishedOrigin = 'given';
    article.publishedZone = 'stated';
  }
  const extraction = article.text
    ? extract({ text: article.text, title: article.title, published: article.published, language: article.language })
    : emptyExtraction();
  return { article, extraction };
}
