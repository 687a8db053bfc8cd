import type { Settings } from 'meilisearch';
import { DEPARTMENT_SYNONYMS, DOMAIN_WORDS } from './dictionary.js';

/**
 * Settings of the records index, applied before any document is added. Searchable attributes
 * are ranked in order (a hit in a heading beats one in body text); `tokens` holds the worker's
 * jieba segmentation so short words inside long ones match. Every attribute is marked Chinese
 * (cmn) so Meilisearch never guesses Japanese for a run of Han characters.
 */
export const RECORD_INDEX_SETTINGS = {
  // Not `title`, `issuer` or `documentTitle`: clauses copy them from their notice, and every
  // clause of a notice would match its title's words as well as the one provision that does.
  // A notice's own title is the start of its text.
  searchableAttributes: [
    'heading',
    'text',
    'person',
    'post',
    'people',
    'caption',
    'docNumber',
    'tokens',
    'keywords',
    'departments',
  ],
  filterableAttributes: [
    'kind',
    'issue',
    'issues',
    'noticeId',
    'jurisdiction',
    'departments',
    'docNumber',
    'docPrefix',
    'docYear',
    'docType',
    'issuer',
    'section',
    'person',
    'people',
    'action',
    'dateValue',
    'year',
    'noticeKey',
    'cites',
    'repeals',
    // Keyset paging (index/keyset.ts): exports and lookups walk records after the last one seen
    // by (dateValue, source.line, id), compared in filters and sorted, never by an offset.
    'id',
    'source.line',
  ],
  sortableAttributes: ['dateValue', 'docYear', 'docSeq', 'source.line', 'id'],
  // Meilisearch's default rules with `sort` first: a search sorted by date is in date order
  // (after `attribute`, as by default, a title hit of 2022 came before a body hit of 2024).
  // Without a sort the rule does nothing, so relevance is as before.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { '*': 'count' } },
  // The cap of an offset's reach (`offset + limit`), and of `estimatedTotalHits`: totals are
  // counted from the kind facet instead, and exports page by keyset, so neither stops here.
  // Raising it would only make deep pages slower.
  pagination: { maxTotalHits: 10_000 },
  typoTolerance: { disableOnAttributes: ['docNumber', 'tokens'] },
  dictionary: [...DOMAIN_WORDS],
  synonyms: { ...DEPARTMENT_SYNONYMS },
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
} as const satisfies Settings;

/** Settings of the issues index: one document per gazette issue, found by the sha256 of its bytes. */
export const ISSUE_INDEX_SETTINGS = {
  filterableAttributes: ['sha256', 'shas'],
  sortableAttributes: ['ingestedAt'],
} as const satisfies Settings;
