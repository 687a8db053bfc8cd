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
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030', gbk: 'gb18030', gb18030: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030',
  'euc-cn': 'gb18030', 'csgb2312': 'gb18030', 'iso-ir-58': 'gb18030', chinese: 'gb18030', 'windows-936': 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5', 'x-x-big5': 'big5', 'cn-big5': 'big5', 'csbig5': 'big5',
};

/** The encoding a page declares in its first bytes, or null when it declares none we read. */
export function declaredEncoding(bytes: Uint8Array): TextEncoding | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN)).toString('latin1');
  const label = META_CHARSET.exec(head)?.[1]?.toLowerCase();
  return label ? (LABELS[label] ?? null) : null;
}

/**
 * Decodes a page: a byte-order mark first, then the encoding the page declares (GB2312/GBK
 * pages are common), then what the bytes are (parsers/decode.ts). Bytes that are valid UTF-8
 * are read as UTF-8 whatever the page says: a page saved again as UTF-8 keeps its old
 * declaration.
 * @throws DecodeError for binary content, or bytes no encoding reads
 */
export function decodeHtml(bytes: Uint8Array, file: string): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = declaredEncoding(buf);
  const bom = (buf[0] === 0xef && buf[1] === 0xbb) || (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (bom || (declared !== 'gb18030' && declared !== 'big5') || isUtf8(buf)) return decodeBytes(bytes, file);
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new DecodeError(file, nul, 'NUL byte: this looks like binary content, expected text');
  const invalid = declared === 'gb18030' ? firstInvalidGb18030(buf) : firstInvalidBig5(buf);
  // A wrong declaration is common too: then the bytes tell.
  if (invalid >= 0) return decodeBytes(bytes, file);
  return { text: iconv.decode(buf, declared), encoding: declared, bom: false };
}
