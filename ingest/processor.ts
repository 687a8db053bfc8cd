import type { Meilisearch } from 'meilisearch';
import {
  type IndexNames,
  type IssueDocument,
  type IssueRelation,
  type SyncPlan,
  type SyncFinish,
  enqueuePlans,
  ensureIndexes,
  getIssue,
  isSupersededVersion,
  planSync,
  recordVersion,
  resolveIssue,
  showsVersion,
  clusterOf,
  writeIssues,
  writeTargets,
} from '../index/index.js';
import { DeferredIssues } from './deferred-issues.js';
import type { Archive } from './archive.js';
import type { RedisByteStore } from './byte-store.js';
import { type IndexLock, NO_LOCK } from './index-lock.js';
import { type Enrich, type PreparedIssue, type Stage, prepareIssue } from './prepare-issue.js';
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
  /** Enriches records elsewhere than in this thread (a worker's enrichment thread); in process by default. */
  enrich?: Enrich;
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
  const prepare = async () => {
    const bytes = await bytesOf(data, context);
    const parseAndEnrich = () => prepareIssue(bytes, data.file, onStage, context.enrich);
    const prepared = context.cpu ? await context.cpu.run(parseAndEnrich) : await parseAndEnrich();
    onStage('index');
    return prepared;
  };
  if (context.batcher && !clusterOf(context.client)) return context.batcher.run(data, prepare);
  const prepared = await prepare();
  if (clusterOf(context.client)) return syncOnTargets({ data, prepared }, context);
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
 * diffed against the index in turn, and their writes are enqueued together ({@link SyncSession}).
 * An error fails only the members whose writes it stopped.
 */
export async function syncMembers(members: SyncMember[], context: ProcessorContext): Promise<MemberOutcome[]> {
  return (context.lock ?? NO_LOCK).hold(async () => Promise.all(await new SyncSession(context).enqueue(members)));
}

/** What writes under way touch: what a member about to be planned must not read. */
interface InFlight {
  ids: Set<string>;
  issues: Set<string>;
}

/** Adds what a planned sync's writes touch: its record ids, the issues it read and its own. */
function addTouched(into: InFlight, plan: SyncPlan, reads: readonly string[]): void {
  for (const id of plan.ids) into.ids.add(id);
  for (const id of reads) into.issues.add(id);
  into.issues.add(plan.issueId);
}

/** Which record ids and issues the writes under way touch. */
export interface Touched {
  ids: { has(id: string): boolean };
  issues: { has(id: string): boolean };
}

/** A member planned, its writes not yet enqueued. */
interface Planned {
  plan: SyncPlan;
  result: IngestResult;
  reads: string[];
  settle: (outcome: MemberOutcome) => void;
}

/**
 * The syncs of one hold of the index lock, pipelined. The members given at once are each told
 * their issue and diffed in turn, and their writes enqueued together (few tasks for them all),
 * without waiting for the writes enqueued before them: while Meilisearch indexes one batch, the
 * writes of the members that arrive meanwhile queue up behind it, and it takes them all as its
 * next batch (the larger as the index grows and batches slow down). A member that would read
 * records or an issue that a write under way touches first waits for every write under way, so
 * each is diffed as if alone. The members' issue documents are written once their record writes
 * are done, together with those of later members whose writes were under way meanwhile
 * (ingest/deferred-issues.ts). The lock's holder settles the session before it lets the lock
 * go, so that the next holder reads an index with every write done.
 */
export class SyncSession {
  private readonly inFlight = new Set<InFlight>();
  private readonly pending = new Set<Promise<unknown>>();
  /** The record writes enqueued last: the next ones are polled for after them. */
  private lastRecords: Promise<unknown> = Promise.resolve();
  private orphans: Promise<void> | null = null;
  private readonly issues: DeferredIssues;

  constructor(private readonly context: ProcessorContext) {
    this.issues = new DeferredIssues((docs) => writeIssues(context.client, context.names, docs));
  }

  /** Whether writes of this session are still under way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Plans the members' syncs and enqueues their writes; resolves once they are enqueued, with
   * the promise of how each member ends (never rejected: an error is its outcome).
   */
  async enqueue(members: SyncMember[], postpone: true): Promise<Array<Promise<MemberOutcome> | null>>;
  async enqueue(members: SyncMember[], postpone?: false): Promise<Array<Promise<MemberOutcome>>>;
  /**
   * @param postpone a member that would read what a write under way touches is left out (its
   *   outcome null: the caller gives it again once a write is done, see {@link next}) instead of
   *   waiting for every write under way, which would leave Meilisearch with nothing queued
   */
  async enqueue(members: SyncMember[], postpone = false): Promise<Array<Promise<MemberOutcome> | null>> {
    const outcomes: Array<Promise<MemberOutcome> | null> = [];
    let group: Planned[] = [];
    const groupIds = new Set<string>();
    const groupIssues = new Set<string>();
    const touched: Touched = {
      ids: { has: (id) => groupIds.has(id) || this.touches((e) => e.ids.has(id)) },
      issues: { has: (id) => groupIssues.has(id) || this.touches((e) => e.issues.has(id)) },
    };
    const flush = async () => {
      const planned = group;
      group = [];
      groupIds.clear();
      groupIssues.clear();
      if (planned.length) await this.send(planned);
    };
    for (const member of members) {
      try {
        await ensureIndexes(this.context.client, this.context.names);
        this.orphans ??= writesLeftBehind(this.context).catch((error: unknown) => {
          this.orphans = null; // asked again for the next member
          throw error;
        });
        await this.orphans;
        // Telling its issue reads the records with its ids.
        const reread = member.prepared.documents.some((d) => touched.ids.has(d.id));
        let step = reread ? 'conflict' : await planMember(member, this.context, touched);
        if (step === 'conflict' && postpone) {
          outcomes.push(null);
          continue;
        }
        if (step === 'conflict') {
          await flush();
          await this.settle();
          step = (await planMember(member, this.context, touched)) as Exclude<typeof step, 'conflict'>;
        }
        if (!step.plan) {
          outcomes.push(Promise.resolve({ result: step.result }));
          continue;
        }
        const { plan, result, reads } = step;
        outcomes.push(new Promise((settle) => group.push({ plan, result, reads, settle })));
        addTouched({ ids: groupIds, issues: groupIssues }, plan, reads);
      } catch (error) {
        outcomes.push(Promise.resolve({ error }));
      }
    }
    await flush();
    return outcomes;
  }

  /** Enqueues the writes of members planned together, and settles each once they are done. */
  private async send(planned: Planned[]): Promise<void> {
    const { client, names } = this.context;
    let finish: SyncFinish;
    try {
      finish = (
        await enqueuePlans(
          client,
          names,
          planned.map((p) => p.plan),
        )
      )(this.lastRecords, this.issues.add);
    } catch (error) {
      // Some of their writes may be enqueued, unknown to us: whatever is planned next waits for them.
      this.orphans = null;
      for (const p of planned) p.settle({ error });
      return;
    }
    this.issues.recordsStarted();
    this.lastRecords = finish.records.catch(() => {});
    void this.lastRecords.then(() => this.issues.recordsEnded());
    const entry: InFlight = { ids: new Set(), issues: new Set() };
    for (const { plan, reads } of planned) addTouched(entry, plan, reads);
    this.inFlight.add(entry);
    const ends = planned.map(({ result, plan, settle }) => ({
      result: { ...result, writes: plan.result.writes },
      settle,
    }));
    const done = finish.done.then(
      () => {
        for (const { result, settle } of ends) settle({ result });
      },
      (error: unknown) => {
        for (const { settle } of ends) settle({ error });
      },
    );
    this.pending.add(done);
    void done.then(() => {
      this.inFlight.delete(entry);
      this.pending.delete(done);
    });
  }

  /** Resolves once every write under way is done or failed. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Resolves as soon as one write under way is done or failed (at once when none is). */
  async next(): Promise<void> {
    if (this.pending.size > 0) await Promise.race(this.pending);
  }

  private touches(test: (entry: InFlight) => boolean): boolean {
    for (const entry of this.inFlight) if (test(entry)) return true;
    return false;
  }
}

/**
 * Waits for the writes a holder of the lock left enqueued in Meilisearch (it was killed before
 * they were done; a holder that lets the lock go waits for its own first), so that what a session
 * reads is the index with every earlier write in it.
 */
async function writesLeftBehind({ client, names }: ProcessorContext): Promise<void> {
  const { results } = await client.tasks.getTasks({
    indexUids: [names.records, names.issues],
    statuses: ['enqueued', 'processing'],
    limit: 1,
  });
  // The newest first: once it is done, so is every earlier write of these indexes.
  if (results[0]) await client.tasks.waitForTask(results[0].uid, { timeout: 600_000 });
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
  touched: Touched,
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
