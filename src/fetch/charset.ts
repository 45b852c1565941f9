// Turn response bytes into NFC text. Order of trust (as the HTML spec): BOM, then the
// Content-Type header, then <meta charset>/http-equiv, then detection. A declaration is
// checked against the bytes: Vietnamese sites often declare one charset and serve another.
import iconv from 'iconv-lite';
import chardet from 'chardet';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { isAscii, isUtf8 } from 'node:buffer';

export type CharsetSource = 'header' | 'meta' | 'bom' | 'detected' | 'default';

export interface DecodedText {
  text: string;
  /** The charset actually used, lower-case iconv name (`utf-8`, `windows-1258`, `tcvn`…). */
  charset: string;
  source: CharsetSource;
  /** Set when the declared charset was not believed or the bytes are damaged; says why. */
  suspect?: string;
  /** True when `text` is exactly the bytes read as UTF-8 (no BOM, already NFC): their UTF-8 encoding is the bytes themselves. */
  verbatimUtf8?: boolean;
}

// Names pages use → the iconv-lite name we decode with.
const ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'utf-8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'x-viet-tcvn': 'tcvn', 'tcvn-5712': 'tcvn', tcvn5712: 'tcvn', 'tcvn3': 'tcvn', 'tcvn-3': 'tcvn', vn3: 'tcvn', abc: 'tcvn',
  'x-viet-vps': 'viscii', 'x-viscii': 'viscii', viscii: 'viscii',
  cp1258: 'windows-1258', 'x-cp1258': 'windows-1258', 'windows-1258': 'windows-1258',
  // WHATWG: latin1 and ascii labels mean windows-1252.
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'iso8859-1': 'windows-1252', 'windows-1252': 'windows-1252', cp1252: 'windows-1252',
  'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
};

/** The iconv-lite name for a declared label, or null when unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  const name = ALIASES[l] ?? l;
  if (name === 'utf-8') return name; // nearly every page; no codec look-up needed
  return iconv.encodingExists(name) ? name : null;
}

/** `charset=` parameter of a Content-Type value. */
export function charsetFromContentType(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m?.[2] ?? null;
}

/** Charset declared by `<?xml encoding>`, `<meta charset>` or `<meta http-equiv=Content-Type content=…charset=…>` in the first 4 KiB. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  // Feeds and sitemaps declare it in the XML declaration.
  const xmlDecl = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xmlDecl) return xmlDecl[1] ?? null;
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const a of m[0].slice(5).matchAll(/([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = a[1]?.toLowerCase();
      if (name && !attrs.has(name)) attrs.set(name, a[2] ?? a[3] ?? a[4] ?? '');
    }
    const direct = attrs.get('charset')?.trim();
    if (direct) return direct;
    if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const cs = charsetFromContentType(attrs.get('content'));
      if (cs) return cs;
    }
  }
  return null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  return !isAscii(bytes);
}

/** The text when the bytes are valid UTF-8, else null (Node's SIMD validator, then its UTF-8 decoder). */
function strictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : null;
}

/** Share of non-ASCII characters that are U+FFFD after a lenient UTF-8 decode. */
function replacementRatio(text: string): number {
  let nonAscii = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) bad++;
  }
  return nonAscii === 0 ? 0 : bad / nonAscii;
}

// Letters of the Vietnamese alphabet beyond ASCII (NFC), both cases.
const VI_LETTERS = new Set(
  ('àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ' +
    'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ').split(''),
);

const COMMON_SYLLABLES: ReadonlySet<string> = new Set(
  readFileSync(packagePath('src/fetch/data/vi-common-syllables.txt'), 'utf8')
    .split('\n').filter((l) => !l.startsWith('#')).join(' ').normalize('NFC').split(/\s+/).filter(Boolean),
);

function visibleText(text: string, limit = 200_000): string {
  return text.slice(0, limit).replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
}

/**
 * How much a decoding reads as Vietnamese: among the syllables that carry non-ASCII letters, the
 * share that are common Vietnamese syllables, minus the share of non-ASCII characters that are
 * replacement characters, C1 controls or stray combining marks. Mojibake of a wrong single-byte
 * table keeps plausible letters but breaks the syllables, so only the right table scores high.
 * 1 for pure ASCII.
 */
export function vietnameseScore(nfcText: string): number {
  const visible = visibleText(nfcText);
  let nonAsciiChars = 0;
  let bad = 0;
  for (const ch of visible) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) continue;
    nonAsciiChars++;
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f) || (c >= 0x300 && c <= 0x36f)) bad++;
  }
  if (nonAsciiChars === 0) return 1;
  let syllables = 0;
  let common = 0;
  for (const token of visible.toLowerCase().split(/[^\p{L}\p{M}]+/u)) {
    if (!token || !/[^\x00-\x7f]/.test(token)) continue;
    syllables++;
    if (COMMON_SYLLABLES.has(token)) common++;
  }
  return (syllables ? common / syllables : 0) - bad / nonAsciiChars;
}

// Legacy encodings a Vietnamese page may really be in, whatever it says.
const LEGACY_CANDIDATES = ['windows-1258', 'tcvn', 'viscii', 'windows-1252'];

function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Best legacy decoding by Vietnamese score. chardet's guesses join the candidates only when none of the
 * Vietnamese tables reads clearly as Vietnamese: its analysis (every recogniser over the sample) cost
 * 40–100 ms on a 90 KB page, more than the rest of the page's work, and no guess of it can score above
 * a reading that is already CLEARLY_VIETNAMESE by more than the ties it would lose anyway on the corpora
 * measured (fixtures and the 884-page dev set: same choice on every page).
 */
function detectLegacy(bytes: Uint8Array): { charset: string; text: string; score: number } {
  const sample = bytes.byteLength > 256 * 1024 ? bytes.subarray(0, 256 * 1024) : bytes;
  let best: { charset: string; score: number } | null = null;
  const consider = (charset: string) => {
    const score = vietnameseScore(decodeWith(sample, charset).normalize('NFC'));
    // Ties keep the earlier (more likely for Vietnamese) candidate.
    if (!best || score > best.score + 1e-9) best = { charset, score };
  };
  for (const charset of LEGACY_CANDIDATES) consider(charset);
  if (best!.score < CLEARLY_VIETNAMESE) {
    const tried = new Set(LEGACY_CANDIDATES);
    for (const match of chardet.analyse(sample).slice(0, 3)) {
      const name = normaliseCharset(match.name);
      if (!name || tried.has(name) || name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
      tried.add(name);
      consider(name);
    }
  }
  const chosen: { charset: string; score: number } = best ?? { charset: 'windows-1252', score: 0 };
  return { charset: chosen.charset, text: decodeWith(bytes, chosen.charset), score: chosen.score };
}
const CLEARLY_VIETNAMESE = 0.9;

/**
 * Share of the visible letters that are Vietnamese non-ASCII letters. Vietnamese prose has one in
 * five or so; German or French text that a legacy table happens to map to Vietnamese letters
 * stays near 2%, so a declared latin1 page in another language is not re-read as Vietnamese.
 */
export function vietnameseDensity(nfcText: string): number {
  const visible = visibleText(nfcText);
  let letters = 0;
  let vi = 0;
  for (const ch of visible) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (VI_LETTERS.has(ch)) vi++;
  }
  return letters === 0 ? 0 : vi / letters;
}
const MIN_VI_DENSITY = 0.05;

/**
 * An upper bound of vietnameseDensity() over any single-byte reading of the bytes. Each Vietnamese
 * letter of such a reading (after NFC) needs at least one byte outside printable ASCII (a letter of the
 * table, or a combining tone mark after an ASCII base), and every ASCII letter stays a letter: so the
 * density is at most (bytes outside printable ASCII) / (ASCII letters) over the visible text. The
 * density reads the first 200,000 characters; they come from at least as many bytes, and (tone marks
 * composing) rarely from more than twice as many, so the count above is taken over twice the span.
 */
function legacyDensityBound(bytes: Uint8Array): number {
  const span = (n: number) => visibleText(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, n)).toString('latin1'), n);
  let asciiLetters = 0;
  for (const c of span(200_000)) {
    const code = c.charCodeAt(0);
    if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) asciiLetters++;
  }
  let outside = 0;
  for (const c of span(400_000)) {
    const code = c.charCodeAt(0);
    if (code >= 0x7f || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) outside++;
  }
  return asciiLetters === 0 ? 1 : outside / asciiLetters;
}

// A declared legacy charset is replaced only when another decoding is clearly more Vietnamese.
const LEGACY_SWITCH_MARGIN = 0.2;
// Up to this share of broken sequences a declared UTF-8 page stays UTF-8 (cut or stray bytes): text in a
// legacy charset read as UTF-8 is almost all broken sequences, real UTF-8 with damage almost none.
const UTF8_DAMAGE_TOLERANCE = 0.3;

function finish(text: string, charset: string, source: CharsetSource, suspect?: string): DecodedText {
  const out: DecodedText = { text: stripBom(text).normalize('NFC'), charset, source };
  if (suspect) out.suspect = suspect;
  return out;
}

/**
 * Text decoded strictly from the whole buffer: when NFC leaves it as it is, it re-encodes to these very
 * bytes, so callers may hash or store the bytes (or their compressed form) instead of re-encoding.
 */
function finishVerbatim(text: string, charset: string, source: CharsetSource, suspect?: string): DecodedText {
  const out = finish(text, charset, source, suspect);
  if (out.text === text) out.verbatimUtf8 = true;
  return out;
}

/**
 * Decode an HTML (or XML/text) body to NFC text. `contentType` is the response header value.
 * `suspect` tells when the declaration was overruled or the bytes were damaged.
 */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return finish(decodeWith(bytes.subarray(bom.length), bom.charset), bom.charset, 'bom');

  const headerLabel = charsetFromContentType(contentType);
  const metaLabel = headerLabel ? null : charsetFromMeta(bytes);
  const declaredLabel = headerLabel ?? metaLabel;
  const declared = normaliseCharset(declaredLabel);
  const declaredSource: CharsetSource = headerLabel ? 'header' : 'meta';
  const unknownNote = declaredLabel && !declared ? `unknown charset "${declaredLabel}"` : undefined;

  if (!hasHighBytes(bytes)) {
    // Pure ASCII reads the same in every charset we accept; keep what was declared.
    if (declared === 'utf-8') return finishVerbatim(decodeWith(bytes, declared), declared, declaredSource);
    // A legacy table may map ASCII control bytes to letters (TCVN3 does), so the text is not vouched for as the bytes.
    if (declared && !declared.startsWith('utf-16')) return finish(decodeWith(bytes, declared), declared, declaredSource);
    return finishVerbatim(decodeWith(bytes, 'utf-8'), 'utf-8', 'default', unknownNote);
  }

  const utf8Text = strictUtf8(bytes);

  if (declared === 'utf-8') {
    if (utf8Text !== null) return finishVerbatim(utf8Text, 'utf-8', declaredSource);
    const lenient = decodeWith(bytes, 'utf-8');
    const ratio = replacementRatio(lenient);
    if (ratio <= UTF8_DAMAGE_TOLERANCE) {
      return finish(lenient, 'utf-8', declaredSource, `invalid utf-8 bytes (${(ratio * 100).toFixed(1)}% of non-ASCII) replaced`);
    }
    const legacy = detectLegacy(bytes);
    return finish(legacy.text, legacy.charset, 'detected', `declared utf-8 but ${(ratio * 100).toFixed(0)}% of non-ASCII is invalid; read as ${legacy.charset}`);
  }

  if (declared && !declared.startsWith('utf-16')) {
    // Legacy single-byte Vietnamese text practically never forms valid multi-byte UTF-8.
    if (utf8Text !== null) {
      return finishVerbatim(utf8Text, 'utf-8', 'detected', `declared ${declared} but bytes are valid utf-8`);
    }
    const asDeclared = decodeWith(bytes, declared);
    const declaredScore = vietnameseScore(asDeclared.normalize('NFC'));
    // The usual case, a Western page in windows-1252 with a few accented letters: no table can make it
    // Vietnamese enough to switch to, and it is not damaged UTF-8 (checked against the declared reading's
    // score, the lowest bar: null here is null below), so detection (chardet and five decodings,
    // 3–40 ms a page, more than clean + extract) is skipped with the same outcome.
    if (legacyDensityBound(bytes) < MIN_VI_DENSITY && !damagedUtf8(bytes, declaredScore)) {
      return finish(asDeclared, declared, declaredSource);
    }
    const legacy = detectLegacy(bytes);
    const damaged = damagedUtf8(bytes, Math.max(declaredScore, legacy.score));
    if (damaged) return finish(damaged.text, 'utf-8', 'detected', `declared ${declared} but ${damaged.why}`);
    if (legacy.charset !== declared && legacy.score > declaredScore + LEGACY_SWITCH_MARGIN && vietnameseDensity(legacy.text.normalize('NFC')) >= MIN_VI_DENSITY) {
      return finish(legacy.text, legacy.charset, 'detected', `declared ${declared} but text reads as ${legacy.charset}`);
    }
    return finish(asDeclared, declared, declaredSource);
  }

  if (declared?.startsWith('utf-16')) return finish(decodeWith(bytes, declared), declared, declaredSource);

  if (utf8Text !== null) return finishVerbatim(utf8Text, 'utf-8', 'detected', unknownNote);
  // Undeclared and too few bytes outside ASCII for any Vietnamese table: a Western page, read as
  // windows-1252 (what browsers default to) without the detection, unless it is damaged UTF-8.
  if (legacyDensityBound(bytes) < MIN_VI_DENSITY) {
    const western = decodeWith(bytes, 'windows-1252');
    const damaged = damagedUtf8(bytes, vietnameseScore(western.normalize('NFC')));
    if (damaged) return finish(damaged.text, 'utf-8', 'detected', damaged.why);
    return finish(western, 'windows-1252', 'detected', unknownNote);
  }
  const legacy = detectLegacy(bytes);
  const damaged = damagedUtf8(bytes, legacy.score);
  if (damaged) return finish(damaged.text, 'utf-8', 'detected', damaged.why);
  return finish(legacy.text, legacy.charset, 'detected', unknownNote);
}

/**
 * UTF-8 text with a few broken sequences (a file cut and pasted together, a stray byte): read as
 * UTF-8 with U+FFFD for the broken bytes when UTF-8 is the better fit — few broken sequences (text
 * in a legacy charset read as UTF-8 is almost all broken sequences) and a Vietnamese score at least
 * that of the best legacy reading, which for such bytes is mojibake throughout. Null otherwise.
 */
function damagedUtf8(bytes: Uint8Array, legacyScore: number): { text: string; why: string } | null {
  const lenient = decodeWith(bytes, 'utf-8');
  const ratio = replacementRatio(lenient);
  if (ratio > UTF8_DAMAGE_TOLERANCE) return null;
  if (vietnameseScore(lenient.normalize('NFC')) < legacyScore) return null;
  return { text: lenient, why: `invalid utf-8 bytes (${(ratio * 100).toFixed(1)}% of non-ASCII) replaced; the rest reads as utf-8` };
}
