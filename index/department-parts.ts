import type {
  SearchForFacetValuesParams,
  SearchForFacetValuesResponse,
  SearchParams,
  SearchResponse,
} from 'meilisearch';
import { jurisdictionNamed } from '../parsers/index.js';
import { equals } from './filter.js';
import { toSimplified } from './to-simplified.js';

/** How the records index is asked: its facet search, and a search (on every shard, when sharded). */
export interface FacetSources {
  facetSearch: (query: SearchForFacetValuesParams) => Promise<SearchForFacetValuesResponse>;
  search: (q: string, query: SearchParams) => Promise<SearchResponse<object>>;
}

/**
 * The indexed department names that contain `part` (自然资源 → 海门自然资源和规划局), most
 * records first, within a jurisdiction when given. Two sources, because neither alone finds
 * every name: Meilisearch's facet search reaches every value but matches word prefixes only
 * (自然资源 yes, 规划 in 海门自然资源和规划局 no), and the facet distribution matches any
 * substring but holds the `maxValuesPerFacet` largest values only.
 */
export async function departmentsContaining(
  sources: FacetSources,
  part: string,
  jurisdiction?: string,
): Promise<Array<{ value: string; count: number }>> {
  const where = jurisdiction ? jurisdictionNamed(toSimplified(jurisdiction.trim())) : null;
  const filter = where ? [equals('jurisdiction', where.name)] : [];
  const [searched, distribution] = await Promise.all([
    sources.facetSearch({ facetName: 'departments', facetQuery: part, filter }),
    sources.search('', { filter, facets: ['departments'], limit: 0 }),
  ]);
  const found = new Map<string, number>();
  for (const hit of searched.facetHits) if (hit.value.includes(part)) found.set(hit.value, hit.count);
  for (const [value, count] of Object.entries(distribution.facetDistribution?.departments ?? {}))
    if (value.includes(part)) found.set(value, count);
  return [...found]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
