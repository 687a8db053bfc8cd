import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, NoticeNode, PersonnelStatementNode } from '../nodes.js';
import { readPersonnelStatement } from '../syntax/personnel.js';

const SOURCE = 'personnel';
/** Titles of personnel notices: …同志职务任免的通知, …等同志任职的通知, …免职的通知. */
const PERSONNEL_TITLE = /(?:任免|任职|免职|职务|聘任|任命)(?:的)?(?:通知|决定)$/u;
/** The sentence that introduces the statements: 经研究，决定： / 根据…会议决定：. */
const INTRO = /[：:]$/u;

function isPersonnelNotice(notice: NoticeNode): boolean {
  return notice.section === 'personnel' || PERSONNEL_TITLE.test(notice.title ?? '');
}

function readStatements(doc: DocumentNode, notice: NoticeNode, file: VFile): void {
  const bareNames = notice.section !== 'personnel';
  const out: BlockNode[] = [];
  for (const node of doc.children) {
    if (!isLine(node) || node.tab || node.text === '') {
      out.push(node);
      continue;
    }
    const actions = readPersonnelStatement(node.text, bareNames);
    if (actions) {
      const statement: PersonnelStatementNode = { type: 'personnelStatement', actions, children: [node], position: node.position };
      out.push(statement);
      continue;
    }
    if (notice.section === 'personnel' && !INTRO.test(node.text)) {
      report(file, `Unexpected sentence in a personnel notice: \`${node.text.slice(0, 40)}\`, expected \`X同志任Y\` or \`免去X同志Y职务\``, node.position, 'personnel-unparsed', SOURCE);
    }
    out.push(node);
  }
  doc.children = out;
}

/**
 * Reads the statements of personnel notices (those under 人事任免, and any notice titled
 * …任免/任职/免职的通知) into appointment and removal actions (gazette-format.md §6).
 */
export default function personnel() {
  return (tree: GazetteRoot, file: VFile): void => {
    for (const notice of tree.children) {
      if (notice.type !== 'notice' || !isPersonnelNotice(notice)) continue;
      for (const child of notice.children) if (child.type === 'document' && child.kind === 'body') readStatements(child, notice, file);
    }
  };
}
