import { isUtf8, transcode } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { DecodeError } from './errors.js';

/** Encodings a gazette file may come in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Text read from raw bytes, with the encoding that was detected. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Whether the bytes started with a byte-order mark (not part of `text`). */
  bom: boolean;
}

/** Bytes of a large file decoded at a time (decodeBytes, utf8Pieces). */
export const PIECE_BYTES = 16 * 1024 * 1024;

/** A large file of UTF-8 without a byte-order mark, decoded in pieces (decodeBytes given `pieceBytes`). */
export interface DecodedPieces {
  pieces: string[];
  encoding: 'utf-8';
  bom: false;
}

/**
 * Valid UTF-8 in pieces of about `pieceBytes` (each ending after a line break), each decoded and
 * checked as a whole file is. The pieces are never joined (windows.ts, PieceText): decoded whole,
 * the bytes, the UTF-16 bytes and the string made from them were all held at once, the peak of
 * the memory of a parse of hundreds of megabytes.
 */
function utf8Pieces(buf: Buffer, file: string, pieceBytes: number): DecodedPieces {
  const pieces: string[] = [];
  for (let start = 0; start < buf.length; ) {
    const newline = buf.indexOf(0x0a, Math.min(start + pieceBytes, buf.length - 1));
    const end = newline < 0 ? buf.length : newline + 1;
    const text = validUtf8Text(buf.subarray(start, end));
    pieces.push(checked({ text, encoding: 'utf-8', bom: false }, file, start).text);
    start = end;
  }
  return { pieces, encoding: 'utf-8', bom: false };
}

/** Legacy encodings we accept when the bytes are not UTF-8, as chardet names them. */
const LEGACY: Record<string, TextEncoding> = { GB18030: 'gb18030', Big5: 'big5' };

/**
 * Decodes the raw bytes of a gazette file: UTF-8 with or without BOM, UTF-16 with BOM,
 * GB18030/GBK or Big5 (detected with chardet, decoded with iconv-lite). CRLF and CR are
 * left in the text; the line parser handles them.
 * @param bytes raw file content
 * @param file file name used in error messages
 * @param pieceBytes for a file read in windows: UTF-8 without a byte-order mark of more than
 *   twice this size is decoded in pieces of about this size (utf8Pieces), never joined
 * @returns the text and its encoding
 * @throws DecodeError for binary content (NUL or control bytes) or an undecodable sequence,
 *   naming the byte offset of the first offending byte
 */
export function decodeBytes(bytes: Uint8Array, file: string): DecodedText;
export function decodeBytes(bytes: Uint8Array, file: string, pieceBytes: number): DecodedText | DecodedPieces;
export function decodeBytes(bytes: Uint8Array, file: string, pieceBytes?: number): DecodedText | DecodedPieces {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return checked({ text: utf8Text(buf.subarray(3)), encoding: 'utf-8', bom: true }, file);
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf, 'utf-16le', file);
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf, 'utf-16be', file);

  const nul = buf.indexOf(0);
  if (nul >= 0) throw new DecodeError(file, nul, 'NUL byte: this looks like binary content, expected text');
  if (isUtf8(buf)) {
    if (pieceBytes !== undefined && buf.length > pieceBytes * 2) return utf8Pieces(buf, file, pieceBytes);
    return checked({ text: validUtf8Text(buf), encoding: 'utf-8', bom: false }, file);
  }

  const legacy = detectLegacy(buf);
  const invalidUtf8 = firstInvalidUtf8(buf);
  if (!legacy) {
    throw new DecodeError(file, invalidUtf8, 'invalid UTF-8 and not recognisable as GB18030/GBK or Big5');
  }
  const invalidLegacy = legacy === 'gb18030' ? firstInvalidGb18030(buf) : firstInvalidBig5(buf);
  if (invalidLegacy >= 0) {
    throw new DecodeError(
      file,
      invalidUtf8,
      `invalid UTF-8, and invalid ${legacy.toUpperCase()} at byte offset ${invalidLegacy}`,
    );
  }
  return checked({ text: iconv.decode(buf, legacy), encoding: legacy, bom: false }, file);
}

/**
 * The text of UTF-8 bytes, as `buf.toString('utf8')` gives it. Valid UTF-8 is converted to
 * UTF-16 by ICU, which Node then takes as a string as it is: for Chinese text about ten times
 * faster than the UTF-8 decoder behind toString in Node 20, which was a tenth of the parse.
 * Invalid bytes keep toString's replacement characters.
 */
function utf8Text(buf: Buffer): string {
  return isUtf8(buf) ? validUtf8Text(buf) : buf.toString('utf8');
}

function validUtf8Text(buf: Buffer): string {
  try {
    return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    // A Node built without ICU has no transcode.
    return buf.toString('utf8');
  }
}

function utf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be', file: string): DecodedText {
  if ((buf.length - 2) % 2 !== 0) {
    throw new DecodeError(file, buf.length - 1, `odd number of bytes for ${encoding.toUpperCase()}`);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(buf.subarray(2));
  } catch {
    throw new DecodeError(file, 2, `invalid ${encoding.toUpperCase()} sequence (unpaired surrogate)`);
  }
  return checked({ text, encoding, bom: true }, file);
}

function detectLegacy(buf: Buffer): TextEncoding | undefined {
  for (const match of analyse(buf)) {
    const encoding = LEGACY[match.name];
    if (encoding) return encoding;
  }
  // chardet ranks short Chinese texts poorly; mainland government files are GB18030 by default.
  return firstInvalidGb18030(buf) < 0 ? 'gb18030' : undefined;
}

/** Control characters other than TAB, LF, CR and FF: the sign of binary content. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Refuses decoded text that holds control characters other than TAB, LF, CR and FF. */
/**
 * The decoded text, once no control character is found in it.
 * @param byteBase where the decoded bytes start in the file (a piece of a large one)
 */
function checked(decoded: DecodedText, file: string, byteBase = 0): DecodedText {
  const found = CONTROL.exec(decoded.text);
  if (found) {
    const c = found[0].charCodeAt(0);
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new DecodeError(
      file,
      byteBase + byteOffsetOf(decoded, found.index),
      `control character ${code}: this looks like binary content, expected text`,
    );
  }
  return decoded;
}

function byteOffsetOf({ text, encoding, bom }: DecodedText, index: number): number {
  const prefix = text.slice(0, index);
  const bomLength = bom ? (encoding === 'utf-8' ? 3 : 2) : 0;
  if (encoding === 'utf-8') return bomLength + Buffer.byteLength(prefix, 'utf8');
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return bomLength + prefix.length * 2;
  return iconv.encode(prefix, encoding).length;
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const t = b[i + k];
      if (t === undefined || (t & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (t & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Offset of the first byte that breaks GB18030's byte structure, or -1. */
export function firstInvalidGb18030(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff) return i;
    const t = b[i + 1];
    if (t === undefined) return i;
    if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
      i += 2;
      continue;
    }
    if (t >= 0x30 && t <= 0x39) {
      const t2 = b[i + 2];
      const t3 = b[i + 3];
      if (t2 === undefined || t3 === undefined || t2 < 0x81 || t2 > 0xfe || t3 < 0x30 || t3 > 0x39) return i;
      i += 4;
      continue;
    }
    return i;
  }
  return -1;
}

/** Offset of the first byte that breaks Big5's byte structure, or -1. */
export function firstInvalidBig5(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const t = b[i + 1];
    if (c < 0x81 || c > 0xfe || t === undefined || !((t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe))) return i;
    i += 2;
  }
  return -1;
}
