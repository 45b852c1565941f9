// The text the full-text index is built from, and what a search's words need before they reach it.
// (The comparison keys, plainKey and toneKey, are in src/core/fold.ts.)
import { LATIN_LETTER_BLOCKS } from '../core/fold.ts';

/**
 * For each UTF-16 code unit, what it becomes in the search index's text: a Latin letter with
 * diacritics → its ASCII base letter (`ệ` → `e`, `Ở` → `O`), `đ`/`Đ` → `d`/`D`, and the punctuation,
 * symbols and spaces of the blocks below (`“ ” – … • ₫ →`, no-break space) → a space. Every other
 * unit stays itself. Each change is what SQLite's unicode61 tokenizer (remove_diacritics 2) makes of
 * the character anyway — the same folded letter, or a word break — except đ, which it keeps. The
 * blocks are ones whose characters SQLite's Unicode tables (6.1) already know: a symbol added
 * later is a word character to SQLite. test/store/fold.test.ts checks every entry against SQLite.
 */
// ǡ/Ǡ (a with dot above and macron): SQLite's diacritic table leaves them as they are.
const LETTERS_SQLITE_KEEPS = new Set([0x1e0, 0x1e1]);
const SEPARATOR_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x80, 0xbf], [0xd7, 0xd7], [0xf7, 0xf7], // Latin-1 punctuation and signs, ×, ÷
  [0x2000, 0x2064], // general punctuation: spaces, dashes, quotes, bullets, ellipsis
  [0x20a0, 0x20b9], // currency signs (₫, €)
  [0x2100, 0x214f], [0x2190, 0x23f3], // letterlike symbols, arrows, mathematical and technical
  [0x2500, 0x26ff], [0x2701, 0x27bf], // box drawing, shapes (■ ● ►), symbols (★ ☎), dingbats (✓ ❖)
  [0x3000, 0x303f], [0xff01, 0xff65], // CJK and fullwidth punctuation
];
const INDEX_FOLD = (() => {
  const table = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) table[unit] = unit;
  const baseLetter = /^[A-Za-z]\p{M}+$/u;
  const separator = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]$/u;
  for (const [first, last] of LATIN_LETTER_BLOCKS) {
    for (let unit = first; unit <= last; unit++) {
      const decomposed = String.fromCharCode(unit).normalize('NFD');
      if (baseLetter.test(decomposed) && !LETTERS_SQLITE_KEEPS.has(unit)) table[unit] = decomposed.charCodeAt(0);
    }
  }
  for (const [first, last] of SEPARATOR_BLOCKS) {
    for (let unit = first; unit <= last; unit++) if (separator.test(String.fromCharCode(unit))) table[unit] = 0x20;
  }
  table[0x111] = 0x64; // đ
  table[0x110] = 0x44; // Đ
  return table;
})();

let latin1 = Buffer.allocUnsafe(1 << 14);

/**
 * The text the full-text index is built from: `text` with INDEX_FOLD applied, one code unit for
 * one, so its words fall at the same token positions as the original's (the index reads its
 * columns from the articles table, and highlight() and snippet() mark the original words), and so
 * "thanh uy" finds "Thành ủy" and "dang" finds "Đảng". Why fold what the tokenizer folds itself:
 * Vietnamese text comes out as ASCII, which the tokenizer reads on its fast path (half the CPU of
 * an article's index insert, measured) and which binds to SQLite as a plain copy.
 */
export function foldForIndex(text: string): string {
  const length = text.length;
  if (latin1.length < length) latin1 = Buffer.allocUnsafe(Math.max(length, latin1.length * 2));
  const out = latin1;
  const table = INDEX_FOLD;
  for (let i = 0; i < length; i++) {
    const folded = table[text.charCodeAt(i)]!;
    if (folded > 0xff) return foldWide(text, i);
    out[i] = folded;
  }
  return out.toString('latin1', 0, length);
}

/** foldForIndex for a text with characters beyond Latin-1 that stay (Cyrillic, CJK …), from unit `from` on. */
function foldWide(text: string, from: number): string {
  const length = text.length;
  const units = new Uint16Array(length);
  units.set(latin1.subarray(0, from));
  for (let i = from; i < length; i++) units[i] = INDEX_FOLD[text.charCodeAt(i)]!;
  let out = '';
  for (let i = 0; i < length; i += 8192) out += String.fromCharCode(...units.subarray(i, Math.min(length, i + 8192)));
  return out;
}

/**
 * A search's words as the index needs them from the caller: đ/Đ → d/D only. SQLite's tokenizer
 * folds the rest of a query as it folded the index's text, and the FTS5 expression built from it
 * keeps the words as typed.
 */
export function foldStrokedD(text: string): string {
  return text.replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
