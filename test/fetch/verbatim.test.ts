// `verbatimUtf8` lets the crawl hash and store the body bytes instead of re-encoding the text, so it
// must be set only when the text's UTF-8 is exactly those bytes; these cases cover every decoding path.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeHtmlBytes } from '../../src/fetch/charset.ts';
import { encodeWindows1258 } from '../helpers/fault-server.ts';

const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}<title>Tin</title></head><body><p>${body}</p></body></html>`;
const VI = 'Ủy ban nhân dân tỉnh Nghệ An họp bàn kế hoạch phát triển kinh tế năm 2025, Thủ đô Hà Nội.';

const cases: { name: string; bytes: Buffer; contentType?: string; verbatim: boolean }[] = [
  { name: 'NFC UTF-8 declared in the header', bytes: Buffer.from(page(VI)), contentType: 'text/html; charset=utf-8', verbatim: true },
  { name: 'NFC UTF-8 declared in a meta tag', bytes: Buffer.from(page(VI, '<meta charset="utf-8">')), verbatim: true },
  { name: 'NFC UTF-8 with no declaration', bytes: Buffer.from(page(VI)), verbatim: true },
  { name: 'NFC UTF-8 declared as windows-1258', bytes: Buffer.from(page(VI)), contentType: 'text/html; charset=windows-1258', verbatim: true },
  { name: 'pure ASCII, undeclared', bytes: Buffer.from(page('Hello world')), verbatim: true },
  { name: 'pure ASCII declared utf-8', bytes: Buffer.from(page('Hello world')), contentType: 'text/html; charset=UTF-8', verbatim: true },
  { name: 'NFD UTF-8 (recomposed to NFC)', bytes: Buffer.from(page(VI.normalize('NFD'))), contentType: 'text/html; charset=utf-8', verbatim: false },
  { name: 'UTF-8 with a BOM (the BOM is dropped)', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(VI))]), verbatim: false },
  { name: 'damaged UTF-8 (bytes replaced)', bytes: (() => { const b = Buffer.from(page(VI)); b[b.indexOf('Nghệ')] = 0xff; return b; })(), contentType: 'text/html; charset=utf-8', verbatim: false },
  { name: 'windows-1258, undeclared', bytes: encodeWindows1258(page(VI)), verbatim: false },
  { name: 'TCVN3 declared', bytes: iconv.encode(page(VI), 'tcvn'), contentType: 'text/html; charset=tcvn', verbatim: false },
  { name: 'UTF-16LE', bytes: iconv.encode(page(VI), 'utf-16le'), contentType: 'text/html; charset=utf-16le', verbatim: false },
  // A legacy table may map ASCII control bytes to letters, so pure ASCII under a legacy label is not vouched for.
  { name: 'ASCII declared windows-1258', bytes: Buffer.from(page('Hello\x01world')), contentType: 'text/html; charset=windows-1258', verbatim: false },
];

describe('decodeHtmlBytes: verbatimUtf8', () => {
  it.each(cases)('$name → $verbatim', ({ bytes, contentType, verbatim }) => {
    const decoded = decodeHtmlBytes(bytes, contentType);
    expect(decoded.verbatimUtf8 ?? false).toBe(verbatim);
    // Whenever it is set, the claim holds byte for byte.
    if (decoded.verbatimUtf8) expect(Buffer.from(decoded.text, 'utf8').equals(bytes)).toBe(true);
  });
});
