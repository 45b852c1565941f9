// Marking extracted entities in an article's text, by character offsets into the original text,
// so what is shown is always the stored text. (Search snippets and their marks: store/snippets.ts.)
import { Html, escapeHtml } from './html.ts';
import type { ENTITY_KINDS } from '../core/entities.ts';

const inWord = /[\p{L}\p{N}\p{M}]/u;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Whether text[start, end) stands on its own: not a piece of a longer word or number (`5 xã` in
 * `15 xã`, `2%` in `93,2%`, `45.000` in `145.000`, `000` in `45.000`).
 */
export function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && inWord.test(text[start]!) && inWord.test(before)) return false;
  if (after !== undefined && inWord.test(text[end - 1]!) && inWord.test(after)) return false;
  if (isDigit(text[start]) && (before === '.' || before === ',') && isDigit(text[start - 2])) return false;
  if (isDigit(text[end - 1]) && (after === '.' || after === ',') && isDigit(text[end + 1])) return false;
  return true;
}

/** The first occurrence of `needle` in `text`, from `from`, that stands on its own (standsAlone) and `skip` does not refuse; -1 when none. */
export function findStanding(text: string, needle: string, from = 0, skip: (at: number) => boolean = () => false): number {
  if (!needle) return -1;
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!skip(at) && standsAlone(text, at, at + needle.length)) return at;
  }
  return -1;
}

/** An entity kind's singular name (core/entities.ts `one`): `official`, `date` … */
export type EntityKind = (typeof ENTITY_KINDS)[number]['one'];

export interface EntitySpan {
  start: number;
  end: number;
  kind: EntityKind;
  /** Link target for the entity, when it has a page. */
  href?: string | null;
  /** Tooltip, e.g. the normalised value. */
  label?: string | null;
  /** The mark's id, so that a link can lead to it (`/articles/7#statistic-31`: a chart dot's sentence). */
  anchor?: string | null;
}

/**
 * Places a stored hit in the text: its span when the span still reads as the stored text, else
 * the first unused occurrence of the text that stands on its own (a span from an older extraction
 * may be off; `5 xã` is not marked inside `15 xã`).
 */
export function locate(text: string, hitText: string, start: number | null, end: number | null, used: Set<number>): [number, number] | null {
  if (start !== null && end !== null && start >= 0 && end <= text.length && start < end && text.slice(start, end) === hitText) {
    return [start, end];
  }
  const at = findStanding(text, hitText, 0, (a) => used.has(a));
  return at >= 0 ? [at, at + hitText.length] : null;
}

/** Overlapping spans: the earlier (then the longer) wins, so marks never nest or cross. */
export function dropOverlaps(spans: EntitySpan[]): EntitySpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: EntitySpan[] = [];
  let reach = -1;
  for (const span of sorted) {
    if (span.start < reach) continue;
    kept.push(span);
    reach = span.end;
  }
  return kept;
}

/** The article text as paragraphs with each entity marked in place by its kind. */
export function markEntities(text: string, spans: EntitySpan[]): Html {
  const kept = dropOverlaps(spans);
  const paragraphs: Html[] = [];
  const re = /\n\s*\n/g;
  let paragraphStart = 0;
  const bounds: [number, number][] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    bounds.push([paragraphStart, m.index]);
    paragraphStart = m.index + m[0].length;
  }
  bounds.push([paragraphStart, text.length]);
  for (const [pStart, pEnd] of bounds) {
    let out = '';
    let cursor = pStart;
    for (const span of kept) {
      const a = Math.max(span.start, pStart);
      const b = Math.min(span.end, pEnd);
      if (b <= a || a < cursor) continue;
      out += escapeHtml(text.slice(cursor, a));
      const title = span.label ? ` title="${escapeHtml(span.label)}"` : '';
      const inner = escapeHtml(text.slice(a, b));
      // The id on the span's first mark only (a span may cross a paragraph break).
      const id = span.anchor && a === span.start ? ` id="${escapeHtml(span.anchor)}"` : '';
      const mark = `<mark class="ent ent-${span.kind}" data-kind="${span.kind}"${id}${title}>${inner}</mark>`;
      out += span.href ? `<a class="ent-link" href="${escapeHtml(span.href)}">${mark}</a>` : mark;
      cursor = b;
    }
    out += escapeHtml(text.slice(cursor, pEnd));
    if (out.trim()) paragraphs.push(new Html(`<p>${out.replace(/\n/g, '<br>')}</p>`));
  }
  return new Html(paragraphs.map((p) => p.value).join('\n'));
}
