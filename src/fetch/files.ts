// Local inputs for `extract`, `clean` and `ingest`: files or folders of .html/.htm/.txt. A folder is
// walked without trusting its entries: dangling symbolic links, link loops, named pipes, devices,
// sockets and unreadable files or folders are skipped with a reason (a named pipe would block a read
// forever, /dev/zero never ends), and the rest are read.
import { closeSync, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, constants, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { UserError } from '../core/errors.ts';
import type { InputKind } from '../core/types.ts';
import { decodeHtmlBytes } from './charset.ts';

export interface LocalInput {
  /** The path as given, or as found under a given folder. */
  input: string;
  kind: InputKind;
}

/** An entry that cannot be read, and why (the CLI prints it as one line). */
export interface SkippedInput {
  input: string;
  why: string;
}

const KINDS: Record<string, InputKind> = { '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.txt': 'text' };

/** Largest file read: past the page budget anyway (src/run/process.ts), and never held whole in memory. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export function inputKind(path: string): InputKind | null {
  return KINDS[extname(path).toLowerCase()] ?? null;
}

/** What a file system entry is, in words, when it is not a file or folder we read. */
function notAFile(stat: Stats): string | null {
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device, not a file';
  if (stat.isSocket()) return 'a socket, not a file';
  return null;
}

function errorWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'symbolic link loop';
    case 'EISDIR': return 'a folder';
    default: return code ?? (error as Error).message;
  }
}

/**
 * Expands files and folders into the inputs they hold, in a stable order. A path given that does
 * not exist is the user's to fix (UserError); an entry found in a folder that cannot be read is
 * skipped and reported through `skip`.
 */
export function listInputs(paths: string[], skip: (entry: SkippedInput) => void = () => {}): LocalInput[] {
  const found: LocalInput[] = [];
  for (const path of paths) {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch (error) {
      let link: Stats | null = null;
      try { link = lstatSync(path); } catch { /* nothing there at all */ }
      if (!link) throw new UserError(`${path}: no such file or folder`);
      skip({ input: path, why: link.isSymbolicLink() ? `${describeLinkError(error)}` : errorWords(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const before = found.length;
      walk(path, found, skip, new Set());
      if (found.length === before) throw new UserError(`${path}: folder holds no readable .html, .htm or .txt files`);
    } else {
      const kind = inputKind(path);
      if (!kind) throw new UserError(`${path}: not an input vnpress reads (expected .html, .htm or .txt)`);
      const odd = notAFile(stat);
      if (odd) skip({ input: path, why: odd });
      else found.push({ input: path, kind });
    }
  }
  return found;
}

function describeLinkError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'dangling symbolic link (its target does not exist)';
  if (code === 'ELOOP') return 'symbolic link loop';
  return `symbolic link whose target cannot be read (${errorWords(error)})`;
}

/** Walks a folder; `seen` holds the real paths of the folders on the way, so a link back up is not followed. */
function walk(dir: string, found: LocalInput[], skip: (entry: SkippedInput) => void, seen: Set<string>): void {
  let real: string;
  let entries;
  try {
    real = realpathSync(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    skip({ input: dir, why: `cannot read folder (${errorWords(error)})` });
    return;
  }
  if (seen.has(real)) {
    skip({ input: dir, why: 'symbolic link loop (a link to a folder it is in)' });
    return;
  }
  seen.add(real);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) { walk(full, found, skip, seen); continue; }
    const kind = inputKind(entry.name);
    if (entry.isFile()) { if (kind) found.push({ input: full, kind }); continue; }
    // A symbolic link or a special file: what is it (or what does it point to)?
    let stat: Stats;
    try {
      stat = statSync(full);
    } catch (error) {
      // Only inputs are reported: a broken link to a picture is none of the user's concern here.
      if (kind) skip({ input: full, why: entry.isSymbolicLink() ? describeLinkError(error) : errorWords(error) });
      continue;
    }
    if (stat.isDirectory()) { walk(full, found, skip, seen); continue; }
    if (!kind) continue;
    const odd = notAFile(stat);
    if (odd) skip({ input: full, why: odd });
    else found.push({ input: full, kind });
  }
  seen.delete(real);
}

export interface ReadInput {
  content: string;
  charset: string;
  /** A reason the input cannot be used (unreadable, not a file, too large, binary, empty), when it cannot. */
  problem: string | null;
  /** Something to know about a usable input: its bytes were damaged, or its declared charset overruled. */
  warning?: string;
}

/**
 * Reads and decodes one input; HTML by its declared or detected charset, text as UTF-8 unless
 * detected otherwise. Never throws and never blocks: the file is opened non-blocking and checked to
 * be a regular file before a byte is read (an entry may have been swapped for a named pipe since
 * it was listed).
 */
export function readInput(path: string): ReadInput {
  const failed = (problem: string): ReadInput => ({ content: '', charset: 'binary', problem });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failed(`cannot read (${errorWords(error)})`);
  }
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    const odd = notAFile(stat);
    if (odd) return failed(odd);
    if (stat.isDirectory()) return failed('a folder');
    if (stat.size > MAX_INPUT_BYTES) {
      return failed(`too large (${(stat.size / 1048576).toFixed(1)} MB; a page may be at most ${MAX_INPUT_BYTES / 1048576} MB)`);
    }
    bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    bytes = bytes.subarray(0, filled);
  } catch (error) {
    return failed(`cannot read (${errorWords(error)})`);
  } finally {
    closeSync(fd);
  }
  return decodeInput(bytes, 'file');
}

/** Decodes the bytes of one input (a file, standard input): HTML by its declared or detected charset, text as UTF-8 unless detected otherwise. */
export function decodeInput(bytes: Uint8Array, what = 'input'): ReadInput {
  if (bytes.length === 0) return { content: '', charset: 'utf-8', problem: `empty ${what}` };
  if (looksBinary(bytes)) return { content: '', charset: 'binary', problem: 'binary content, not text or HTML' };
  const decoded = decodeHtmlBytes(bytes);
  const read: ReadInput = { content: decoded.text, charset: decoded.charset, problem: null };
  if (decoded.suspect) read.warning = `charset: ${decoded.suspect}`;
  return read;
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
