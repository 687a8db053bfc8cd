import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, ClauseNode, DocumentNode, GazetteRoot, LineNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { type Marker, SHAPE, matchMarker } from '../syntax/markers.js';
import { eachDocument } from '../table-shape.js';

const SOURCE = 'clauses';
/** A paragraph that stops mid-word: its last character is a letter, not punctuation. */
const OPEN_ENDED = /[\p{Script=Han}A-Za-z0-9]$/u;

/**
 * The heading of a numbered item, read from the text after its marker: a short unpunctuated
 * phrase (`明确社会保障相关标准`), a lead phrase ending in 。 or ： before the body
 * (`坚持党的领导。坚持以…`), or none for an inline provision. Articles (第N条) have none.
 */
export function headingOf(marker: Marker, rest: string): string | null {
  const text = rest.trim();
  if (marker.style === 'tiao' || text === '') return null;
  if (marker.style === 'zhang' || marker.style === 'jie') return text;
  if (text.length <= 40 && !/[。；：:;∶]/u.test(text)) return text;
  // A lead phrase may hold commas (提高政治站位，明确法定职责。要…) but stays short.
  const lead = /^([^。；：:;∶]{1,25})[。：:∶]/u.exec(text);
  return lead ? lead[1]! : null;
}

/**
 * Where a marker goes in the stack of open clauses: back to the level that already uses its
 * style (a sibling), or one level deeper (a first child). A marker with a new style whose
 * number continues a sibling of the same shape is a typo (（2） for （二）, 5、 for 五、,
 * （三） after （1）（2））: it is taken as that sibling, with a warning.
 */
function levelOf(stack: ClauseNode[], marker: Marker, line: LineNode, file: VFile): number {
  const same = stack.findIndex((c) => c.style === marker.style);
  if (same >= 0) return same;
  if (marker.n > 1 && SHAPE[marker.style] !== 'ordinal') {
    for (let k = stack.length - 1; k >= 0; k--) {
      const open = stack[k]!;
      if (SHAPE[open.style] === SHAPE[marker.style] && open.n === marker.n - 1) {
        report(
          file,
          `Unexpected numbering \`${marker.text}\` after \`${open.path.at(-1)}\`, read as its next sibling`,
          line.position,
          'numbering-typo',
          SOURCE,
        );
        marker.style = open.style;
        return k;
      }
    }
  }
  return stack.length;
}

/**
 * Warns where numbering skips (一、 then 三、) or a list starts past 1, either running on from
 * the list above (1–26 across （一）…（十）) or missing its first items (a plan that opens at
 * 二、). Articles (第N条) run on across chapters by design and are not checked.
 * @param sibling the open clause this marker follows as a sibling, if any
 * @param lastOfStyle the number of the last marker of this style in the document
 */
function checkSequence(
  sibling: ClauseNode | undefined,
  marker: Marker,
  lastOfStyle: number | undefined,
  line: LineNode,
  file: VFile,
): void {
  if (marker.style === 'tiao') return;
  let reason: string | null = null;
  if (sibling && sibling.style === marker.style) {
    if (marker.n > sibling.n + 1) reason = `after \`${sibling.path.at(-1)}\`: the items between are missing`;
  } else if (marker.n > 1) {
    reason =
      lastOfStyle === marker.n - 1
        ? 'at the start of a list: it continues the numbering of the list above instead of restarting at 1'
        : 'at the start of a list: its first items are missing';
  }
  if (reason) report(file, `Unexpected numbering \`${marker.text}\` ${reason}`, line.position, 'numbering-gap', SOURCE);
}

function isHardWrapped(previous: BlockNode | undefined, line: LineNode): boolean {
  return (
    // Long: a heading (even a long one) is not a sentence cut in two.
    isLine(previous) &&
    !previous.tab &&
    previous.text.length >= 60 &&
    OPEN_ENDED.test(previous.text) &&
    previous.position.end.line + 1 === line.position.start.line
  );
}

function setPositions(nodes: BlockNode[]): void {
  for (const node of nodes) {
    if (node.type !== 'clause') continue;
    setPositions(node.children);
    node.position = spanOf(node.children);
  }
}

/**
 * The path of a clause under `parent`: its markers and `marker`, in an array of the right size
 * (see closeClauses). Written out for the usual depths: Array.prototype.concat, which did the
 * same, cost about twenty times as much as an array literal, once for every clause.
 */
function extendPath(parent: readonly string[] | undefined, marker: string): string[] {
  if (parent === undefined) return [marker];
  switch (parent.length) {
    case 0:
      return [marker];
    case 1:
      return [parent[0]!, marker];
    case 2:
      return [parent[0]!, parent[1]!, marker];
    case 3:
      return [parent[0]!, parent[1]!, parent[2]!, marker];
    default:
      return parent.concat(marker);
  }
}

function nest(doc: DocumentNode, file: VFile): void {
  const out: BlockNode[] = [];
  const stack: ClauseNode[] = [];
  const lastOfStyle = new Map<Marker['style'], number>();
  let previous: BlockNode | undefined;
  for (const node of doc.children) {
    if (isBlank(node)) continue;
    const target = stack.at(-1)?.children ?? out;
    const marker = isLine(node) && !node.tab ? matchMarker(node.value) : null;
    if (!marker || !isLine(node)) {
      if (isLine(node) && !node.tab && isHardWrapped(previous, node)) {
        node.continuation = true;
        report(
          file,
          'Unexpected line break inside a sentence: joined to the line above',
          node.position,
          'hard-wrap',
          SOURCE,
        );
      }
      target.push(node);
      previous = node;
      continue;
    }
    const level = levelOf(stack, marker, node, file);
    checkSequence(stack[level], marker, lastOfStyle.get(marker.style), node, file);
    lastOfStyle.set(marker.style, marker.n);
    closeClauses(stack, level);
    const clause: ClauseNode = {
      type: 'clause',
      style: marker.style,
      n: marker.n,
      path: extendPath(stack.at(-1)?.path, marker.text),
      contentStart: marker.contentStart,
      heading: headingOf(marker, node.value.slice(marker.contentStart)),
      departments: [],
      children: [node],
      // Set by setPositions; declared here so that every clause has the same shape from the start.
      position: undefined,
    };
    (stack.at(-1)?.children ?? out).push(clause);
    stack.push(clause);
    previous = node;
  }
  closeClauses(stack, 0);
  setPositions(out);
  doc.children = out;
}

/**
 * Closes the open clauses from `level` on. A closed clause gets no more children: they are
 * copied into an array of their size, as arrays grown by push keep spare room, and every clause
 * stays in the tree (and is copied by the garbage collector) for the rest of the parse.
 */
function closeClauses(stack: ClauseNode[], level: number): void {
  for (let k = level; k < stack.length; k++) {
    const { children } = stack[k]!;
    // A clause of one line still has the array it was made with ([node], of its size): not copied.
    if (children.length > 1) stack[k]!.children = children.slice();
  }
  stack.length = level;
}

/**
 * Nests the numbered provisions of every document under one another with a stack of
 * numbering styles (第N章 › 第N条 › （一）, 一、 › （一） › 1. › （1）, inverted ladders
 * included), so each clause knows its path of markers. Unnumbered paragraphs belong to the
 * clause above them; numbering restarts in every document (body, enclosure, attachment).
 */
export default function clauses() {
  return (tree: GazetteRoot, file: VFile): void => eachDocument(tree, (doc) => nest(doc, file));
}
