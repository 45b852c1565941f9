// Clean stage entry points. PLACEHOLDER signatures: the clean work (issue 4) replaces the bodies.
import { createHash } from 'node:crypto';
import type { Article, Source } from '../pipeline/types.ts';

export interface CleanOptions {
  url?: string | null;
  source?: Source | null;
  /** ISO time of the fetch; no publication time after it is accepted. */
  fetchedAt?: string | null;
  /** A publication time given by the caller (CLI --published, feed pubDate) when the page has none. */
  published?: string | null;
}

/** Clean a whole HTML page into an Article. */
export function cleanHtml(html: string, options: CleanOptions = {}): Article {
  const text = html.replace(/<[^>]+>/g, ' ');
  return cleanText(text, options);
}

/** Clean text already flattened from a page (paragraphs separated by blank lines). */
export function cleanText(input: string, options: CleanOptions = {}): Article {
  const paragraphs = input.normalize('NFC').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const text = paragraphs.join('\n\n');
  return {
    url: options.url ?? null, canonicalUrl: options.url ?? null, sourceId: options.source?.id ?? null,
    title: null, published: options.published ?? null, author: null, language: 'vi',
    paragraphs, text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}
