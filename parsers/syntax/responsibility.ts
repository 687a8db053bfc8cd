import { type Where, normalizeDepartment, readDepartmentList, splitOutsideBrackets } from './departments.js';

/** Words every responsibility tag holds: a cheap test before the brackets are scanned. */
const TAG_WORD = /责任|牵头|负责|参与|配合|主办单位|协办单位/u;
/** Words that open a responsibility tag: （责任单位：…）, （牵头部门：…，参与部门：…）. */
const TAG_KEY = /^(?:责任单位|责任部门|牵头单位|牵头部门|参与单位|参与部门|配合单位|配合部门|主办单位|协办单位)[：:]/u;
/** A tag without a key that still names who is responsible: （住建、公安等部门按职责分工负责）. */
const TAG_VERB = /(?:牵头|按职责分工负责|分工负责|负责落实|配合)$/u;

/** Every bracketed span of a text, outermost brackets only, with nested brackets kept inside. */
function bracketed(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') {
      if (depth++ === 0) start = i + 1;
    } else if ((ch === '）' || ch === ')') && depth > 0 && --depth === 0) {
      spans.push(text.slice(start, i));
    }
  }
  return spans;
}

/** The lists of departments in one part of a tag (up to a 。 or ；), or null when the part is no tag. */
function tagLists(part: string): string[] | null {
  if (TAG_KEY.test(part))
    return part.split(/[，,；;]\s*(?=[\p{Script=Han}]{2,4}[：:])/u).map((list) => list.replace(TAG_KEY, ''));
  if (TAG_VERB.test(part)) return part.split(/[，,]/u);
  return null;
}

/**
 * Departments named by the responsibility tags of a text (gazette-format.md §4.1), relative to
 * the jurisdiction: every part of a tag, where 。 or ； separates them (（牵头单位：县发改局；
 * 配合单位：县财政局）), as long as the part names who is responsible (not 完成时限：…).
 */
export function taggedDepartments(text: string, where?: Where): string[] {
  // The tag word first: it rules out more lines, at less cost than looking for brackets.
  if (!TAG_WORD.test(text) || (!text.includes('（') && !text.includes('('))) return [];
  const found: string[] = [];
  for (const span of bracketed(text)) {
    const [first = '', ...rest] = splitOutsideBrackets(span, '。；');
    const firstLists = tagLists(first);
    if (!firstLists) continue;
    const lists = [...firstLists, ...rest.flatMap((part) => tagLists(part) ?? [])];
    for (const list of lists)
      for (const name of readDepartmentList(list, where)) if (!found.includes(name)) found.push(name);
  }
  return found;
}

/** 等部门 (and other departments) closing a list of names. */
const AND_OTHERS = /等部门$/u;

/** Where a duty line's department label ends: the first ：, :, ∶ or 。, or the verb 负责. */
function labelEnd(text: string): number {
  for (let i = 0; i < text.length && i < 64; i++) {
    const ch = text[i];
    if (ch === '：' || ch === ':' || ch === '∶' || ch === '。') return i;
    if (ch === '负' && text[i + 1] === '责') return i;
    if (ch === '，' || ch === '；' || ch === '（' || ch === '(') return -1;
  }
  return -1;
}

/**
 * The departments a duty line starts with (`区发改委:建立…`, `公安局：负责…`,
 * `区农业农村局负责…`), when every name before the separator is a known department.
 */
export function dutyDepartments(text: string, where?: Where): string[] {
  const end = labelEnd(text);
  if (end < 2) return [];
  const resolved: string[] = [];
  for (const name of text.slice(0, end).trim().replace(AND_OTHERS, '').split('、')) {
    const full = normalizeDepartment(name, where);
    if (!full) return []; // one unknown name: not a duty line, no need to read the rest
    resolved.push(full);
  }
  return [...new Set(resolved)];
}

/** Departments in a heading's trailing parenthesis: （一）办公室（区政府办公室、住房和城乡建设局）. */
export function headingDepartments(heading: string, where?: Where): string[] {
  const m = /[（(]([^（）()]+)[)）]$/u.exec(heading);
  if (!m) return [];
  const known = readDepartmentList(m[1]!, where).filter((name) => normalizeDepartment(name, where) === name);
  return known;
}
