import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine, isTitleLike } from '../line-tests.js';
import type {
  GazetteRoot,
  LineNode,
  MetadataNode,
  NoticeHeaderNode,
  NoticeNode,
  TitleNode,
  TopLevelNode,
} from '../nodes.js';
import { spanOf } from '../positions.js';
import { halfWidthDigits } from '../syntax/chinese-numerals.js';
import { type DocNumber, formatDocNumber, parseDocNumberLine, sameDocNumber } from '../syntax/doc-number.js';
import { metadataKey } from '../syntax/metadata-keys.js';
import { isHeadNote, isNoiseLine, isPublicationLine, withoutMarkdownHeading } from '../syntax/head-lines.js';
import { docTypeOf, isIssuerLine, isTitleStart, leadingIssuer, removeLetterSpacing } from '../syntax/titles.js';

const SOURCE = 'split-notices';

const METADATA_PAIR = /^([\p{Script=Han} \u3000]{2,16}?)[ \u3000]*[:：][ \u3000]*(.*)$/u;
const DECREE_SEQ = /^第\s*(\d{1,4})\s*号$/u;
const DECREE_HEAD = /^(?:中华人民共和国)?\p{Script=Han}{2,20}令$/u;
/** A decree's first sentence: 《X》已经…通过，现予公布. */
const PROMULGATED =
  /^《([^《》]{2,60})》(?:已经|已于|经).{0,80}?(?:通过|审议|审定).{0,20}?(?:现予公布|予以公布|现予发布|公布)/u;

/** Where a notice starts and what its head holds, before its lines are gathered. */
interface Anchor {
  /** Index of the notice's first line (title, metadata or number line). */
  start: number;
  /** Index of the last line of the head. */
  headEnd: number;
  docNumber: DocNumber | null;
  titleLines: number[];
  numberLines: number[];
  metadata: { from: number; to: number; fields: Record<string, string> } | null;
  /** Nothing anchored the notice: its head was guessed (documentAnchor). */
  fallback?: boolean;
  /** The title when no title line holds it: what its lines print without the dots, or the rule a decree promulgates. */
  printedTitle?: string;
  /** A bare 第N号 opened the file: a decree's number, whose issuer the signature tells. */
  decreeSeq?: number;
}

type Lines = TopLevelNode[];

function textAt(lines: Lines, i: number): string | null {
  const node = lines[i];
  return isLine(node) ? node.text : null;
}

function nextContent(lines: Lines, i: number, limit = lines.length): number {
  while (i < limit && isBlank(lines[i])) i++;
  return i;
}

/** A cheap test before reading metadata: a first colon near the start, or a bare short key. */
function mayStartMetadata(text: string): boolean {
  return firstColonNearStart(text) || (text.length <= 8 && metadataKey(text) !== null);
}

/** Whether the first colon of the text is at index 1 to 16 (only those are looked at). */
function firstColonNearStart(text: string): boolean {
  for (let i = 0; i < text.length && i <= 16; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0xff1a) return i > 0; // : ：
  }
  return false;
}

/**
 * A block of portal metadata starting at `i`: `文号: 赣府字〔2020〕8号` lines, or the same
 * pairs flattened one cell per line (`文号` / `丽政发〔2023〕30号`). Needs at least two pairs.
 */
function readMetadata(lines: Lines, i: number): Anchor['metadata'] {
  const fields: Record<string, string> = {};
  let j = i;
  let pairs = 0;
  while (j < lines.length) {
    const text = textAt(lines, j);
    if (text === null || text === '') break;
    const inline = METADATA_PAIR.exec(text);
    const inlineKey = inline ? metadataKey(inline[1]!) : null;
    if (inline && inlineKey) {
      fields[inlineKey] = inline[2]!.trim();
      pairs++;
      j++;
      continue;
    }
    const key = metadataKey(text);
    const value = textAt(lines, j + 1);
    if (key && value !== null && value !== '' && !metadataKey(value)) {
      fields[key] = value;
      pairs++;
      j += 2;
      continue;
    }
    break;
  }
  return pairs >= 2 ? { from: i, to: j - 1, fields } : null;
}

/** Title lines above a number line: the nearest line that can start a title, and those below it. */
function titleAbove(lines: Lines, at: number, floor: number): number[] {
  const candidates: number[] = [];
  let blanks = 0;
  for (let i = at - 1; i > floor && candidates.length < 4; i--) {
    const node = lines[i];
    if (isBlank(node)) {
      if (++blanks > 1) break;
      continue;
    }
    blanks = 0;
    if (!isLine(node) || !isTitleLike(node)) break;
    candidates.push(i);
  }
  for (let k = 0; k < candidates.length; k++) {
    if (!isTitleStart(textAt(lines, candidates[k]!)!)) continue;
    const taken = candidates.slice(0, k + 1).reverse();
    const above = candidates[k + 1];
    // 国务院办公厅 / 关于辽宁省…: the issuer may stand on a line of its own above the title.
    if (above !== undefined && above === taken[0]! - 1 && isIssuerLine(textAt(lines, above)!)) taken.unshift(above);
    return taken;
  }
  // No 关于 / 印发 / 转发 anywhere (青山县人民政府公告): the nearest lines that start with a body's
  // name and end with a document type.
  for (let k = 0; k < candidates.length; k++) {
    const taken = candidates.slice(0, k + 1).reverse();
    const joined = taken.map((t) => textAt(lines, t)!).join('');
    if (docTypeOf(joined) && leadingIssuer(textAt(lines, taken[0]!)!)) return taken;
  }
  return [];
}

/**
 * Title lines below `from` (number printed above the title, or metadata): up to three lines.
 * @param anyShape take the first line even when it neither starts nor ends like a title
 */
function titleBelow(lines: Lines, from: number, limit: number, anyShape = false): number[] {
  const first = nextContent(lines, from, limit);
  const node = lines[first];
  if (!isLine(node) || !isTitleLike(node)) return [];
  if (!anyShape && !isTitleStart(node.text) && !docTypeOf(node.text)) return [];
  const taken = [first];
  let joined = removeLetterSpacing(node.text);
  for (let i = first + 1; i < limit && taken.length < 3 && !docTypeOf(joined) && !TRUNCATED.test(joined); i++) {
    const next = lines[i];
    if (!isLine(next) || !isTitleLike(next)) break;
    taken.push(i);
    joined += removeLetterSpacing(next.text);
  }
  return docTypeOf(joined) ? taken : taken.slice(0, 1);
}

/** Every place a notice is anchored: number lines, decree numbers and metadata blocks. */
function findAnchors(lines: Lines, file: VFile): Anchor[] {
  const anchors: Anchor[] = [];
  let floor = -1;
  for (let i = 0; i < lines.length; i++) {
    const node = lines[i];
    if (!isLine(node) || node.tab || node.text === '') {
      if (node && !isLine(node)) floor = i;
      continue;
    }
    const text = node.text;
    const metadata = text.length <= 60 && mayStartMetadata(text) ? readMetadata(lines, i) : null;
    if (metadata) {
      const number = metadata.fields.文号 ?? metadata.fields.发文字号;
      const titleLines = titleBelow(lines, metadata.to + 1, Math.min(lines.length, metadata.to + 8));
      const headEnd = titleLines.at(-1) ?? metadata.to;
      anchors.push({
        start: i,
        headEnd,
        titleLines,
        numberLines: [],
        metadata,
        docNumber: number ? parseDocNumberLine(halfWidthDigits(number)) : null,
      });
      i = floor = headEnd;
      continue;
    }
    const docNumber = parseDocNumberLine(text);
    if (docNumber) {
      const above = titleAbove(lines, i, floor);
      const titleLines = above.length > 0 ? above : titleBelow(lines, i + 1, Math.min(lines.length, i + 8));
      const headEnd = Math.max(i, titleLines.at(-1) ?? i);
      anchors.push({
        start: Math.min(i, titleLines[0] ?? i),
        headEnd,
        docNumber,
        titleLines,
        numberLines: [i],
        metadata: null,
      });
      i = floor = headEnd;
      continue;
    }
    if (text.length <= 24 && text.endsWith('令') && DECREE_HEAD.test(text)) {
      const j = nextContent(lines, i + 1);
      const seq = DECREE_SEQ.exec(halfWidthDigits(textAt(lines, j) ?? ''));
      if (seq) {
        const prefix = text.replace(/^中华人民共和国/u, '');
        const number = parseDocNumberLine(formatDocNumber(prefix, null, Number(seq[1])));
        anchors.push({
          start: i,
          headEnd: j,
          docNumber: number,
          titleLines: [i, j],
          numberLines: [i, j],
          metadata: null,
        });
        i = floor = j;
      }
    }
  }
  return mergeAnchors(lines, anchors, file);
}

/** The title an anchor's lines spell, letter spacing removed. */
function titleText(lines: Lines, anchor: Anchor): string {
  return anchor.titleLines
    .filter((t) => !anchor.numberLines.includes(t))
    .map((t) => removeLetterSpacing(textAt(lines, t) ?? ''))
    .join('');
}

/** The next line that is not blank and not a portal's publication line (发布时间：… 来源：…). */
function nextHeadContent(lines: Lines, i: number): number {
  let j = nextContent(lines, i);
  while (j < lines.length && isPublicationLine(textAt(lines, j) ?? '')) j = nextContent(lines, j + 1);
  return j;
}

/**
 * A decree number printed right under a metadata block's title (江西省人民政府令 / 第232号 under
 * 文号: 省政府令第232号), or a head printed again at once (a crawler's copy of number and title,
 * a page's number line under its metadata, title and publication line), is the same document:
 * fold it into the head instead of starting a notice.
 */
function mergeAnchors(lines: Lines, anchors: Anchor[], file: VFile): Anchor[] {
  const merged: Anchor[] = [];
  for (const anchor of anchors) {
    const previous = merged.at(-1);
    const adjacent = previous && nextHeadContent(lines, previous.headEnd + 1) === anchor.start;
    const same = previous?.docNumber && anchor.docNumber ? sameDocNumber(previous.docNumber, anchor.docNumber) : true;
    const untitled = anchor.titleLines.every((t) => anchor.numberLines.includes(t));
    if (
      previous &&
      adjacent &&
      same &&
      (untitled || (previous.docNumber && titleText(lines, anchor) === titleText(lines, previous)))
    ) {
      if (!untitled)
        report(
          file,
          `Unexpected repeat of the head \`${titleText(lines, anchor)}\``,
          lines[anchor.start]!.position,
          'duplicate-line',
          SOURCE,
        );
      previous.headEnd = anchor.headEnd;
      previous.numberLines.push(...anchor.numberLines);
      previous.docNumber ??= anchor.docNumber;
      continue;
    }
    merged.push(anchor);
  }
  return merged;
}

/**
 * A file with no number line and no metadata (a crawled page, a Markdown rule, a report): one
 * notice from its first content line outside the chronicle, titled by that line when it is
 * title-like (joined with the next ones until a document type ends them), else by nothing
 * printed (the file name is used then).
 */
function documentAnchor(lines: Lines): Anchor | null {
  const start = firstDocumentLine(lines);
  if (start < 0) return null;
  const seq = DECREE_SEQ.exec(halfWidthDigits(textAt(lines, start)!));
  if (seq) {
    // A decree that begins with a bare 第N号: its title is the rule its first sentence promulgates.
    const promulgated = PROMULGATED.exec(textAt(lines, nextContent(lines, start + 1)) ?? '');
    return {
      start,
      headEnd: start,
      docNumber: null,
      titleLines: [],
      numberLines: [start],
      metadata: null,
      fallback: true,
      decreeSeq: Number(seq[1]),
      printedTitle: promulgated?.[1],
    };
  }
  const titleLines = titleBelow(lines, start, Math.min(lines.length, start + 8), true);
  return {
    start,
    headEnd: titleLines.at(-1) ?? start - 1,
    docNumber: null,
    titleLines,
    numberLines: [],
    metadata: null,
    fallback: true,
  };
}

/** The first line with text outside the chronicle, noise skipped; -1 when there is none. */
function firstDocumentLine(lines: Lines): number {
  let section: 'documents' | 'personnel' | 'events' = 'documents';
  for (let i = 0; i < lines.length; i++) {
    const node = lines[i]!;
    if (node.type === 'sectionHeading' || node.type === 'sectionStart') section = node.section ?? 'documents';
    if (isLine(node) && !node.tab && node.text !== '' && section !== 'events' && !isNoiseLine(node.text)) return i;
  }
  return -1;
}

/** A title a crawler cut short: `河北省教育厅2017年度政府信息公开工作报...`. */
const TRUNCATED = /(?:\.{2,}|…+|。{2,})$/u;

/**
 * A title printed cut short (a CSV's title cell) is completed by the next line when that line
 * starts with what was printed and reads as a title (the body repeating it whole); else what was
 * printed is kept, without the dots. Either way a warning says so.
 */
function completeTruncatedTitle(lines: Lines, anchor: Anchor, file: VFile): void {
  const last = anchor.titleLines.at(-1);
  const text = titleText(lines, anchor);
  const cut = TRUNCATED.exec(text);
  if (last === undefined || !cut) return;
  const printed = text.slice(0, cut.index);
  const next = nextContent(lines, anchor.headEnd + 1);
  const whole = lines[next];
  const completed =
    isLine(whole) && isTitleLike(whole) && whole.text.startsWith(printed) && whole.text.length > printed.length;
  if (completed) {
    anchor.titleLines = [...anchor.titleLines.filter((t) => anchor.numberLines.includes(t)), next];
    anchor.headEnd = Math.max(anchor.headEnd, next);
  } else {
    anchor.printedTitle = printed;
  }
  const what = completed ? `completed from line ${whole.position.start.line}` : 'kept as printed';
  report(
    file,
    `Unexpected end of the title \`${text}\`: it was cut short (${what})`,
    lines[last]!.position,
    'title-truncated',
    SOURCE,
  );
}

/** Head notes right under the title (promulgation, effective date, noise): they join the head. */
function headNotesEnd(lines: Lines, headEnd: number): number {
  let end = headEnd;
  for (let i = nextContent(lines, headEnd + 1); i < lines.length && i <= headEnd + 8; i = nextContent(lines, i + 1)) {
    const text = textAt(lines, i);
    if (text === null || !isHeadNote(text)) break;
    end = i;
  }
  return end;
}

function buildTitle(lines: Lines, indexes: number[]): TitleNode {
  const children = indexes.map((i) => lines[i] as LineNode);
  return {
    type: 'title',
    value: children.map((l) => removeLetterSpacing(withoutMarkdownHeading(l.text))).join(''),
    children,
    position: spanOf(children),
  };
}

function buildHeader(lines: Lines, anchor: Anchor, file: VFile): NoticeHeaderNode {
  const children: NoticeHeaderNode['children'] = [];
  const titleSet = new Set(anchor.titleLines);
  let title: TitleNode | null = null;
  for (let i = anchor.start; i <= anchor.headEnd; i++) {
    const node = lines[i] as LineNode;
    if (anchor.metadata && i >= anchor.metadata.from && i <= anchor.metadata.to) {
      if (i === anchor.metadata.from) {
        const metaLines = lines.slice(anchor.metadata.from, anchor.metadata.to + 1) as LineNode[];
        const meta: MetadataNode = {
          type: 'metadata',
          fields: anchor.metadata.fields,
          children: metaLines,
          position: spanOf(metaLines),
        };
        children.push(meta);
      }
      continue;
    }
    if (titleSet.has(i) && !anchor.numberLines.includes(i)) {
      if (!title) {
        title = buildTitle(
          lines,
          anchor.titleLines.filter((t) => !anchor.numberLines.includes(t)),
        );
        children.push(title);
      }
      continue;
    }
    if (titleSet.has(i) && anchor.numberLines.length === anchor.titleLines.length && !title) {
      // A decree's head (中华人民共和国国务院令 / 第707号) is its title.
      title = buildTitle(lines, anchor.titleLines);
      children.push(title);
      continue;
    }
    if (titleSet.has(i)) continue;
    children.push(node);
    if (anchor.numberLines.includes(i) && node.value.trimEnd() !== node.value && parseDocNumberLine(node.text)) {
      report(
        file,
        `Unexpected trailing space after document number \`${node.text}\``,
        node.position,
        'doc-number-space',
        SOURCE,
      );
    }
  }
  return { type: 'noticeHeader', children, position: spanOf(children) };
}

function emptyNotice(section: NoticeNode['section'], docNumber: DocNumber | null): NoticeNode {
  return {
    type: 'notice',
    section,
    docNumber,
    title: null,
    docType: null,
    issuer: null,
    date: null,
    addressees: null,
    attachments: [],
    cites: [],
    repeals: [],
    repealStatements: [],
    effective: null,
    children: [],
  };
}

/** The section the lines after `node` are in: a heading or section start opens its own, a file marker documents. */
function sectionAfter(node: TopLevelNode, section: NoticeNode['section'] | 'events'): NoticeNode['section'] | 'events' {
  if ((node.type === 'sectionHeading' || node.type === 'sectionStart') && node.section) return node.section;
  if (node.type === 'fileMarker') return 'documents';
  return section;
}

/**
 * Cuts the file into notices, anchored on the lines that hold nothing but a document number
 * (or a decree number, or a portal metadata block). A notice runs from its title, found by
 * walking back from the number, to the next notice's title, a section heading or the end of
 * the file. Lines outside any notice stay at the top level (markers, the chronicle, residue).
 */
export default function splitNotices() {
  return (tree: GazetteRoot, file: VFile): void => {
    const lines = tree.children;
    let anchors = findAnchors(lines, file);
    if (anchors.length === 0) {
      const fallback = documentAnchor(lines);
      if (fallback) anchors = [fallback];
    }
    for (const anchor of anchors) {
      completeTruncatedTitle(lines, anchor, file);
      anchor.headEnd = headNotesEnd(lines, anchor.headEnd);
    }
    const out: TopLevelNode[] = [];
    let section: NoticeNode['section'] | 'events' = file.data.carriedIn?.noticeSection ?? 'documents';
    let next = 0;
    for (let a = 0; a < anchors.length; a++) {
      const anchor = anchors[a]!;
      for (; next < anchor.start; next++) {
        const node = lines[next]!;
        section = sectionAfter(node, section);
        out.push(isLine(node) && isNoiseLine(node.text) ? { ...node, type: 'portal' } : node);
      }
      if (section === 'events') section = 'documents';
      const notice = emptyNotice(section, anchor.docNumber);
      if (anchor.decreeSeq !== undefined) notice.decreeSeq = anchor.decreeSeq;
      const header = buildHeader(lines, anchor, file);
      notice.children.push(header);
      const limit = anchors[a + 1]?.start ?? lines.length;
      let end = anchor.headEnd + 1;
      while (end < limit && (isLine(lines[end]) || lines[end]!.type === 'duplicate')) end++;
      notice.children = notice.children.concat(lines.slice(anchor.headEnd + 1, end) as LineNode[]);
      while (notice.children.length > 1 && isBlank(notice.children.at(-1))) {
        notice.children.pop();
        end--;
      }
      notice.position = spanOf(notice.children);
      const title = header.children.find((c) => c.type === 'title');
      notice.title = anchor.printedTitle ?? (title && title.type === 'title' ? title.value : null);
      if (anchor.fallback) {
        notice.title ??= file.stem ?? null;
        const titled =
          anchor.titleLines.length > 0
            ? 'titled by its first title-like line'
            : anchor.printedTitle
              ? `titled by the rule its first sentence names, \`${notice.title}\``
              : `titled by the file name \`${notice.title}\``;
        report(
          file,
          `Unrecognised layout: no document number line, decree number or portal metadata; read as one document ${titled}`,
          notice.position?.start,
          'document-fallback',
          SOURCE,
        );
      } else if (!notice.title) {
        report(
          file,
          'Missing title: no title line found above or below the document number',
          header.position,
          'notice-without-title',
          SOURCE,
        );
      }
      out.push(notice);
      next = end;
    }
    for (; next < lines.length; next++) {
      const node = lines[next]!;
      // Kept for a window of the same file read after this one (windows.ts).
      section = sectionAfter(node, section);
      out.push(node);
    }
    file.data.carriedOut = { ...file.data.carriedOut, noticeSection: section };
    tree.children = out;
  };
}
