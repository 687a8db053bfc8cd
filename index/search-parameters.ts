import type { RecordKind } from '../parsers/index.js';

/** Orders a search can ask for. */
export type SearchSort = 'relevance' | 'date:desc' | 'date:asc';

/** A search, as the API and the CLI take it (already validated). */
export interface SearchParameters {
  q?: string;
  kind?: RecordKind;
  /** Any alias or short form of a department (住建), or its full name: relative to `jurisdiction` when given. */
  department?: string;
  /** The government records belong to, by any of its names (青山县, 海门 → 南通市海门区). */
  jurisdiction?: string;
  /** A document number in any spelling. */
  docNumber?: string;
  docType?: string;
  issuer?: string;
  person?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  sort?: SearchSort;
  /** One hit per notice. */
  distinct?: boolean;
  /** Only records of these notices (and the notices): the page lists a page of notices' matching parts with it. */
  noticeIds?: string[];
}

/** Facets every search returns counts for. */
export const SEARCH_FACETS = ['kind', 'jurisdiction', 'departments', 'docType', 'year', 'people'] as const;
