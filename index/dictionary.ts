import departmentData from '../parsers/data/departments.json' with { type: 'json' };
import issuerData from '../parsers/data/issuers.json' with { type: 'json' };
import peopleData from '../parsers/data/people.json' with { type: 'json' };
import termData from './data/terms.json' with { type: 'json' };

/** A department's full name and the short forms printed for it (departments.json). */
interface DepartmentEntry {
  name: string;
  aliases: string[];
  units?: string[];
}

const departments = departmentData.departments as DepartmentEntry[];

/**
 * The domain dictionary, built only from data files: department names with their aliases and
 * sub-units, issuers, officials' names and titles from the gazetteer, and seed policy terms.
 * Words are unique, sorted, and at least two characters long. Because it depends on nothing but
 * the data, every worker and every query segments alike, and the same bytes always give the
 * same tokens.
 */
export const DOMAIN_WORDS: readonly string[] = buildWords();

function buildWords(): string[] {
  const words = new Set<string>();
  for (const { name, aliases, units } of departments) {
    for (const word of [name, ...aliases, ...(units ?? [])]) {
      words.add(word);
      if (word.startsWith('区') && word.length > 2) words.add(word.slice(1));
    }
  }
  for (const [prefix, issuer] of Object.entries(issuerData.issuers)) words.add(prefix).add(issuer);
  for (const name of peopleData.gazetteer) words.add(name);
  for (const role of peopleData.roles) words.add(role);
  for (const term of termData.terms) words.add(term);
  return [...words].filter((word) => [...word].length >= 2).sort();
}

/**
 * Department aliases as Meilisearch synonyms: each short form (住建, 区住建局) finds its full
 * name (区住房和城乡建设局). One-way, so a full name does not match every other department's
 * abbreviation.
 */
export const DEPARTMENT_SYNONYMS: Readonly<Record<string, string[]>> = buildSynonyms();

function buildSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const { name, aliases } of departments) {
    for (const alias of aliases) if (alias !== name) (synonyms[alias] ??= []).push(name);
  }
  return synonyms;
}
