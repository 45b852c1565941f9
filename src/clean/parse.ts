// HTML → domhandler tree with htmlparser2, keeping only the attributes the clean stage reads, and
// no deeper than MAX_DOM_DEPTH (deeper elements are flattened into their ancestor, text kept).
// Most of a page's attributes (src, srcset, data-*, aria-*, onclick, width…) are never looked at,
// yet building their strings and objects is about half of the parse; the generic extractor skips
// them. Pages with a site profile keep every attribute (their CSS selectors may test any).
import { DomHandler, Parser, Tokenizer } from 'htmlparser2';
import type { Document } from 'domhandler';

/**
 * htmlparser2's tokenizer, skipping ahead inside text and quoted attribute values.
 * With entity decoding on, the stock tokenizer dispatches every character of text, attribute values
 * and names through its state loop, although only a few characters do anything there (`<` and `&` in
 * text, the closing quote and `&` in a value, the end of a name); these states now jump straight to
 * the next such character. The tokens,
 * and so the tree, are the same (test/clean/parse.test.ts compares them with the stock tokenizer).
 * Relies on htmlparser2 10.x internals (the `parse` loop steps `index` by one after each state call).
 */
class SkippingTokenizer extends Tokenizer {}
interface TokenizerInternals {
  buffer: string; index: number; offset: number;
  stateText(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
  stateInTagName(c: number): void;
  stateInAttributeName(c: number): void;
  stateInClosingTagName(c: number): void;
}
const LT = 0x3c, AMP = 0x26, DQ = 0x22, SQ = 0x27;
const stock = Tokenizer.prototype as unknown as TokenizerInternals;
const skipping = SkippingTokenizer.prototype as unknown as TokenizerInternals;
/** Leaves `index` just before the next `a` or `b` (or the end), where the loop's step lands on it. */
function skipTo(t: TokenizerInternals, a: number, b: number): void {
  const buf = t.buffer;
  let i = t.index - t.offset + 1;
  while (i < buf.length) { const d = buf.charCodeAt(i); if (d === a || d === b) break; i++; }
  t.index = i - 1 + t.offset;
}
skipping.stateText = function (this: TokenizerInternals, c: number): void {
  if (c === LT || c === AMP) stock.stateText.call(this, c);
  else skipTo(this, LT, AMP);
};
skipping.stateInAttributeValueDoubleQuotes = function (this: TokenizerInternals, c: number): void {
  if (c === DQ || c === AMP) stock.stateInAttributeValueDoubleQuotes.call(this, c);
  else skipTo(this, DQ, AMP);
};
skipping.stateInAttributeValueSingleQuotes = function (this: TokenizerInternals, c: number): void {
  if (c === SQ || c === AMP) stock.stateInAttributeValueSingleQuotes.call(this, c);
  else skipTo(this, SQ, AMP);
};
// Names end at whitespace, `/` or `>` (attribute names also at `=`; end-tag names at whitespace or `>`).
const isSpace = (d: number): boolean => d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0c || d === 0x0d;
const endsTagName = (d: number): boolean => d === 0x2f || d === 0x3e || isSpace(d);
const endsAttributeName = (d: number): boolean => d === 0x3d || endsTagName(d);
const endsClosingTagName = (d: number): boolean => d === 0x3e || isSpace(d);
function skipUntil(t: TokenizerInternals, stop: (d: number) => boolean): void {
  const buf = t.buffer;
  let i = t.index - t.offset + 1;
  while (i < buf.length && !stop(buf.charCodeAt(i))) i++;
  t.index = i - 1 + t.offset;
}
skipping.stateInTagName = function (this: TokenizerInternals, c: number): void {
  if (endsTagName(c)) stock.stateInTagName.call(this, c);
  else skipUntil(this, endsTagName);
};
skipping.stateInAttributeName = function (this: TokenizerInternals, c: number): void {
  if (endsAttributeName(c)) stock.stateInAttributeName.call(this, c);
  else skipUntil(this, endsAttributeName);
};
skipping.stateInClosingTagName = function (this: TokenizerInternals, c: number): void {
  if (endsClosingTagName(c)) stock.stateInClosingTagName.call(this, c);
  else skipUntil(this, endsClosingTagName);
};

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true, Tokenizer: SkippingTokenizer } as const;

/** Attributes read by body.ts and metadata.ts. */
const KEPT_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'hidden', 'role', 'itemprop', 'type', 'datetime', 'content', 'property', 'name',
  'rel', 'href', 'lang', 'data-campaign', 'http-equiv', 'pubdate', 'charset',
]);

/**
 * Elements nested deeper than this are flattened: not put in the tree, their content (text and
 * elements) goes to the element at this depth. htmlparser2 keeps its open elements in an array it
 * `unshift`s and searches at every tag, so a page of 200,000 nested elements cost 26–44 s (quadratic
 * in depth), and the clean stage's recursive walks then overflowed the stack and lost the text.
 * Blink flattens at 512; real article pages stay under 60 or so, so 256 changes none of them.
 */
export const MAX_DOM_DEPTH = 256;

// Elements with no content and so no depth (HTML's void elements): kept even beyond the cap.
const VOID_ELEMENTS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img',
  'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements whose start tag closes an open one of the same name (`<p>a<p>b`, `<li>…<li>`).
const SIBLING_CLOSERS = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

/** htmlparser2's Parser internals the depth cap works with (private in its typings; 10.x). */
interface ParserInternals {
  stack: string[];
  tagname: string;
  attribs: Record<string, string> | null;
  openTagStart: number;
  startIndex: number;
  endIndex: number;
  lowerCaseTagNames: boolean;
  cbs: { onopentagname?: (name: string) => void; onopentag?: unknown };
  emitOpenTag(name: string): void;
  endOpenTag(isImplied: boolean): void;
  closeCurrentTag(isOpenImplied: boolean): void;
  onclosetag(start: number, endIndex: number): void;
  getSlice(start: number, endIndex: number): string;
}

/**
 * htmlparser2's Parser with the depth cap. The flattened elements are kept as a stack of names
 * (innermost last) with a count per name, so that their end tags are matched — and swallowed —
 * in constant time: content after a deep region returns to the level it belongs to.
 */
class DepthCappedParser extends Parser {
  /** Open elements beyond MAX_DOM_DEPTH, innermost last. */
  flattened: string[] = [];
  flattenedCount = new Map<string, number>();
  /** The start tag being read is a flattened element's: its attributes and open event are dropped. */
  droppingTag = false;
  /** Elements flattened in this parse (for tests and measurements). */
  flattenedTotal = 0;
}
type Capped = ParserInternals & Pick<DepthCappedParser, 'flattened' | 'flattenedCount' | 'droppingTag' | 'flattenedTotal'>;
const stockParser = Parser.prototype as unknown as ParserInternals;
const capped = DepthCappedParser.prototype as unknown as Capped;

function popFlattened(p: Capped): string {
  const name = p.flattened.pop()!;
  p.flattenedCount.set(name, p.flattenedCount.get(name)! - 1);
  return name;
}

capped.emitOpenTag = function (this: Capped, name: string): void {
  const flattened = this.flattened;
  if (flattened.length === 0) {
    if (this.stack.length < MAX_DOM_DEPTH || (this.stack[0] === name && SIBLING_CLOSERS.has(name))) {
      stockParser.emitOpenTag.call(this, name);
      return;
    }
  }
  this.openTagStart = this.startIndex;
  this.tagname = name;
  if (VOID_ELEMENTS.has(name)) {
    // The stock path minus its implied closes, which would close elements of the tree below the flattened ones.
    this.cbs.onopentagname?.(name);
    this.attribs = this.cbs.onopentag ? {} : null;
    return;
  }
  if (SIBLING_CLOSERS.has(name) && flattened[flattened.length - 1] === name) popFlattened(this);
  flattened.push(name);
  this.flattenedCount.set(name, (this.flattenedCount.get(name) ?? 0) + 1);
  this.flattenedTotal++;
  this.attribs = null;
  this.droppingTag = true;
};

capped.endOpenTag = function (this: Capped, isImplied: boolean): void {
  if (!this.droppingTag) {
    stockParser.endOpenTag.call(this, isImplied);
    return;
  }
  this.droppingTag = false;
  this.startIndex = this.openTagStart;
  this.tagname = '';
};

capped.closeCurrentTag = function (this: Capped, isOpenImplied: boolean): void {
  if (!this.droppingTag) {
    stockParser.closeCurrentTag.call(this, isOpenImplied);
    return;
  }
  // `<div/>` (or an implied `<p>` before a stray `</p>`) beyond the cap: opened and closed at once.
  this.endOpenTag(isOpenImplied);
  popFlattened(this);
};

capped.onclosetag = function (this: Capped, start: number, endIndex: number): void {
  if (this.flattened.length) {
    let name = this.getSlice(start, endIndex);
    if (this.lowerCaseTagNames) name = name.toLowerCase();
    if ((this.flattenedCount.get(name) ?? 0) > 0) {
      // Closes the innermost flattened element of that name, and those left open inside it.
      while (popFlattened(this) !== name);
      this.endIndex = endIndex;
      this.startIndex = endIndex + 1;
      return;
    }
    if (this.stack.includes(name)) {
      // Closing an element of the tree closes the flattened content inside it too.
      this.flattened.length = 0;
      this.flattenedCount.clear();
    }
  }
  stockParser.onclosetag.call(this, start, endIndex);
};

// Overrides htmlparser2's attribute callbacks (public methods the Tokenizer calls) to drop values early.
class SlimParser extends DepthCappedParser {
  private skipAttribute = false;
  override onattribname(start: number, endIndex: number): void {
    super.onattribname(start, endIndex);
    this.skipAttribute = !KEPT_ATTRIBUTES.has((this as unknown as { attribname: string }).attribname);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (!this.skipAttribute) super.onattribdata(start, endIndex);
  }
  override onattribentity(cp: number): void {
    if (!this.skipAttribute) super.onattribentity(cp);
  }
  override onattribend(quote: number, endIndex: number): void {
    if (!this.skipAttribute) { super.onattribend(quote, endIndex); return; }
    (this as unknown as { endIndex: number }).endIndex = endIndex;
    (this as unknown as { attribvalue: string }).attribvalue = '';
  }
}

export interface ParseStats {
  /** Elements nested beyond MAX_DOM_DEPTH, left out of the tree (their content kept). */
  flattened: number;
}

/** HTML → tree, elements deeper than MAX_DOM_DEPTH flattened into their ancestor (linear in the page's size). */
export function parseHtml(html: string, allAttributes: boolean, stats?: ParseStats): Document {
  // Source offsets on every node: the body extractor compares positions (is a block before or after the
  // page's headline?) without walking the tree in document order.
  const handler = new DomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  const parser = allAttributes ? new DepthCappedParser(handler, PARSER_OPTIONS) : new SlimParser(handler, PARSER_OPTIONS);
  parser.end(html);
  if (stats) stats.flattened = parser.flattenedTotal;
  return handler.root;
}
