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
  /** Widest the whole table may be (default: terminalWidth()). */
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

/**
 * The width tables are fitted to: the terminal's when stdout is one, else `COLUMNS` when it is a
 * number, else 100 (a pipe or a file: `less -S` and editors read 100 columns well).
 */
export function terminalWidth(stdout: { isTTY?: boolean; columns?: number } = process.stdout, env = process.env): number {
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) return stdout.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 100;
}

/** Narrowest a text column is cut to (`Thành …`): below it a cell says nothing. */
const MIN_TEXT_WIDTH = 8;

/**
 * Widths that fit `maxWidth`: numeric columns keep their whole width; the text columns share what
 * is left, the narrow ones whole and the widest cut to equal shares (water-filling), so one long
 * column (a snippet, a URL) gives way before a short one loses a letter. No text column is cut
 * below MIN_TEXT_WIDTH; then the table is wider than asked (`--vertical` shows such rows whole).
 */
function fitWidths(natural: number[], numeric: boolean[], maxWidth: number, gap: number): number[] {
  const widths = [...natural];
  let free = maxWidth - gap * (widths.length - 1);
  const text: number[] = [];
  widths.forEach((w, i) => {
    if (numeric[i]) free -= w;
    else text.push(i);
  });
  if (natural.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) <= maxWidth) return widths;
  text.sort((a, b) => natural[a]! - natural[b]!);
  let left = text.length;
  for (const i of text) {
    const share = Math.max(MIN_TEXT_WIDTH, Math.floor(free / left));
    widths[i] = Math.min(natural[i]!, share);
    free -= widths[i]!;
    left--;
  }
  return widths;
}

/** Rows as an aligned text table: a header, a rule, one line per row; numbers right-aligned, never cut. */
export function formatTable(rows: ReadonlyArray<Record<string, unknown>>, options: TableOptions = {}): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  if (!columns.length) return '';
  const maxCell = options.maxCellWidth ?? 48;
  const maxWidth = options.maxWidth ?? terminalWidth();
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const natural = columns.map((c, i) => {
    const widest = Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!)));
    return numeric[i] ? widest : Math.min(options.columnWidths?.[c] ?? maxCell, widest);
  });
  const gap = 2;
  const widths = fitWidths(natural, numeric, maxWidth, gap);
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(numeric[i] ? v : truncate(v, widths[i]!), widths[i]!, numeric[i]!))
      .join(' '.repeat(gap))
      .trimEnd();
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join(' '.repeat(gap))];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}

/**
 * Rows one field per line (psql's `\x`): a `─[ 1 ]─` rule per row, the column names aligned, each
 * value whole, wrapped at the width with its continuation lines under the value.
 */
export function formatVertical(rows: ReadonlyArray<Record<string, unknown>>, options: Pick<TableOptions, 'columns' | 'maxWidth'> = {}): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const maxWidth = options.maxWidth ?? terminalWidth();
  const nameWidth = Math.max(0, ...columns.map(displayWidth));
  const valueWidth = Math.max(20, maxWidth - nameWidth - 3);
  const out: string[] = [];
  rows.forEach((row, n) => {
    const head = `─[ ${n + 1} ]`;
    out.push(head + '─'.repeat(Math.max(0, Math.min(maxWidth, nameWidth + 3 + 20) - displayWidth(head))));
    for (const column of columns) {
      const lines = wrap(cellText(row[column]), valueWidth);
      out.push(`${pad(column, nameWidth, false)} │ ${lines[0] ?? ''}`.trimEnd());
      for (const more of lines.slice(1)) out.push(`${' '.repeat(nameWidth)} │ ${more}`.trimEnd());
    }
  });
  return out.length ? out.join('\n') + '\n' : '';
}

/** `text` in lines of at most `width` cells, broken at spaces (a longer word is cut). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(' ')) {
    let rest = word;
    let w = displayWidth(rest);
    if (used > 0 && used + 1 + w <= width) {
      line += ' ' + rest;
      used += 1 + w;
      continue;
    }
    if (used > 0) lines.push(line);
    while (w > width) {
      // A word wider than the line: cut it by graphemes.
      let head = '';
      let headWidth = 0;
      for (const { segment } of segmenter.segment(rest)) {
        const g = graphemeWidth(segment);
        if (headWidth + g > width) break;
        head += segment;
        headWidth += g;
      }
      lines.push(head);
      rest = rest.slice(head.length);
      w = displayWidth(rest);
    }
    line = rest;
    used = w;
  }
  lines.push(line);
  return lines;
}
