import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { LABEL, isMetadataLabel } from './labels.js';
import { leftOutBecause } from './leave-out.js';
import { LineWriter } from './line-writer.js';
import { sourceOffsets } from './source-offsets.js';
import { plainText } from './plain-text.js';
import { tableGrid, tableRows } from './table-grid.js';
import { tableKind } from './table-kind.js';
import { withoutTemplateCode } from './template-code.js';

/** A cell of a document table, with the lines its content was written as. */
export interface RenderedCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  heading: boolean;
  lines: string[];
}

/** A table of the document: where its lines are in the generated text, and its grid. */
export interface RenderedTable {
  /** Offsets in the generated text: the first cell's line to the end of the last cell's. */
  start: number;
  end: number;
  caption: string | null;
  rows: number;
  width: number;
  cells: RenderedCell[];
}

/** A page as the lines the text parser reads, with where each character came from. */
export interface RenderedPage {
  text: string;
  /** The HTML offset of each code unit of `text`. */
  offsets: Int32Array;
  tables: RenderedTable[];
}

/** Elements that start and end a line (HTML's block-level and table elements). */
const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
  'option',
  'optgroup',
  'plaintext',
]);

interface PendingCell {
  cell: Omit<RenderedCell, 'lines'>;
  from: number;
  to: number;
}

interface PendingTable {
  table: Omit<RenderedTable, 'cells' | 'caption'>;
  caption: { from: number; to: number } | null;
  cells: PendingCell[];
}

/** Walks a page's tree and writes its text; one renderer per page. */
class PageRenderer {
  readonly writer = new LineWriter();
  readonly tables: PendingTable[] = [];

  /** The last source offset seen: where text the parser made up (no position) is placed. */
  private lastOffset = 0;

  constructor(private readonly source: string) {}

  node(node: RootContent | ElementContent, pre: boolean): void {
    if (node.type === 'text') this.text(node, pre);
    else if (node.type === 'element') this.element(node, pre);
  }

  private text(node: Text, pre: boolean): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    let value = node.value;
    let offsets =
      start !== undefined && end !== undefined
        ? sourceOffsets(value, this.source, start, end)
        : new Int32Array(value.length).fill(this.lastOffset);
    if (value.includes('<%')) [value, offsets] = withoutTemplateCode(value, offsets);
    this.writer.write(value, offsets, pre);
  }

  private element(element: Element, pre: boolean): void {
    if (leftOutBecause(element)) return;
    const at = element.position?.start.offset;
    if (at !== undefined) this.lastOffset = at;
    if (element.tagName === 'br') {
      this.writer.endLine(at);
      return;
    }
    if (element.tagName === 'table') {
      this.table(element, pre);
      return;
    }
    const block = BLOCKS.has(element.tagName);
    if (block) this.writer.endLine(at);
    for (const child of element.children) this.node(child, pre || element.tagName === 'pre');
    if (block && isMetadataLabel(element)) this.writer.joinNext();
    else if (block) this.writer.endLine(element.position?.end.offset);
  }

  /**
   * A table of the page's layout: each cell is a block, but a label cell (`索 引 号：`) and the
   * value beside it are one line, as the page shows them side by side.
   */
  private layoutTable(table: Element, pre: boolean): void {
    const rows = new Set(tableRows(table).map(({ row }) => row));
    const visit = (node: Element): void => {
      for (const child of node.children) {
        if (child.type === 'element' && rows.has(child)) this.layoutRow(child, pre);
        else if (child.type === 'element' && ['thead', 'tbody', 'tfoot'].includes(child.tagName)) visit(child);
        else this.node(child, pre);
      }
    };
    visit(table);
  }

  private layoutRow(row: Element, pre: boolean): void {
    let glued = false;
    for (const cell of row.children) {
      if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th') || leftOutBecause(cell)) {
        this.node(cell, pre);
        continue;
      }
      if (!glued) this.writer.endLine(cell.position?.start.offset);
      for (const child of cell.children) this.node(child, pre);
      glued = LABEL.test(plainText(cell));
      if (!glued) this.writer.endLine(cell.position?.end.offset);
    }
    this.writer.endLine(row.position?.end.offset);
  }

  private table(table: Element, pre: boolean): void {
    const grid = tableGrid(table);
    const kind = tableKind(table, grid);
    if (kind === 'navigation') return;
    this.writer.endLine(table.position?.start.offset);
    if (kind === 'layout') {
      this.layoutTable(table, pre);
      this.writer.endLine(table.position?.end.offset);
      return;
    }
    const pending: PendingTable = {
      table: { start: this.writer.length, end: 0, rows: grid.rows, width: grid.width },
      caption: null,
      cells: [],
    };
    for (const child of table.children) {
      if (child.type !== 'element' || child.tagName !== 'caption') continue;
      const from = this.writer.length;
      this.element(child, pre);
      pending.caption = { from, to: this.writer.length };
    }
    for (const { element, ...cell } of grid.cells) {
      const from = this.writer.length;
      this.element(element, pre);
      pending.cells.push({ cell, from, to: this.writer.length });
    }
    pending.table.end = this.writer.length;
    this.tables.push(pending);
  }
}

function linesIn(text: string, from: number, to: number): string[] {
  return text
    .slice(from, to)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Writes a page's text as the lines the text parser reads: every block element, table cell
 * and `<br>` ends a line, white space collapses as a browser collapses it, and what is not the
 * document (leave-out.ts) is not written. A document's tables are written one cell per line,
 * like a page copied as text, and kept as grids beside the text, so that they become tables
 * as the page laid them out.
 * @param root the page's hast tree, with positions
 * @param source the decoded HTML the positions point into
 */
export function renderPage(root: Root, source: string): RenderedPage {
  const renderer = new PageRenderer(source);
  for (const child of root.children) renderer.node(child, false);
  const { text, offsets } = renderer.writer.finish();
  const tables = renderer.tables.map(({ table, caption, cells }) => ({
    ...table,
    caption: caption ? linesIn(text, caption.from, caption.to).join('') || null : null,
    cells: cells.map(({ cell, from, to }) => ({ ...cell, lines: linesIn(text, from, to) })),
  }));
  return { text, offsets, tables };
}
