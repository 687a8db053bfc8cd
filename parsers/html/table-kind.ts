import type { Element, ElementContent } from 'hast';
import { metadataKey } from '../syntax/metadata-keys.js';
import { linkShare, plainText } from './plain-text.js';
import type { TableGrid } from './table-grid.js';

/**
 * What a `<table>` is on the page: a table of the document (`data`), the page's frame or a
 * portal's metadata grid (`layout`: its cells are read as blocks, one after another), or a menu
 * of links (`navigation`: left out).
 */
export type TableKind = 'data' | 'layout' | 'navigation';

/** A cell longer than this holds the page's text, not a value: the table frames the page. */
const FRAME_CELL = 1000;
/** Menus and breadcrumbs: most of the text in links, and short ones. */
const LINKED_SHARE = 0.7;
/** A cell of this many paragraphs holds a page's text: a table's cell holds a value or a few lines. */
const FRAME_PARAGRAPHS = 6;
const PARAGRAPH = new Set(['p', 'div', 'li', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'dd', 'dt']);
const MENU_LINK = 16;
const KEY_BEFORE_COLON = /^([\p{Script=Han} \u3000]{2,16}?)[ \u3000]*[:：]/u;

function hasNestedTable(node: Element | ElementContent, top = true): boolean {
  if (node.type !== 'element') return false;
  if (!top && node.tagName === 'table') return true;
  return node.children.some((child) => hasNestedTable(child, false));
}

/** How many paragraphs (blocks and line breaks) an element holds. */
function paragraphs(node: Element | ElementContent): number {
  if (node.type !== 'element') return 0;
  let n = PARAGRAPH.has(node.tagName) ? 1 : 0;
  for (const child of node.children) n += paragraphs(child);
  return n;
}

/** A cell that holds a portal metadata key (`索 引 号：`, `文号`, `成文日期: 2020-02-27`). */
function isMetadataCell(text: string): boolean {
  const inline = KEY_BEFORE_COLON.exec(text);
  return metadataKey(inline ? inline[1]! : text) !== null;
}

/**
 * Tells a document's table from page layout by its form: a menu is mostly short links; a
 * table that holds a table, has a single row or column, holds metadata keys or a cell as long
 * as a page is layout; anything else is a table of the document.
 */
export function tableKind(table: Element, grid: TableGrid): TableKind {
  const { text, linked, links } = linkShare(table);
  if (links >= 2 && linked >= LINKED_SHARE * text && linked / links <= MENU_LINK) return 'navigation';
  if (hasNestedTable(table) || grid.rows < 2 || grid.width < 2) return 'layout';
  const texts = grid.cells.map((cell) => plainText(cell.element));
  if (texts.filter(isMetadataCell).length >= 2) return 'layout';
  if (texts.some((t) => t.length > FRAME_CELL)) return 'layout';
  if (grid.cells.some((cell) => paragraphs(cell.element) >= FRAME_PARAGRAPHS)) return 'layout';
  return 'data';
}
