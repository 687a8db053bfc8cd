import type { Meilisearch } from 'meilisearch';
import type { IssueDocument, SearchDocument } from './documents.js';
import { ensureIndexes } from './ensure-indexes.js';
import { equals } from './filter.js';
import type { IndexNames } from './index-names.js';
import { getIssue } from './issue-store.js';
import { waitForWrite } from './tasks.js';

/** What one sync wrote. */
export interface SyncResult {
  /** Records that were not in the index. */
  added: number;
  /** Records whose content hash changed. */
  updated: number;
  /** Records of the issue that disappeared from it. */
  deleted: number;
  unchanged: number;
  /** Meilisearch write tasks enqueued (0 when nothing changed). */
  writes: number;
}

const BATCH = 2000;

/**
 * Makes the index hold exactly `documents` for one issue, writing only the difference: new and
 * changed records are upserted first, then records that disappeared are deleted, and last the
 * issue's own document records which bytes the index now reflects. Search never sees a gap
 * (a record is replaced in place, never deleted and re-added), and a sync interrupted at any
 * point is finished by running it again: the diff is taken against what the index holds.
 * @param issue the issue's document for the issues index
 * @param documents every record of the issue, enriched
 */
export async function syncIssue(client: Meilisearch, names: IndexNames, issue: IssueDocument, documents: SearchDocument[]): Promise<SyncResult> {
  await ensureIndexes(client, names);
  const records = client.index<SearchDocument>(names.records);
  const existing = await indexedHashes(client, names, issue.id);
  const changed = documents.filter((d) => existing.get(d.id) !== d.contentHash);
  const keep = new Set(documents.map((d) => d.id));
  const stale = [...existing.keys()].filter((id) => !keep.has(id));
  const result: SyncResult = {
    added: changed.filter((d) => !existing.has(d.id)).length,
    updated: changed.filter((d) => existing.has(d.id)).length,
    deleted: stale.length,
    unchanged: documents.length - changed.length,
    writes: 0,
  };
  for (let i = 0; i < changed.length; i += BATCH) {
    await waitForWrite(names.records, records.addDocuments(changed.slice(i, i + BATCH), { primaryKey: 'id' }), 600_000);
    result.writes++;
  }
  for (let i = 0; i < stale.length; i += BATCH) {
    await waitForWrite(names.records, records.deleteDocuments(stale.slice(i, i + BATCH)));
    result.writes++;
  }
  const previous = await getIssue(client, names, issue.id);
  if (result.writes > 0 || previous?.sha256 !== issue.sha256 || previous.pipeline !== issue.pipeline) {
    await waitForWrite(names.issues, client.index<IssueDocument>(names.issues).addDocuments([issue], { primaryKey: 'id' }));
    result.writes++;
  }
  return result;
}

/** Content hash of every record the index holds for an issue, by id. */
async function indexedHashes(client: Meilisearch, names: IndexNames, issueId: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const records = client.index<SearchDocument>(names.records);
  for (let offset = 0; ; offset += 1000) {
    const page = await records.getDocuments({ filter: equals('issue', issueId), fields: ['id', 'contentHash'], limit: 1000, offset });
    for (const d of page.results) hashes.set(d.id, d.contentHash);
    if (page.results.length < 1000) return hashes;
  }
}
