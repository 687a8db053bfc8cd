import type { VFile } from 'vfile';
import { isBlank, isLine, isTitleLike } from '../line-tests.js';
import type { GazetteRoot, LineNode, RoleLineNode, SectionStartNode, TopLevelNode } from '../nodes.js';
import { midLineHeads, findEntries } from '../syntax/chronicle-entries.js';
import { readHead } from '../syntax/chronicle-heads.js';
import { isChronicleHeading, isChronicleSubheading } from '../syntax/chronicle-headings.js';
import { readPeriod } from '../syntax/chronicle-period.js';
import { parseDateLine } from '../syntax/dates.js';

const FILE_MARKER = /^(?:文件选登|以正式发文为准)$/u;
/** Fewer dated lines in a row are as likely a schedule or a list inside a document. */
const MIN_ENTRIES = 3;
/** How far below a chronicle heading its subheading (重要活动) and period line are looked for. */
const HEAD_LINES = 4;

function relabel(line: LineNode, type: RoleLineNode['type'], section?: 'personnel' | 'events'): RoleLineNode {
  return section ? { ...line, type, section } : { ...line, type };
}

function sectionStart(section: SectionStartNode['section']): SectionStartNode {
  return { type: 'sectionStart', section, children: [] };
}

/** A chronicle heading's subheading (重要活动) and period line, on the lines right below it. */
function markHeadLines(children: TopLevelNode[], heading: number): void {
  for (let j = heading + 1; j < children.length && j <= heading + HEAD_LINES; j++) {
    const next = children[j];
    if (!isLine(next) || isBlank(next)) continue;
    if (isChronicleSubheading(next.text)) children[j] = relabel(next, 'sectionHeading', 'events');
    else if (readPeriod(next.text)) {
      children[j] = relabel(next, 'chronicleRange', 'events');
      break;
    } else break;
  }
}

/** A plain line with text, not a table cell. */
function contentLine(node: TopLevelNode | undefined): node is LineNode {
  return isLine(node) && !node.tab && node.text !== '';
}

function startsEntry(line: LineNode): boolean {
  return readHead(line.text, 0) !== null;
}

/** A line of sentences that may go on an entry across a line break (an OCR'd page break). */
function mayContinue(line: LineNode): boolean {
  return !isTitleLike(line) && parseDateLine(line.text) === null;
}

function nextContent(children: TopLevelNode[], from: number): number {
  let j = from;
  while (j < children.length && isBlank(children[j])) j++;
  return j;
}

/**
 * Where a run of chronicle lines starting at `start` ends (exclusive, trailing blanks left out):
 * lines that start with an entry head or hold entries run together, period lines (1984年), and
 * lines of sentences between them that go on the entry above.
 */
function runEnd(children: TopLevelNode[], start: number): number {
  let end = start;
  for (let j = start; j < children.length; j = nextContent(children, j + 1)) {
    const node = children[j];
    if (!contentLine(node)) break;
    const chronicleLine = startsEntry(node) || readPeriod(node.text) !== null || midLineHeads(node.text).length > 0;
    if (!chronicleLine) {
      if (!mayContinue(node)) break;
      const after = children[nextContent(children, j + 1)];
      if (after !== undefined && !(contentLine(after) && (startsEntry(after) || midLineHeads(after.text).length > 0)))
        break;
    }
    end = j + 1;
  }
  return end;
}

/**
 * Whether a headless chronicle starts at `i`: a line with an entry head (or a period line above
 * one), and enough entries in the run it opens.
 */
function chronicleRunAt(children: TopLevelNode[], i: number): number {
  const node = children[i] as LineNode;
  const opens =
    startsEntry(node) ||
    (readPeriod(node.text) !== null &&
      contentLine(children[nextContent(children, i + 1)]) &&
      startsEntry(children[nextContent(children, i + 1)] as LineNode));
  if (!opens) return i;
  const end = runEnd(children, i);
  const texts = children.slice(i, end).map((n) => (isLine(n) ? n.text : ''));
  return findEntries(texts).flat().length >= MIN_ENTRIES ? end : i;
}

/**
 * Opens an events section (a `sectionStart` node) where a chronicle is printed with no heading:
 * at the start of the file (file markers aside), or right after a signature date, a run of lines
 * made of dated entries. When lines follow the run, a `documents` section starts after it.
 */
function markHeadlessChronicles(children: TopLevelNode[], file?: VFile): TopLevelNode[] {
  // The nodes are copied from the first chronicle found on: most files have none and stay as they are.
  let out: TopLevelNode[] | null = null;
  const carried = file?.data.carriedIn;
  let inEvents = carried?.inEvents ?? false;
  // A window after the first (windows.ts) starts with a notice, not at the start of the file.
  let seenContent = carried !== undefined;
  let afterSignature = false;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'sectionHeading' || node.type === 'fileMarker') inEvents = node.section === 'events';
    if (!inEvents && contentLine(node) && (!seenContent || afterSignature)) {
      const end = chronicleRunAt(children, i);
      if (end > i) {
        out ??= children.slice(0, i);
        out.push(sectionStart('events'), ...children.slice(i, end));
        const rest = nextContent(children, end);
        if (rest < children.length) out.push(sectionStart('documents'));
        out.push(...children.slice(end, rest));
        i = rest - 1;
        seenContent = true;
        afterSignature = false;
        continue;
      }
    }
    out?.push(node);
    if (isBlank(node)) continue;
    if (node.type !== 'fileMarker') seenContent = true;
    afterSignature = contentLine(node) && parseDateLine(node.text) !== null;
  }
  if (file) file.data.carriedOut = { ...file.data.carriedOut, inEvents };
  return out ?? children;
}

/**
 * Gives top-level lines their structural role: the file markers (文件选登, 以正式发文为准),
 * the section headings 人事任免 and the chronicle's (大事记, 政务大事记, 大事记要, XX大事记,
 * 大事记（…）, with its subheading 重要活动) and the chronicle's period line; and opens an
 * events section where a chronicle has no heading. Everything else stays a plain line.
 */
export default function markStructure() {
  return (tree: GazetteRoot, file?: VFile): void => {
    const children = tree.children;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if (!isLine(node) || node.tab) continue;
      const { text } = node;
      if (text.length > 60) continue;
      if (FILE_MARKER.test(text)) children[i] = relabel(node, 'fileMarker');
      else if (text === '人事任免') children[i] = relabel(node, 'sectionHeading', 'personnel');
      else if (isChronicleHeading(text)) {
        children[i] = relabel(node, 'sectionHeading', 'events');
        markHeadLines(children, i);
      }
    }
    tree.children = markHeadlessChronicles(children, file);
  };
}
