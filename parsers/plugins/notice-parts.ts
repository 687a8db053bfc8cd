import type { VFile } from 'vfile';
import { CENTRAL, issuersByPrefix } from '../syntax/jurisdiction-data.js';
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type {
  BlockNode,
  DocumentNode,
  GazetteRoot,
  LineNode,
  NoticeNode,
  RoleLineNode,
  SignatureNode,
} from '../nodes.js';
import { spanOf } from '../positions.js';
import { INLINE_DATE_SOURCE, parseDateLine } from '../syntax/dates.js';
import { isNoiseLine, readAdoptionDate, readPromulgation } from '../syntax/head-lines.js';
import { isRosterRole } from '../syntax/roster.js';
import { normalizeDepartment } from '../syntax/departments.js';
import { LEADING_ADDRESSEE, isAddresseeList } from '../syntax/reflow.js';
import { sliceLine } from './parse-lines.js';
import { formatDocNumber, parseDocNumberLine } from '../syntax/doc-number.js';
import {
  docTypeOf,
  endsLikeSentence,
  isIssuerLine,
  isRoleSignature,
  issuerFromTitle,
  issuerName,
  issuerOfOffice,
} from '../syntax/titles.js';

const SOURCE = 'notice-parts';
const ADDRESSEE_END = /[：:∶]$/u;
/** A sentence that ends in a colon but introduces the text: …作如下修改：, …决定： (no addressee). */
const LEAD_IN = /(?:如下|下列|以下|决定|修改|规定)[：:∶]$|。/u;
const TRAILER = /^[（(](?:此件|本件|本文)[^（）()]*[)）]$/u;
const PORTAL_HEAD = /^(?:发布时间|相关解读)[:：]/iu;
const PORTAL_FILE = /\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)$/iu;
/** A signature glued into running text: 河北省人民政府办公厅2024年1月29日. */
const GLUED_SIGNATURE = new RegExp(
  `(?:^|[。！？；])([\\p{Script=Han}（）]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|党组|国务院))[ \\u3000]*(${INLINE_DATE_SOURCE})`,
  'u',
);
const ISSUERS: Record<string, string> = issuersByPrefix.issuers;

/** A portal line: 发布时间：…, 相关解读：…, or a link to a file (….pdf). */
function isPortal(text: string): boolean {
  // Quick looks at the first character and for a dot spare most lines the patterns.
  const first = text.charCodeAt(0);
  const head = (first === 0x53d1 || first === 0x76f8) && PORTAL_HEAD.test(text); // 发 相
  return head || (text.includes('.') && PORTAL_FILE.test(text)) || isNoiseLine(text);
}

/** A trailer such as （此件公开发布）. */
function isTrailer(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first === 0xff08 || first === 0x28) && TRAILER.test(text); // （ (
}

function role(line: LineNode, type: RoleLineNode['type']): RoleLineNode {
  return { ...line, type };
}

function previousContent(lines: LineNode[], i: number, floor: number): number {
  let j = i - 1;
  if (j > floor && isBlank(lines[j])) j--;
  return j > floor && isLine(lines[j]) && !isBlank(lines[j]) ? j : -1;
}

/** The first date line of the notice, with the issuer or office-holder line just above it. */
function findSignature(lines: LineNode[], from: number): { issuerAt: number; dateAt: number; date: string } | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.tab) continue;
    const date = parseDateLine(line.text);
    if (!date) continue;
    const above = previousContent(lines, i, from - 1);
    const signer = above >= 0 && (isIssuerLine(lines[above]!.text) || isRoleSignature(lines[above]!.text));
    return { issuerAt: signer ? above : -1, dateAt: i, date };
  }
  return null;
}

/**
 * A signature glued into running text: a signing body and a date after a sentence end, or the
 * issuer the title names glued to a date anywhere (…优秀承办单位河北省人民政府办公厅2024年1月17日附件…).
 */
function findGluedSignature(lines: BlockNode[], titleIssuer: string | null): { issuer: string; date: string } | null {
  const named = titleIssuer
    ? new RegExp(`(${escapeRegExp(titleIssuer)})[ \\u3000]*(${INLINE_DATE_SOURCE})`, 'u')
    : null;
  for (const line of lines) {
    if (!isLine(line) || line.text.length < 12) continue;
    const m = GLUED_SIGNATURE.exec(line.text) ?? named?.exec(line.text);
    const date = m ? parseDateLine(m[2]!) : null;
    if (m && date) return { issuer: m[1]!, date };
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 附件： / 附件1. / 附件：TITLE in a body: the list of attachments, not a sentence starting with 附件. */
const ATTACHMENT_LIST = /^附\s*件\s*\d*\s*(?:[.．:：]\s*(.*))?$/u;

/**
 * Finds the list of attachments at the end of a body (附件：X, or 附件： 1.… / 2.… on
 * several lines, gazette-format.md §2.5 and E13) and gives its lines the attachmentList role,
 * so their numbers are not read as clauses.
 * @returns the names listed, and the body with the list's lines relabelled
 */
function readAttachmentList(lines: Array<LineNode | RoleLineNode>): { names: string[]; body: BlockNode[] } {
  const names: string[] = [];
  const body: BlockNode[] = [];
  let listing = false;
  for (const line of lines) {
    if (line.type !== 'line' || line.tab || line.text === '') {
      body.push(line);
      continue;
    }
    const head = line.text.length <= 120 && line.text.startsWith('附') ? ATTACHMENT_LIST.exec(line.text) : null;
    if (head && !endsLikeSentence(head[1] ?? '')) {
      listing = true;
      const name = (head[1] ?? '').replace(/^\d+[.．、]\s*/u, '').trim();
      if (name) names.push(name);
      body.push(role(line, 'attachmentList'));
      continue;
    }
    const item = listing ? /^\d+[.．、]\s*(.+)$/u.exec(line.text) : null;
    if (item) {
      names.push(item[1]!.trim());
      body.push(role(line, 'attachmentList'));
    } else {
      listing = false;
      body.push(line);
    }
  }
  return { names, body };
}

/** The first line of a notice's head that `read` makes something of. */
function fromHead<T>(notice: NoticeNode, read: (text: string) => T | null): T | null {
  const header = notice.children[0];
  if (header?.type !== 'noticeHeader') return null;
  for (const line of header.children) {
    const found = isLine(line) ? read(line.text) : null;
    if (found) return found;
  }
  return null;
}

/** The body a decree number belongs to (科学技术部令第21号 → 科学技术部), when it names one. */
function decreeIssuer(notice: NoticeNode): string | null {
  const prefix = notice.docNumber?.prefix;
  if (!prefix?.endsWith('令')) return null;
  const body = prefix.slice(0, -1);
  return isIssuerLine(body) ? body : null;
}

/** `科技部有关负责同志解答如下`: the body whose official speaks in an interpretation (政策解读). */
const SPOKESPERSON =
  /(?:^|[，。；、\s])((?:国家)?[\p{Script=Han}]{1,14}?(?:部|委|局|厅|署|办|院|会))(?:有关)?负责(?:同志|人)/u;

/**
 * The body an interpretation's speaker belongs to, in the first paragraphs, by its full name
 * when it is a central department (科技部 → 科学技术部), else as printed.
 */
function spokesBody(body: BlockNode[]): string | null {
  for (const line of body.slice(0, 4)) {
    const m = isLine(line) ? SPOKESPERSON.exec(line.text) : null;
    if (m) return normalizeDepartment(m[1]!, CENTRAL?.name) ?? (isIssuerLine(m[1]!) ? m[1]! : null);
  }
  return null;
}

/** What follows the label of a duty line (各区镇：负责…), not an addressee. */
const DUTY_START = /^(?:负责|牵头|配合|协助|承担)/u;

/**
 * The first line of a body that opens with its addressees and runs on (`省交通运输厅、省财政厅：
 * 《关于…》收悉。…`): cut into the addressee line and the rest, in place.
 */
function splitLeadingAddressees(lines: LineNode[], i: number): void {
  const line = lines[i];
  if (!line || line.tab || ADDRESSEE_END.test(line.text)) return;
  const list = LEADING_ADDRESSEE.exec(line.text);
  if (!list || !isAddresseeList(list[0]) || LEAD_IN.test(list[0]) || DUTY_START.test(line.text.slice(list[0].length)))
    return;
  const at = line.value.indexOf(line.text) + list[0].length;
  lines.splice(i, 1, sliceLine(line, 0, at), sliceLine(line, at));
}

function metadataOf(notice: NoticeNode): Record<string, string> {
  const header = notice.children[0];
  if (header?.type !== 'noticeHeader') return {};
  const meta = header.children.find((c) => c.type === 'metadata');
  return meta?.type === 'metadata' ? meta.fields : {};
}

function structureNotice(notice: NoticeNode, file: VFile): void {
  const header = notice.children[0];
  // A second copy of the text (a crawler's) is kept in the notice, outside its parts.
  const duplicates = notice.children.filter((c): c is RoleLineNode => c.type === 'duplicate');
  const lines = notice.children.slice(1).filter((c) => c.type !== 'duplicate') as LineNode[];
  for (const copy of duplicates) {
    report(
      file,
      `Unexpected second copy of the text (printed twice): \`${copy.text.slice(0, 20)}…\` is left out of the records`,
      copy.position,
      'duplicate-text',
      SOURCE,
    );
  }
  const children: NoticeNode['children'] = header ? [header] : [];
  let i = 0;
  // Portal lines under the title (发布时间：… 浏览次数：…) belong to the head.
  while (i < lines.length && (isBlank(lines[i]) || isPortal(lines[i]!.text))) {
    children.push(isBlank(lines[i]) ? lines[i]! : role(lines[i]!, 'portal'));
    i++;
  }
  splitLeadingAddressees(lines, i);
  const first = lines[i];
  if (
    first &&
    !first.tab &&
    ADDRESSEE_END.test(first.text) &&
    !isRosterRole(first.text.slice(0, -1)) &&
    first.text.length <= 300 &&
    !LEAD_IN.test(first.text)
  ) {
    notice.addressees = first.text.replace(/[：:∶]$/u, '');
    children.push(role(first, 'addressee'));
    i++;
  }
  const signature = findSignature(lines, i);
  const bodyEnd = signature ? (signature.issuerAt >= 0 ? signature.issuerAt : signature.dateAt) : lines.length;
  // Noise in the body (a newspaper's page header repeated) is no paragraph.
  const { names, body } = readAttachmentList(
    lines.slice(i, bodyEnd).map((line) => (isNoiseLine(line.text) ? role(line, 'portal') : line)),
  );
  children.push(documentNode('body', body));
  notice.attachments = names;

  const meta = metadataOf(notice);
  // A rule is dated by its promulgation note (…令第56号公布), a decision by its adoption note.
  const promulgation = fromHead(notice, readPromulgation);
  const adopted = fromHead(notice, readAdoptionDate);
  notice.docNumber ??= promulgation?.docNumber ?? null;
  let issuer: string | null = null;
  let officeIssuer: string | null = null;
  if (signature) {
    const signLines = lines.slice(bodyEnd, signature.dateAt + 1);
    const signer = signature.issuerAt >= 0 ? lines[signature.issuerAt]!.text : null;
    issuer = signer && isIssuerLine(signer) ? issuerName(signer) : null;
    officeIssuer = signer && !issuer ? issuerOfOffice(signer, notice.title) : null;
    const node: SignatureNode = {
      type: 'signature',
      issuer,
      date: signature.date,
      children: signLines,
      position: spanOf(signLines),
    };
    children.push(node);
    notice.date = signature.date;
    let j = signature.dateAt + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (isBlank(line)) children.push(line);
      else if (isTrailer(line.text)) children.push(role(line, 'trailer'));
      else break;
    }
    // What follows the signature is raw here; split-enclosures cuts it into documents.
    for (; j < lines.length; j++) children.push(classifyPostLine(lines[j]!));
  } else {
    const glued = findGluedSignature(body, issuerFromTitle(notice.title ?? ''));
    if (glued) {
      issuer = glued.issuer;
      notice.date = glued.date;
    } else if (promulgation || adopted) {
      notice.date = promulgation?.date ?? adopted;
    } else {
      notice.date = meta.成文日期 ? parseIsoLike(meta.成文日期) : null;
      report(
        file,
        'Missing signature: expected an issuer line and a date line (such as 2022年3月15日) after the body',
        notice.position?.start,
        'missing-signature',
        SOURCE,
      );
    }
  }
  notice.issuer =
    issuer ??
    issuerFromTitle(notice.title ?? '') ??
    issuerFromPrefix(notice) ??
    decreeIssuer(notice) ??
    promulgation?.issuer ??
    officeIssuer ??
    meta.发文机关 ??
    meta.发布机构 ??
    spokesBody(body) ??
    null;
  if (notice.decreeSeq !== undefined && !notice.docNumber && notice.issuer) {
    // A bare 第N号: the decree of the government that signed it.
    notice.docNumber = parseDocNumberLine(formatDocNumber(`${notice.issuer}令`, null, notice.decreeSeq));
  }
  const expected = issuerFromPrefix(notice);
  if (expected && issuer && expected !== issuer) {
    report(
      file,
      `Unexpected issuer \`${issuer}\` for \`${notice.docNumber?.text}\`, expected \`${expected}\``,
      signature ? lines[signature.issuerAt]?.position : undefined,
      'issuer-mismatch',
      SOURCE,
    );
  }
  notice.docType = notice.title ? docTypeOf(notice.title) : null;
  notice.children = [...children, ...duplicates];
}

/** After the signature: trailers and portal lines get their role, the rest stays raw. */
function classifyPostLine(line: LineNode): LineNode | RoleLineNode {
  if (line.tab) return line;
  if (isTrailer(line.text)) return role(line, 'trailer');
  if (isPortal(line.text)) return role(line, 'portal');
  return line;
}

function issuerFromPrefix(notice: NoticeNode): string | null {
  return notice.docNumber ? (ISSUERS[notice.docNumber.prefix] ?? null) : null;
}

function parseIsoLike(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(text.trim());
  return m ? parseDateLine(`${m[1]}年${Number(m[2])}月${Number(m[3])}日`) : null;
}

/** A document container over the given lines. */
export function documentNode(
  kind: DocumentNode['kind'],
  lines: DocumentNode['children'],
  title: string | null = null,
  label: string | null = null,
): DocumentNode {
  return { type: 'document', kind, title, label, children: lines, position: spanOf(lines) };
}

/**
 * Finds the parts of every notice: the addressee (first line after the head, ending in a
 * colon), the body, the signature (the first date line with the issuer or office holder
 * above it), trailers such as （此件公开发布）, and the raw lines printed after the signature.
 * Resolves the issuer (signature, then title, then number prefix, then portal metadata) and
 * the date (signature, then a signature glued into the text, then metadata).
 */
export default function noticeParts() {
  return (tree: GazetteRoot, file: VFile): void => {
    for (const node of tree.children) if (node.type === 'notice') structureNotice(node, file);
  };
}
