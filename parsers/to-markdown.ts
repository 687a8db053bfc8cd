import type {
  BlockContent,
  Heading,
  List,
  ListItem,
  PhrasingContent,
  Root as MdRoot,
  RootContent,
  Table,
  TableCell,
} from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { isLine } from './line-tests.js';
import type { BlockNode, DocumentNode, EventNode, GazetteRoot, LineNode, NoticeNode, TableNode } from './nodes.js';

const serializer = unified().use(remarkStringify, { bullet: '-', rule: '-' }).use(remarkGfm).freeze();

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

/** Lines joined into one paragraph's text; a hard-wrapped line joins with nothing between. */
function paragraphText(lines: LineNode[]): string {
  return lines.reduce((out, line) => (out === '' ? line.text : out + (line.continuation ? '' : '\n') + line.text), '');
}

function paragraph(lines: LineNode[]): BlockContent {
  return { type: 'paragraph', children: [text(paragraphText(lines))] };
}

function heading(depth: Heading['depth'], value: string): Heading {
  return { type: 'heading', depth, children: [text(value)] };
}

function cell(value: string): TableCell {
  const parts = value.split('\n');
  const children: PhrasingContent[] = [];
  parts.forEach((part, k) => {
    if (k > 0) children.push({ type: 'html', value: '<br>' });
    children.push(text(part));
  });
  return { type: 'tableCell', children };
}

/** A page's table with each merged cell printed once, in its first slot, as the page shows it. */
function withMergedOnce(node: TableNode): string[][] {
  if (!node.merged) return node.rows;
  const rows = node.rows.map((row) => [...row]);
  for (const { row, column, rowSpan, colSpan } of node.merged) {
    for (let r = row; r < row + rowSpan; r++) {
      for (let c = column; c < column + colSpan; c++) if ((r !== row || c !== column) && rows[r]) rows[r]![c] = '';
    }
  }
  return rows;
}

/** A GFM table; ragged rows (merged cells) are padded with empty cells. */
function table(node: TableNode, docTitle: string | null): BlockContent[] {
  const body = withMergedOnce(node);
  const rows = node.header.length > 0 ? [node.header, ...body] : [[node.caption ?? ''], ...body];
  const width = Math.max(...rows.map((r) => r.length));
  const md: Table = {
    type: 'table',
    children: rows.map((row) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, k) => cell(row[k] ?? '')),
    })),
  };
  const caption =
    node.header.length > 0 && node.caption && node.caption !== docTitle
      ? [{ type: 'paragraph', children: [{ type: 'strong', children: [text(node.caption)] }] } as BlockContent]
      : [];
  return [...caption, md];
}

/** Blocks of a document in order; clauses become nested list items so the hierarchy shows. */
function blocks(nodes: BlockNode[], docTitle: string | null): BlockContent[] {
  const out: BlockContent[] = [];
  let run: LineNode[] = [];
  let list: List | null = null;
  const flush = (): void => {
    if (run.length > 0) out.push(paragraph(run));
    run = [];
  };
  for (const node of nodes) {
    if (node.type !== 'clause') list = null;
    if (isLine(node)) {
      if (node.text === '' && !node.tab) continue;
      if (!node.continuation) flush();
      run.push(node);
      continue;
    }
    flush();
    if (node.type === 'clause') {
      if (!list) {
        list = { type: 'list', ordered: false, spread: false, children: [] };
        out.push(list);
      }
      const item: ListItem = { type: 'listItem', spread: false, children: blocks(node.children, docTitle) };
      list.children.push(item);
    } else if (node.type === 'table') out.push(...table(node, docTitle));
    else if (node.type === 'title')
      out.push({ type: 'paragraph', children: [{ type: 'strong', children: [text(node.value)] }] });
    else if (node.type === 'attachmentList') out.push({ type: 'paragraph', children: [text(node.text)] });
    else if (node.type === 'memberList' || node.type === 'personnelStatement') {
      out.push({
        type: 'list',
        ordered: false,
        spread: false,
        children: node.children.map((line) => ({ type: 'listItem', spread: false, children: [paragraph([line])] })),
      });
    }
  }
  flush();
  return out;
}

function documentContent(doc: DocumentNode): RootContent[] {
  const head: RootContent[] = [];
  if (doc.kind !== 'body') head.push(heading(2, [doc.label, doc.title].filter(Boolean).join(' ') || '（未命名文件）'));
  return [
    ...head,
    ...blocks(
      doc.children.filter((c) => c.type !== 'title'),
      doc.title,
    ),
  ];
}

/** The mdast tree of one notice: title, number, addressee, body, signature, enclosures. */
export function noticeToMdast(notice: NoticeNode): MdRoot {
  const children: RootContent[] = [heading(1, notice.title ?? notice.docNumber?.text ?? '（无标题）')];
  if (notice.docNumber) children.push({ type: 'paragraph', children: [text(notice.docNumber.text)] });
  for (const child of notice.children) {
    if (child.type === 'addressee') children.push({ type: 'paragraph', children: [text(child.text)] });
    else if (child.type === 'document') children.push(...documentContent(child));
    else if (child.type === 'signature') {
      const lines = child.children.filter((l) => l.text !== '').map((l) => l.text);
      const phrasing: PhrasingContent[] = [];
      lines.forEach((line, k) => {
        if (k > 0) phrasing.push({ type: 'break' });
        phrasing.push(text(line));
      });
      children.push({ type: 'paragraph', children: phrasing });
    } else if (child.type === 'trailer') children.push({ type: 'paragraph', children: [text(child.text)] });
  }
  return { type: 'root', children };
}

function chronicleToMdast(events: EventNode[]): MdRoot {
  return {
    type: 'root',
    children: [
      heading(1, '大事记'),
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: events.map((e) => ({
          type: 'listItem',
          spread: false,
          children: [
            {
              type: 'paragraph',
              children: [
                { type: 'strong', children: [text(e.endDate ? `${e.date}—${e.endDate}` : (e.date ?? ''))] },
                text(` ${e.text}`),
              ],
            },
          ],
        })),
      },
    ],
  };
}

/** One Markdown document per notice of a parsed file, and one for its chronicle when it has one. */
export interface MarkdownDocument {
  /** A name for the document: the notice's number or title, or 大事记. */
  name: string;
  markdown: string;
}

/**
 * Renders every notice of a parsed file as Markdown: an mdast tree (headings for titles, the
 * clause hierarchy as nested lists, tables as GFM tables) serialised with remark.
 */
export function toMarkdown(tree: GazetteRoot): MarkdownDocument[] {
  const docs: MarkdownDocument[] = [];
  const events: EventNode[] = [];
  for (const node of tree.children) {
    if (node.type === 'notice') {
      docs.push({
        name: node.docNumber?.text ?? node.title ?? 'notice',
        markdown: serializer.stringify(noticeToMdast(node)),
      });
    } else if (node.type === 'event') events.push(node);
  }
  if (events.length > 0) docs.push({ name: '大事记', markdown: serializer.stringify(chronicleToMdast(events)) });
  return docs;
}
