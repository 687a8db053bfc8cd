import data from '../data/departments.json' with { type: 'json' };
import { execAll } from './exec-all.js';

/** Suffixes that end the name of an organisation (区交通局, 区委宣传部, 海门消防救援大队 …). */
const ORG_SUFFIX = /(?:局|委|办|中心|部|院|大队|支队|支行|分行|公司|集团|总社|联|会|所|站|处|室|厅|署|办公室|管理部|办事处)$/u;
/** Words around a department in a responsibility list that are not part of its name. */
const LIST_NOISE = /^(?:由|会同|配合|协助)|(?:等部门和属地区镇|和属地区镇|等部门|等单位|等|按职责分工负责|按职责分工牵头|分工负责|负责|牵头|配合|参与|为主|按职责)$/gu;

const aliasToName = new Map<string, string>();
const territories = new Set<string>(data.territories);

for (const { name, aliases } of data.departments as Array<{ name: string; aliases: string[] }>) {
  for (const alias of [name, ...aliases]) {
    for (const form of [alias, alias.startsWith('区') ? alias.slice(1) : `区${alias}`]) {
      if (form.length >= 2 && !aliasToName.has(form)) aliasToName.set(form, name);
    }
  }
}

const LONGEST_ALIAS = Math.max(...[...aliasToName.keys()].map((alias) => alias.length));

/** Every alias and full name, longest first, for finding departments in running text. */
const TEXT_NAMES = [...aliasToName.keys()]
  .filter((alias) => alias.length >= 3 && ORG_SUFFIX.test(alias))
  .sort((a, b) => b.length - a.length);
const TEXT_PATTERN = new RegExp(TEXT_NAMES.map(escapeRegExp).join('|'), 'gu');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SPACES = /[\s\u3000]/g;
const TRAILING_PARENTHESIS = /[（(][^（）()]*[)）]$/u;
const HAIMEN_PREFIX = /^(?:南通市)?海门区/u;

/**
 * The full name of a department written in any short form (住建 → 区住房和城乡建设局,
 * 区交通局 → 区交通运输局, 南通市海门区水利局 → 区水利局), or null when it is not in the
 * alias data. A sub-unit in parentheses is ignored (区城市管理局（综合行政执法局）).
 */
export function normalizeDepartment(raw: string): string | null {
  const name = raw.replace(SPACES, '').replace(TRAILING_PARENTHESIS, '');
  if (!name) return null;
  const direct = aliasOf(name);
  if (direct) return direct;
  const local = name.replace(HAIMEN_PREFIX, '区');
  return local === name ? null : aliasOf(local) ?? null;
}

/** The full name for an alias; longer text is no alias, and is not hashed to find that out. */
function aliasOf(text: string): string | undefined {
  return text.length <= LONGEST_ALIAS ? aliasToName.get(text) : undefined;
}

/** Whether a name is a town, street or zone (各区镇, 海门街道 …) rather than a department. */
export function isTerritory(name: string): boolean {
  return territories.has(name) || /^各/u.test(name) || /(?:镇|街道|新区|园区|开发区)$/u.test(name);
}

/** Whether a name ends like an organisation (局, 委, 中心, 公司 …). */
export function looksLikeOrganisation(name: string): boolean {
  return name.length >= 3 && ORG_SUFFIX.test(name);
}

const OPENING = new Set(Array.from('（(〔[【《<〈', (c) => c.charCodeAt(0)));
const CLOSING = new Set(Array.from('）)〕]】》>〉', (c) => c.charCodeAt(0)));

/** The codes of a string of separators, kept: callers pass the same few strings again and again. */
const separatorSets = new Map<string, Set<number>>();

function separatorSet(separators: string): Set<number> {
  let set = separatorSets.get(separators);
  if (!set) separatorSets.set(separators, (set = new Set(Array.from(separators, (c) => c.charCodeAt(0)))));
  return set;
}

/**
 * Splits `text` on the given separators (characters of the Basic Multilingual Plane), but
 * never inside brackets.
 */
export function splitOutsideBrackets(text: string, separators: string): string[] {
  const splitAt = separatorSet(separators);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  // By UTF-16 unit, slicing between separators: brackets and separators are one unit each.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (OPENING.has(code)) depth++;
    else if (CLOSING.has(code)) depth = Math.max(0, depth - 1);
    if (depth === 0 && splitAt.has(code)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Reads a list of departments as printed in a responsibility tag (`区交通局、住建局`,
 * `住建、市监、交通、公安等部门，各区镇`): splits it outside brackets, lets a 区 prefix on
 * the first item distribute to the rest, folds every item to its full name, drops
 * territorial units and duplicates.
 * @returns full names in order of first appearance; unknown organisations as printed
 */
export function readDepartmentList(text: string): string[] {
  // Not split on 和: it is part of names (区住房和城乡建设局).
  const items = splitOutsideBrackets(text, '、，,；;').map((item) => item.replace(LIST_NOISE, '').trim());
  const distributeQu = items.find((item) => item && !isTerritory(item))?.startsWith('区') ?? false;
  const found: string[] = [];
  for (const item of items) {
    if (!item || isTerritory(item)) continue;
    const name =
      normalizeDepartment(item) ??
      (distributeQu && !item.startsWith('区') ? normalizeDepartment(`区${item}`) : null) ??
      (looksLikeOrganisation(item) && item.length <= 24 ? item : null);
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

/** A higher level of government: 南通市委副书记、宣传部部长 names the city's 宣传部, not the district's. */
const HIGHER_LEVEL = /[市省]|国家|中央|国务院/u;
/** ，。；: where a clause of running text ends. */
const CLAUSE_ENDS = new Set([0xff0c, 0x3002, 0xff1b]);

/**
 * Full names of the district departments named in running text (only names of three
 * characters or more). A short form such as 宣传部 counts only when nothing in its clause
 * (up to the previous ，。；) names a higher level of government; a name that says 区 or 海门
 * always counts.
 */
export function departmentsInText(text: string): string[] {
  const found: string[] = [];
  // The clause of each name and whether it names a higher level before the name are carried
  // forward from name to name, so that a long text (a whole table) is read once, not once per name.
  let scanned = 0;
  let clauseStart = 0;
  let searchedTo = 0;
  let higher = false;
  for (const m of execAll(TEXT_PATTERN, text)) {
    for (; scanned < m.index; scanned++) {
      if (CLAUSE_ENDS.has(text.charCodeAt(scanned))) {
        clauseStart = scanned + 1;
        searchedTo = clauseStart;
        higher = false;
      }
    }
    const explicit = m[0].startsWith('区') || m[0].startsWith('海门');
    if (!explicit) {
      // Nothing lies wholly before searchedTo; a mention ending after it starts at most two
      // characters before it (国务院 is the longest).
      if (!higher) higher = HIGHER_LEVEL.test(text.slice(Math.max(clauseStart, searchedTo - 2), m.index));
      searchedTo = m.index;
      if (higher) continue;
    }
    const name = aliasToName.get(m[0])!;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

/** The title at the end of a post (副局长, 主任, 教导员 …), after which only the organisation remains. */
const POST_TITLE =
  /(?:常务)?(?:副)?(?:政教处主任|教务处主任|局长助理|局长|主任|院长|校长|所长|政委|教导员|董事长|总经理|经理|处长|科长|部长|书记|社长|站长|馆长|行长|主席|秘书长|总工程师|总审计师|检察长|庭长|大队长|队长|镇长|区长|县长|市长|主任科员|科员)$/u;

/**
 * The department a post belongs to (区公安局副局长 → 区公安局, 南通市海门区水利局局长 →
 * 区水利局, 区公安局海防大队教导员 → 区公安局): the organisation left when the title is cut
 * off, folded to its full name, or its longest leading part that names a known department,
 * or else the organisation as printed. Null for a post with no recognisable title.
 */
export function departmentOfPost(post: string): string | null {
  const first = post.split('、')[0]!.replace(TRAILING_PARENTHESIS, '');
  const org = first.replace(POST_TITLE, '');
  if (org === first || org.length < 2) return null;
  const known = normalizeDepartment(org);
  if (known) return known;
  for (let end = org.length - 1; end >= 2; end--) {
    const head = org.slice(0, end);
    const name = ORG_SUFFIX.test(head) ? normalizeDepartment(head) : null;
    if (name) return name;
  }
  return isTerritory(org) ? null : org;
}
