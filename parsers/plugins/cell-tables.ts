import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { parseDateLine } from '../syntax/dates.js';
import { matchMarker } from '../syntax/markers.js';
import { endsLikeSentence, isEnclosureTitle } from '../syntax/titles.js';
import { eachDocument, isTotalRow, tableNode } from '../table-shape.js';

/** How the rows of a flattened table are numbered: 1 / 2 / 3, A1 / A2, or 1.… / 2.…. */
type KeyKind = 'int' | 'code' | 'dot';
const INT_KEY = /^(\d{1,3})$/u;
const CODE_KEY = /^([A-Z])(\d{1,3})$/u;
const DOT_KEY = /^(\d{1,3})[.．]\s*\S/u;
const NOTE = /^(?:注|说明|备注)[:：]/u;
const MIN_ROWS = 3;

function keyOf(text: string): { kind: KeyKind; n: number; letter: string } | null {
  // Every key starts with a digit or a capital: most cells are told apart by that alone.
  const first = text.charCodeAt(0);
  if (!((first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5a))) return null;
  const int = INT_KEY.exec(text);
  if (int) return { kind: 'int', n: Number(int[1]), letter: '' };
  const code = CODE_KEY.exec(text);
  if (code) return { kind: 'code', n: Number(code[2]), letter: code[1]! };
  const dot = DOT_KEY.exec(text);
  if (dot) return { kind: 'dot', n: Number(dot[1]), letter: '' };
  return null;
}

function content(node: BlockNode | undefined): LineNode | null {
  return isLine(node) && !node.tab && node.text !== '' ? node : null;
}

/** A short label line that can be a header cell (一级指标, 序号, X坐标). */
function isHeaderCell(line: LineNode | null): line is LineNode {
  if (!line) return false;
  const { text } = line;
  return (
    text.length <= 12 &&
    !endsLikeSentence(text) &&
    keyOf(text) === null &&
    matchMarker(line.value) === null &&
    parseDateLine(text) === null
  );
}

/** A group label inside the table (一、医疗质量 / （三） 合理用药) and its nesting level. */
function groupLevel(line: LineNode): number {
  const marker = matchMarker(line.value);
  if (!marker) return -1;
  return marker.style === 'cnDun' ? 0 : marker.style === 'cnParen' ? 1 : -1;
}

/** Merges the narrowest adjacent header cells until there is one per column (安置/任务 → 安置任务). */
function fitHeader(cells: string[], columns: number): string[] {
  const header = [...cells];
  while (header.length > columns) {
    let best = 0;
    for (let k = 1; k < header.length - 1; k++) {
      if (header[k]!.length + header[k + 1]!.length < header[best]!.length + header[best + 1]!.length) best = k;
    }
    header.splice(best, 2, header[best]! + header[best + 1]!);
  }
  return header;
}

interface Found {
  end: number;
  caption: string | null;
  header: string[];
  rows: string[][];
  /** The group labels each row sits under, when they span the table instead of filling columns. */
  groups: string[][];
}

/** How far the numbering may jump after a group label (a group whose items were left out). */
const MAX_GAP = 20;

/**
 * Reads a table flattened one cell per line, starting with a run of header cells at `p`:
 * rows are found by their numbering (1, 2, 3 … / A1, A2 … / 1.…, 2.…), group labels such
 * as 一、 and （一） are carried into the rows they head (as columns when the header has room
 * for them, else as spanning rows kept in `groups`), and surplus cells of a row are joined
 * into its last column.
 */
function readCellTable(children: BlockNode[], p: number): Found | null {
  let i = p;
  let caption: string | null = null;
  const first = content(children[p]);
  if (first && isEnclosureTitle(first.text) && first.text.length >= 6) {
    caption = first.text;
    i++;
  }
  const headerCells: string[] = [];
  for (; i < children.length && headerCells.length < 12; i++) {
    if (isBlank(children[i])) continue;
    const line = content(children[i]);
    if (!isHeaderCell(line)) break;
    headerCells.push(line.text);
  }
  if (headerCells.length < 3) return null;

  const rows: string[][] = [];
  const rowGroups: string[][] = [];
  const groups: string[] = [];
  let groupOpen = -1;
  let row: string[] | null = null;
  let kind: KeyKind | null = null;
  let letter = '';
  let expected = 1;
  let end = i;
  let narrowest = headerCells.length;
  for (; i < children.length; i++) {
    const node = children[i];
    if (isBlank(node)) continue;
    const line = content(node);
    if (!line || NOTE.test(line.text) || line.text === headerCells[0]) break;
    // Where a row is complete (as wide as the narrowest row before it, or the header for the
    // first), the next line starts a row, a group or something after the table.
    const complete = !row || row.length >= narrowest;
    const key = keyOf(line.text);
    const inSequence =
      key && (key.n === expected || (complete && groupOpen >= 0 && key.n > expected && key.n <= expected + MAX_GAP));
    if (key && inSequence && (kind === null || (key.kind === kind && key.letter === letter))) {
      kind = key.kind;
      letter = key.letter;
      if (row) narrowest = rows.length === 1 ? row.length : Math.min(narrowest, row.length);
      row = [line.text];
      rows.push(row);
      rowGroups.push(groups.filter(Boolean));
      expected = key.n + 1;
      groupOpen = -1;
      end = i;
      continue;
    }
    const level = complete ? groupLevel(line) : -1;
    if (level >= 0 && (kind === null || kind === 'dot' || rows.length > 0)) {
      groups.length = level;
      groups[level] = line.text;
      groupOpen = level;
      row = null;
      continue;
    }
    if (kind === null && groupOpen < 0) return null;
    if (groupOpen >= 0 && !row) {
      groups[groupOpen] += line.text;
      continue;
    }
    if (isTotalRow([line.text]) && rows.length > 0) {
      row = [line.text];
      rows.push(row);
      rowGroups.push([]);
      end = i;
      continue;
    }
    if (
      !row ||
      (complete &&
        isEnclosureTitle(line.text) &&
        line.text.length >= 6 &&
        keyOf(line.text) === null &&
        !/\d/u.test(line.text))
    )
      break;
    row.push(line.text);
    end = i;
  }
  if (rows.filter((r) => !isTotalRow(r)).length < MIN_ROWS) return null;
  const depth = Math.max(0, ...rowGroups.map((g) => g.length));
  const shortest = Math.min(...rows.filter((r) => !isTotalRow(r)).map((r) => r.length));
  // Group labels fill columns of their own when the header has room for them beside the cells.
  const spanning = depth > 0 && shortest + depth > headerCells.length;
  const full = spanning ? rows : rows.map((r, k) => [...rowGroups[k]!, ...r]);
  const columns = Math.min(headerCells.length, Math.max(...full.map((r) => r.length)));
  for (const r of full) if (r.length > columns) r.splice(columns - 1, r.length, r.slice(columns - 1).join('\n'));
  return { end, caption, header: fitHeader(headerCells, columns), rows: full, groups: spanning ? rowGroups : [] };
}

function groupCellTables(doc: DocumentNode): void {
  const children = doc.children;
  // The blocks are copied from the first table on: most documents hold none and stay as they are.
  let out: BlockNode[] | null = null;
  for (let p = 0; p < children.length; p++) {
    const found =
      isHeaderCell(content(children[p])) || isEnclosureTitle(content(children[p])?.text ?? '')
        ? readCellTable(children, p)
        : null;
    if (!found) {
      out?.push(children[p]!);
      continue;
    }
    out ??= children.slice(0, p);
    const lines = children.slice(p, found.end + 1) as LineNode[];
    const table = tableNode(lines);
    table.caption = found.caption ?? (out.every((n) => n.type === 'title' || isBlank(n)) ? doc.title : null);
    table.header = found.header;
    table.rows = found.rows;
    table.groups = found.groups;
    table.position = spanOf(lines);
    out.push(table);
    p = found.end;
  }
  if (out) doc.children = out;
}

/**
 * Builds tables that a web page flattened one cell per line with no TAB (attachment tables of
 * crawled documents): a run of at least three short header cells followed by numbered rows.
 */
export default function cellTables() {
  return (tree: GazetteRoot): void => eachDocument(tree, groupCellTables);
}
