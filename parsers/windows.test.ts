import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { type GazetteRecord, parseGazette, parseGazetteStreaming } from './index.js';
import { decodeBytes } from './decode.js';
import { PieceText, textWindows } from './windows.js';

const corpus = join(import.meta.dirname, '..', 'corpus');
const external = join(import.meta.dirname, '..', 'tests', 'external');

/** The streamed parse of `bytes` read in windows of `windowChars`, with its records gathered. */
function streamInWindows(bytes: Buffer, file: string, windowChars: number, pieceBytes?: number) {
  const records: GazetteRecord[] = [];
  const options = { file, windowChars, pieceBytes };
  const result = parseGazetteStreaming(bytes, options, (batch) => records.push(...batch));
  return { ...result, records };
}

const sorted = (messages: VFileMessage[]) =>
  messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`).sort();

describe('a large file read in windows', () => {
  // Every issue of the corpus three times over in one file (a chronicle closes each issue),
  // read in windows far smaller than an issue, so that every rule meets a window's edge.
  const issues = readdirSync(corpus).filter((name) => name.endsWith('.txt'));
  const bytes = Buffer.concat(issues.flatMap((name) => Array(3).fill(readFileSync(join(corpus, name)))));
  const file = 'corpus-x3.txt';
  const whole = parseGazette(bytes, { file });
  const windowed = streamInWindows(bytes, file, 20_000);

  it('should be cut into many windows, each starting at a line start', () => {
    const text = bytes.toString('utf8');
    const windows = [...textWindows(text, 20_000)];
    expect(windows.length).toBeGreaterThan(issues.length * 2);
    for (const { from } of windows.slice(1)) expect(text[from - 1]).toBe('\n');
    expect(windows.at(-1)!.to).toBe(text.length);
  });

  it('should give the records of the whole file read at once, byte for byte', () => {
    expect(windowed.records.length).toBe(whole.records.length);
    expect(windowed.records.map((r) => JSON.stringify(r))).toEqual(whole.records.map((r) => JSON.stringify(r)));
    expect(windowed.recordCount).toBe(whole.records.length);
  });

  it('should give the same messages and coverage', () => {
    expect(sorted(windowed.messages)).toEqual(sorted(whole.messages));
    expect(windowed.coverage).toEqual(whole.coverage);
  });

  it('should give the same from a text decoded in pieces, never joined', () => {
    const inPieces = streamInWindows(bytes, file, 20_000, 50_000);
    expect(inPieces.records.map((r) => JSON.stringify(r))).toEqual(whole.records.map((r) => JSON.stringify(r)));
    expect(sorted(inPieces.messages)).toEqual(sorted(whole.messages));
    expect(inPieces.sha256).toBe(whole.sha256);
  });

  it('should read documents of every other form alike, all in one file', () => {
    const texts = readdirSync(external).filter((name) => name.endsWith('.txt') && !name.includes('gb18030'));
    const mixed = Buffer.concat(texts.map((name) => Buffer.from(`${readFileSync(join(external, name), 'utf8')}\n`)));
    const once = parseGazette(mixed, { file: 'external.txt' });
    const inWindows = streamInWindows(mixed, 'external.txt', 10_000);
    expect(inWindows.records.map((r) => JSON.stringify(r))).toEqual(once.records.map((r) => JSON.stringify(r)));
    expect(sorted(inWindows.messages)).toEqual(sorted(once.messages));
  });

  it('should read CRLF line breaks and traditional script alike', () => {
    const text = issues.map((name) => readFileSync(join(corpus, name), 'utf8')).join('');
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    for (const variant of [text.replaceAll('\n', '\r\n'), toTraditional(text)]) {
      const bytes = Buffer.from(variant);
      const once = parseGazette(bytes, { file: 'variant.txt' });
      const inWindows = streamInWindows(bytes, 'variant.txt', 30_000);
      expect(inWindows.records.length).toBeGreaterThan(1000);
      expect(inWindows.records.map((r) => JSON.stringify(r))).toEqual(once.records.map((r) => JSON.stringify(r)));
    }
  });

  it('should decode pieces that make the text, and name the byte offset of binary content in a later piece', () => {
    const decoded = decodeBytes(bytes, file, 50_000);
    if (!('pieces' in decoded)) throw new Error('expected the text in pieces');
    const { pieces } = decoded;
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('')).toBe(bytes.toString('utf8'));
    const text = new PieceText(pieces);
    const flat = pieces.join('');
    for (const [from, to] of [
      [0, 10],
      [49_990, 150_123],
      [flat.length - 5, flat.length],
      [123_456, 123_456],
    ])
      expect(text.slice(from!, to!)).toBe(flat.slice(from, to));
    const at = bytes.indexOf(0x0a, 200_000) + 1;
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x01]), bytes.subarray(at)]);
    expect(() => decodeBytes(broken, 'broken.txt', 50_000)).toThrow(new RegExp(`byte offset ${at}\\b`, 'u'));
    expect('pieces' in decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), file, 50_000)).toBe(false);
  });

  it('should read a file smaller than a window as one', () => {
    const text = readFileSync(join(corpus, issues[0]!), 'utf8');
    expect([...textWindows(text)]).toEqual([{ from: 0, to: text.length }]);
  });
});
