// Bytes → string for HTML pages whose encoding varies: BOM, then the Content-Type header,
// then a <meta charset>, then UTF-8 when the bytes are valid UTF-8, then chardet's guess.
// Pure (no I/O) so the fetch layer, the eval script and tests can share it.
import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface DecodedHtml {
  text: string;
  charset: string;
  charsetSource: 'bom' | 'header' | 'meta' | 'detected' | 'default';
}

const CHARSET_IN_HEADER = /charset\s*=\s*["']?([\w.:-]+)/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Labels pages declare that iconv-lite knows under another name (WHATWG aliases). */
function canonicalCharset(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'us-ascii' || l === 'ascii') return 'windows-1252';
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'x-sjis' || l === 'shift-jis') return 'shift_jis';
  if (l === 'gb2312' || l === 'gbk') return 'gb18030';
  return l;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(buf: Uint8Array): boolean {
  try { strictUtf8.decode(buf); return true; } catch { return false; }
}

function decodeWith(buf: Uint8Array, charset: string): string | null {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(buf);
  if (!iconv.encodingExists(charset)) return null;
  return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), charset);
}

/** Decode a fetched page's bytes; the result is NFC (windows-1258 decodes to combining marks). */
export function decodeHtmlBytes(buf: Uint8Array, contentTypeHeader?: string | null): DecodedHtml {
  const done = (text: string, charset: string, charsetSource: DecodedHtml['charsetSource']): DecodedHtml =>
    ({ text: text.replace(/^\uFEFF/, '').normalize('NFC'), charset, charsetSource });
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return done(new TextDecoder('utf-8').decode(buf.subarray(3)), 'utf-8', 'bom');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return done(new TextDecoder('utf-16le').decode(buf.subarray(2)), 'utf-16le', 'bom');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return done(new TextDecoder('utf-16be').decode(buf.subarray(2)), 'utf-16be', 'bom');
  const valid = isValidUtf8(buf);
  const header = contentTypeHeader ? CHARSET_IN_HEADER.exec(contentTypeHeader)?.[1] : undefined;
  if (header) {
    const cs = canonicalCharset(header);
    // A header claiming a legacy charset on bytes that are valid, non-ASCII UTF-8 is usually wrong.
    if (!(valid && cs !== 'utf-8' && hasMultibyte(buf))) {
      const text = decodeWith(buf, cs);
      if (text !== null) return done(text, cs, 'header');
    }
  }
  const head = latin1Head(buf);
  const meta = META_CHARSET.exec(head)?.[1];
  if (meta) {
    const cs = canonicalCharset(meta);
    if (!(valid && cs !== 'utf-8' && cs !== 'utf-16' && hasMultibyte(buf))) {
      const text = decodeWith(buf, cs === 'utf-16' ? 'utf-8' : cs);
      if (text !== null) return done(text, cs, 'meta');
    }
  }
  if (valid) return done(new TextDecoder('utf-8').decode(buf), 'utf-8', hasMultibyte(buf) ? 'detected' : 'default');
  const guess = chardet.detect(buf);
  const cs = guess ? canonicalCharset(guess) : 'windows-1252';
  const text = decodeWith(buf, cs) ?? decodeWith(buf, 'windows-1252') ?? '';
  return done(text, cs, guess ? 'detected' : 'default');
}

function latin1Head(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 4096)).toString('latin1');
}

function hasMultibyte(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return true;
  return false;
}
