import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { isLine } from '../line-tests.js';
import type {
  BlockNode,
  DocumentNode,
  GazetteRoot,
  NoticeNode,
  PersonnelAction,
  PersonnelStatementNode,
} from '../nodes.js';
import { readPersonnelParagraph, readPersonnelStatement } from '../syntax/personnel.js';
import { isRosterRole } from '../syntax/roster.js';

const SOURCE = 'personnel';
/**
 * Titles of personnel notices: …同志职务任免的通知, …等同志任职的通知, 国务院任免国家工作人员,
 * …人事任免…: their sentences are read as statements, bare names included.
 */
const PERSONNEL_TITLE = /任免|任职|免职|职务|聘任|任命|人事/u;
const INNER_SENTENCE_END = /[。；;]/u;
/** A word every explicit statement holds: a cheap test before a line of an ordinary notice is read. */
const STATEMENT_WORD = /同志|任命|免去|增补|聘任|聘请|不再担任/u;
const LAST_PUNCTUATION = /[。；;]+$/u;
/** The sentence that introduces the statements: 经研究，决定： / 根据…会议决定：. */
const INTRO = /[：:]$/u;

function isPersonnelNotice(notice: NoticeNode): boolean {
  return notice.section === 'personnel' || PERSONNEL_TITLE.test(notice.title ?? '');
}

/** Whether every action gives a member of a working group its role (组长, 办公室主任): a roster. */
function onlyRosterRoles(actions: PersonnelAction[]): boolean {
  return actions.every(
    (a) => isRosterRole(a.post.replace(/^.*?(?:领导小组|委员会|小组|办公室)(?=.)/u, '')) || isRosterRole(a.post),
  );
}

/**
 * The actions a line states. In a personnel notice: the line as one statement, or a paragraph
 * of statements. Elsewhere (a notice that also appoints, a newspaper's reprint): only the
 * explicit forms (X同志任Y, 任命X为Y, 免去X的Y职务 …) starting a sentence, and not the roles of a
 * working group's roster, which are no appointments.
 */
function actionsOf(text: string, personnelNotice: boolean, bareNames: boolean): PersonnelAction[] | null {
  if (personnelNotice) {
    // Several sentences (任命A为B；任命C为D。) are read one by one; one sentence as a whole.
    const several = INNER_SENTENCE_END.test(text.replace(LAST_PUNCTUATION, ''));
    return several ? readPersonnelParagraph(text, bareNames) : readPersonnelStatement(text, bareNames);
  }
  if (!STATEMENT_WORD.test(text)) return null;
  const actions = readPersonnelParagraph(text, false);
  return actions && !onlyRosterRoles(actions) ? actions : null;
}

function readStatements(doc: DocumentNode, notice: NoticeNode, file: VFile): void {
  const personnelNotice = isPersonnelNotice(notice);
  const bareNames = notice.section !== 'personnel';
  const out: BlockNode[] = [];
  for (const node of doc.children) {
    if (!isLine(node) || node.tab || node.text === '') {
      out.push(node);
      continue;
    }
    const actions = actionsOf(node.text, personnelNotice, bareNames);
    if (actions) {
      const statement: PersonnelStatementNode = {
        type: 'personnelStatement',
        actions,
        children: [node],
        position: node.position,
      };
      out.push(statement);
      continue;
    }
    if (notice.section === 'personnel' && !INTRO.test(node.text)) {
      report(
        file,
        `Unexpected sentence in a personnel notice: \`${node.text.slice(0, 40)}\`, expected \`X同志任Y\` or \`免去X同志Y职务\``,
        node.position,
        'personnel-unparsed',
        SOURCE,
      );
    }
    out.push(node);
  }
  doc.children = out;
}

/**
 * Reads personnel statements into appointment and removal actions (gazette-format.md §6):
 * every sentence of a personnel notice (under 人事任免, or titled …任免/任职/免职…), and the
 * explicit statements of any other notice.
 */
export default function personnel() {
  return (tree: GazetteRoot, file: VFile): void => {
    for (const notice of tree.children) {
      if (notice.type !== 'notice') continue;
      for (const child of notice.children) if (child.type === 'document') readStatements(child, notice, file);
    }
  };
}
