import type { VFile } from 'vfile';
import issuersByPrefix from '../data/issuers.json' with { type: 'json' };
import { report } from '../diagnostics.js';
import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode, NoticeNode, RoleLineNode, SignatureNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { INLINE_DATE_SOURCE, parseDateLine } from '../syntax/dates.js';
import { isRosterRole } from '../syntax/roster.js';
import { docTypeOf, endsLikeSentence, isIssuerLine, isRoleSignature, issuerFromTitle } from '../syntax/titles.js';

const SOURCE = 'notice-parts';
const ADDRESSEE_END = /[：:∶]$/u;
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
  return head || (text.includes('.') && PORTAL_FILE.test(text));
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

function findGluedSignature(lines: BlockNode[]): { issuer: string; date: string } | null {
  for (const line of lines) {
    if (!isLine(line) || line.text.length < 12) continue;
    const m = GLUED_SIGNATURE.exec(line.text);
    const date = m ? parseDateLine(m[2]!) : null;
    if (m && date) return { issuer: m[1]!, date };
  }
  return null;
}

/** 附件： / 附件1. / 附件：TITLE in a body: the list of attachments, not a sentence starting with 附件. */
const ATTACHMENT_LIST = /^附\s*件\s*\d*\s*(?:[.．:：]\s*(.*))?$/u;

/**
 * Finds the list of attachments at the end of a body (附件：X, or 附件： 1.… / 2.… on
 * several lines, gazette-format.md §2.5 and E13) and gives its lines the attachmentList role,
 * so their numbers are not read as clauses.
 * @returns the names listed, and the body with the list's lines relabelled
 */
function readAttachmentList(lines: LineNode[]): { names: string[]; body: BlockNode[] } {
  const names: string[] = [];
  const body: BlockNode[] = [];
  let listing = false;
  for (const line of lines) {
    if (line.tab || line.text === '') {
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

function metadataOf(notice: NoticeNode): Record<string, string> {
  const header = notice.children[0];
  if (header?.type !== 'noticeHeader') return {};
  const meta = header.children.find((c) => c.type === 'metadata');
  return meta?.type === 'metadata' ? meta.fields : {};
}

function structureNotice(notice: NoticeNode, file: VFile): void {
  const header = notice.children[0];
  const lines = notice.children.slice(1) as LineNode[];
  const children: NoticeNode['children'] = header ? [header] : [];
  let i = 0;
  // Portal lines under the title (发布时间：… 浏览次数：…) belong to the head.
  while (i < lines.length && (isBlank(lines[i]) || isPortal(lines[i]!.text))) {
    children.push(isBlank(lines[i]) ? lines[i]! : role(lines[i]!, 'portal'));
    i++;
  }
  const first = lines[i];
  if (first && !first.tab && ADDRESSEE_END.test(first.text) && !isRosterRole(first.text.slice(0, -1)) && first.text.length <= 300) {
    notice.addressees = first.text.replace(/[：:∶]$/u, '');
    children.push(role(first, 'addressee'));
    i++;
  }
  const signature = findSignature(lines, i);
  const bodyEnd = signature ? (signature.issuerAt >= 0 ? signature.issuerAt : signature.dateAt) : lines.length;
  const { names, body } = readAttachmentList(lines.slice(i, bodyEnd));
  children.push(documentNode('body', body));
  notice.attachments = names;

  const meta = metadataOf(notice);
  let issuer: string | null = null;
  if (signature) {
    const signLines = lines.slice(bodyEnd, signature.dateAt + 1);
    const signer = signature.issuerAt >= 0 ? lines[signature.issuerAt]!.text : null;
    issuer = signer && isIssuerLine(signer) ? signer : null;
    const node: SignatureNode = { type: 'signature', issuer, date: signature.date, children: signLines, position: spanOf(signLines) };
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
    const glued = findGluedSignature(body);
    if (glued) {
      issuer = glued.issuer;
      notice.date = glued.date;
    } else {
      notice.date = meta['成文日期'] ? parseIsoLike(meta['成文日期']) : null;
      report(file, 'Missing signature: expected an issuer line and a date line (such as 2022年3月15日) after the body', notice.position?.start, 'missing-signature', SOURCE);
    }
  }
  notice.issuer = issuer ?? issuerFromTitle(notice.title ?? '') ?? issuerFromPrefix(notice) ?? meta['发文机关'] ?? meta['发布机构'] ?? null;
  const expected = issuerFromPrefix(notice);
  if (expected && issuer && expected !== issuer) {
    report(file, `Unexpected issuer \`${issuer}\` for \`${notice.docNumber?.text}\`, expected \`${expected}\``, signature ? lines[signature.issuerAt]?.position : undefined, 'issuer-mismatch', SOURCE);
  }
  notice.docType = notice.title ? docTypeOf(notice.title) : null;
  notice.children = children;
}

/** After the signature: trailers and portal lines get their role, the rest stays raw. */
function classifyPostLine(line: LineNode): LineNode | RoleLineNode {
  if (line.tab) return line;
  if (isTrailer(line.text)) return role(line, 'trailer');
  if (isPortal(line.text)) return role(line, 'portal');
  return line;
}

function issuerFromPrefix(notice: NoticeNode): string | null {
  return notice.docNumber ? ISSUERS[notice.docNumber.prefix] ?? null : null;
}

function parseIsoLike(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(text.trim());
  return m ? parseDateLine(`${m[1]}年${Number(m[2])}月${Number(m[3])}日`) : null;
}

/** A document container over the given lines. */
export function documentNode(kind: DocumentNode['kind'], lines: DocumentNode['children'], title: string | null = null, label: string | null = null): DocumentNode {
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
