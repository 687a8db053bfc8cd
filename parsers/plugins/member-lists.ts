import { isBlank, isLine } from '../line-tests.js';
import type { BlockNode, DocumentNode, GazetteRoot, LineNode, Member, MemberListNode } from '../nodes.js';
import { spanOf } from '../positions.js';
import { matchMarker } from '../syntax/markers.js';
import { isRosterRole } from '../syntax/roster.js';
import { endsLikeSentence } from '../syntax/titles.js';
import { eachDocument } from '../table-shape.js';

const ROLE_LINE = /^([\p{Script=Han}][\p{Script=Han} \u3000]{0,10}?)[ \u3000]*[：:](.*)$/u;
const HAN = '\\p{Script=Han}';
/** A person's name: three characters, or two padded with spaces (冯  斌, 韩　正). */
const NAME = `${HAN}(?:[ \\u3000]{1,3}${HAN}|${HAN}{1,2})`;
const NAME_POST = new RegExp(`^(${NAME})[ \\u3000]{2,}(\\S.*)$`, 'u');
const NAME_ORG = new RegExp(`^(${HAN}(?:[ \\u3000]?${HAN}){1,2})[（(]([^（）()]+)[)）]$`, 'u');
const NAME_ONLY = new RegExp(`^(${HAN}(?:[ \\u3000]?${HAN}){1,2})$`, 'u');
/**
 * 沈旭东区委副书记、区政府区长: a three-character name glued to a post that starts with a level
 * (区, 市 …), a place named with its level (XX市…, XX区…), 中共 or 国务院.
 */
const NAME_GLUED = new RegExp(`^(${HAN}{3})((?:区|市|省|县|镇|中共|国务院|${HAN}{2,3}?(?:省|市|区|县|镇)).+)$`, 'u');
/** A post word that a short line may end with: such a line continues the post above (镇长). */
const POST_END = /(?:长|主任|书记|委员|主席|经理|秘书|干事|员|师)$/u;

const PADDING = /[ \u3000]/g;

function cleanName(name: string): string {
  return name.replace(PADDING, '');
}

/** Members written on one line after a role (or alone): name and post, name（unit）, or names joined by 、. */
function readMembers(text: string, role: string | null, group: string | null, alone: boolean): Member[] | null {
  const withGroup = (m: Member): Member => (group ? { ...m, role: role ? `${role}（${group}）` : group } : m);
  const namePost = NAME_POST.exec(text);
  if (namePost) return [withGroup({ role, name: cleanName(namePost[1]!), post: namePost[2]!.trim() })];
  const nameOrg = NAME_ORG.exec(text);
  if (nameOrg) return [withGroup({ role, name: cleanName(nameOrg[1]!), post: nameOrg[2]!.trim() })];
  const glued = NAME_GLUED.exec(text);
  if (glued && !alone) return [withGroup({ role, name: glued[1]!, post: glued[2]! })];
  if (!alone && text.includes('、')) {
    const names = text
      .split('、')
      .map((s) => s.trim())
      .filter((s) => NAME_ONLY.test(s));
    if (names.length > 0) return names.map((n) => withGroup({ role, name: cleanName(n), post: null }));
  }
  const only = NAME_ONLY.exec(text);
  if (only && !POST_END.test(cleanName(only[1]!))) return [withGroup({ role, name: cleanName(only[1]!), post: null })];
  return null;
}

/** Whether the next non-blank line after `from` is a member or role line. */
function membersFollow(children: BlockNode[], from: number): boolean {
  let i = from;
  while (i < children.length && isBlank(children[i])) i++;
  const next = content(children[i]);
  return next !== null && (roleOf(next) !== null || readMembers(next.text, null, null, true) !== null);
}

function content(node: BlockNode | undefined): LineNode | null {
  return isLine(node) && !node.tab && node.text !== '' ? node : null;
}

function roleOf(line: LineNode): { role: string; rest: string } | null {
  // Most lines hold no colon: a search for one is cheaper than the pattern, which is tried on every line.
  const m = line.text.includes('：') || line.text.includes(':') ? ROLE_LINE.exec(line.text) : null;
  if (!m) return null;
  const role = cleanName(m[1]!);
  return isRosterRole(role) ? { role, rest: m[2]!.trim() } : null;
}

/**
 * Reads a member list starting at `start`, which must be a role line. Members inherit the
 * last role; a short line that matches no member continues the post above; a short marker
 * line (（一）部门委员) names a group of the members below it.
 */
function readList(children: BlockNode[], start: number): { end: number; members: Member[] } | null {
  const members: Member[] = [];
  let role: string | null = null;
  let group: string | null = null;
  let end = -1;
  for (let i = start; i < children.length; i++) {
    const node = children[i];
    if (isBlank(node)) continue;
    const line = content(node);
    if (!line) break;
    const roleLine = roleOf(line);
    if (roleLine) {
      role = roleLine.role;
      group = null;
      if (roleLine.rest) {
        const found = readMembers(roleLine.rest, role, null, false);
        if (!found) break;
        members.push(...found);
      }
      end = i;
      continue;
    }
    if (end < 0) break;
    const marker = matchMarker(line.value);
    if (marker) {
      // A short numbered label names a group only when members follow it (（一）部门委员);
      // otherwise it is the next section of the document (二、联席会议主要职能).
      const label = line.value.slice(marker.contentStart).trim();
      if (label.length > 20 || endsLikeSentence(label) || !membersFollow(children, i + 1)) break;
      group = label;
      end = i;
      continue;
    }
    const found = readMembers(line.text, role, group, true);
    if (found) {
      members.push(...found);
      end = i;
      continue;
    }
    const last = members.at(-1);
    if (last?.post && line.text.length <= 40 && !endsLikeSentence(line.text.replace(/，$/u, ''))) {
      last.post += line.text;
      end = i;
      continue;
    }
    break;
  }
  return members.length > 0 ? { end, members } : null;
}

function groupLists(doc: DocumentNode): void {
  const children = doc.children;
  // The blocks are copied from the first list on: most documents hold none and stay as they are.
  let out: BlockNode[] | null = null;
  for (let i = 0; i < children.length; i++) {
    const line = content(children[i]);
    const found = line && roleOf(line) ? readList(children, i) : null;
    if (!found) {
      out?.push(children[i]!);
      continue;
    }
    out ??= children.slice(0, i);
    const lines = children.slice(i, found.end + 1) as LineNode[];
    const list: MemberListNode = {
      type: 'memberList',
      members: found.members,
      children: lines,
      position: spanOf(lines),
    };
    out.push(list);
    i = found.end;
  }
  if (out) doc.children = out;
}

/**
 * Builds member lists (领导小组 rosters, gazette-format.md §4.5): role lines such as
 * `组  长：茅敏勇    区政府副区长`, then name-and-post lines that inherit the role, posts
 * continued on the next line, and name lists joined by 、.
 */
export default function memberLists() {
  return (tree: GazetteRoot): void => eachDocument(tree, groupLists);
}
