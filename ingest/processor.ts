import type { Meilisearch } from 'meilisearch';
import {
  type IndexNames,
  type IssueDocument,
  type IssueRelation,
  type SyncPlan,
  applyPlans,
  ensureIndexes,
  getIssue,
  isSupersededVersion,
  planSync,
  recordVersion,
  resolveIssue,
  showsVersion,
  clusterOf,
  writeTargets,
} from '../index/index.js';
import type { Archive } from './archive.js';
import type { RedisByteStore } from './byte-store.js';
import { type IndexLock, NO_LOCK } from './index-lock.js';
import { type PreparedIssue, type Stage, prepareIssue } from './prepare-issue.js';
import type { Semaphore, SyncBatcher } from './sync-batcher.js';

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
  /** Syncs issues of several jobs together, in one hold of the lock and few tasks (a worker's). */
  batcher?: SyncBatcher;
  /** Bounds how many jobs parse and enrich at once (the rest wait, or are being synced). */
  cpu?: Semaphore;
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
export async function processIssue(
  data: IngestJobData,
  context: ProcessorContext,
  onStage: (stage: Stage) => void = () => {},
): Promise<IngestResult> {
  const bytes = await bytesOf(data, context);
  const prepared = context.cpu
    ? await context.cpu.run(() => prepareIssue(bytes, data.file, onStage))
    : await prepareIssue(bytes, data.file, onStage);
  onStage('index');
  if (clusterOf(context.client)) return syncOnTargets({ data, prepared }, context);
  if (context.batcher) return context.batcher.submit({ data, prepared });
  const [outcome] = await syncMembers([{ data, prepared }], context);
  if (outcome!.error) throw outcome!.error;
  return outcome!.result!;
}

/**
 * With several servers (index/cluster.ts): syncs one issue into every replica, or into the
 * issue's shard, holding the index lock once. Replicas are written at once, each finishing its
 * sync even when another fails; a replica that missed a write catches up here.
 */
async function syncOnTargets(member: SyncMember, context: ProcessorContext): Promise<IngestResult> {
  return (context.lock ?? NO_LOCK).hold(async () => {
    const targets = await writeTargets(context.client, context.names, member.prepared.id, member.prepared.documents);
    const settled = await Promise.allSettled(
      targets.map(async (client) => {
        const [outcome] = await syncMembers([member], { ...context, client, lock: NO_LOCK });
        if (outcome!.error) throw outcome!.error;
        return outcome!.result!;
      }),
    );
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const results = settled.map((r) => (r as PromiseFulfilledResult<IngestResult>).value);
    // Report what was done, not that another replica already had it.
    return results.find((r) => r.status !== 'unchanged') ?? results[0]!;
  });
}

/** One issue waiting to be synced: its job's data and its parsed, enriched documents. */
export interface SyncMember {
  data: IngestJobData;
  prepared: PreparedIssue;
}

/** How one member of a batch ended. */
export interface MemberOutcome {
  result?: IngestResult;
  error?: unknown;
}

/**
 * Syncs the issues of several jobs, holding the index lock once: each is told its issue and
 * diffed against the index in turn, and their writes are applied together (few Meilisearch
 * tasks for them all: sync-issue.ts `applyPlans`). A member that would read records or an issue
 * that an earlier member of the batch is about to write first has those writes applied, so each
 * sees the index as if synced alone. An error fails the members whose writes were not applied.
 */
export async function syncMembers(members: SyncMember[], context: ProcessorContext): Promise<MemberOutcome[]> {
  const outcomes: MemberOutcome[] = members.map(() => ({}));
  await (context.lock ?? NO_LOCK).hold(async () => {
    await ensureIndexes(context.client, context.names);
    let plans: Array<{ at: number; plan: SyncPlan; result: IngestResult }> = [];
    const touchedIds = new Set<string>();
    const touchedIssues = new Set<string>();
    const flush = async () => {
      if (plans.length === 0) return;
      const batch = plans;
      plans = [];
      touchedIds.clear();
      touchedIssues.clear();
      try {
        await applyPlans(
          context.client,
          context.names,
          batch.map((p) => p.plan),
        );
        for (const p of batch) outcomes[p.at] = { result: { ...p.result, writes: p.plan.result.writes } };
      } catch (error) {
        for (const p of batch) outcomes[p.at] = { error };
      }
    };
    for (const [at, member] of members.entries()) {
      try {
        if (member.prepared.documents.some((d) => touchedIds.has(d.id))) await flush();
        const touched = { issues: touchedIssues, ids: touchedIds };
        let step = await planMember(member, context, touched);
        if (step === 'conflict') {
          await flush();
          step = (await planMember(member, context, touched)) as Exclude<typeof step, 'conflict'>;
        }
        if (!step.plan) {
          outcomes[at] = { result: step.result };
          continue;
        }
        plans.push({ at, plan: step.plan, result: step.result });
        for (const id of step.plan.ids) touchedIds.add(id);
        for (const id of step.reads) touchedIssues.add(id);
      } catch (error) {
        outcomes[at] = { error };
      }
    }
    await flush();
  });
  return outcomes;
}

/**
 * Tells one member's issue and works out its sync, writing nothing, except the version an older
 * version adds to its issue's history (written at once, and then no plan).
 * @returns the plan (null when nothing is to be written with the batch), the result it will
 *   have, and the issues it read; `conflict` (nothing written) when it read an issue or records
 *   that `touched` says an earlier member of the batch is about to write
 */
async function planMember(
  { data, prepared }: SyncMember,
  context: ProcessorContext,
  touched: { issues: Set<string>; ids: Set<string> },
): Promise<{ plan: SyncPlan | null; result: IngestResult; reads: string[] } | 'conflict'> {
  const identity = await resolveIssue(context.client, context.names, prepared.id, prepared.documents);
  if (identity.consulted.some((id) => touched.issues.has(id))) return 'conflict';
  const previous = await getIssue(context.client, context.names, identity.id);
  const reads = identity.consulted;
  const base = {
    file: data.file,
    sha256: data.sha256,
    issue: identity.id,
    relation: identity.relation,
    records: prepared.documents.length,
    warnings: prepared.warnings,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: prepared.documents.length,
    kept: 0,
    writes: 0,
  };
  if (!data.force && showsVersion(previous, data.sha256, prepared.pipeline))
    return { plan: null, reads, result: { ...base, status: 'unchanged', note: identity.note } };
  const seenAt = data.seenAt ?? Date.now();
  const input = {
    ...prepared,
    id: identity.id,
    documents: prepared.documents.map((d) => (d.issue === identity.id ? d : { ...d, issue: identity.id })),
  };
  const older = !data.force && (isSupersededVersion(previous, data.sha256) || shownSince(previous, seenAt));
  if (older) {
    if (!previous!.shas?.includes(data.sha256))
      await recordVersion(context.client, context.names, previous!, input, seenAt);
    const note = `older version of issue ${identity.id} kept; index unchanged (\`gazette restore ${identity.id} ${data.sha256.slice(0, 12)}\` shows it)`;
    return { plan: null, reads, result: { ...base, status: 'superseded', note } };
  }
  const mode = identity.relation === 'partial' && !data.force ? 'partial' : 'full';
  const plan = await planSync(context.client, context.names, input, mode, seenAt);
  if ([...plan.ids].some((id) => touched.ids.has(id))) return 'conflict';
  return {
    plan,
    reads,
    result: { ...base, ...plan.result, status: mode === 'partial' ? 'partial' : 'indexed', note: identity.note },
  };
}
