import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode, TableNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { combineHeaderRows, eachDocument, tableNode } from '../table-shape.js';

const SOURCE = 'tab-tables';
const CAPTION = /^表\s*[\d一二三四五六七八九十]+/u;
const UNIT = /^单位[:：]/u;
const PANEL = /^专栏\s*\d+/u;

/** A row read from TAB cells, with the line its first cell is on. */
interface Row {
  cells: string[];
  line: LineNode;
}

/** Reads rows from TAB cells: a blank line starts a row, a line without TAB continues the cell above. */
function readRows(lines: LineNode[]): Row[] {
  const rows: Row[] = [];
  let afterBlank = true;
  for (const line of lines) {
    if (isBlank(line)) {
      afterBlank = true;
      continue;
    }
    const row = rows.at(-1);
    if (line.tab) {
      if (afterBlank || !row) rows.push({ cells: [line.text], line });
      else row.cells.push(line.text);
    } else if (row) {
      row.cells[row.cells.length - 1] += `\n${line.text}`;
    }
    afterBlank = false;
  }
  return rows;
}

/** The caption line just above a table (表1…), stepping over a unit line (单位：家). */
function takeCaption(out: BlockNode[]): LineNode[] {
  const taken: LineNode[] = [];
  for (let k = out.length - 1; k >= 0; k--) {
    const node = out[k]!;
    if (isBlank(node)) continue;
    if (!isLine(node) || node.tab) break;
    if (UNIT.test(node.text) && taken.length === 0) {
      taken.unshift(node);
      continue;
    }
    if (CAPTION.test(node.text)) taken.unshift(node);
    break;
  }
  if (!taken.some((l) => CAPTION.test(l.text))) return taken.filter((l) => UNIT.test(l.text));
  return taken;
}

function fillTable(table: TableNode, rows: Row[], caption: string | null, file: VFile): void {
  const cells = rows.map((r) => r.cells);
  const first = cells[0] ?? [];
  if (first.length === 1 && PANEL.test(first[0]!)) {
    table.panel = true;
    table.caption = first[0]!;
    table.rows = cells.slice(1);
    return;
  }
  table.caption = caption;
  const second = cells[1];
  const headerRows = second && second[0] === '' && second.length > first.length ? 2 : 1;
  table.header = headerRows === 2 ? combineHeaderRows(first, second!) : first;
  table.rows = cells.slice(headerRows);
  for (const row of rows.slice(headerRows)) {
    if (row.cells.length === table.header.length) continue;
    const reason = `Unexpected row of ${row.cells.length} cells in a table of ${table.header.length} columns: cells were merged, kept as printed`;
    report(file, reason, row.line.position, 'table-ragged', SOURCE);
  }
}

function groupTables(doc: DocumentNode, file: VFile): void {
  const children = doc.children;
  // Most documents hold no TAB cell: leave them as they are rather than copy their blocks.
  if (!children.some((node) => isLine(node) && node.tab)) return;
  const out: BlockNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const start = children[i]!;
    if (!isLine(start) || !start.tab) {
      out.push(start);
      continue;
    }
    const lines: LineNode[] = [];
    let j = i;
    let terminated = false;
    for (; j < children.length; j++) {
      const line = children[j]!;
      if (!isLine(line)) break;
      if (isBlank(line) && isBlank(children[j + 1])) {
        terminated = true;
        break;
      }
      lines.push(line);
    }
    while (lines.length > 0 && isBlank(lines.at(-1))) {
      lines.pop();
      j--;
    }
    if (!terminated && j < children.length) {
      report(
        file,
        'Unexpected end of table: expected two empty lines after the last row',
        lines.at(-1)?.position,
        'table-unterminated',
        SOURCE,
      );
    }
    const captionLines = takeCaption(out);
    if (captionLines.length > 0) out.splice(out.indexOf(captionLines[0]!));
    const caption =
      captionLines.find((l) => CAPTION.test(l.text))?.text ??
      (out.every((n) => n.type === 'title' || isBlank(n)) ? doc.title : null);
    const table = tableNode([...captionLines, ...lines]);
    fillTable(table, readRows(lines), caption, file);
    table.position = spanOf(table.children);
    out.push(table);
    i = j - 1;
  }
  doc.children = out;
}

/**
 * Builds tables from TAB-flattened cells (gazette-format.md §5): one TAB starts a cell, an
 * empty line starts a row, a line without TAB continues the cell above, a lone TAB is an empty
 * cell, and two empty lines end the table. Rows stay ragged where cells were merged. The
 * caption is the 表N line above, or the attachment title; a panel's title is its first cell.
 */
export default function tabTables() {
  return (tree: GazetteRoot, file: VFile): void => eachDocument(tree, (doc) => groupTables(doc, file));
}
