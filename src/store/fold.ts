// Folding used for keys and search. Two kinds, for two jobs:
// - foldKey: diacritics, đ and case removed, spaces collapsed — compares names and units.
// - foldForIndex: only đ/Đ → d/D, one character for one, so offsets stay aligned with the
//   original text; SQLite's unicode61 tokenizer (remove_diacritics 2) removes the rest.

export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function foldForIndex(text: string): string {
  return text.replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
