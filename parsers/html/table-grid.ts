import type { Element, ElementContent } from 'hast';

/** A cell of a `<table>` placed on the table's grid (HTML's table model: spans occupy slots). */
export interface GridCell {
  element: Element;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  /** A `<th>`, or a cell of a `<thead>` row. */
  heading: boolean;
}

/** The cells of one table, not those of tables nested in it, with the grid's size. */
export interface TableGrid {
  cells: GridCell[];
  rows: number;
  width: number;
}

/** Spans past this are markup errors (colspan="1000" to fill a page), cut to the table. */
const MAX_SPAN = 1000;

function isElement(node: ElementContent, ...names: string[]): node is Element {
  return node.type === 'element' && names.includes(node.tagName);
}

/** The rows of a table: its own `<tr>`, directly or in a row group, in order. */
export function tableRows(table: Element): Array<{ row: Element; head: boolean }> {
  const rows: Array<{ row: Element; head: boolean }> = [];
  for (const child of table.children) {
    if (!isElement(child, 'tr', 'thead', 'tbody', 'tfoot')) continue;
    if (child.tagName === 'tr') rows.push({ row: child, head: false });
    else {
      for (const row of child.children) if (isElement(row, 'tr')) rows.push({ row, head: child.tagName === 'thead' });
    }
  }
  return rows;
}

function span(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_SPAN) : fallback;
}

/**
 * Places a table's cells on its grid: each cell takes the first free slot of its row, and a
 * cell with `rowspan`/`colspan` occupies the slots below and beside it (rowspan="0" runs to the
 * last row).
 */
export function tableGrid(table: Element): TableGrid {
  const rows = tableRows(table);
  const taken: boolean[][] = rows.map(() => []);
  const cells: GridCell[] = [];
  let width = 0;
  rows.forEach(({ row, head }, r) => {
    let column = 0;
    for (const child of row.children) {
      if (!isElement(child, 'td', 'th')) continue;
      while (taken[r]![column]) column++;
      const rowSpan = Math.min(span(child.properties.rowSpan, 1) || rows.length - r, rows.length - r);
      const colSpan = Math.max(1, span(child.properties.colSpan, 1));
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr]![column + dc] = true;
      cells.push({ element: child, row: r, column, rowSpan, colSpan, heading: head || child.tagName === 'th' });
      column += colSpan;
      width = Math.max(width, column);
    }
  });
  return { cells, rows: rows.length, width };
}
