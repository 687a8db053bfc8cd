import type { Processor } from 'unified';
import type { Point, Position } from 'unist';
import type { GazetteRoot, LineNode, TopLevelNode } from '../nodes.js';
import { isPlainLine, logicalSpans, secondCopyAt } from '../syntax/reflow.js';

const TRAILING_PADDING = /[ \u3000]+$/u;

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

/**
 * Where a line is, kept as four numbers: its points are made when asked for. A file has hundreds
 * of thousands of lines, and a position object with two point objects for each was a large part
 * of the tree's memory and of the time spent collecting it. Serialises as a plain position.
 */
export class LinePosition implements Position {
  constructor(
    readonly lineNumber: number,
    readonly firstColumn: number,
    readonly startOffset: number,
    readonly length: number,
  ) {}

  get start(): Point {
    return { line: this.lineNumber, column: this.firstColumn, offset: this.startOffset };
  }

  get end(): Point {
    return { line: this.lineNumber, column: this.firstColumn + this.length, offset: this.startOffset + this.length };
  }

  toJSON(): Position {
    return { start: this.start, end: this.end };
  }
}

function lineNode(value: string, line: number, column: number, offset: number): LineNode {
  const { text, tab } = trimLine(value);
  return { type: 'line', value, text, tab, position: new LinePosition(line, column, offset, value.length) };
}

/** The part `value.slice(from, to)` of a line, as a line of its own with its position. */
export function sliceLine(line: LineNode, from: number, to = line.value.length): LineNode {
  const { start } = line.position;
  return lineNode(line.value.slice(from, to), start.line, start.column + from, (start.offset ?? 0) + from);
}

/**
 * Adds the logical lines of one physical line: the line itself, or, for a line a crawler
 * flowed together, one node per paragraph, clause and signature part (syntax/reflow.ts). A
 * second copy of the same text on the line becomes one `duplicate` node, which gives no records.
 */
function addLogicalLines(value: string, line: number, offset: number, out: TopLevelNode[]): void {
  const copy = secondCopyAt(value);
  if (copy < 0 && isPlainLine(value)) {
    out.push(lineNode(value, line, 1, offset));
    return;
  }
  const first = copy < 0 ? value : value.slice(0, copy).replace(TRAILING_PADDING, '');
  for (const { from, to } of logicalSpans(first))
    out.push(lineNode(first.slice(from, to), line, from + 1, offset + from));
  if (copy >= 0) out.push({ ...lineNode(value.slice(copy), line, copy + 1, offset + copy), type: 'duplicate' });
}

/**
 * Turns raw text into a root of `line` nodes with positions (line and column from 1, offset
 * from 0, columns in UTF-16 code units). Accepts LF, CRLF and CR line breaks. The text is
 * not altered: every node's `value` is the raw slice of its line.
 * @param text the text, or a window of a larger one (windows.ts) that starts at a line start
 * @param firstLine the line number the text starts at in the file
 * @param firstOffset the offset the text starts at in the file: positions point into the file
 */
export function parseLines(text: string, firstLine = 1, firstOffset = 0): GazetteRoot {
  const children: TopLevelNode[] = [];
  const crlf = text.includes('\r');
  let offset = 0;
  let line = firstLine;
  const at = (local: number) => local + firstOffset;
  while (offset < text.length) {
    let end = text.indexOf(crlf ? '\r' : '\n', offset);
    if (crlf) {
      const lf = text.indexOf('\n', offset);
      if (lf >= 0 && (end < 0 || lf < end)) end = lf;
    }
    if (end < 0) break;
    addLogicalLines(text.slice(offset, end), line, at(offset), children);
    offset = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  if (offset < text.length || line === firstLine) addLogicalLines(text.slice(offset), line, at(offset), children);
  const end = { line, column: text.length - offset + 1, offset: at(text.length) };
  return { type: 'root', children, position: { start: { line: firstLine, column: 1, offset: firstOffset }, end } };
}

/** Parser plugin: raw gazette text → a root of line nodes. */
export default function gazetteParse(this: Processor): void {
  // unified's parser slot is typed for mdast roots; ours is a unist root of the same shape.
  // unified calls the parser with the file too: the text alone is given on.
  (this as unknown as { parser: (document: string) => GazetteRoot }).parser = (document) => parseLines(document);
}
