import type { Node, Point, Position } from 'unist';
import type { VFileMessage } from 'vfile-message';

/** Offsets where each line of a text starts (LF, CRLF or CR end a line, as in parse-lines). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** The index of the last line starting at or before `offset`. */
function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where the points of a page's generated text are in the page: each character of the text
 * was written from an HTML offset (render-page.ts), which is turned into the HTML's line and
 * column (from 1; a Han character is one column).
 */
export class PagePositions {
  private readonly textStarts: number[];
  private readonly htmlStarts: number[];

  /**
   * @param text the generated text the parser read
   * @param offsets the HTML offset of each code unit of `text`
   * @param html the decoded page
   */
  constructor(
    private readonly text: string,
    private readonly offsets: Int32Array,
    html: string,
  ) {
    this.textStarts = lineStarts(text);
    this.htmlStarts = lineStarts(html);
  }

  /** The offset in the generated text of a point of it. */
  private textOffset(point: Point): number {
    if (point.offset !== undefined) return point.offset;
    return (this.textStarts[point.line - 1] ?? this.text.length) + point.column - 1;
  }

  /** The page's point at an offset of the page. */
  htmlPoint(offset: number): Point {
    const k = lineIndex(this.htmlStarts, offset);
    return { line: k + 1, column: offset - this.htmlStarts[k]! + 1, offset };
  }

  /** The page's point where the character at `point` of the generated text was written. */
  start(point: Point): Point {
    if (this.offsets.length === 0) return { line: 1, column: 1, offset: 0 };
    const at = Math.min(Math.max(this.textOffset(point), 0), this.offsets.length - 1);
    return this.htmlPoint(this.offsets[at]!);
  }

  /** The page's point just after the character before `point` (an exclusive end). */
  end(point: Point, start: Point): Point {
    const at = this.textOffset(point);
    if (at <= this.textOffset(start) || this.offsets.length === 0) return this.start(start);
    const last = this.start({ ...point, offset: at - 1 });
    return this.htmlPoint(last.offset! + 1);
  }

  /** A position of the generated text as a position in the page. */
  position(position: Position): Position {
    return { start: this.start(position.start), end: this.end(position.end, position.start) };
  }

  /** Gives every node of a tree its position in the page; positions are replaced, never changed in place (nodes share points). */
  remapTree(node: Node): void {
    if (node.position) node.position = this.position(node.position);
    for (const child of (node as { children?: Node[] }).children ?? []) this.remapTree(child);
  }

  /** Points a diagnostic at the page. */
  remapMessage(message: VFileMessage): void {
    const place = message.place;
    if (!place) return;
    const mapped = 'start' in place ? this.position(place) : this.start(place);
    message.place = mapped;
    const start = 'start' in mapped ? mapped.start : mapped;
    message.line = start.line;
    message.column = start.column;
  }
}
