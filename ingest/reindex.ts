import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import {
  IndexRebuild,
  SearchServerError,
  type IndexNames,
  type IssueDocument,
  type SearchDocument,
  connectSearch,
  equals,
  getIssue,
  listIssues,
  resolveIssue,
  syncIssue,
  waitForWrite,
} from '../index/index.js';
import { Archive } from './archive.js';
import { BadInputError } from './errors.js';
import { type IndexLock, NO_LOCK } from './index-lock.js';
import { prepareIssue } from './prepare-issue.js';

/** What a rebuild did. */
export interface ReindexResult {
  issues: number;
  records: number;
  /** Archived files left out: bad input, or versions no longer shown. */
  skipped: Array<{ file: string; sha256: string; reason: string }>;
  /** Issues written to the live index while the rebuild ran, copied over before the swap. */
  caughtUp: number;
}

/** Options of {@link reindexAll}. */
export interface ReindexOptions {
  dataDir: string;
  names: IndexNames;
  notice: (line: string) => void;
  /** The lock syncs take: held for the last step, so that nothing ingested meanwhile is lost. */
  lock?: IndexLock;
}

/**
 * `gazette reindex`: rebuilds every index from the archive into new indexes, then swaps them in
 * atomically; searches keep answering from the old indexes until the swap.
 * - Each issue the live index knows is rebuilt from the version it shows (and its partial copies,
 *   for their sightings), keeping its identity and its list of versions; an issue whose bytes this
 *   archive has not (ingested on another machine) is copied from the live index.
 * - Archived bytes no issue knows (the index was wiped) are ingested as new, oldest first.
 * - Last, holding the index lock, issues ingested while the rebuild ran are copied from the live
 *   index, then the indexes are swapped: what was ingested during a reindex is in the index after it.
 */
export async function reindexAll(options: ReindexOptions): Promise<ReindexResult> {
  const archive = new Archive(join(options.dataDir, 'archive'));
  const search = await connectSearch({ dataDir: options.dataDir });
  const { client } = search;
  if (search.cluster) {
    await search.close();
    throw new SearchServerError(
      `gazette reindex rebuilds one Meilisearch server: with ${search.cluster.mode === 'replicas' ? 'MEILI_REPLICAS, run it once per replica with MEILI_URL set to it' : 'MEILI_SHARDS it is not supported (ingest the archive again into empty shards instead)'}`,
    );
  }
  try {
    const live = await listIssues(client, options.names);
    const known = new Set(live.flatMap((issue) => issue.shas ?? [issue.sha256]));
    const result: ReindexResult = { issues: 0, records: 0, skipped: [], caughtUp: 0 };
    const rebuild = await IndexRebuild.begin(client, options.names);
    const staging = rebuild.staging;
    try {
      for (const issue of live) {
        if (!archive.has(issue.sha256)) {
          await copyIssue(client, options.names, staging, issue.id);
          options.notice(`copied issue ${issue.id} from the live index: its bytes are not in this archive`);
        } else {
          for (const version of versionsToReplay(issue)) {
            const prepared = await prepareIssue(archive.read(version.sha256), version.file);
            await syncIssue(
              client,
              staging,
              { ...prepared, id: issue.id, documents: prepared.documents.map((d) => ({ ...d, issue: issue.id })) },
              version.partial ? 'partial' : 'full',
              version.firstSeen,
            );
          }
          // The issue keeps its history: every version it had, and when it was last written.
          const rebuilt = {
            ...(await getIssue(client, staging, issue.id))!,
            versions: issue.versions ?? [],
            shas: issue.shas ?? [issue.sha256],
            ingestedAt: issue.ingestedAt,
          };
          await waitForWrite(
            staging.issues,
            client.index<IssueDocument>(staging.issues).addDocuments([rebuilt], { primaryKey: 'id' }),
          );
          options.notice(`rebuilt issue ${issue.id} from ${issue.file}`);
        }
        result.issues++;
      }
      const unknown = archive
        .list()
        .filter((entry) => !known.has(entry.sha256))
        .sort((a, b) => a.lastIngestedAt - b.lastIngestedAt);
      for (const entry of unknown) {
        const file = entry.names[0] ?? entry.sha256;
        let prepared: Awaited<ReturnType<typeof prepareIssue>>;
        try {
          prepared = await prepareIssue(archive.read(entry.sha256), file);
        } catch (error) {
          if (!(error instanceof BadInputError)) throw error;
          result.skipped.push({ file, sha256: entry.sha256, reason: error.message });
          continue;
        }
        const identity = await resolveIssue(client, staging, prepared.id, prepared.documents);
        const documents = prepared.documents.map((d) => ({ ...d, issue: identity.id }));
        await syncIssue(
          client,
          staging,
          { ...prepared, id: identity.id, documents },
          identity.relation === 'partial' ? 'partial' : 'full',
          entry.lastIngestedAt,
        );
        options.notice(`rebuilt ${file} as issue ${identity.id}`);
        result.issues++;
      }
      await (options.lock ?? NO_LOCK).hold(async () => {
        const snapshot = new Map(live.map((issue) => [issue.id, issue.ingestedAt]));
        for (const issue of await listIssues(client, options.names)) {
          if (snapshot.get(issue.id) === issue.ingestedAt) continue;
          await copyIssue(client, options.names, staging, issue.id);
          options.notice(`caught up issue ${issue.id}, ingested while the rebuild ran`);
          result.caughtUp++;
        }
        result.records = (await client.index(staging.records).getStats()).numberOfDocuments;
        await rebuild.swapIn();
      });
    } catch (error) {
      await rebuild.abandon().catch(() => {});
      throw error;
    }
    return result;
  } finally {
    await search.close();
  }
}

/** The versions a rebuild replays for an issue: the one it shows, then its partial copies. */
function versionsToReplay(
  issue: IssueDocument,
): Array<{ sha256: string; file: string; partial: boolean; firstSeen: number }> {
  const versions = issue.versions ?? [];
  const shown = versions.find((v) => v.sha256 === issue.sha256) ?? {
    sha256: issue.sha256,
    file: issue.file,
    partial: false,
    firstSeen: issue.ingestedAt,
  };
  return [shown, ...versions.filter((v) => v.partial && v.sha256 !== issue.sha256)];
}

/** Makes the staging indexes hold exactly what the live ones hold of one issue. */
async function copyIssue(client: Meilisearch, live: IndexNames, staging: IndexNames, id: string): Promise<void> {
  const filter = `${equals('issues', id)} OR ${equals('issue', id)}`;
  const from = await allDocuments(client, live.records, filter);
  const keep = new Set(from.map((d) => d.id));
  const stale = (await allDocuments(client, staging.records, filter))
    .map((d) => d.id)
    .filter((docId) => !keep.has(docId));
  for (let i = 0; i < from.length; i += 2000)
    await waitForWrite(
      staging.records,
      client.index(staging.records).addDocuments(from.slice(i, i + 2000), { primaryKey: 'id' }),
      600_000,
    );
  for (let i = 0; i < stale.length; i += 2000)
    await waitForWrite(staging.records, client.index(staging.records).deleteDocuments(stale.slice(i, i + 2000)));
  const issue = await getIssue(client, live, id);
  if (issue)
    await waitForWrite(
      staging.issues,
      client.index<IssueDocument>(staging.issues).addDocuments([issue], { primaryKey: 'id' }),
    );
}

async function allDocuments(client: Meilisearch, uid: string, filter: string): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index<SearchDocument>(uid).getDocuments({ filter, limit: 1000, offset });
    documents.push(...page.results);
    if (page.results.length < 1000) return documents;
  }
}
