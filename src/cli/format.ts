// Tables for people on a terminal. Widths are counted in terminal cells, not UTF-16 units:
// Vietnamese in NFD (`e` + U+0302 + U+0301) is one cell per letter, CJK and emoji take two,
// ANSI colour codes none. Long cells are cut with `…` so that a row stays on one line.

export interface TableOptions {
  /** Columns in order (default: the keys of the first row). */
  columns?: string[];
  /** Widest a single cell may be, in cells (default 48). */
  maxCellWidth?: number;
  /** Per-column overrides of maxCellWidth. */
  columnWidths?: Record<string, number>;
  /** Widest the whole table may be (default: the terminal's width when stdout is one, else unlimited). */
  maxWidth?: number;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function graphemeWidth(grapheme: string): number {
  const cp = grapheme.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x200b || cp === 0xfeff) return 0;
  if (/^\p{M}/u.test(grapheme)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Terminal cells `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(text.replace(ANSI, ''))) width += graphemeWidth(segment);
  return width;
}

/** Cuts `text` to at most `width` cells, ending with `…` when cut; colour codes are kept and closed. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  let coloured = false;
  // Split into colour codes and plain runs, so codes pass through at no width.
  for (const part of text.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith('\x1b[')) {
      out += part;
      coloured = true;
      continue;
    }
    for (const { segment } of segmenter.segment(part)) {
      const w = graphemeWidth(segment);
      if (used + w > width - 1) return out + '…' + (coloured ? '\x1b[0m' : '');
      out += segment;
      used += w;
    }
  }
  return out;
}

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

/** One line per cell: whitespace runs (newlines included) become one space. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ').trim();
}

/** Rows as an aligned text table: a header, a rule, one line per row; numbers right-aligned. */
export function formatTable(rows: ReadonlyArray<Record<string, unknown>>, options: TableOptions = {}): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  if (!columns.length) return '';
  const maxCell = options.maxCellWidth ?? 48;
  const maxWidth = options.maxWidth ?? (process.stdout.isTTY ? process.stdout.columns : Infinity);
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, i) => Math.min(options.columnWidths?.[c] ?? maxCell, Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!)))));
  // Narrow the widest columns until the table fits the terminal, but no column below 6 cells.
  const gap = 2;
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    let widest = 0;
    widths.forEach((w, i) => {
      if (w > widths[widest]!) widest = i;
    });
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(truncate(v, widths[i]!), widths[i]!, numeric[i]!))
      .join(' '.repeat(gap))
      .trimEnd();
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join(' '.repeat(gap))];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}
