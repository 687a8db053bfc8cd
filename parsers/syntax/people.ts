import type { Node } from 'unist';
import data from '../data/people.json' with { type: 'json' };
import type { MemberListNode, PersonnelStatementNode } from '../nodes.js';
import { execAll } from './exec-all.js';

const SURNAMES = new Set(data.surnames);
const VERB_STARTS = new Set(data.verbStarts);
const EXCLUDED = new Set(data.notParticipants);
const NOT_NAME_PREFIXES = data.notNamePrefixes;
const LIST_ENDS = data.listEnds;
const ATTENDANCE = LIST_ENDS.filter((w) => w.length > 1);
const SHORT_WORDS = new Set(data.wordsBeforeVerbs);
const ROLES = [...data.roles].sort((a, b) => b.length - a.length);
/**
 * An office title directly followed by a name: 区委书记郭晓敏, 代市长张彤率队. The name is read
 * in a lookahead so that a title inside a longer one (常委 in
 * 常委会主任成伟) does not swallow the next title.
 */
const ROLE_THEN_NAME = new RegExp(`(?:${ROLES.join('|')})(?=(\\p{Script=Han}{2,3}))`, 'gu');
const HAN = /^\p{Script=Han}$/u;
/** Words that close a name as surely as punctuation does: 郭晓敏同志, 徐加明等, 成伟一行. */
const AFTER_NAME = ['同志', '等', '一行'];

/** Names whose length the issue itself settles: seen before punctuation, 同志 or 等, or in a roster. */
export type NameEvidence = ReadonlySet<string>;

/**
 * Every office title followed by a name in a text. Read once per text and given to both
 * settledNames and namesAfterRoles: the pattern (every title) is the costliest step of both.
 */
function roleMatches(text: string): RegExpExecArray[] {
  return execAll(ROLE_THEN_NAME, text);
}

/** Whether a name ending at `end` is closed there: by the end, a character that is not Han, or 同志/等/一行. */
function settledAt(text: string, end: number): boolean {
  const next = text[end];
  return next === undefined || !HAN.test(next) || AFTER_NAME.some((w) => text.startsWith(w, end));
}

/**
 * The name a candidate of two or three characters holds: the one the issue settles (the three
 * characters, or the first two, seen closed by punctuation elsewhere); else three characters,
 * or two when the third starts a verb (成伟出席, 王晖在). Null unless it starts with a common
 * surname and is not a word such as 关于.
 */
function nameIn(candidate: string, evidence: NameEvidence, after = ''): string | null {
  if (!SURNAMES.has(candidate[0] ?? '') || NOT_NAME_PREFIXES.some((w) => candidate.startsWith(w))) return null;
  const two = candidate.slice(0, 2);
  if (candidate.length === 2 || evidence.has(two)) return two;
  if (evidence.has(candidate)) return candidate;
  const third = candidate[2]!;
  if (!VERB_STARTS.has(third)) return candidate;
  // 镇长阮清和出席: a verb word right after three characters leaves the third to the name,
  // unless it is a word of its own before a verb (成伟等参加, 王凯也出席).
  return !SHORT_WORDS.has(third) && ATTENDANCE.some((w) => after.startsWith(w)) ? candidate : two;
}

/**
 * Names the text closes unambiguously after an office title (区长沈旭东，, 主任成伟、, 徐加明等):
 * evidence for reading the same names where a verb follows them at once.
 */
export function settledNames(text: string, matches = roleMatches(text)): string[] {
  const found: string[] = [];
  for (const m of matches) {
    let at = m.index + m[0].length;
    let name = settledName(text, at, m[1]!);
    // 领导人何仁华、叶志俊、李登先等: the names listed after it with 、 are closed too.
    while (name) {
      if (!EXCLUDED.has(name) && SURNAMES.has(name[0]!)) found.push(name);
      at += name.length;
      if (text[at] !== '、') break;
      at++;
      name = settledName(text, at, /^\p{Script=Han}{2,3}/u.exec(text.slice(at, at + 3))?.[0] ?? '');
    }
  }
  return found;
}

/** The name of two or three characters at `at` when what follows closes it, else null. */
function settledName(text: string, at: number, run: string): string | null {
  if (run.length < 2) return null;
  if (settledAt(text, at + run.length)) return run;
  if (run.length === 3 && AFTER_NAME.some((w) => text.startsWith(w, at + 2))) return run.slice(0, 2);
  return null;
}

/** The text from `at` to the next punctuation mark. */
function segmentAt(text: string, at: number): string {
  const end = text.slice(at).search(/[，、。；：,;:]/u);
  return end < 0 ? text.slice(at) : text.slice(at, at + end);
}

/** Whether a segment holds an office title (国家计划委员会综合局顾问徐礼章): it names its own person. */
function holdsRole(segment: string): boolean {
  return ROLES.some((role) => segment.includes(role));
}

/**
 * Whether the office title at `roleAt` (with its organisation before it, 市政协党组成员) opens a
 * segment of a list of officials right after a person: `副市长王凯，市政协党组成员…`.
 */
function followsPerson(text: string, roleAt: number, lastEnd: number): boolean {
  let j = roleAt;
  while (j > 0 && HAN.test(text[j - 1]!)) j--;
  return lastEnd >= 0 && j - 1 === lastEnd && (text[lastEnd] === '，' || text[lastEnd] === '、');
}

/**
 * A name whose surname is not a common one, in a list of officials: two or three characters
 * followed at once by the word that closes the list (参加, 出席, 陪同, 等).
 */
function listedName(text: string, at: number, candidate: string): string | null {
  if (NOT_NAME_PREFIXES.some((w) => candidate.startsWith(w))) return null;
  for (const length of [3, 2]) {
    if (candidate.length >= length && LIST_ENDS.some((w) => text.startsWith(w, at + length)))
      return candidate.slice(0, length);
  }
  return null;
}

/** Names that follow an office title in a text (区委副书记、区长沈旭东 → 沈旭东), and names listed after
 * such a name with 、 (副市长陈冬梅、童剑参加 → 陈冬梅, 童剑).
 * @param evidence names the issue settles (settledNames over its texts, and its rosters)
 */
export function namesAfterRoles(
  text: string,
  evidence: NameEvidence = new Set(settledNames(text)),
  matches = roleMatches(text),
): string[] {
  const found: string[] = [];
  const add = (name: string | null): void => {
    if (name && !EXCLUDED.has(name) && !found.includes(name)) found.push(name);
  };
  let lastEnd = -1;
  for (const m of matches) {
    let at = m.index + m[0].length;
    let name =
      nameIn(m[1]!, evidence, text.slice(at + 3, at + 5)) ??
      (followsPerson(text, m.index, lastEnd) ? listedName(text, at, m[1]!) : null);
    add(name);
    if (name) lastEnd = at + name.length;
    // 、 between names: the title covers the people listed after the first one.
    while (name && text[at + name.length] === '、' && !holdsRole(segmentAt(text, at + name.length + 1))) {
      at += name.length + 1;
      name = nameIn(
        /^\p{Script=Han}{2,3}/u.exec(text.slice(at, at + 3))?.[0] ?? '',
        evidence,
        text.slice(at + 3, at + 5),
      );
      add(name);
      if (name) lastEnd = at + name.length;
    }
  }
  return found;
}

/**
 * People named in a text: those after an office title, and known names mentioned bare
 * (`沈旭东主持召开…` after 沈旭东 was seen with his title elsewhere in the issue).
 * @param known names already seen with a title in the same issue
 * @param titled `namesAfterRoles(text)` when the caller has it already (it is taken over)
 */
export function peopleIn(text: string, known: readonly string[], titled: string[] = namesAfterRoles(text)): string[] {
  const found = titled;
  for (const name of known) if (!found.includes(name) && text.includes(name)) found.push(name);
  return found.sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

/** Names printed in the rosters and personnel statements: their length is settled. */
function rosterNames(tree: Node): string[] {
  const names: string[] = [];
  addRosterNames(tree, names);
  return names.filter((n) => n.length === 2 || n.length === 3);
}

/**
 * Adds the names of a node's personnel statements and member lists, at any depth. A function of
 * its own, not a closure made per call, so that its optimised code is kept from one file to the
 * next. The names are read by the node's type rather than by asking every node (of a dozen
 * shapes, most without them) for `actions` and `members`.
 */
function addRosterNames(node: Node, names: string[]): void {
  const { type } = node;
  if (type === 'personnelStatement') for (const a of (node as PersonnelStatementNode).actions) names.push(a.person);
  else if (type === 'memberList')
    for (const m of (node as MemberListNode).members) names.push(m.name.replace(/\s+/gu, ''));
  const { children } = node as { children?: Node[] };
  // Lines (most of the nodes) hold no names and are passed over here, without a call each; no
  // empty array is made for the many nodes without children.
  if (children) for (const child of children) if (child.type !== 'line') addRosterNames(child, names);
}

/**
 * The officials each chronicle entry of an issue names. A name's length (two characters or
 * three) is read from the issue: where punctuation, 同志 or 等 closes it after a title in any
 * entry, or where a roster or personnel statement prints it; failing that, from the character
 * after it. Names seen with a title are then found bare in the other entries too.
 * @param texts the entries' texts, in order
 * @param tree the issue's tree, for its rosters and personnel statements
 */
export function peopleOfEvents(texts: readonly string[], tree: Node): string[][] {
  const matches = texts.map(roleMatches);
  const evidence = new Set([...texts.flatMap((text, k) => settledNames(text, matches[k])), ...rosterNames(tree)]);
  const titled = texts.map((text, k) => namesAfterRoles(text, evidence, matches[k]));
  const known = [...new Set(titled.flat())];
  return texts.map((text, k) => peopleIn(text, known, titled[k]));
}
