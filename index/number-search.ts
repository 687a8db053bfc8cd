import type { SearchParams, SearchResponse } from 'meilisearch';
import type { DocNumber } from '../parsers/index.js';
import type { SearchDocument } from './documents.js';
import { equals } from './filter.js';

/** How many near numbers a number that matches nothing is answered with. */
const SUGGESTIONS = 5;

/**
 * The existing document numbers nearest to one that matches nothing (海政办〔2022〕14号 →
 * 海政办发〔2022〕14号): numbers of notices of the same year or prefix, and numbers that records
 * cite, ranked by edit distance over their normalised spelling, the close ones only.
 */
export async function nearestNumbers(
  search: (q: string, query: SearchParams) => Promise<SearchResponse<SearchDocument>>,
  number: DocNumber,
  filter: string[],
): Promise<string[]> {
  const sameYearOrPrefix = [
    number.year !== null ? `docYear = ${number.year}` : null,
    number.prefix ? equals('docPrefix', number.prefix) : null,
  ]
    .filter(Boolean)
    .join(' OR ');
  const [own, cited] = await Promise.all([
    search('', {
      filter: [...filter, ...(sameYearOrPrefix ? [sameYearOrPrefix] : [])],
      facets: ['docNumber'],
      limit: 0,
    }),
    search('', { filter, facets: ['cites'], limit: 0 }),
  ]);
  const candidates = new Set([
    ...Object.keys(own.facetDistribution?.docNumber ?? {}),
    ...Object.keys(cited.facetDistribution?.cites ?? {}),
  ]);
  candidates.delete(number.text);
  const reach = Math.max(2, Math.round(number.text.length * 0.3));
  return [...candidates]
    .map((text) => ({ text, distance: editDistance(number.text, text) }))
    .filter(({ distance }) => distance <= reach)
    .sort((a, b) => a.distance - b.distance || a.text.localeCompare(b.text))
    .slice(0, SUGGESTIONS)
    .map(({ text }) => text);
}

/** Levenshtein distance over UTF-16 units (document numbers are BMP text). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** The filters of a number's two answers: records of the notice that has it, then records citing it. */
export function numberFilters(number: string, filter: string[]): { own: string[]; citing: string[] } {
  return {
    own: [...filter, equals('docNumber', number)],
    citing: [...filter, equals('cites', number), `NOT ${equals('docNumber', number)}`],
  };
}

/** Search parameters of one page of a two-part answer: the first part's page, then the second's continuing it. */
export function secondPartPage(
  offset: number,
  limit: number,
  firstTotal: number,
  firstShown: number,
): Pick<SearchParams, 'offset' | 'limit'> {
  return { offset: Math.max(0, offset - firstTotal), limit: Math.max(0, limit - firstShown) };
}
