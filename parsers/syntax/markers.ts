import { numeralToInt } from './chinese-numerals.js';

/**
 * Numbering styles of clause markers, outermost first as they usually nest:
 * 第N章, 第N节, 第N条, 一、, （一）, 1. / 1．, 1、, （1）.
 */
export type MarkerStyle = 'zhang' | 'jie' | 'tiao' | 'cnDun' | 'cnParen' | 'arDot' | 'arDun' | 'arParen';

/** How a marker is written, regardless of its numerals; used to spot typos such as （2） for （二）. */
export type MarkerShape = 'ordinal' | 'dun' | 'paren' | 'dot';

export const SHAPE: Record<MarkerStyle, MarkerShape> = {
  zhang: 'ordinal',
  jie: 'ordinal',
  tiao: 'ordinal',
  cnDun: 'dun',
  arDun: 'dun',
  cnParen: 'paren',
  arParen: 'paren',
  arDot: 'dot',
};

/** A clause marker found at the start of a line. */
export interface Marker {
  style: MarkerStyle;
  /** The number the marker gives (第7章 → 7, （二十二） → 22). */
  n: number;
  /** The marker as printed, without the spaces after it: `（一）`, `第五条`, `1．`. */
  text: string;
  /** Offset in the examined string where the marker starts (after leading spaces). */
  start: number;
  /** Offset where the clause text starts (after the marker and its spaces). */
  contentStart: number;
}

// The markers, read character by character: every line goes through here, and a pattern with
// captures costs a match array per line. As patterns, with PAD = [ \u3000]* and CN = one or
// more of 一二三四五六七八九十百零〇两, after the line's leading PAD:
//   第(CN|\d{1,3})[章节条]       ordinal
//   (CN)、                       cnDun
//   [（(]PAD(CN)PAD[)）]          cnParen
//   (\d{1,2})[.．] not followed by a digit or a dot, or followed by \d{4}年   arDot
//   (\d{1,2})、                  arDun
//   [（(]PAD(\d{1,2})PAD[)）]     arParen
// each followed by PAD. A run of numerals is always read whole: what may follow it is never a
// numeral, so a shorter run could not match either.

const CN_NUMERALS = new Set(Array.from('一二三四五六七八九十百零〇两', (c) => c.charCodeAt(0)));
const ORDINAL = new Map<number, MarkerStyle>([
  [0x7ae0, 'zhang'],
  [0x8282, 'jie'],
  [0x6761, 'tiao'],
]); // 章 节 条
const DI = 0x7b2c; // 第
const DUN = 0x3001; // 、
const YEAR = 0x5e74; // 年
const PADDING = /[ \u3000]/g;

function isPad(code: number): boolean {
  return code === 0x20 || code === 0x3000;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isCnNumeral(code: number): boolean {
  return CN_NUMERALS.has(code);
}

function isDot(code: number): boolean {
  return code === 0x2e || code === 0xff0e; // . ．
}

/** Where the run of characters passing `test` that starts at `from` ends. */
function runEnd(text: string, from: number, test: (code: number) => boolean): number {
  let i = from;
  while (i < text.length && test(text.charCodeAt(i))) i++;
  return i;
}

/** A marker read at some index: its style, where its numeral lies, and where it ends. */
interface MarkerSpan {
  style: MarkerStyle;
  numeralStart: number;
  numeralEnd: number;
  end: number;
}

/** The numeral at `from`: a run of Chinese numerals, else of at most `maxDigits` digits. */
function numeralEnd(text: string, from: number, maxDigits: number): { end: number; arabic: boolean } | null {
  const cn = runEnd(text, from, isCnNumeral);
  if (cn > from) return { end: cn, arabic: false };
  const digits = runEnd(text, from, isDigit);
  return digits > from && digits - from <= maxDigits ? { end: digits, arabic: true } : null;
}

/** Reads the marker whose first character is at `start`, without the padding after it. */
function readMarker(text: string, start: number): MarkerSpan | null {
  const first = text.charCodeAt(start);
  if (first === DI) {
    const numeral = numeralEnd(text, start + 1, 3);
    const style = numeral ? ORDINAL.get(text.charCodeAt(numeral.end)) : undefined;
    return numeral && style ? { style, numeralStart: start + 1, numeralEnd: numeral.end, end: numeral.end + 1 } : null;
  }
  if (isCnNumeral(first)) {
    const end = runEnd(text, start, isCnNumeral);
    return text.charCodeAt(end) === DUN ? { style: 'cnDun', numeralStart: start, numeralEnd: end, end: end + 1 } : null;
  }
  if (first === 0xff08 || first === 0x28) {
    // （ (
    const from = runEnd(text, start + 1, isPad);
    const numeral = numeralEnd(text, from, 2);
    if (!numeral) return null;
    const close = runEnd(text, numeral.end, isPad);
    const c = text.charCodeAt(close);
    if (c !== 0xff09 && c !== 0x29) return null; // ） )
    return {
      style: numeral.arabic ? 'arParen' : 'cnParen',
      numeralStart: from,
      numeralEnd: numeral.end,
      end: close + 1,
    };
  }
  if (isDigit(first)) {
    const end = runEnd(text, start, isDigit);
    if (end - start > 2) return null;
    const c = text.charCodeAt(end);
    if (c === DUN) return { style: 'arDun', numeralStart: start, numeralEnd: end, end: end + 1 };
    if (!isDot(c)) return null;
    const next = text.charCodeAt(end + 1);
    const plain = !isDigit(next) && !isDot(next);
    const beforeYear = runEnd(text, end + 1, isDigit) >= end + 5 && text.charCodeAt(end + 5) === YEAR;
    return plain || beforeYear ? { style: 'arDot', numeralStart: start, numeralEnd: end, end: end + 1 } : null;
  }
  return null;
}

/**
 * Reads the clause marker at the start of a line, after optional spaces.
 * @param text the raw line (no TAB lines: table cells also start with `1.`)
 * @returns the marker, or null when the line does not start with one
 */
export function matchMarker(text: string): Marker | null {
  const start = runEnd(text, 0, isPad);
  const span = readMarker(text, start);
  if (!span) return null;
  const n = numeralToInt(text.slice(span.numeralStart, span.numeralEnd));
  if (!(n > 0)) return null;
  const printed = text.slice(start, span.end);
  // Only a parenthesised marker can hold padding: （ 一 ） is printed as （一）.
  const paren = span.style === 'cnParen' || span.style === 'arParen';
  return {
    style: span.style,
    n,
    text: paren ? printed.replace(PADDING, '') : printed,
    start,
    contentStart: runEnd(text, span.end, isPad),
  };
}
