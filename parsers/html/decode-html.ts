import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { type DecodedText, type TextEncoding, decodeBytes, firstInvalidBig5, firstInvalidGb18030 } from '../decode.js';
import { DecodeError } from '../errors.js';

/** How far into the bytes a page's encoding declaration is looked for (HTML's prescan reads 1024). */
const PRESCAN = 4096;

/**
 * `<meta charset="gb2312">` or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`:
 * the label, read from the bytes as ASCII before anything is decoded.
 */
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/iu;

/** Encoding labels pages declare, by the decoder that reads them (GB2312 and GBK are subsets of GB18030). */
const LABELS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'euc-cn': 'gb18030',
  csgb2312: 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  'windows-936': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  csbig5: 'big5',
};

/** What a page says its encoding is: the label as written, where, and the decoder that reads it (null: none we read). */
export interface Declaration {
  label: string;
  /** Byte offset of the label (the head is ASCII, so it is also the offset in the text). */
  offset: number;
  encoding: TextEncoding | null;
}

/** The encoding a page declares in its first bytes, or null when it declares none. */
export function declaration(bytes: Uint8Array): Declaration | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN)).toString('latin1');
  const m = META_CHARSET.exec(head);
  if (!m) return null;
  const label = m[1]!;
  return { label, offset: m.index + m[0].length - label.length, encoding: LABELS[label.toLowerCase()] ?? null };
}

/** The encoding a page declares in its first bytes, or null when it declares none we read. */
export function declaredEncoding(bytes: Uint8Array): TextEncoding | null {
  return declaration(bytes)?.encoding ?? null;
}

/** A decoded page, and what to tell about its declaration when the bytes did not follow it. */
export interface DecodedPage extends DecodedText {
  /** Why the declared encoding was not used, and where it is declared; null when it was (or none was declared). */
  mismatch: { reason: string; offset: number } | null;
}

/**
 * Decodes a page: a byte-order mark first, then the encoding the page declares (GB2312/GBK
 * pages are common), then what the bytes are (parsers/decode.ts). Bytes that are valid UTF-8
 * are read as UTF-8 whatever the page says: a page saved again as UTF-8 keeps its old
 * declaration. A declaration that is not used is told in `mismatch`.
 * @throws DecodeError for binary content, or bytes no encoding reads
 */
export function decodeHtml(bytes: Uint8Array, file: string): DecodedPage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = declaration(buf);
  const bom =
    (buf[0] === 0xef && buf[1] === 0xbb) ||
    (buf[0] === 0xff && buf[1] === 0xfe) ||
    (buf[0] === 0xfe && buf[1] === 0xff);
  const detected = (): DecodedPage => {
    const decoded = decodeBytes(bytes, file);
    const told = !declared || bom || declared.encoding === decoded.encoding || !hasNonAscii(buf);
    if (told) return { ...decoded, mismatch: null };
    const found = decoded.encoding.toUpperCase();
    const reason = declared!.encoding
      ? `The page declares \`charset=${declared!.label}\`, but its bytes are ${found}: decoded as ${found}`
      : `The page declares \`charset=${declared!.label}\`, an encoding gazette does not read: decoded as ${found}, from its bytes`;
    return { ...decoded, mismatch: { reason, offset: declared!.offset } };
  };
  if (bom || !declared || (declared.encoding !== 'gb18030' && declared.encoding !== 'big5') || isUtf8(buf))
    return detected();
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new DecodeError(file, nul, 'NUL byte: this looks like binary content, expected text');
  const invalid = declared.encoding === 'gb18030' ? firstInvalidGb18030(buf) : firstInvalidBig5(buf);
  // A wrong declaration is common too: then the bytes tell.
  if (invalid >= 0) return detected();
  return { text: iconv.decode(buf, declared.encoding), encoding: declared.encoding, bom: false, mismatch: null };
}

function hasNonAscii(buf: Buffer): boolean {
  for (const byte of buf) if (byte >= 0x80) return true;
  return false;
}
