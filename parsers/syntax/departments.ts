import { type DepartmentNames, ORG_SUFFIX, departmentNames, fullName, standardDepartment } from './department-names.js';
import { execAll } from './exec-all.js';
import { LEVELS, PROFILES, type Jurisdiction } from './jurisdiction-data.js';
import { jurisdictionNamed } from './place-names.js';

/** Words around a department in a responsibility list that are not part of its name. */
const LIST_NOISE =
  /^(?:由|会同|配合|协助)|(?:等部门和属地区镇|和属地区镇|等部门和属地乡镇|和属地乡镇|等部门|等单位|等|按职责分工负责|按职责分工牵头|分工负责|负责|牵头|配合|参与|为主|按职责)$/gu;

const SPACES = /[\s\u3000]/g;
const TRAILING_PARENTHESIS = /[（(][^（）()]*[)）]$/u;

/** Where departments are resolved: a jurisdiction, the name of one (as records give it), or none. */
export type Where = Jurisdiction | string | null | undefined;

function namesOf(where: Where): DepartmentNames {
  return departmentNames(typeof where === 'string' ? jurisdictionNamed(where) : (where ?? null));
}

/**
 * The full name of a department written in any short form, relative to the jurisdiction of
 * the document that prints it: in 南通市海门区, 住建 → 区住房和城乡建设局, 区交通局 → 区交通运输局,
 * 南通市海门区水利局 → 区水利局, 人行海门支行 → 中国人民银行海门支行; in 青山县, 住建局 and 青山县住建局 →
 * 县住房和城乡建设局; in 河北省, 住建 → 省住房和城乡建设厅. Without a jurisdiction (or one with no
 * level), a short form folds to the standard name, with the level it is printed with (住建 →
 * 住房和城乡建设局, 县交通局 → 县交通运输局). A sub-unit in parentheses is ignored
 * (区城市管理局（综合行政执法局）).
 * @returns the full name, or null when the name is no known department of the jurisdiction
 *   (another level's, such as 省金融监管局 in a 区, or unknown)
 */
export function normalizeDepartment(raw: string, where?: Where): string | null {
  return resolve(raw, namesOf(where));
}

function resolve(raw: string, names: DepartmentNames): string | null {
  const name = raw.replace(SPACES, '').replace(TRAILING_PARENTHESIS, '');
  if (!name) return null;
  const direct = aliasOf(name, names) ?? government(name, names.prefix);
  if (direct) return direct;
  for (const place of names.places) {
    if (name.length > place.length && name.startsWith(place)) {
      const local = `${names.prefix}${name.slice(place.length)}`;
      return aliasOf(local, names) ?? government(local, names.prefix);
    }
  }
  return names.prefix === null ? levelled(name) : null;
}

const GOVERNMENT = /^(?:人民)?政府$/u;

/**
 * The government itself named as a department (区政府, 区人民政府, 南通市海门区人民政府 once
 * its place is taken off) has one name, `${prefix}人民政府`, like its departments (区公安局).
 * Only as a whole name: in running text 区政府 is mostly not a responsible body (经区政府同意).
 */
function government(name: string, prefix: string | null): string | null {
  if (prefix === null) return null;
  const bare = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return GOVERNMENT.test(bare) ? `${prefix}人民政府` : null;
}

/** The full name for an alias; longer text is no alias, and is not hashed to find that out. */
function aliasOf(text: string, names: DepartmentNames): string | undefined {
  return text.length <= names.longest ? names.aliases.get(text) : undefined;
}

/** A standard department printed with a level's prefix (县交通局 → 县交通运输局, 省住建厅 → 省住房和城乡建设厅). */
function levelled(name: string): string | null {
  for (const level of LEVELS) {
    for (const word of new Set([level.word, level.prefix])) {
      if (name.length <= word.length || !name.startsWith(word)) continue;
      const entry = standardDepartment(name.slice(word.length));
      if (entry) return fullName(entry, level);
    }
  }
  return null;
}

/** Every jurisdiction the data can name: each profile, each level with no place, and none. */
const EVERYWHERE: ReadonlyArray<Jurisdiction | null> = [
  ...PROFILES.map((profile): Jurisdiction => ({ name: profile.name, level: profile.level })),
  ...[...new Set(LEVELS.map((level) => level.prefix))].map((level): Jurisdiction => ({ name: '', level })),
  null,
];

/**
 * Every full name a department written in any form has in the jurisdictions the data knows:
 * each profile's, each level's, and the standard name without a level (住建 →
 * 区住房和城乡建设局, 住房和城乡建设部, 省住房和城乡建设厅 … 县住房和城乡建设局 …, 住房和城乡建设局;
 * 县住房和城乡建设局 → itself). For a search that names no jurisdiction.
 * @returns unique full names, profiles' first; the name as given when none knows it
 */
export function departmentEverywhere(raw: string): string[] {
  const found = new Set<string>();
  for (const where of EVERYWHERE) {
    const name = resolve(raw, namesOf(where));
    if (name) found.add(name);
  }
  return found.size > 0 ? [...found] : [raw.replace(SPACES, '')];
}

/** The level prefix `text` ends with, when it names a level just before a department (河北省教育厅). */
function levelBefore(text: string, at: number): string | null {
  for (const level of LEVELS) if (text.startsWith(level.word, at - level.word.length)) return level.word;
  return null;
}

/** Whether a name is a town, street or zone (各区镇, the jurisdiction's towns …) rather than a department. */
export function isTerritory(name: string, where?: Where): boolean {
  return namesOf(where).territories.has(name) || /^各/u.test(name) || /(?:乡|镇|街道|新区|园区|开发区)$/u.test(name);
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
  if (!set) {
    set = new Set(Array.from(separators, (c) => c.charCodeAt(0)));
    separatorSets.set(separators, set);
  }
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
 * `住建、市监、交通、公安等部门，各区镇`): splits it outside brackets, lets the level prefix
 * on the first item (区, 县 …) distribute to the rest, folds every item to its full name
 * relative to the jurisdiction, drops territorial units and duplicates.
 * @returns full names in order of first appearance; unknown organisations as printed
 */
export function readDepartmentList(text: string, where?: Where): string[] {
  const names = namesOf(where);
  // Not split on 和: it is part of names (区住房和城乡建设局).
  const items = splitOutsideBrackets(text, '、，,；;').map((item) => item.replace(LIST_NOISE, '').trim());
  const lead = items.find((item) => item && !isTerritory(item, where));
  const distribute = lead ? distributedPrefix(lead, names) : null;
  const found: string[] = [];
  for (const item of items) {
    if (!item || isTerritory(item, where)) continue;
    const name =
      (distribute && !item.startsWith(distribute) ? resolve(`${distribute}${item}`, names) : null) ??
      resolve(item, names) ??
      (looksLikeOrganisation(item) && item.length <= 24 ? item : null);
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

/** The level prefix the first item of a list carries to the rest: the jurisdiction's own, or without one any level's. */
function distributedPrefix(lead: string, names: DepartmentNames): string | null {
  if (names.prefix !== null) return lead.startsWith(names.prefix) ? names.prefix : null;
  return (
    LEVELS.find((level) => lead.length > level.word.length && lead.startsWith(level.word) && levelled(lead))?.word ??
    null
  );
}

/** ，。；: where a clause of running text ends. */
const CLAUSE_ENDS = new Set([0xff0c, 0x3002, 0xff1b]);

/**
 * Full names of the jurisdiction's departments named in running text (only names of three
 * characters or more). A short form such as 宣传部 counts only when nothing in its clause
 * (up to the previous ，。；) names a higher level of government (市, 省 in a 区 or 县 document:
 * 南通市委副书记、宣传部部长 names the city's 宣传部, not the district's); a name that says its
 * level or its place (区…, 海门…) always counts. Without a level, a name takes the level word
 * printed just before it (河北省教育厅 → 省教育厅), else it keeps the standard name.
 */
export function departmentsInText(text: string, where?: Where): string[] {
  const names = namesOf(where);
  const found: string[] = [];
  // The clause of each name and whether it names a higher level before the name are carried
  // forward from name to name, so that a long text (a whole table) is read once, not once per name.
  let scanned = 0;
  let clauseStart = 0;
  let searchedTo = 0;
  let higher = false;
  for (const m of execAll(names.textPattern, text)) {
    for (; scanned < m.index; scanned++) {
      if (CLAUSE_ENDS.has(text.charCodeAt(scanned))) {
        clauseStart = scanned + 1;
        searchedTo = clauseStart;
        higher = false;
      }
    }
    const explicit = names.ownPrefixes.some((prefix) => m[0].startsWith(prefix));
    if (!explicit && names.higher) {
      // Nothing lies wholly before searchedTo; a mention ending after it starts at most
      // higherReach characters before it.
      if (!higher)
        higher = names.higher.test(text.slice(Math.max(clauseStart, searchedTo - names.higherReach), m.index));
      searchedTo = m.index;
      if (higher) continue;
    }
    const level = names.prefix === null ? levelBefore(text, m.index) : null;
    const name = (level ? levelled(`${level}${m[0]}`) : null) ?? names.aliases.get(m[0])!;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

/** The title at the end of a post (副局长, 主任, 教导员 …), after which only the organisation remains. */
const POST_TITLE =
  /(?:常务)?(?:副)?(?:政教处主任|教务处主任|局长助理|局长|厅长|主任|院长|校长|所长|政委|教导员|董事长|总经理|经理|处长|科长|部长|书记|社长|站长|馆长|行长|主席|秘书长|总工程师|总审计师|检察长|庭长|大队长|队长|乡长|镇长|区长|县长|市长|主任科员|科员)$/u;

/**
 * The department a post belongs to, relative to the jurisdiction (in 南通市海门区: 区公安局副局长
 * → 区公安局, 南通市海门区水利局局长 → 区水利局, 区公安局海防大队教导员 → 区公安局): the
 * organisation left when the title is cut off, folded to its full name, or its longest leading
 * part that names a known department, or else the organisation as printed. Null for a post
 * with no recognisable title.
 */
export function departmentOfPost(post: string, where?: Where): string | null {
  const names = namesOf(where);
  const first = post.split('、')[0]!.replace(TRAILING_PARENTHESIS, '');
  const org = first.replace(POST_TITLE, '');
  if (org === first || org.length < 2) return null;
  const known = resolve(org, names);
  if (known) return known;
  for (let end = org.length - 1; end >= 2; end--) {
    const head = org.slice(0, end);
    const name = ORG_SUFFIX.test(head) ? resolve(head, names) : null;
    if (name) return name;
  }
  return isTerritory(org, where) ? null : org;
}
