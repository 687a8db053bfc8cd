import { matchMarker } from '../syntax/markers.js';
import type { MergedCell } from '../nodes.js';
import type { RenderedCell, RenderedTable } from './render-page.js';

/** A document table read from its grid: what a table record holds. */
export interface GridTableShape {
  /** A title row over the whole table (a Word table's first row), when the table has no `<caption>` for it. */
  titleRow: string | null;
  header: string[];
  rows: string[][];
  groups: string[][];
  merged: MergedCell[];
}

/** A row of numbers only reads as data, never as the header. */
const NUMERIC = /^[-+]?[\d.,%‰]+$/u;

/**
 * A cell's text. A header cell is one label the page broke over lines to fit its column
 * (安置 / 任务), so its lines join with nothing; a data cell keeps its lines.
 */
function textOf(cell: RenderedCell, heading: boolean): string {
  return cell.lines.join(heading ? '' : '\n');
}

/** The level of a group label: 一、 groups hold （一） groups. */
function groupLevel(text: string): number {
  return matchMarker(text)?.style === 'cnParen' ? 1 : 0;
}

/**
 * Reads a table's grid as a record reads a table: a first row spanning the whole table is its
 * title; the header is the rows of `<th>` (or `<thead>`), else the first row unless it holds
 * only numbers, two rows deep where its cells span columns (labels joined as `top/sub`); a row
 * made of one cell across the table is a group label over the rows below it (kept in `groups`);
 * every other row is data, a merged cell's text in every slot it covers, with its span in
 * `merged`.
 */
export function shapeGridTable(table: RenderedTable): GridTableShape {
  const { width } = table;
  const slots: Array<Array<RenderedCell | undefined>> = Array.from({ length: table.rows }, () => new Array(width));
  for (const cell of table.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++)
      for (let c = cell.column; c < cell.column + cell.colSpan; c++) slots[r]![c] = cell;
  }
  const rowCells = (r: number): RenderedCell[] => table.cells.filter((cell) => cell.row === r);
  const spansAll = (r: number): boolean => {
    const cells = rowCells(r);
    return cells.length === 1 && cells[0]!.colSpan >= width && cells[0]!.rowSpan === 1;
  };

  let first = 0;
  let titleRow: string | null = null;
  if (table.rows > 2 && spansAll(0)) {
    titleRow = textOf(rowCells(0)[0]!, true);
    first = 1;
  }
  let headerEnd = first;
  while (headerEnd < table.rows && rowCells(headerEnd).length > 0 && rowCells(headerEnd).every((cell) => cell.heading))
    headerEnd++;
  if (headerEnd === first) {
    const cells = rowCells(first);
    const numeric = cells.every((cell) => cell.lines.length === 0 || NUMERIC.test(textOf(cell, false)));
    if (!numeric) {
      const depth = Math.max(1, ...cells.map((cell) => cell.rowSpan));
      const spans = cells.some((cell) => cell.colSpan > 1);
      headerEnd = Math.min(table.rows, first + Math.max(depth, spans ? 2 : 1));
    }
  }
  const header: string[] = [];
  for (let c = 0; c < width; c++) {
    const labels: string[] = [];
    for (let r = first; r < headerEnd; r++) {
      const cell = slots[r]![c];
      const label = cell ? textOf(cell, true) : '';
      if (label !== '' && labels.at(-1) !== label) labels.push(label);
    }
    header.push(labels.join('/'));
  }

  const rows: string[][] = [];
  const rowGroups: string[][] = [];
  const merged: MergedCell[] = [];
  const open: string[] = [];
  let grouped = false;
  const lastDataRow = findLast(table.rows, (r) => r >= headerEnd && !spansAll(r));
  for (let r = headerEnd; r < table.rows; r++) {
    if (spansAll(r) && r < lastDataRow) {
      const label = textOf(rowCells(r)[0]!, false).replace(/\n/gu, '');
      open.length = groupLevel(label);
      open.push(label);
      grouped = true;
      continue;
    }
    for (const cell of rowCells(r)) {
      if (cell.rowSpan > 1 || cell.colSpan > 1)
        merged.push({ row: rows.length, column: cell.column, rowSpan: cell.rowSpan, colSpan: cell.colSpan });
    }
    rows.push(slots[r]!.map((cell) => (cell ? textOf(cell, false) : '')));
    rowGroups.push([...open]);
  }
  return { titleRow, header, rows, groups: grouped ? rowGroups : [], merged };
}

function findLast(n: number, test: (r: number) => boolean): number {
  for (let r = n - 1; r >= 0; r--) if (test(r)) return r;
  return -1;
}
