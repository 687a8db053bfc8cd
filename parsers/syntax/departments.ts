import data from '../data/departments.json' with { type: 'json' };

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

/** Every alias and full name, longest first, for finding departments in running text. */
const TEXT_NAMES = [...aliasToName.keys()]
  .filter((alias) => alias.length >= 3 && ORG_SUFFIX.test(alias))
  .sort((a, b) => b.length - a.length);
const TEXT_PATTERN = new RegExp(TEXT_NAMES.map(escapeRegExp).join('|'), 'gu');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The full name of a department written in any short form (住建 → 区住房和城乡建设局,
 * 区交通局 → 区交通运输局, 南通市海门区水利局 → 区水利局), or null when it is not in the
 * alias data. A sub-unit in parentheses is ignored (区城市管理局（综合行政执法局）).
 */
export function normalizeDepartment(raw: string): string | null {
  const name = raw.replace(/[\s\u3000]/g, '').replace(/[（(][^（）()]*[)）]$/u, '');
  if (!name) return null;
  const direct = aliasToName.get(name);
  if (direct) return direct;
  const local = name.replace(/^(?:南通市)?海门区/u, '区');
  return aliasToName.get(local) ?? null;
}

/** Whether a name is a town, street or zone (各区镇, 海门街道 …) rather than a department. */
export function isTerritory(name: string): boolean {
  return territories.has(name) || /^各/u.test(name) || /(?:镇|街道|新区|园区|开发区)$/u.test(name);
}

/** Whether a name ends like an organisation (局, 委, 中心, 公司 …). */
export function looksLikeOrganisation(name: string): boolean {
  return name.length >= 3 && ORG_SUFFIX.test(name);
}

/** Splits `text` on the given separators, but never inside brackets. */
export function splitOutsideBrackets(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('（(〔[【《<〈'.includes(ch)) depth++;
    else if ('）)〕]】》>〉'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
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

/** Full names of the departments named in running text (only names of three characters or more). */
export function departmentsInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(TEXT_PATTERN)) {
    const name = aliasToName.get(m[0])!;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

/**
 * The department a post belongs to: the longest leading part of the post that names a known
 * department (区公安局海防大队教导员 → 区公安局), else the organisation as printed.
 */
export function departmentOfPost(post: string): string | null {
  let printed: string | null = null;
  for (let end = post.length - 1; end >= 2; end--) {
    const head = post.slice(0, end);
    if (!ORG_SUFFIX.test(head)) continue;
    const known = normalizeDepartment(head);
    if (known) return known;
    printed ??= head;
  }
  return printed && !isTerritory(printed) ? printed.replace(/^(?:南通市)?海门区/u, '区') : null;
}
