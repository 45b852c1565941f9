// Matched words in search results: where FTS5's highlight() marked them, and a passage of the text
// around them with each one wrapped in marks (the CLI's snippets, the web's, exports').

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Offsets of the marked spans in FTS5 `highlight()` output, as offsets into the unmarked text. */
export function markedRanges(marked: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let plain = 0;
  let start = -1;
  for (const ch of marked) {
    if (ch === OPEN) start = plain;
    else if (ch === CLOSE) {
      if (start >= 0) ranges.push([start, plain]);
      start = -1;
    } else plain += ch.length;
  }
  return ranges;
}

/**
 * A passage of `text` around the densest group of matches, cut at spaces, with every match in it
 * wrapped in `marks`. The FTS index holds a folded copy whose offsets equal the original's, so the
 * ranges found on the copy mark the original words, diacritics and đ intact.
 */
export function makeSnippet(text: string, ranges: Array<[number, number]>, length = 200, marks: [string, string] = ['«', '»']): string {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  if (!ranges.length) {
    const head = text.slice(0, length);
    return squash(head.length < text.length ? head.replace(/\s+\S*$/, '') + ' …' : head);
  }
  const lead = Math.floor(length / 4);
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < ranges.length && i < 500; i++) {
    const from = Math.max(0, ranges[i]![0] - lead);
    const count = ranges.filter(([s, e]) => s >= from && e <= from + length).length;
    if (count > bestCount) {
      best = from;
      bestCount = count;
    }
  }
  let start = best;
  let end = Math.min(text.length, best + length);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < (ranges.find(([s]) => s >= best)?.[0] ?? end)) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    const lastInside = ranges.filter(([s, e]) => s >= start && e <= end).pop();
    if (space > (lastInside?.[1] ?? start)) end = space;
  }
  let out = '';
  let at = start;
  for (const [s, e] of ranges) {
    if (s < start || e > end) continue;
    out += text.slice(at, s) + marks[0] + text.slice(s, e) + marks[1];
    at = e;
  }
  out += text.slice(at, end);
  return (start > 0 ? '… ' : '') + squash(out).trim() + (end < text.length ? ' …' : '');
}
