import type { Node } from 'unist';
import type { LineNode } from './nodes.js';
import { parseDateLine } from './syntax/dates.js';
import { parseDocNumberLine } from './syntax/doc-number.js';
import { matchMarker } from './syntax/markers.js';
import { endsLikeSentence } from './syntax/titles.js';

/** Whether a node is a plain line (not yet given a role). */
export function isLine(node: Node | undefined): node is LineNode {
  return node?.type === 'line';
}

/** An empty line: nothing but spaces. A line holding only a TAB is an empty table cell, not blank. */
export function isBlank(node: Node | undefined): boolean {
  return isLine(node) && !node.tab && node.text === '';
}

/** Whether a line could be part of a title: short, unpunctuated, not a cell, date, number or clause. */
export function isTitleLike(line: LineNode): boolean {
  const { text } = line;
  return (
    !line.tab &&
    text !== '' &&
    text.length <= 120 &&
    !text.includes('\t') &&
    !endsLikeSentence(text) &&
    parseDateLine(text) === null &&
    parseDocNumberLine(text) === null &&
    matchMarker(text) === null
  );
}
