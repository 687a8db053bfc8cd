import {
  HIGHER_THAN_ALL,
  type Jurisdiction,
  LEVELS,
  type Level,
  type Profile,
  STANDARD_DEPARTMENTS,
  type StandardDepartment,
  PROFILES,
  levelOfPrefix,
  profileNamed,
} from './jurisdiction-data.js';
import { levelAtEnd, placeSuffixes } from './place-names.js';

/** Suffixes that end the name of an organisation (区交通局, 区委宣传部, 海门消防救援大队 …). */
export const ORG_SUFFIX =
  /(?:局|委|办|中心|部|院|大队|支队|支行|分行|公司|集团|总社|联|会|所|站|处|室|厅|署|办公室|管理部|办事处)$/u;

/** The department names of one jurisdiction, or of none: what resolving a name needs. */
export interface DepartmentNames {
  /** The prefix of its departments (区); null without a level. */
  prefix: string | null;
  /** Every alias and full name, with and without the prefix, to its full name. */
  aliases: ReadonlyMap<string, string>;
  /** Length of the longest alias: longer text is no alias. */
  longest: number;
  /** Aliases of three characters or more that end like an organisation, longest first, for running text. */
  textPattern: RegExp;
  /** Words that name a higher level of government in a clause (市, 省 … for a 区); null when none is higher. */
  higher: RegExp | null;
  /** How far before a name `higher` may start to end after it: its longest word, less one. */
  higherReach: number;
  /** An alias starting with one of these names the jurisdiction itself (区…, 海门…). */
  ownPrefixes: readonly string[];
  /** Names of the place that a department's name may start with (南通市海门区, 海门区), longest first. */
  places: readonly string[];
  territories: ReadonlySet<string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The full name of a standard department at a level (县住房和城乡建设局, 省住房和城乡建设厅, 县委组织部); the bare standard name without one. */
export function fullName(entry: StandardDepartment, level: Level | undefined): string {
  if (!level) return entry.name;
  const form = (level.form && entry[level.form]) || entry.name;
  return `${level.prefix}${entry.party ? '委' : ''}${form}`;
}

/** The names a standard department is printed with, prefix aside (组织部, 委组织部, 住建, 住房和城乡建设厅 …). */
function printedForms(entry: StandardDepartment): string[] {
  const forms = [entry.name, ...entry.aliases];
  if (entry.provincial) forms.push(entry.provincial);
  if (entry.city) forms.push(entry.city);
  return entry.party ? forms.flatMap((form) => [form, `委${form}`]) : forms;
}

/** Standard departments by every printed form, without a level: for names printed with another level's prefix. */
const STANDARD_BY_FORM = new Map<string, StandardDepartment>();
for (const entry of STANDARD_DEPARTMENTS)
  for (const form of printedForms(entry)) if (!STANDARD_BY_FORM.has(form)) STANDARD_BY_FORM.set(form, entry);

/** The standard department printed as `form` (住建局 → 住房和城乡建设局), if it is one. */
export function standardDepartment(form: string): StandardDepartment | undefined {
  return STANDARD_BY_FORM.get(form);
}

function buildTable(profile: Profile | undefined, level: Level | undefined): Omit<DepartmentNames, 'places'> {
  const prefix = level?.prefix ?? null;
  const aliases = new Map<string, string>();
  const add = (alias: string, name: string): void => {
    const toggled =
      prefix === null ? alias : alias.startsWith(prefix) ? alias.slice(prefix.length) : `${prefix}${alias}`;
    for (const form of [alias, toggled]) if (form.length >= 2 && !aliases.has(form)) aliases.set(form, name);
  };
  const replaced = new Map<string, string>();
  for (const department of profile?.departments ?? []) {
    for (const alias of [department.name, ...(department.aliases ?? [])]) add(alias, department.name);
    for (const standard of department.replaces ?? []) replaced.set(standard, department.name);
  }
  for (const entry of STANDARD_DEPARTMENTS) {
    const name = replaced.get(entry.name) ?? fullName(entry, level);
    add(name, name);
    for (const form of printedForms(entry)) add(form, name);
  }
  const textNames = [...aliases.keys()]
    .filter((alias) => alias.length >= 3 && ORG_SUFFIX.test(alias))
    .sort((a, b) => b.length - a.length);
  const higherWords = level
    ? [...LEVELS.filter((l) => l.rank > level.rank).flatMap((l) => [l.word, l.prefix]), ...HIGHER_THAN_ALL]
    : [];
  const unique = [...new Set(higherWords)].sort((a, b) => b.length - a.length);
  return {
    prefix,
    aliases,
    longest: Math.max(...[...aliases.keys()].map((alias) => alias.length)),
    textPattern: new RegExp(textNames.map(escapeRegExp).join('|'), 'gu'),
    higher: unique.length > 0 ? new RegExp(unique.map(escapeRegExp).join('|'), 'u') : null,
    higherReach: Math.max(0, ...unique.map((word) => word.length - 1)),
    ownPrefixes: prefix === null ? [] : [prefix, ...(profile?.names ?? [])],
    territories: new Set(profile?.territories ?? []),
  };
}

// Derived from the data only, and the same for every file: built once per profile or level,
// and once per place for the names the place goes by.
const tables = new Map<string, Omit<DepartmentNames, 'places'>>();
const byPlace = new Map<string, DepartmentNames>();

/**
 * The department names of a jurisdiction: its profile's deviations first, then the standard
 * names at its level (区住房和城乡建设局 for a 区). Without a jurisdiction, or one without a
 * level, the standard names without a prefix.
 */
export function departmentNames(where: Jurisdiction | null): DepartmentNames {
  const key = where ? `${where.name}|${where.level ?? ''}` : '';
  let names = byPlace.get(key);
  if (names) return names;
  const profile = where ? profileNamed(where.name) : undefined;
  const level = where?.level ? levelOfPrefix(where.level) : undefined;
  const tableKey = profile ? `profile:${profile.id}` : `level:${level?.prefix ?? ''}`;
  let table = tables.get(tableKey);
  if (!table) {
    table = buildTable(profile, level);
    tables.set(tableKey, table);
  }
  const places =
    where && level
      ? [...new Set([...placeSuffixes(where.name), ...(profile?.names ?? []).filter((n) => levelAtEnd(n))])]
      : [];
  names = { ...table, places: places.filter(Boolean).sort((a, b) => b.length - a.length) };
  byPlace.set(key, names);
  return names;
}

/** Whether a name is a standard department's, in any printed form (市场监督管理局, 教育厅, 住建局). */
export function isStandardName(name: string): boolean {
  return STANDARD_BY_FORM.has(name);
}

/** A department's full name in one jurisdiction, with the forms printed for it and its sub-units. */
export interface GlossaryEntry {
  name: string;
  /** Short forms and other names, as the data lists them (without added or removed prefixes). */
  aliases: string[];
  /** Sub-units printed in parentheses after it. */
  units: string[];
}

/** The departments of one jurisdiction the data knows (a profile's), or the standard ones without a level. */
export interface Glossary {
  /** The place, or null for the standard names without a level. */
  jurisdiction: string | null;
  /** The prefix of its departments (区), if any. */
  prefix: string | null;
  departments: GlossaryEntry[];
  /** Document-number prefixes with their issuers. */
  issuers: Record<string, string>;
}

/** The forms the data lists for a standard department: at a level, the ones that level uses; without one, all. */
function listedForms(entry: StandardDepartment, level?: Level): string[] {
  const forms = level ? [level.form ? entry[level.form] : undefined] : [entry.provincial, entry.city];
  return [entry.name, ...entry.aliases, ...forms.filter((form): form is string => Boolean(form))];
}

function profileGlossary(profile: Profile): Glossary {
  const level = profile.level ? levelOfPrefix(profile.level) : undefined;
  const entries = new Map<string, GlossaryEntry>();
  const entry = (name: string): GlossaryEntry => {
    let found = entries.get(name);
    if (!found) {
      found = { name, aliases: [], units: profile.units[name] ?? [] };
      entries.set(name, found);
    }
    return found;
  };
  const replaced = new Map<string, string>();
  for (const department of profile.departments) {
    entry(department.name).aliases.push(...(department.aliases ?? []));
    for (const standard of department.replaces ?? []) replaced.set(standard, department.name);
  }
  for (const standard of STANDARD_DEPARTMENTS) {
    const name = replaced.get(standard.name) ?? fullName(standard, level);
    entry(name).aliases.push(...listedForms(standard, level).filter((form) => form !== name));
  }
  for (const found of entries.values()) found.aliases = [...new Set(found.aliases)];
  return {
    jurisdiction: profile.name,
    prefix: profile.level,
    departments: [...entries.values()],
    issuers: profile.docPrefixes,
  };
}

/**
 * The department names of every jurisdiction the data knows: each profile's departments (its
 * deviations and the standard ones at its level, with their short forms and sub-units), then
 * the standard names without a level. For the search dictionary and its synonyms.
 */
export function departmentGlossaries(): Glossary[] {
  const standard: Glossary = {
    jurisdiction: null,
    prefix: null,
    departments: STANDARD_DEPARTMENTS.map((entry) => ({
      name: entry.name,
      aliases: listedForms(entry).slice(1),
      units: [],
    })),
    issuers: {},
  };
  return [...PROFILES.map(profileGlossary), standard];
}
