import type { Processor } from 'unified';
import type { GazetteRoot, LineNode } from '../nodes.js';

/** A run of two or more ideographic spaces: the paragraph break of a flattened web page. */
const PARAGRAPH_GAP = /\u3000{2,}/g;
/** A sentence end followed by such a gap: the sign that a physical line holds many paragraphs. */
const SENTENCE_GAP = /[。：；！？]\u3000{2,}/g;

function isPad(c: number): boolean {
  return c === 0x20 || c === 0x3000 || c === 0xa0;
}

/** The line's text for matching: no leading TAB, no padding spaces at either end. */
export function trimLine(value: string): { text: string; tab: boolean } {
  const tab = value.charCodeAt(0) === 9;
  let start = tab ? 1 : 0;
  let end = value.length;
  while (start < end && isPad(value.charCodeAt(start))) start++;
  while (end > start && isPad(value.charCodeAt(end - 1))) end--;
  return { text: start === 0 && end === value.length ? value : value.slice(start, end), tab };
}

function lineNode(value: string, line: number, column: number, offset: number): LineNode {
  const { text, tab } = trimLine(value);
  return {
    type: 'line',
    value,
    text,
    tab,
    position: {
      start: { line, column, offset },
      end: { line, column: column + value.length, offset: offset + value.length },
    },
  };
}

/** Whether SENTENCE_GAP occurs twice: a global regex's test goes on from its last match. */
function hasTwoSentenceGaps(value: string): boolean {
  SENTENCE_GAP.lastIndex = 0;
  const two = SENTENCE_GAP.test(value) && SENTENCE_GAP.test(value);
  SENTENCE_GAP.lastIndex = 0;
  return two;
}

/**
 * Splits a physical line that a crawler flattened (a whole notice on one line, paragraphs
 * separated by runs of U+3000) into one node per paragraph. Ordinary lines, including roster
 * lines padded with U+3000 between name and post, stay whole.
 */
function splitFlattened(value: string, line: number, offset: number, out: LineNode[]): void {
  if (value.length <= 200 || !hasTwoSentenceGaps(value)) {
    out.push(lineNode(value, line, 1, offset));
    return;
  }
  let from = 0;
  for (const gap of value.matchAll(PARAGRAPH_GAP)) {
    if (gap.index > from && value.slice(from, gap.index).trim() !== '') {
      out.push(lineNode(value.slice(from, gap.index), line, from + 1, offset + from));
    }
    from = gap.index + gap[0].length;
  }
  if (from < value.length) out.push(lineNode(value.slice(from), line, from + 1, offset + from));
}

/**
 * Turns raw text into a root of `line` nodes with positions (line and column from 1, offset
 * from 0, columns in UTF-16 code units). Accepts LF, CRLF and CR line breaks. The text is
 * not altered: every node's `value` is the raw slice of its line.
 */
export function parseLines(text: string): GazetteRoot {
  const children: LineNode[] = [];
  const crlf = text.includes('\r');
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    let end = text.indexOf(crlf ? '\r' : '\n', offset);
    if (crlf) {
      const lf = text.indexOf('\n', offset);
      if (lf >= 0 && (end < 0 || lf < end)) end = lf;
    }
    if (end < 0) break;
    splitFlattened(text.slice(offset, end), line, offset, children);
    offset = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  if (offset < text.length || line === 1) splitFlattened(text.slice(offset), line, offset, children);
  const end = { line, column: text.length - offset + 1, offset: text.length };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/** Parser plugin: raw gazette text → a root of line nodes. */
export default function gazetteParse(this: Processor): void {
  // unified's parser slot is typed for mdast roots; ours is a unist root of the same shape.
  (this as unknown as { parser: (document: string) => GazetteRoot }).parser = parseLines;
}
