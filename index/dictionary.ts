import { departmentGlossaries } from '../parsers/index.js';
import peopleData from '../parsers/data/people.json' with { type: 'json' };
import termData from './data/terms.json' with { type: 'json' };

/** Department names of every jurisdiction profile, then the standard ones without a level (parsers/data). */
const glossaries = departmentGlossaries();

/**
 * The domain dictionary, built only from data files: department names with their aliases and
 * sub-units (the standard names of every local government, and each jurisdiction profile's
 * names at its level), the profiles' issuers and document-number prefixes, officials' names and
 * titles from the gazetteer, and seed policy terms. Words are unique, sorted, and at least two
 * characters long. Because it depends on nothing but the data, every worker and every query
 * segments alike, and the same bytes always give the same tokens.
 */
export const DOMAIN_WORDS: readonly string[] = buildWords();

function buildWords(): string[] {
  const words = new Set<string>();
  for (const { prefix, departments, issuers } of glossaries) {
    for (const { name, aliases, units } of departments) {
      for (const word of [name, ...aliases, ...units]) {
        words.add(word);
        // The name without its level prefix too (区住房和城乡建设局 → 住房和城乡建设局).
        if (prefix && word.startsWith(prefix) && word.length > prefix.length + 1) words.add(word.slice(prefix.length));
      }
    }
    for (const [docPrefix, issuer] of Object.entries(issuers)) words.add(docPrefix).add(issuer);
  }
  for (const role of peopleData.roles) words.add(role);
  for (const term of termData.terms) words.add(term);
  return [...words].filter((word) => [...word].length >= 2).sort();
}

/**
 * Department aliases as Meilisearch synonyms: each short form (住建, 区住建局) finds its full
 * names (区住房和城乡建设局 in 南通市海门区, and the standard 住房和城乡建设局 that every
 * government's full name holds as a token). One-way, so a full name does not match every other
 * department's abbreviation.
 */
export const DEPARTMENT_SYNONYMS: Readonly<Record<string, string[]>> = buildSynonyms();

function buildSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const { departments } of glossaries) {
    for (const { name, aliases } of departments) {
      for (const alias of aliases) {
        const names = synonyms[alias] ?? [];
        synonyms[alias] = names;
        if (alias !== name && !names.includes(name)) names.push(name);
      }
    }
  }
  for (const [alias, names] of Object.entries(synonyms)) if (names.length === 0) delete synonyms[alias];
  return synonyms;
}
