import type { FederatedMultiSearchParams, Hit, Meilisearch, SearchParams, SearchResponse } from 'meilisearch';
import type { GazetteRecord } from '../parsers/index.js';
import { analyzeQuery, queryStrings } from './analyze-query.js';
import { buildFilter } from './build-filter.js';
import type { SearchDocument } from './documents.js';
import { equals } from './filter.js';
import { MATCH_END, MATCH_START, highlightHtml } from './highlight.js';
import type { IndexNames } from './index-names.js';
import { SEARCH_FACETS, type SearchParameters } from './search-parameters.js';

/**
 * A record as the API returns it, with highlights of its text fields as safe HTML: the text
 * escaped, the matches in `<mark>` (the only markup).
 */
export type RecordHit = GazetteRecord & { people?: string[]; year?: number | null; keywords?: string[]; highlight: Partial<Record<'text' | 'title' | 'heading', string>> };

/** Result of a search. */
export interface SearchResult {
  total: number;
  hits: RecordHit[];
  /** Counts per value of kind, jurisdiction, departments, docType and year. */
  facets: Record<string, Record<string, number>>;
  /** How the query was read: a document number, or the query strings sent. */
  interpretation: { docNumber: string | null; queries: string[] };
}

/** Stored fields a hit carries: everything but the worker's tokens and the content hash. */
const HIDDEN = new Set(['tokens', 'contentHash', 'dateValue', 'noticeKey']);
const HIGHLIGHTED = ['text', 'title', 'heading'];

/**
 * Searching the records index: the query read like the index (simplified characters, the
 * domain dictionary, document numbers in any spelling, no 10-word cut), filters from escaped
 * values, facet counts, highlights.
 */
export class RecordSearch {
  constructor(
    private readonly client: Meilisearch,
    readonly names: IndexNames,
  ) {}

  /** Runs a search. A query that spells a document number is answered by an exact filter. */
  async search(params: SearchParameters): Promise<SearchResult> {
    const analyzed = analyzeQuery(params.q ?? '');
    const filter = buildFilter(params);
    const limit = params.limit ?? 20;
    const offset = params.offset ?? 0;
    const common: SearchParams = {
      filter,
      attributesToHighlight: HIGHLIGHTED,
      // A notice's text is the whole document: its highlight is cut to the words around the hits.
      attributesToCrop: ['text'],
      cropLength: 80,
      highlightPreTag: MATCH_START,
      highlightPostTag: MATCH_END,
      ...(params.distinct ? { distinct: 'noticeKey' } : {}),
      ...(params.sort && params.sort !== 'relevance' ? { sort: [`dateValue:${params.sort.slice(5)}`] } : {}),
    };
    if (analyzed.docNumber) {
      // The notice first: its records sorted by their place in the file.
      const response = await this.client.index<SearchDocument>(this.names.records).search('', {
        ...common, filter: [...filter, equals('docNumber', analyzed.docNumber.text)], sort: ['source.line:asc'], facets: [...SEARCH_FACETS], limit, offset,
      });
      return toResult(response, { docNumber: analyzed.docNumber.text, queries: [] });
    }
    const queries = queryStrings(analyzed);
    if (queries.length === 1) {
      const response = await this.client.index<SearchDocument>(this.names.records).search(queries[0]!, { ...common, facets: [...SEARCH_FACETS], limit, offset });
      return toResult(response, { docNumber: null, queries });
    }
    // A long query: one request per group of words, merged by ranking score.
    const federated: FederatedMultiSearchParams = {
      federation: { limit, offset, facetsByIndex: { [this.names.records]: [...SEARCH_FACETS] }, mergeFacets: {} },
      queries: queries.map((q) => ({ indexUid: this.names.records, q, ...common })),
    };
    const response = await this.client.multiSearch<FederatedMultiSearchParams, SearchDocument>(federated);
    return toResult(response, { docNumber: null, queries });
  }

  /** One notice by id, or null (through search: the API's key may only search). */
  async notice(id: string): Promise<RecordHit | null> {
    const response = await this.client.index<SearchDocument>(this.names.records).search('', { filter: [equals('kind', 'notice'), equals('noticeKey', id)], limit: 1 });
    return response.hits[0] ? toHit(response.hits[0]) : null;
  }

  /** Every record matching a filter (no query), in batches, for exports and views. */
  async *browse(filter: string[], sort: string[] = ['dateValue:asc', 'source.line:asc']): AsyncGenerator<RecordHit> {
    for (let offset = 0; ; offset += 500) {
      const response = await this.client.index<SearchDocument>(this.names.records).search('', { filter, sort, limit: 500, offset });
      for (const hit of response.hits) yield toHit(hit);
      if (response.hits.length < 500 || offset + 500 >= 10_000) return;
    }
  }

  /** All records matching a filter, as an array. */
  async all(filter: string[], sort?: string[]): Promise<RecordHit[]> {
    const hits: RecordHit[] = [];
    for await (const hit of this.browse(filter, sort)) hits.push(hit);
    return hits;
  }
}

function toResult(response: SearchResponse<SearchDocument>, interpretation: SearchResult['interpretation']): SearchResult {
  return { total: response.estimatedTotalHits ?? response.hits.length, hits: response.hits.map(toHit), facets: response.facetDistribution ?? {}, interpretation };
}

function toHit(hit: Hit<SearchDocument>): RecordHit {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(hit)) if (!HIDDEN.has(key) && !key.startsWith('_')) record[key] = value;
  const formatted = hit._formatted ?? {};
  const highlight: RecordHit['highlight'] = {};
  for (const field of HIGHLIGHTED) {
    const value = (formatted as Record<string, unknown>)[field];
    const html = typeof value === 'string' ? highlightHtml(value) : null;
    if (html) highlight[field as 'text'] = html;
  }
  return { ...(record as unknown as GazetteRecord), highlight };
}
