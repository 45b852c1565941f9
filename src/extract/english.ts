// The English extractor, for extract()'s language dispatch. English rules load compromise and chrono's
// English parsers (~0.8 s of CPU at start-up, measured on one `vnpress extract`), and most pages are
// Vietnamese: the compiled CLI and library load them on the first English text only, synchronously,
// so extract() stays a plain function. Here, from src/ (tsx, vitest), the import is static; the build
// (scripts/build.mjs) replaces this module with one that requires dist/extract-en.cjs on first use.
import { extractEn } from './en/index.ts';

export function englishExtractor(): typeof extractEn {
  return extractEn;
}
