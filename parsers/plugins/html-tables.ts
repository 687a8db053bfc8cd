import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import type { RenderedTable } from '../html/render-page.js';
import { shapeGridTable } from '../html/table-shape.js';
import { eachDocument, tableNode } from '../table-shape.js';

const SOURCE = 'html-tables';

declare module 'vfile' {
  interface DataMap {
    /** The document tables of a web page, as its `<table>` laid them out (html/render-page.ts). */
    htmlTables: RenderedTable[];
  }
}

function tableAt(tables: RenderedTable[], node: BlockNode): RenderedTable | undefined {
  const offset = isLine(node) ? node.position.start.offset : undefined;
  return offset === undefined ? undefined : tables.find((t) => offset >= t.start && offset < t.end);
}

function groupHtmlTables(
  doc: DocumentNode,
  tables: RenderedTable[],
  done: Set<RenderedTable>,
  cut: Set<RenderedTable>,
  file: VFile,
): void {
  const children = doc.children;
  if (!children.some((node) => tableAt(tables, node))) return;
  const out: BlockNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const table = tableAt(tables, children[i]!);
    if (!table || done.has(table)) {
      if (table && !cut.has(table)) {
        cut.add(table);
        report(
          file,
          'Table of the page cut in two by the document structure (an attachment label, title or signature among its cells): the table is given whole, and its cells after the cut are read as lines too',
          children[i]!.position,
          'html-table-cut',
          SOURCE,
        );
      }
      out.push(children[i]!);
      continue;
    }
    let j = i;
    while (j + 1 < children.length && tableAt(tables, children[j + 1]!) === table) j++;
    const lines = children.slice(i, j + 1) as LineNode[];
    const shape = shapeGridTable(table);
    const node = tableNode(lines);
    node.caption =
      table.caption ?? shape.titleRow ?? (out.every((n) => n.type === 'title' || isBlank(n)) ? doc.title : null);
    node.header = shape.header;
    node.rows = shape.rows;
    node.groups = shape.groups;
    if (shape.merged.length > 0) node.merged = shape.merged;
    node.position = spanOf(lines);
    out.push(node);
    done.add(table);
    i = j;
  }
  doc.children = out;
}

/**
 * Builds the tables of a web page from the grids its `<table>` elements laid out (a page's
 * text is written one cell per line, and its tables kept beside it: html/render-page.ts), so
 * that no table is guessed from lines and merged cells keep their place. Does nothing for a
 * text file.
 */
export default function htmlTables() {
  return (tree: GazetteRoot, file: VFile): void => {
    const tables = file.data.htmlTables;
    if (!tables || tables.length === 0) return;
    const done = new Set<RenderedTable>();
    const cut = new Set<RenderedTable>();
    eachDocument(tree, (doc) => groupHtmlTables(doc, tables, done, cut, file));
  };
}
