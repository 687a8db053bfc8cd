import type { Node, Point, Position } from 'unist';
import type { LineNode } from './nodes.js';

/** The position running from the start of the first node to the end of the last. */
export function spanOf(nodes: readonly Node[]): Position | undefined {
  let first: Position | undefined;
  let last: Position | undefined;
  for (let i = 0; i < nodes.length && !first; i++) first = nodes[i]!.position;
  for (let i = nodes.length - 1; i >= 0 && !last; i--) last = nodes[i]!.position;
  return first && last ? { start: first.start, end: last.end } : undefined;
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
