import type { Meilisearch } from 'meilisearch';
import type { IssueDocument, IssueVersion, SearchDocument, Sighting } from './documents.js';
import { ensureIndexes } from './ensure-indexes.js';
import { equals } from './filter.js';
import type { IndexNames } from './index-names.js';
import { getIssue } from './issue-store.js';
import { enqueueWrite, waitForTaskUid, waitForWrite } from './tasks.js';

/** One version of an issue, parsed and enriched: what a sync writes. */
export interface IssueVersionInput {
  /** The issue the bytes belong to (resolved by issue identity, else as parsed). */
  id: string;
  sha256: string;
  file: string;
  /** Version of the parse and enrichment that produced the documents. */
  pipeline: string;
  warnings: number;
  documents: SearchDocument[];
}

/**
 * How a version is written. `full`: the issue then holds exactly these records (the newest
 * version). `partial`: the bytes hold part of the issue (an incomplete download): they add their
 * sighting to the records they share with it and change nothing else.
 */
export type SyncMode = 'full' | 'partial';

/** What one sync wrote. */
export interface SyncResult {
  /** Records that were not in the index. */
  added: number;
  /** Records whose content changed. */
  updated: number;
  /** Records of the issue that disappeared from it (deleted, or left to the other issues that hold them). */
  deleted: number;
  unchanged: number;
  /** Records of a partial copy that differ from the indexed ones, which were kept. */
  kept: number;
  /** Meilisearch write tasks enqueued (0 when nothing changed). */
  writes: number;
}

/** What the index holds of a record, as far as a sync needs it. */
interface Held {
  id: string;
  contentHash: string;
  issue: string;
  issues?: string[];
  sightings?: Sighting[];
}

const BATCH = 2000;
const HELD_FIELDS = ['id', 'contentHash', 'issue', 'issues', 'sightings'];

/**
 * What a sync of one version will write, worked out from what the index holds: the diff, and
 * the ids it read and writes (so that syncs batched together never read what another of the
 * batch writes: ingest/sync-batcher.ts).
 */
export interface SyncPlan {
  issueId: string;
  result: SyncResult;
  /** The issue's document as it is, with `pending` set: written before any record, when there are records to write. */
  marker: IssueDocument | null;
  writes: SearchDocument[];
  sightingUpdates: Array<Pick<SearchDocument, 'id' | 'issue' | 'issues' | 'sightings'>>;
  deletions: string[];
  /** The issue's document once the records are written, or null when it is unchanged. */
  issue: IssueDocument | null;
  /** Every record id the plan read or writes. */
  ids: Set<string>;
}

/**
 * Makes the index show one version of an issue, writing only the difference, in an order that
 * search and a crash can live with:
 * 1. the issue's document, if it has one, is marked `pending` (no version counts as indexed
 *    until the end; a new issue has no document until the end);
 * 2. new and changed records are upserted: a record another issue holds too (the same notice
 *    in two gazettes) stays one record, with both issues and both sightings;
 * 3. records of the issue that disappeared are deleted, or, when another issue still holds them,
 *    only lose this issue;
 * 4. the issue's document records the version (and its place in the versions) and clears `pending`.
 * A sync interrupted anywhere is finished by the next one: the diff is taken against what the
 * index holds. Callers serialise syncs (one at a time across all workers: ingest/index-lock.ts).
 */
export async function syncIssue(
  client: Meilisearch,
  names: IndexNames,
  input: IssueVersionInput,
  mode: SyncMode = 'full',
  now = Date.now(),
): Promise<SyncResult> {
  const plan = await planSync(client, names, input, mode, now);
  await applyPlans(client, names, [plan]);
  return plan.result;
}

/** Works out what a sync of one version writes (nothing is written). */
export async function planSync(
  client: Meilisearch,
  names: IndexNames,
  input: IssueVersionInput,
  mode: SyncMode = 'full',
  now = Date.now(),
): Promise<SyncPlan> {
  await ensureIndexes(client, names);
  const previous = await getIssue(client, names, input.id);
  const ofIssue = await heldBy(client, names, input.id);
  const elsewhere = await heldByIds(
    client,
    names,
    input.documents.map((d) => d.id).filter((id) => !ofIssue.has(id)),
  );
  const result: SyncResult = { added: 0, updated: 0, deleted: 0, unchanged: 0, kept: 0, writes: 0 };
  const writes: SearchDocument[] = [];
  const sightingUpdates: SyncPlan['sightingUpdates'] = [];
  const seen = new Set<string>();
  for (const document of input.documents) {
    seen.add(document.id);
    const sighting: Sighting = { issue: input.id, file: input.file, sha256: input.sha256, line: document.source.line };
    const held = ofIssue.get(document.id) ?? elsewhere.get(document.id);
    if (!held) {
      if (mode === 'partial') result.kept++;
      else {
        writes.push({ ...document, issue: input.id, issues: [input.id], sightings: [sighting] });
        result.added++;
      }
      continue;
    }
    const issues = held.issues?.includes(input.id) ? held.issues : [...(held.issues ?? [held.issue]), input.id];
    // An unchanged record keeps the sighting its issue has (it still sits there, at the same
    // line): only a record the issue did not hold yet gains one. A partial copy is a file of its
    // own, whose sighting is added beside the issue's.
    const sighted =
      issues === held.issues &&
      !!held.sightings?.some((s) => (mode === 'partial' ? s.sha256 === input.sha256 : s.issue === input.id));
    const sightings = sighted
      ? held.sightings!
      : mode === 'partial'
        ? [...(held.sightings ?? []), sighting]
        : [...(held.sightings ?? []).filter((s) => s.issue !== input.id), sighting];
    if (held.contentHash === document.contentHash) {
      if (!sighted) sightingUpdates.push({ id: document.id, issue: held.issue, issues, sightings });
      result.unchanged++;
    } else if (mode === 'partial') {
      // A part of the issue printed differently (cut off mid-notice): the indexed version stays.
      if (!sighted) sightingUpdates.push({ id: document.id, issue: held.issue, issues, sightings });
      result.kept++;
    } else {
      const replaced = [...(held.sightings ?? []).filter((s) => s.issue !== input.id), sighting];
      writes.push({ ...document, issue: held.issue, issues, sightings: replaced });
      result.updated++;
    }
  }
  const stale = mode === 'full' ? [...ofIssue.values()].filter((held) => !seen.has(held.id)) : [];
  const deletions: string[] = [];
  for (const held of stale) {
    const others = (held.issues ?? [held.issue]).filter((issue) => issue !== input.id);
    if (others.length === 0) deletions.push(held.id);
    else
      sightingUpdates.push({
        id: held.id,
        issue: others.includes(held.issue) ? held.issue : others[0]!,
        issues: others,
        sightings: (held.sightings ?? []).filter((s) => s.issue !== input.id),
      });
    result.deleted++;
  }

  const issue = issueDocument(previous, input, mode, now);
  const recordWrites = writes.length + sightingUpdates.length + deletions.length;
  // A new issue needs no marker: until its document is written, nothing counts it as indexed.
  const marker =
    recordWrites > 0 && previous
      ? { ...previous, versions: issue.versions, shas: issue.shas, pending: { sha256: input.sha256, since: now } }
      : null;
  const ids = new Set([...seen, ...ofIssue.keys(), ...elsewhere.keys()]);
  return {
    issueId: input.id,
    result,
    marker,
    writes,
    sightingUpdates,
    deletions,
    issue: recordWrites > 0 || !sameIssue(previous, issue) ? issue : null,
    ids,
  };
}

/**
 * Writes the plans of one or more syncs (of distinct issues and disjoint records) in as few
 * Meilisearch tasks as it can, in the order of {@link syncIssue}: every pending marker (one
 * task), then every record write of all of them (enqueued together, so Meilisearch batches
 * them), then every issue document (one task). Each plan's `result.writes` counts the tasks it
 * took part in.
 */
export async function applyPlans(client: Meilisearch, names: IndexNames, plans: SyncPlan[]): Promise<void> {
  const finish = await enqueuePlans(client, names, plans);
  await finish().done;
}

/**
 * The first half of {@link applyPlans}: writes the pending markers and enqueues the record
 * writes, without waiting for them, so that the writes of further syncs can be enqueued behind
 * them and Meilisearch takes them all in one batch.
 * @returns the second half: waits for every record write (checking each), then writes the issue
 *   documents; it holds no record, so a caller may keep it while other syncs are prepared. Given
 *   `after`, it starts polling only once that settled (the writes of an earlier sync, which
 *   Meilisearch finishes first anyway): one poll at a time however many syncs are under way.
 *   Given `write`, the issue documents are handed to it instead of written at once (to be
 *   written with others').
 */
export async function enqueuePlans(
  client: Meilisearch,
  names: IndexNames,
  plans: SyncPlan[],
): Promise<(after?: Promise<unknown>, write?: IssueWriter) => SyncFinish> {
  const markers = plans.flatMap((p) => (p.marker ? [p.marker] : []));
  if (markers.length) await writeIssues(client, names, markers);
  const records = client.index<SearchDocument>(names.records);
  const writes = plans.flatMap((p) => p.writes);
  const sightingUpdates = plans.flatMap((p) => p.sightingUpdates);
  const deletions = plans.flatMap((p) => p.deletions);
  const tasks: number[] = [];
  // Enqueued one after the other, in this order, which Meilisearch keeps.
  for (let i = 0; i < writes.length; i += BATCH)
    tasks.push(
      await enqueueWrite(names.records, records.addDocuments(writes.slice(i, i + BATCH), { primaryKey: 'id' })),
    );
  for (let i = 0; i < sightingUpdates.length; i += BATCH)
    tasks.push(
      await enqueueWrite(
        names.records,
        records.updateDocuments(sightingUpdates.slice(i, i + BATCH), { primaryKey: 'id' }),
      ),
    );
  for (let i = 0; i < deletions.length; i += BATCH)
    tasks.push(await enqueueWrite(names.records, records.deleteDocuments(deletions.slice(i, i + BATCH))));
  for (const plan of plans) {
    const part = (n: number) => (n > 0 ? Math.ceil(n / BATCH) : 0);
    plan.result.writes =
      (plan.marker ? 1 : 0) +
      part(plan.writes.length) +
      part(plan.sightingUpdates.length) +
      part(plan.deletions.length) +
      (plan.issue ? 1 : 0);
  }
  return finishPlans(
    client,
    names,
    tasks,
    plans.flatMap((p) => (p.issue ? [p.issue] : [])),
  );
}

/** What is left of a sync once its record writes are enqueued. */
export interface SyncFinish {
  /** Every record write done (each checked). */
  records: Promise<void>;
  /** Then the issue documents written: the sync is done. */
  done: Promise<void>;
}

/** Writes issue documents (one task for them all, by default). */
export type IssueWriter = (issues: IssueDocument[]) => Promise<void>;

/** The second half of {@link enqueuePlans} (a scope of its own, holding no record). */
function finishPlans(
  client: Meilisearch,
  names: IndexNames,
  tasks: number[],
  issues: IssueDocument[],
): (after?: Promise<unknown>, write?: IssueWriter) => SyncFinish {
  return (after = Promise.resolve(), write = (docs) => writeIssues(client, names, docs)) => {
    // Every record write, waited for (and checked) before any issue document says it is done.
    const records = after.then(async () => {
      for (const uid of tasks) await waitForTaskUid(client, names.records, uid, 600_000);
    });
    const done = records.then(() => (issues.length ? write(issues) : undefined));
    return { records, done };
  };
}

/** The issue's document once this version is synced. */
function issueDocument(
  previous: IssueDocument | null,
  input: IssueVersionInput,
  mode: SyncMode,
  now: number,
): IssueDocument {
  const versions: IssueVersion[] = [...(previous?.versions ?? [])];
  if (!versions.some((v) => v.sha256 === input.sha256)) {
    versions.push({
      sha256: input.sha256,
      file: input.file,
      firstSeen: now,
      records: input.documents.length,
      partial: mode === 'partial',
    });
  }
  const shown = mode === 'full' || !previous;
  return {
    id: input.id,
    sha256: shown ? input.sha256 : previous.sha256,
    file: shown ? input.file : previous.file,
    records: shown ? input.documents.length : previous.records,
    warnings: shown ? input.warnings : previous.warnings,
    pipeline: shown ? input.pipeline : previous.pipeline,
    ingestedAt: now,
    versions,
    shas: versions.map((v) => v.sha256),
    pending: null,
  };
}

/** Whether two issue documents say the same, apart from when they were written. */
function sameIssue(a: IssueDocument | null, b: IssueDocument): boolean {
  if (!a) return false;
  return (
    a.sha256 === b.sha256 &&
    a.pipeline === b.pipeline &&
    a.pending === null &&
    a.versions?.length === b.versions.length &&
    a.records === b.records
  );
}

async function writeIssue(client: Meilisearch, names: IndexNames, issue: IssueDocument): Promise<void> {
  await writeIssues(client, names, [issue]);
}

/** Writes issue documents in one task. */
export async function writeIssues(client: Meilisearch, names: IndexNames, issues: IssueDocument[]): Promise<void> {
  await waitForWrite(
    names.issues,
    client.index<IssueDocument>(names.issues).addDocuments(issues, { primaryKey: 'id' }),
  );
}

/** Every record the index holds for an issue, by id. */
async function heldBy(client: Meilisearch, names: IndexNames, issueId: string): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  const records = client.index<SearchDocument>(names.records);
  for (let offset = 0; ; offset += 1000) {
    // `issue` too: records written before records kept their issues have only that.
    const page = await records.getDocuments<Held>({
      filter: `${equals('issues', issueId)} OR ${equals('issue', issueId)}`,
      fields: HELD_FIELDS as never,
      limit: 1000,
      offset,
    });
    for (const d of page.results) held.set(d.id, d);
    if (page.results.length < 1000) return held;
  }
}

/** The records the index holds with these ids (held by other issues), by id. */
async function heldByIds(client: Meilisearch, names: IndexNames, ids: string[]): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  const records = client.index<SearchDocument>(names.records);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const page = await records.getDocuments<Held>({ ids: chunk, fields: HELD_FIELDS as never, limit: chunk.length });
    for (const d of page.results) held.set(d.id, d);
  }
  return held;
}

/**
 * Adds a version to an issue's history without showing it (bytes older than the version the
 * index shows, processed after it).
 */
export async function recordVersion(
  client: Meilisearch,
  names: IndexNames,
  issue: IssueDocument,
  input: IssueVersionInput,
  seenAt: number,
): Promise<void> {
  const version: IssueVersion = {
    sha256: input.sha256,
    file: input.file,
    firstSeen: seenAt,
    records: input.documents.length,
    partial: false,
  };
  const versions = [...(issue.versions ?? []), version].sort((a, b) => a.firstSeen - b.firstSeen);
  await writeIssue(client, names, { ...issue, versions, shas: versions.map((v) => v.sha256) });
}
