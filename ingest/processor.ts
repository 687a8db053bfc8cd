import type { Meilisearch } from 'meilisearch';
import {
  type IndexNames,
  type IssueDocument,
  type IssueRelation,
  ensureIndexes,
  getIssue,
  isSupersededVersion,
  recordVersion,
  resolveIssue,
  showsVersion,
  syncIssue,
  writeTargets,
} from '../index/index.js';
import type { Archive } from './archive.js';
import type { RedisByteStore } from './byte-store.js';
import { type IndexLock, NO_LOCK } from './index-lock.js';
import { type PreparedIssue, type Stage, prepareIssue } from './prepare-issue.js';

/** The payload of an ingest job: small; the bytes are in the archive or, for other machines, in Redis. */
export interface IngestJobData {
  sha256: string;
  /** The name the file was given, for records and messages. */
  file: string;
  /** Show these bytes even if they are an older version of their issue (`gazette restore`). */
  force?: boolean;
  /**
   * When the bytes were first seen (ms since the epoch): of two versions of an issue processed
   * at once, the index ends showing the one seen later. Default: when the job runs.
   */
  seenAt?: number;
}

/**
 * How an issue's bytes ended: written as the version the index shows; already shown; an older
 * version of an issue that shows a newer one (nothing written); part of an issue (its sightings
 * added, nothing removed).
 */
export type IngestStatus = 'indexed' | 'unchanged' | 'superseded' | 'partial';

/** What processing one issue did. */
export interface IngestResult {
  file: string;
  sha256: string;
  issue: string;
  status: IngestStatus;
  /** How the bytes relate to the issues already indexed (issue identity). */
  relation: IssueRelation;
  /** What a report should say about identity or versions, or null. */
  note: string | null;
  records: number;
  warnings: number;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Records of a partial copy that differ from the indexed version, which was kept. */
  kept: number;
  /** Meilisearch write tasks (0 when the index already held exactly these records). */
  writes: number;
}

/** What the processor works with. */
export interface ProcessorContext {
  archive: Archive;
  client: Meilisearch;
  names: IndexNames;
  /** Where the bytes come from when this machine's archive has them not (another machine's ingest). */
  bytes?: RedisByteStore;
  /** Serialises syncs across workers and processes (ingest/index-lock.ts); none by default. */
  lock?: IndexLock;
}

/** Whether the index shows a version of the issue first seen after `seenAt` (these bytes are older). */
function shownSince(previous: IssueDocument | null, seenAt: number): boolean {
  const shown = previous?.versions?.find((v) => v.sha256 === previous.sha256);
  return !!shown && !shown.partial && shown.firstSeen > seenAt;
}

/** The bytes of a job: from this machine's archive, else from Redis. */
async function bytesOf(data: IngestJobData, context: ProcessorContext): Promise<Buffer> {
  if (context.archive.has(data.sha256) || !context.bytes) return context.archive.read(data.sha256);
  return context.bytes.get(data.sha256);
}

/**
 * The ingest processor, a plain function usable with or without a queue: reads the issue's
 * bytes, parses and enriches them, then, holding the index lock, tells which issue they are a
 * version of and syncs them into the index, unless the index already shows them or a newer
 * version of their issue.
 * @param onStage called as each stage (parse, enrich, index) starts
 * @throws BadInputError for input that will never parse (not worth retrying); ArchiveMissError
 *   when neither the archive nor Redis has the bytes; anything else (Meilisearch unreachable, a
 *   failed task, the lock taken too long) is transient and worth retrying
 */
export async function processIssue(data: IngestJobData, context: ProcessorContext, onStage: (stage: Stage) => void = () => {}): Promise<IngestResult> {
  const bytes = await bytesOf(data, context);
  const prepared = await prepareIssue(bytes, data.file, onStage);
  onStage('index');
  return (context.lock ?? NO_LOCK).hold(async () => {
    // One server, or every replica, or the issue's shard (index/cluster.ts).
    const targets = await writeTargets(context.client, context.names, prepared.id, prepared.documents);
    // Replicas are written at once, each finishing its sync even when another fails.
    const settled = await Promise.allSettled(targets.map((client) => indexPrepared(data, prepared, { ...context, client })));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const results = settled.map((r) => (r as PromiseFulfilledResult<IngestResult>).value);
    // A replica that missed a write catches up here: report what was done, not that another had it.
    return results.find((r) => r.status !== 'unchanged') ?? results[0]!;
  });
}

/** The locked part of {@link processIssue} on one server: identity, versions, the sync. */
async function indexPrepared(data: IngestJobData, prepared: PreparedIssue, context: ProcessorContext): Promise<IngestResult> {
  {
    await ensureIndexes(context.client, context.names);
    const identity = await resolveIssue(context.client, context.names, prepared.id, prepared.documents);
    const previous = await getIssue(context.client, context.names, identity.id);
    const base = {
      file: data.file, sha256: data.sha256, issue: identity.id, relation: identity.relation, records: prepared.documents.length,
      warnings: prepared.warnings, added: 0, updated: 0, deleted: 0, unchanged: prepared.documents.length, kept: 0, writes: 0,
    };
    if (!data.force && showsVersion(previous, data.sha256, prepared.pipeline)) return { ...base, status: 'unchanged', note: identity.note };
    const seenAt = data.seenAt ?? Date.now();
    const input = { ...prepared, id: identity.id, documents: prepared.documents.map((d) => (d.issue === identity.id ? d : { ...d, issue: identity.id })) };
    const older = !data.force && (isSupersededVersion(previous, data.sha256) || shownSince(previous, seenAt));
    if (older) {
      if (!previous!.shas?.includes(data.sha256)) await recordVersion(context.client, context.names, previous!, input, seenAt);
      const note = `older version of issue ${identity.id} kept; index unchanged (\`gazette restore ${identity.id} ${data.sha256.slice(0, 12)}\` shows it)`;
      return { ...base, status: 'superseded', note };
    }
    const mode = identity.relation === 'partial' && !data.force ? 'partial' : 'full';
    const sync = await syncIssue(context.client, context.names, input, mode, seenAt);
    return { ...base, ...sync, status: mode === 'partial' ? 'partial' : 'indexed', note: identity.note };
  }
}
