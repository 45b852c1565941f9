// Local inputs for `extract`, `clean` and `ingest`: files or folders of .html/.htm/.txt.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { UserError } from '../core/errors.ts';
import type { InputKind } from '../core/types.ts';
import { decodeHtmlBytes } from './charset.ts';

export interface LocalInput {
  /** The path as given, or as found under a given folder. */
  input: string;
  kind: InputKind;
}

const KINDS: Record<string, InputKind> = { '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.txt': 'text' };

export function inputKind(path: string): InputKind | null {
  return KINDS[extname(path).toLowerCase()] ?? null;
}

/** Expands files and folders into the inputs they hold, in a stable order. */
export function listInputs(paths: string[]): LocalInput[] {
  const found: LocalInput[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UserError(`${path}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const before = found.length;
      walk(path, path, found);
      if (found.length === before) throw new UserError(`${path}: folder holds no .html, .htm or .txt files`);
    } else {
      const kind = inputKind(path);
      if (!kind) throw new UserError(`${path}: not an input vnpress reads (expected .html, .htm or .txt)`);
      found.push({ input: path, kind });
    }
  }
  return found;
}

function walk(root: string, dir: string, found: LocalInput[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, found);
    else {
      const kind = inputKind(entry.name);
      if (kind) found.push({ input: join(root, relative(root, full)), kind });
    }
  }
}

export interface ReadInput {
  content: string;
  charset: string;
  /** A reason the bytes look wrong (binary, undecodable), when they do. */
  problem: string | null;
}

/** Reads and decodes one input; HTML by its declared or detected charset, text as UTF-8 unless detected otherwise. */
export function readInput(path: string): ReadInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message})`);
  }
  return decodeInput(bytes, 'file');
}

/** Decodes the bytes of one input (a file, standard input): HTML by its declared or detected charset, text as UTF-8 unless detected otherwise. */
export function decodeInput(bytes: Uint8Array, what = 'input'): ReadInput {
  if (bytes.length === 0) return { content: '', charset: 'utf-8', problem: `empty ${what}` };
  if (looksBinary(bytes)) return { content: '', charset: 'binary', problem: 'binary content, not text or HTML' };
  const decoded = decodeHtmlBytes(bytes);
  return { content: decoded.text, charset: decoded.charset, problem: null };
}

// A page: a doctype, an <html>/<head>/<body>/<meta> tag or a comment first, or an element that
// only markup has (a closing block tag, a paragraph or heading tag) in its first 64 KB. Text that
// merely mentions `<` (`a < b`, `<3`) has none of them.
const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<!--|<\?xml\s)/i;
const HTML_ELEMENT = /<\/(?:p|div|html|body|head|article|section|span|a|li|ul|table|h[1-6])\s*>|<(?:p|div|article|section|br|h[1-6]|title|script|style)(?:\s[^<>]*)?\/?>/i;

/** Whether content without a file name (standard input, a library caller's string) is an HTML page or text. */
export function sniffKind(content: string): InputKind {
  const head = content.slice(0, 65_536);
  return HTML_START.test(head) || HTML_ELEMENT.test(head) ? 'html' : 'text';
}

/** NUL bytes or a high share of control characters in the first 8 KB mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control / head.length > 0.1;
}
