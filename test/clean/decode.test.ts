// Charset decoding of raw page bytes as the clean stage's inputs need it (the fetch layer's decoder).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtmlBytes } from '../../src/fetch/charset.ts';

const vi = 'Công tác dân vận của hệ thống chính trị thành phố Hà Nội';

describe('decodeHtmlBytes', () => {
  it('UTF-8 with and without BOM', () => {
    expect(decodeHtmlBytes(Buffer.from(`<p>${vi}</p>`)).text).toBe(`<p>${vi}</p>`);
    const bom = decodeHtmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vi)]));
    expect([bom.text, bom.source]).toEqual([vi, 'bom']);
  });

  it('windows-1258 declared in a meta tag, to NFC', () => {
    // "Hà Nội" in windows-1258: à = 0xE0, ô = 0xF4 followed by the combining dot below 0xF2.
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1258"></head><body><p>H'), Buffer.from([0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69]), Buffer.from('</p></body></html>')]);
    const d = decodeHtmlBytes(bytes);
    expect(d.source).toBe('meta');
    expect(d.text).toContain('<p>Hà Nội</p>');
    expect(d.text).toBe(d.text.normalize('NFC'));
  });

  it('the Content-Type header wins over the meta tag', () => {
    const html = '<meta charset="utf-8"><p>Grüße aus München</p>';
    const d = decodeHtmlBytes(iconv.encode(html, 'latin1'), 'text/html; charset=ISO-8859-1');
    expect([d.text.includes('Grüße aus München'), d.source]).toEqual([true, 'header']);
  });

  it('a wrong legacy declaration on valid UTF-8 is ignored', () => {
    const d = decodeHtmlBytes(Buffer.from(`<meta charset="iso-8859-1"><p>${vi}</p>`));
    expect(d.text).toContain(vi);
  });

  it('undeclared legacy bytes are detected', () => {
    const d = decodeHtmlBytes(iconv.encode('<p>Die Größe der Straße ist überall gleich, für ältere Fußgänger schön.</p>'.repeat(5), 'windows-1252'));
    expect(d.text).toContain('Größe der Straße');
  });
});
