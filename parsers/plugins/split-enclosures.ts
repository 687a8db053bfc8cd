import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isBlank, isLine, isTitleLike } from '../line-tests.js';
import type { DocumentNode, GazetteRoot, LineNode, NoticeNode, TitleNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { matchMarker } from '../syntax/markers.js';
import { endsLikeSentence, isEnclosureTitle } from '../syntax/titles.js';
import { documentNode } from './notice-parts.js';

const SOURCE = 'split-enclosures';
/** 附件, 附件1, 附件2：, 附件：TITLE — but not a sentence that starts with 附件. */
const ATTACHMENT_LABEL = /^附\s*件\s*(\d*)\s*(?:[.．:：]\s*(.*))?$/u;
/** A subtitle line under an enclosed title: （2022-2024年）, (试行). */
const SUBTITLE = /^[（(][^（）()]{1,16}[)）]$/u;
const PREFACE = /^(?:前\s*言|序\s*言|引\s*言)$/u;

type Item = NoticeNode['children'][number];

function nextContent(items: Item[], i: number): number {
  while (i < items.length && isBlank(items[i])) i++;
  return i;
}

function lineAt(items: Item[], i: number): LineNode | null {
  const node = items[i];
  return isLine(node) && !node.tab && node.text !== '' ? node : null;
}

/**
 * Title lines of an enclosed document starting at `i`: the first line, a second line when
 * the first breaks off before the document type (南通市海门区关于科学绿化 / 暨…实施意见), a
 * subtitle line such as （2022-2024年）, and an exact repeat of the title.
 */
function readTitle(items: Item[], i: number, file: VFile): number[] {
  const first = lineAt(items, i);
  if (!first || !isTitleLike(first) || PREFACE.test(first.text)) return [];
  const taken = [i];
  let last = first;
  let j = nextContent(items, i + 1);
  const second = lineAt(items, j);
  if (second && second.text === first.text) {
    report(file, `Unexpected repeat of the title \`${first.text}\``, second.position, 'duplicate-line', SOURCE);
    taken.push(j);
    j = nextContent(items, j + 1);
  } else if (
    second &&
    !isEnclosureTitle(first.text) &&
    isTitleLike(second) &&
    second.text.length <= 40 &&
    isEnclosureTitle(second.text) &&
    !PREFACE.test(second.text)
  ) {
    taken.push(j);
    last = second;
    j = nextContent(items, j + 1);
  }
  const sub = lineAt(items, j);
  if (sub && SUBTITLE.test(sub.text) && last) taken.push(j);
  return taken;
}

function titleNode(items: Item[], indexes: number[]): TitleNode {
  const children = indexes.map((k) => items[k] as LineNode);
  const value = children
    .filter((c, k) => k === 0 || c.text !== children[k - 1]!.text)
    .map((c) => c.text)
    .join('');
  return { type: 'title', value, children, position: spanOf(children) };
}

/**
 * An unlabelled sub-document inside an enclosed document (gazette-format.md §2.9 E4): a short
 * unnumbered line ending like a plan's title, after a clause block, and followed by a
 * preamble or by a first marker 一、.
 */
function startsSubDocument(items: Item[], i: number, current: DocumentNode): boolean {
  const line = lineAt(items, i);
  if (!line || line.text.length > 60 || !isEnclosureTitle(line.text) || !isTitleLike(line)) return false;
  const sawClause = current.children.some((c) => isLine(c) && !c.tab && matchMarker(c.value) !== null);
  if (!sawClause) return false;
  const prev = current.children.findLast((c) => isLine(c) && c.text !== '');
  if (!prev || !isLine(prev) || !/[。；;）)]$/u.test(prev.text)) return false;
  const next = lineAt(items, nextContent(items, i + 1));
  if (!next) return false;
  const marker = matchMarker(next.value);
  return marker ? marker.n === 1 : next.text.length > 30;
}

/**
 * Cuts what a notice prints after its signature into documents: an enclosed document (the
 * plan a 印发 notice issues), attachments (附件1 …, each with a caption), and unlabelled
 * sub-plans. Each gets its own clause numbering later.
 */
export default function splitEnclosures() {
  return (tree: GazetteRoot, file: VFile): void => {
    for (const notice of tree.children) {
      if (notice.type !== 'notice') continue;
      const at = notice.children.findIndex((c) => c.type === 'signature');
      if (at < 0) continue;
      const items = notice.children.slice(at + 1);
      const out: NoticeNode['children'] = notice.children.slice(0, at + 1);
      let current: DocumentNode | null = null;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const line = lineAt(items, i);
        if (!line) {
          // Blank lines and TAB cells stay in the current document; trailers and portal lines
          // belong to the notice itself.
          if (isLine(item) && current) current.children.push(item);
          else out.push(item);
          continue;
        }
        const label = line.text.length <= 80 && line.text.startsWith('附') ? ATTACHMENT_LABEL.exec(line.text) : null;
        if (label && !endsLikeSentence(label[2] ?? '')) {
          const rest = label[2] ?? '';
          const nextIndex = nextContent(items, i + 1);
          const next = lineAt(items, nextIndex);
          const titled = rest === '' || next?.text.startsWith(rest.slice(0, 6));
          const titleLines = titled ? readTitle(items, nextIndex, file) : [];
          // The label line belongs to the attachment's title node, so it is never read as text.
          const title = titleNode(items, titleLines);
          title.children.unshift(line);
          title.position = spanOf(title.children);
          if (titleLines.length === 0) title.value = rest;
          current = documentNode('attachment', [title], title.value || null, `附件${label[1]}`);
          if (titleLines.length > 0) i = titleLines.at(-1)!;
          out.push(current);
          continue;
        }
        if (!current || (current.kind === 'embedded' && startsSubDocument(items, i, current))) {
          const titleLines = readTitle(items, i, file);
          current = documentNode('embedded', []);
          if (titleLines.length > 0) {
            const title = titleNode(items, titleLines);
            current.title = title.value;
            current.children.push(title);
            i = titleLines.at(-1)!;
          } else current.children.push(line);
          out.push(current);
          continue;
        }
        current.children.push(line);
      }
      for (const node of out) if (node.type === 'document') node.position = spanOf(node.children);
      notice.children = out;
    }
  };
}
