import type { Node, Parent } from 'unist';
import { isLine } from '../line-tests.js';
import type { GazetteRoot, LineNode, NoticeNode } from '../nodes.js';
import { findCitedDocNumbers, mayCiteDocNumber, sameDocNumber } from '../syntax/doc-number.js';

/** Sentences by which this document repeals others (not mentions such as 已经废止). */
const REPEAL = /(?:同时废止|予以废止|即行废止|决定废止|停止执行|不再执行)/u;
const EFFECTIVE =
  /(?:自|从)((?:\d{4}年)?\d{1,2}月\d{1,2}日|发布之日|印发之日|公布之日|批复之日|\S{1,12}?之日)起(?:施行|实施|执行|试行)/u;

/** Every text line printed in a notice, in order, at any depth. */
export function noticeLines(notice: NoticeNode): LineNode[] {
  const lines: LineNode[] = [];
  collectLines(notice.children, lines);
  return lines;
}

function collectLines(nodes: readonly Node[], lines: LineNode[]): void {
  for (const node of nodes) {
    if (isLine(node)) lines.push(node);
    else if ('children' in node) collectLines((node as Parent).children, lines);
  }
}

function readCitations(notice: NoticeNode): void {
  const cites: string[] = [];
  const repeals: string[] = [];
  for (const line of noticeLines(notice)) {
    if (line.tab) continue;
    const { text } = line;
    if (notice.effective === null && text.includes('起')) notice.effective = EFFECTIVE.exec(text)?.[1] ?? null;
    // A sentence can only cite or repeal when its line does (no pattern spans 。 or ；), so most
    // lines are passed over without being cut into sentences.
    if (!mayCiteDocNumber(text) && !REPEAL.test(text)) continue;
    for (const sentence of text.split(/(?<=[。；])/u)) {
      const found = findCitedDocNumbers(sentence)
        .map((c) => c.docNumber)
        .filter((d) => !notice.docNumber || !sameDocNumber(d, notice.docNumber));
      for (const d of found) if (!cites.includes(d.text)) cites.push(d.text);
      if (!REPEAL.test(sentence) || /已经废止|已废止/u.test(sentence)) continue;
      if (found.length > 0)
        for (const d of found) {
          if (!repeals.includes(d.text)) repeals.push(d.text);
        }
      else notice.repealStatements.push(sentence.trim());
    }
  }
  notice.cites = cites;
  notice.repeals = repeals;
}

/**
 * Collects what each notice cites (document numbers in any bracket style, never its own
 * number), what it repeals (同时废止 …) and when it takes effect (自…起施行).
 */
export default function citations() {
  return (tree: GazetteRoot): void => {
    for (const node of tree.children) if (node.type === 'notice') readCitations(node);
  };
}
