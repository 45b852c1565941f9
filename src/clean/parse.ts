// HTML → domhandler tree with htmlparser2, keeping only the attributes the clean stage reads.
// Most of a page's attributes (src, srcset, data-*, aria-*, onclick, width…) are never looked at,
// yet building their strings and objects is about half of the parse; the generic extractor skips
// them. Pages with a site profile keep every attribute (their CSS selectors may test any).
import { DomHandler, Parser } from 'htmlparser2';
import type { Document } from 'domhandler';

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true } as const;

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
  const handler = new DomHandler();
  const parser = allAttributes ? new Parser(handler, PARSER_OPTIONS) : new SlimParser(handler, PARSER_OPTIONS);
  parser.end(html);
  return handler.root;
}
