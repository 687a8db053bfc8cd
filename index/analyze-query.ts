import { type DocNumber, parseDocNumberQuery } from '../parsers/index.js';
import { type Correction, correctMisspellings } from './misspellings.js';
import { segmentQuery } from './segmenter.js';
import { toSimplified } from './to-simplified.js';

/** Meilisearch reads at most 10 words of a query; we send fewer per request, with a margin. */
export const TERMS_PER_REQUEST = 8;

// Words that carry nothing in a query: searching for them only costs term slots.
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '是',
  '对',
  '把',
  '被',
  '为',
  '等',
  '之',
  '其',
  '中',
  '关于',
  '有关',
  '进行',
]);

/** What a user typed, read for search. */
export interface AnalyzedQuery {
  /** The query in simplified characters, full-width forms folded (NFKC). */
  text: string;
  /** The document number the whole query spells, in any of its spellings, or null. */
  docNumber: DocNumber | null;
  /** Quoted phrases, kept whole. */
  phrases: string[];
  /** The other words, segmented with the domain dictionary, without stop words. */
  terms: string[];
  /** Misspellings outside quotes, searched in their standard form (quoted phrases are searched as typed). */
  corrections: Correction[];
  /** What was typed between spaces and punctuation, outside quotes (corrected, without stop words): the words as the user wrote them. */
  chunks: string[];
}

/**
 * Reads a query: traditional → simplified, full-width → half-width, a document number
 * recognised in any spelling, quoted phrases kept, common misspellings outside them corrected,
 * the rest segmented like the index.
 */
export function analyzeQuery(raw: string): AnalyzedQuery {
  const text = toSimplified(raw.normalize('NFKC'))
    .replace(/[“”„‟＂]/g, '"')
    .trim();
  const phrases: string[] = [];
  const rest = text.replace(/"([^"]*)"/g, (_, phrase: string) => {
    if (phrase.trim()) phrases.push(phrase.trim());
    return ' ';
  });
  const { text: corrected, corrections } = correctMisspellings(rest);
  const terms = segmentQuery(corrected).filter((term) => !STOP_WORDS.has(term));
  const chunks = corrected.split(/[\s\p{P}\p{S}]+/u).filter((chunk) => chunk && !STOP_WORDS.has(chunk));
  return {
    text,
    docNumber: parseDocNumberQuery(text),
    phrases,
    terms: [...new Set(terms)],
    corrections,
    chunks: [...new Set(chunks)],
  };
}

/**
 * The query strings to send: one when the query fits in Meilisearch's 10 words, else the terms
 * in consecutive groups (each phrase counts as one word and goes with every group), so that no
 * word of a long query is dropped. An empty query gives one empty string (browse by filters).
 */
export function queryStrings(query: AnalyzedQuery): string[] {
  const quoted = query.phrases.map((phrase) => `"${phrase}"`);
  const room = Math.max(1, TERMS_PER_REQUEST - quoted.length);
  if (query.terms.length <= room) return [[...quoted, ...query.terms].join(' ')];
  const groups: string[] = [];
  for (let i = 0; i < query.terms.length; i += room)
    groups.push([...quoted, ...query.terms.slice(i, i + room)].join(' '));
  return groups;
}
