// HTML → domhandler tree with htmlparser2, keeping only the attributes the clean stage reads.
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

// Overrides htmlparser2's attribute callbacks (public methods the Tokenizer calls) to drop values early.
class SlimParser extends Parser {
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

export function parseHtml(html: string, allAttributes: boolean): Document {
  // Source offsets on every node: the body extractor compares positions (is a block before or after the
  // page's headline?) without walking the tree in document order.
  const handler = new DomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  const parser = allAttributes ? new Parser(handler, PARSER_OPTIONS) : new SlimParser(handler, PARSER_OPTIONS);
  parser.end(html);
  return handler.root;
}
