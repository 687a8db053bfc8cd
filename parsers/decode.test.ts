import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidGb18030, firstInvalidUtf8 } from './decode.js';
import { DecodeError } from './errors.js';

const SAMPLE = '区政府关于印发《方案》的通知\n海政办发〔2022〕14号\n';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) le.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
}

function decodeError(bytes: Uint8Array): DecodeError {
  try {
    decodeBytes(bytes, 'in.txt');
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeBytes', () => {
  it('should read UTF-8 without a BOM', () => {
    expect(decodeBytes(Buffer.from(SAMPLE), 'in.txt')).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false });
  });

  it('should drop a UTF-8 BOM from the text', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
    expect(decodeBytes(bytes, 'in.txt')).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: true });
  });

  it('should read UTF-16 little- and big-endian with a BOM', () => {
    expect(decodeBytes(utf16(SAMPLE, false), 'in.txt')).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true });
    expect(decodeBytes(utf16(SAMPLE, true), 'in.txt')).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true });
  });

  it('should detect and read GB18030 (GBK) text', () => {
    const bytes = iconv.encode(SAMPLE.repeat(3), 'gb18030');
    expect(firstInvalidUtf8(bytes)).toBeGreaterThanOrEqual(0);
    expect(decodeBytes(bytes, 'in.txt')).toEqual({ text: SAMPLE.repeat(3), encoding: 'gb18030', bom: false });
  });

  it('should keep CRLF and CR line breaks for the line parser', () => {
    expect(decodeBytes(Buffer.from('甲\r\n乙\r丙'), 'in.txt').text).toBe('甲\r\n乙\r丙');
  });

  it('should refuse NUL bytes, naming the file and byte offset', () => {
    const error = decodeError(Buffer.from([0xe5, 0x8c, 0xba, 0x00, 0x41]));
    expect(error).toMatchObject({ file: 'in.txt', byteOffset: 3 });
    expect(error.message).toBe(
      'in.txt: cannot decode at byte offset 3: NUL byte: this looks like binary content, expected text',
    );
  });

  it('should refuse random bytes', () => {
    let seed = 42;
    const random = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >> 16) & 0xff;
    });
    expect(decodeError(random)).toBeInstanceOf(DecodeError);
  });

  it('should refuse bytes that are neither UTF-8 nor GB18030, naming the first bad byte', () => {
    // 0xff never starts a sequence in either encoding.
    const bytes = Buffer.concat([Buffer.from('区政府'), Buffer.from([0xff, 0x41])]);
    const error = decodeError(bytes);
    expect(error.byteOffset).toBe(9);
    expect(error.message).toContain('byte offset 9');
  });

  it('should refuse control characters other than TAB, LF, CR and FF', () => {
    const error = decodeError(Buffer.from('区政府\u0007通知'));
    expect(error.byteOffset).toBe(9);
    expect(error.message).toContain('U+0007');
  });

  it('should accept an empty file', () => {
    expect(decodeBytes(Buffer.alloc(0), 'in.txt')).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });
});

describe('byte validators', () => {
  it('should find the first byte that breaks UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('通知'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe5, 0x8c]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0);
  });

  it('should find the first byte that breaks GB18030', () => {
    expect(firstInvalidGb18030(iconv.encode('通知', 'gb18030'))).toBe(-1);
    expect(firstInvalidGb18030(Buffer.from([0x41, 0x80]))).toBe(1);
  });
});
