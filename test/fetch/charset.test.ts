import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { charsetFromMeta, decodeHtmlBytes, normaliseCharset } from '../../src/fetch/charset.ts';
import { Fetcher } from '../../src/fetch/fetcher.ts';
import { encodeWindows1258, startFaultServer, type FaultServer } from '../helpers/fault-server.ts';

// Vietnamese paragraphs beyond the fault server's own text, from several registers.
const TEXTS = [
  'Sáng 3/9, Thủ tướng Chính phủ chủ trì phiên họp thường kỳ, đánh giá tình hình kinh tế - xã hội tháng 8.',
  'Người dân ở các xã vùng cao đã được hỗ trợ giống cây trồng sau đợt lũ quét; nhiều hộ khôi phục sản xuất.',
  'Đại hội Đảng bộ thành phố lần thứ XVII bầu Ban Chấp hành khóa mới gồm 61 đồng chí, trong đó có 12 đồng chí nữ.',
  'Giá xăng dầu giảm nhẹ từ 15 giờ chiều nay; Bộ Công Thương cho biết nguồn cung trong nước bảo đảm ổn định.',
];
const page = (body: string, meta = '') => `<!DOCTYPE html><html><head>${meta}<title>Tin tức</title></head><body><p>${body}</p></body></html>`;

describe('decodeHtmlBytes (bytes in, NFC text out)', () => {
  it.each(TEXTS)('windows-1258 with no declaration is detected: %s', (text) => {
    const r = decodeHtmlBytes(encodeWindows1258(page(text)));
    expect(r.charset).toBe('windows-1258');
    expect(r.source).toBe('detected');
    expect(r.text).toContain(text.normalize('NFC'));
    expect(r.text).toBe(r.text.normalize('NFC'));
  });

  it.each(TEXTS)('TCVN3 with no declaration is detected: %s', (text) => {
    const r = decodeHtmlBytes(iconv.encode(page(text), 'tcvn'));
    expect(r.charset).toBe('tcvn');
    expect(r.text).toContain(text.normalize('NFC'));
  });

  it.each(TEXTS)('a page declaring utf-8 (header) that is really windows-1258 is caught: %s', (text) => {
    const r = decodeHtmlBytes(encodeWindows1258(page(text)), 'text/html; charset=UTF-8');
    expect(r.charset).toBe('windows-1258');
    expect(r.suspect).toMatch(/declared utf-8/);
    expect(r.text).toContain(text);
  });

  it('a page declaring windows-1252 in a meta tag that is really windows-1258 is caught', () => {
    const r = decodeHtmlBytes(encodeWindows1258(page(TEXTS[2] as string, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')));
    expect(r.charset).toBe('windows-1258');
    expect(r.suspect).toMatch(/declared windows-1252/);
    expect(r.text).toContain(TEXTS[2]);
  });

  // UTF-8 with a few broken bytes (pasted from two files, a stray byte, a cut sequence): read as UTF-8
  // with U+FFFD for the broken bytes and a warning, whatever legacy charset it declares or lacks.
  const DAMAGE: [name: string, bytes: number[]][] = [
    ['a stray 0xFF', [0xff]], ['a lone lead byte', [0xc3]], ['a cut 3-byte sequence', [0xe1, 0xbb]],
    ['a windows-1258 word', [...encodeWindows1258('Hà Nội')]], ['three stray bytes', [0x80, 0xfe, 0xa0]],
  ];
  const DECLARATIONS: [name: string, meta: string, header?: string][] = [
    ['no declaration', ''], ['meta windows-1258', '<meta charset="windows-1258">'], ['header tcvn', '', 'text/html; charset=x-viet-tcvn'],
    ['meta iso-8859-1', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'],
  ];
  describe.each(DECLARATIONS)('mostly UTF-8 with %s', (_d, meta, header) => {
    it.each(DAMAGE)('and %s reads as UTF-8 with a warning', (_name, bad) => {
      const [before, after] = [page(TEXTS.slice(0, 2).join(' '), meta).split('</p>')[0]!, `</p><p>${TEXTS.slice(2).join(' ')}</p></body></html>`];
      const bytes = Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]);
      const r = decodeHtmlBytes(bytes, header);
      expect(r.charset).toBe('utf-8');
      expect(r.suspect).toMatch(/invalid utf-8 bytes .* replaced/);
      for (const text of TEXTS) expect(r.text).toContain(text.normalize('NFC'));
      expect(r.text).toContain('\uFFFD');
    });
  });

  it('valid UTF-8 wins over a legacy declaration', () => {
    const r = decodeHtmlBytes(Buffer.from(page(TEXTS[0] as string, '<meta charset="windows-1258">')));
    expect(r).toMatchObject({ charset: 'utf-8', source: 'detected' });
    expect(r.suspect).toMatch(/valid utf-8/);
    expect(r.text).toContain(TEXTS[0]);
  });

  it('a declared latin1 page in another language is left alone (no false Vietnamese)', () => {
    const german = page('Grüße aus München: Die Bürgerinnen und Bürger wählen am Sonntag den neuen Stadtrat für fünf Jahre.');
    const r = decodeHtmlBytes(iconv.encode(german, 'windows-1252'), 'text/html; charset=iso-8859-1');
    expect(r).toMatchObject({ charset: 'windows-1252', source: 'header' });
    expect(r.text).toContain('Grüße aus München');
    const french = decodeHtmlBytes(iconv.encode(page('Le président a été reçu à Hanoï; la délégation française a visité le musée.'), 'windows-1252'), 'text/html; charset=ISO-8859-1');
    expect(french.charset).toBe('windows-1252');
    expect(french.text).toContain('délégation française');
  });

  it('an English edition in windows-1252 with curly quotes stays windows-1252', () => {
    const english = page('The Prime Minister said: \u201cWe will keep growth at 6.5\u00a0percent\u201d \u2013 a target set in the Government\u2019s resolution.');
    const r = decodeHtmlBytes(iconv.encode(english, 'windows-1252'), 'text/html; charset=windows-1252');
    expect(r).toMatchObject({ charset: 'windows-1252', source: 'header' });
    expect(r.suspect).toBeUndefined();
    expect(r.text).toContain('\u201cWe will keep growth');
  });

  it('decomposed windows-1258 output is recomposed to NFC', () => {
    const r = decodeHtmlBytes(encodeWindows1258(page('Nghệ An, Quảng Ngãi, Đắk Lắk')), 'text/html; charset=windows-1258');
    expect(r.text).toContain('Nghệ An, Quảng Ngãi, Đắk Lắk');
    expect(r.text).not.toMatch(/[\u0300-\u036f]/);
  });

  it('UTF-8 text stored decomposed (NFD) comes out NFC', () => {
    const r = decodeHtmlBytes(Buffer.from(page('Thủ đô Hà Nội'.normalize('NFD'))), 'text/html; charset=utf-8');
    expect(r.text).toContain('Thủ đô Hà Nội'.normalize('NFC'));
  });

  it('a few damaged bytes in a UTF-8 page keep UTF-8 with a note', () => {
    const bytes = Buffer.from(page(TEXTS.join(' ')));
    bytes[bytes.indexOf('Đại')] = 0xff;
    const r = decodeHtmlBytes(bytes, 'text/html; charset=utf-8');
    expect(r.charset).toBe('utf-8');
    expect(r.suspect).toMatch(/invalid utf-8/);
    expect(r.text).toContain(TEXTS[3]);
  });

  it('BOM overrides the header; the BOM is not in the text', () => {
    const r = decodeHtmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('Đà Nẵng'))]), 'text/html; charset=windows-1252');
    expect(r).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(r.text.startsWith('<!DOCTYPE')).toBe(true);
    const be = decodeHtmlBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(page('Huế'), 'utf-16be')]));
    expect(be).toMatchObject({ charset: 'utf-16be', source: 'bom' });
    expect(be.text).toContain('Huế');
  });

  it('pure ASCII keeps the declared charset, or defaults to utf-8', () => {
    const ascii = Buffer.from('<html><head><title>News</title></head><body><p>Hello</p></body></html>');
    expect(decodeHtmlBytes(ascii, 'text/html; charset=windows-1258')).toMatchObject({ charset: 'windows-1258', source: 'header' });
    expect(decodeHtmlBytes(ascii)).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('reads the XML declaration of feeds', () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1258"?><rss><channel><title>'), encodeWindows1258('Thời sự trong nước'), Buffer.from('</title></channel></rss>')]);
    expect(decodeHtmlBytes(xml, 'application/rss+xml')).toMatchObject({ charset: 'windows-1258', source: 'meta' });
    expect(decodeHtmlBytes(xml, 'application/rss+xml').text).toContain('Thời sự trong nước');
  });

  it('parses meta declarations in their usual spellings', () => {
    const meta = (m: string) => charsetFromMeta(Buffer.from(`<html><head>${m}</head>`));
    expect(meta('<meta charset="UTF-8">')).toBe('UTF-8');
    expect(meta("<meta charset='windows-1258' />")).toBe('windows-1258');
    expect(meta('<META HTTP-EQUIV="content-type" CONTENT="text/html; charset=x-viet-tcvn">')).toBe('x-viet-tcvn');
    expect(meta('<meta content="text/html;charset=VISCII" http-equiv="Content-Type">')).toBe('VISCII');
    expect(meta('<meta name="description" content="charset=utf-8 is not a declaration here">')).toBeNull();
    expect(normaliseCharset('x-viet-tcvn')).toBe('tcvn');
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normaliseCharset('no-such-charset')).toBeNull();
  });
});

describe('charsets over HTTP (fault server)', () => {
  let server: FaultServer;
  let fetcher: Fetcher;
  const expectedText = 'Ủy ban nhân dân tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm, Đảng bộ đề ra nhiệm vụ trọng tâm';
  beforeAll(async () => {
    server = await startFaultServer();
    fetcher = new Fetcher({ contactUrl: 'https://example.org/vnpress', politeness: { defaultMinDelayMs: 0, defaultHostConcurrency: 4 } });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it.each([
    ['utf8-nodecl', 'utf-8', 'detected', false],
    ['1258-header', 'windows-1258', 'header', false],
    ['1258-meta', 'windows-1258', 'meta', false],
    ['1258-nodecl', 'windows-1258', 'detected', false],
    ['1258-lying-header', 'windows-1258', 'detected', true],
    ['1258-lying-meta', 'windows-1258', 'detected', true],
    ['1258-as-latin1', 'windows-1258', 'detected', true],
    ['utf8-as-latin1', 'utf-8', 'detected', true],
    ['utf8-as-1258-meta', 'utf-8', 'detected', true],
    ['tcvn-nodecl', 'tcvn', 'detected', false],
    ['tcvn-meta', 'tcvn', 'meta', false],
    ['utf8-bom', 'utf-8', 'bom', false],
    ['utf16-bom', 'utf-16le', 'bom', false],
    ['utf8-damaged', 'utf-8', 'header', true],
    ['unknown-label', 'utf-8', 'detected', true],
  ] as const)('%s → %s from %s', async (variant, charset, source, suspect) => {
    const r = await fetcher.fetchPage(`${server.baseUrl}/fault/charset/${variant}`, { sourceId: 'zoo', kind: 'article' });
    expect(r.outcome).toBe('ok');
    if (r.outcome !== 'ok') return;
    expect(r.page.charset).toBe(charset);
    expect(r.page.charsetSource).toBe(source);
    expect(Boolean(r.charsetSuspect)).toBe(suspect);
    expect(r.page.html).toContain(expectedText);
    expect(r.page.html).toBe(r.page.html.normalize('NFC'));
  });
});
