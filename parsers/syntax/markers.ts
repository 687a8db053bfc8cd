import { numeralToInt } from './chinese-numerals.js';

/**
 * Numbering styles of clause markers, outermost first as they usually nest:
 * 第N章, 第N节, 第N条, 一、, （一）, 1. / 1．, 1、, （1）.
 */
export type MarkerStyle = 'zhang' | 'jie' | 'tiao' | 'cnDun' | 'cnParen' | 'arDot' | 'arDun' | 'arParen';

/** How a marker is written, regardless of its numerals; used to spot typos such as （2） for （二）. */
export type MarkerShape = 'ordinal' | 'dun' | 'paren' | 'dot';

export const SHAPE: Record<MarkerStyle, MarkerShape> = {
  zhang: 'ordinal', jie: 'ordinal', tiao: 'ordinal',
  cnDun: 'dun', arDun: 'dun',
  cnParen: 'paren', arParen: 'paren',
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

const CN = '[一二三四五六七八九十百零〇两]+';
const MARKER = new RegExp(
  '^[ \\u3000]*(?:' +
    `(第(${CN}|\\d{1,3})([章节条]))` + // 1-3: ordinal
    `|((${CN})、)` + // 4-5: 一、
    `|([（(][ \\u3000]*(${CN})[ \\u3000]*[)）])` + // 6-7: （一）
    `|((\\d{1,2})[.．](?!\\d)(?![.．]))` + // 8-9: 1.  (not a decimal)
    `|((\\d{1,2})[.．](?=\\d{4}年))` + // 10-11: 1.2022年… is item 1 followed by a year
    `|((\\d{1,2})、)` + // 12-13: 1、
    `|([（(][ \\u3000]*(\\d{1,2})[ \\u3000]*[)）])` + // 14-15: （1）
    ')[ \\u3000]*',
);

const MARKER_START = new Set('第一二三四五六七八九十百零〇两（(0123456789');

const ORDINAL: Record<string, MarkerStyle> = { 章: 'zhang', 节: 'jie', 条: 'tiao' };

/**
 * Reads the clause marker at the start of a line, after optional spaces.
 * @param text the raw line (no TAB lines: table cells also start with `1.`)
 * @returns the marker, or null when the line does not start with one
 */
export function matchMarker(text: string): Marker | null {
  // Most lines start with something else: test the first visible character before the regex.
  let i = 0;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000) i++;
  if (!MARKER_START.has(text[i] ?? '')) return null;
  const m = MARKER.exec(text);
  if (!m) return null;
  const start = m[0].length - m[0].trimStart().length;
  let style: MarkerStyle;
  let printed: string;
  let numeral: string;
  if (m[1]) { style = ORDINAL[m[3]!]!; printed = m[1]; numeral = m[2]!; }
  else if (m[4]) { style = 'cnDun'; printed = m[4]; numeral = m[5]!; }
  else if (m[6]) { style = 'cnParen'; printed = m[6]; numeral = m[7]!; }
  else if (m[8]) { style = 'arDot'; printed = m[8]; numeral = m[9]!; }
  else if (m[10]) { style = 'arDot'; printed = m[10]; numeral = m[11]!; }
  else if (m[12]) { style = 'arDun'; printed = m[12]; numeral = m[13]!; }
  else { style = 'arParen'; printed = m[14]!; numeral = m[15]!; }
  const n = numeralToInt(numeral);
  if (!(n > 0)) return null;
  return { style, n, text: printed.replace(/[ \u3000]/g, ''), start, contentStart: m[0].length };
}
