import { isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { eachDocument, tableNode } from '../table-shape.js';

/** Cells of a row whose cells a TAB (or a run of them) separates: `地区生产总值⇥亿元⇥256.3`. */
function cellsOf(line: LineNode): string[] | null {
  if (line.tab || !line.text.includes('\t')) return null;
  const cells = line.text.split(/\t+/u).map((cell) => cell.trim());
  return cells.length >= 2 ? cells : null;
}

/** A row of numbers only reads as data, never as the header. */
const NUMERIC = /^[-+]?[\d.,%‰]+$/u;

function groupRows(doc: DocumentNode): void {
  const out: BlockNode[] = [];
  const children = doc.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    const first = isLine(node) ? cellsOf(node) : null;
    let end = i;
    const rows: string[][] = first ? [first] : [];
    while (first && end + 1 < children.length) {
      const next = children[end + 1]!;
      const cells = isLine(next) ? cellsOf(next) : null;
      if (!cells || cells.length !== first.length) break;
      rows.push(cells);
      end++;
    }
    if (rows.length < 2) {
      out.push(node);
      continue;
    }
    const lines = children.slice(i, end + 1) as LineNode[];
    const table = tableNode(lines);
    const headed = !first!.some((cell) => NUMERIC.test(cell));
    table.header = headed ? first! : [];
    table.rows = headed ? rows.slice(1) : rows;
    table.position = spanOf(lines);
    out.push(table);
    i = end;
  }
  doc.children = out;
}

/**
 * Builds tables from runs of at least two lines whose cells TABs separate, all with the same
 * number of cells (a statistics table saved from a spreadsheet); the first row is the header
 * unless it holds numbers.
 */
export default function delimitedTables() {
  return (tree: GazetteRoot): void => eachDocument(tree, groupRows);
}
