import type { Node, Point, Position } from 'unist';
import type { LineNode } from './nodes.js';

/**
 * A position kept as six numbers, its points made when asked for: the span of a notice, clause,
 * table … over its lines. Made for every block of a file, a position object with two point
 * objects each was a good part of what a finished tree holds. Serialises as a plain position.
 */
export class Span implements Position {
  readonly startLine: number;
  readonly startColumn: number;
  readonly startOffset: number | undefined;
  readonly endLine: number;
  readonly endColumn: number;
  readonly endOffset: number | undefined;

  constructor(start: Point, end: Point) {
    this.startLine = start.line;
    this.startColumn = start.column;
    this.startOffset = start.offset;
    this.endLine = end.line;
    this.endColumn = end.column;
    this.endOffset = end.offset;
  }

  get start(): Point {
    return { line: this.startLine, column: this.startColumn, offset: this.startOffset };
  }

  get end(): Point {
    return { line: this.endLine, column: this.endColumn, offset: this.endOffset };
  }

  toJSON(): Position {
    return { start: this.start, end: this.end };
  }
}

/** The position running from the start of the first node to the end of the last. */
export function spanOf(nodes: readonly Node[]): Position | undefined {
  let first: Position | undefined;
  let last: Position | undefined;
  for (let i = 0; i < nodes.length && !first; i++) first = nodes[i]!.position;
  for (let i = nodes.length - 1; i >= 0 && !last; i--) last = nodes[i]!.position;
  return first && last ? new Span(first.start, last.end) : undefined;
}

/** The point `index` UTF-16 code units into a line (a Han character counts one column). */
export function pointInLine(line: LineNode, index: number): Point {
  const { start } = line.position;
  return { line: start.line, column: start.column + index, offset: (start.offset ?? 0) + index };
}

/** The position of `value.slice(from, to)` inside a line. */
export function positionInLine(line: LineNode, from: number, to: number): Position {
  return { start: pointInLine(line, from), end: pointInLine(line, to) };
}
