/*
 * index/: everything that talks to Meilisearch (the embedded server, settings, writes, the
 * issue diff, rebuilds) and the Chinese segmentation both sides of search share. It knows
 * nothing of queues or HTTP.
 */
export { connectSearch, type ConnectOptions, type SearchConnection } from './connect.js';
export { EmbeddedMeili, freePort } from './meili-server.js';
export { verifiedMeiliBinary, MEILI_BINARY_SHA256, MEILI_VERSION } from './meili-binary.js';
export {
  IndexMissingError,
  IndexTaskError,
  SearchServerError,
  SearchUnavailableError,
  StorageFullError,
} from './errors.js';
export { assertFreeSpace, totalSize } from './storage.js';
export { indexNames, DEFAULT_INDEX_PREFIX, type IndexNames } from './index-names.js';
export { RECORD_INDEX_SETTINGS, ISSUE_INDEX_SETTINGS } from './settings.js';
export { DOMAIN_WORDS, DEPARTMENT_SYNONYMS } from './dictionary.js';
export {
  ensureLoaded as loadSegmenter,
  segmentForSearch,
  segmentInnerWords,
  segmentQuery,
  topKeywords,
} from './segmenter.js';
export {
  contentHashOf,
  type SearchDocument,
  type IssueDocument,
  type IssueVersion,
  type Sighting,
  type Enrichment,
} from './documents.js';
export { ensureIndexes, indexExists } from './ensure-indexes.js';
export { splitNoticeText, joinNoticeText, type TextPart } from './notice-text.js';
export {
  syncIssue,
  planSync,
  applyPlans,
  enqueuePlans,
  recordVersion,
  writeIssues,
  type IssueWriter,
  type SyncPlan,
  type SyncFinish,
  type SyncResult,
  type SyncMode,
  type IssueVersionInput,
} from './sync-issue.js';
export { resolveIssue, type IssueIdentity, type IssueRelation } from './issue-identity.js';
export { findIndexedIssues, getIssue, listIssues, showsVersion, isSupersededVersion } from './issue-store.js';
export { IndexRebuild } from './rebuild.js';
export { waitForWrite } from './tasks.js';
export { filterValue, equals, isAnyOf } from './filter.js';
export { RecordSearch, type RecordHit, type ListHit, type SearchResult } from './record-search.js';
export { escapeHtml, highlightHtml, highlightText } from './highlight.js';
export { analyzeQuery, queryStrings, type AnalyzedQuery } from './analyze-query.js';
export { buildFilter, dateNumber } from './build-filter.js';
export { SEARCH_FACETS, type SearchParameters, type SearchSort } from './search-parameters.js';
export { toSimplified } from './to-simplified.js';
export { noticeView, docNumberView, personView, eventsBetween, type NoticeView } from './lookups.js';
export { searchOnlyKey, searchKeyName, searchKeyScope } from './search-key.js';
export { meiliClient } from './meili-client.js';
export { IndexCluster, clusterSpec, clusterOf, writeTargets, type ClusterMode, type ClusterSpec } from './cluster.js';
