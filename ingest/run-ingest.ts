import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import {
  type IndexNames,
  type IssueDocument,
  type SearchConnection,
  connectSearch,
  ensureIndexes,
  findIndexedIssues,
  isSupersededVersion,
  showsVersion,
} from '../index/index.js';
import { GazetteError, type InputKind } from '../parsers/index.js';
import { isHtml } from '../parsers/html/is-html.js';
import { Archive } from './archive.js';
import { closeInOrder } from './close-in-order.js';
import { collectFiles } from './collect-files.js';
import { BadInputError } from './errors.js';
import { PIPELINE_VERSION, type Stage } from './prepare-issue.js';
import { FileIndexLock, fileLockPath } from './index-lock.js';
import {
  type IngestJobData,
  type IngestResult,
  type IngestStatus,
  type ProcessorContext,
  processIssue,
} from './processor.js';
import { JobEvents } from './job-events.js';
import { IngestQueue } from './queue.js';
import { connectRedis, redisAnswers } from './redis.js';
import { withRetries } from './retry.js';
import { sharedContext } from './shared-context.js';
import { EnrichThread } from './enrich-thread.js';
import { startWorker } from './worker.js';

/** How one input file ended. */
export interface IssueOutcome {
  file: string;
  sha256: string | null;
  /**
   * `unchanged`: these bytes were already indexed by this pipeline, nothing was written;
   * `superseded`: an older version of an issue that shows a newer one, nothing was written;
   * `partial`: part of an indexed issue, its sightings were added and nothing removed.
   */
  status: IngestStatus | 'failed';
  result: IngestResult | null;
  /** Why it failed, or what a reader should know of its identity (ambiguous, partial, older version). */
  reason: string | null;
  /** What the file was read as (a plain-text document or a web page), once its bytes were read. */
  input?: InputKind;
}

/** Where `runIngest` reports progress. */
export interface IngestReporter {
  /** A one-line notice (Redis missing, a job re-added, a retry). */
  notice(line: string): void;
  /** The number of distinct issues to process, once known. */
  planned(total: number): void;
  /** An issue reached a stage. */
  stage(sha256: string, stage: Stage): void;
  /** An issue is finished, one way or another. */
  finished(outcome: IssueOutcome): void;
}

/** Options of {@link runIngest}. */
export interface IngestOptions {
  paths: string[];
  dataDir: string;
  names: IndexNames;
  redisUrl: string;
  queueName: string;
  /** Fail instead of processing in-process when Redis does not answer. */
  requireQueue: boolean;
  /** Jobs this process works on at once (its local worker); 0 only enqueues and waits for other workers. */
  concurrency: number;
  reporter: IngestReporter;
  /** Aborting stops waiting, closes the worker (letting active jobs finish), queue and connections. */
  signal?: AbortSignal;
}

/** Redis did not answer and `--require-queue` was given. */
export class QueueUnavailableError extends GazetteError {
  override name = 'QueueUnavailableError';
}

/**
 * `gazette ingest`: archives every file, skips bytes already indexed, and processes the rest,
 * through the queue when Redis answers (with a local worker, and other workers sharing the
 * queue), else in this process. Waits until every issue is finished.
 * @returns one outcome per distinct input, in input order
 */
export async function runIngest(options: IngestOptions): Promise<IssueOutcome[]> {
  const kinds = new Map<string, InputKind>();
  const outcomes = await ingestFiles(options, kinds);
  for (const outcome of outcomes) {
    const input = kinds.get(outcome.file);
    if (input) outcome.input = input;
  }
  return outcomes;
}

async function ingestFiles(options: IngestOptions, kinds: Map<string, InputKind>): Promise<IssueOutcome[]> {
  const { files, missing } = collectFiles(options.paths);
  const outcomes: IssueOutcome[] = missing.map(({ file, reason }) => ({
    file,
    sha256: null,
    status: 'failed',
    result: null,
    reason,
  }));
  const archive = new Archive(join(options.dataDir, 'archive'));
  const inputs = new Map<string, IngestJobData>();
  let newBytes = false;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      outcomes.push({
        file,
        sha256: null,
        status: 'failed',
        result: null,
        reason: `cannot read: ${(error as Error).message}`,
      });
      continue;
    }
    kinds.set(file, isHtml(bytes, file) ? 'html' : 'text');
    const { sha256, isNew } = archive.storeBytes(bytes, file);
    newBytes ||= isNew;
    // Seen in input order: of two versions of an issue given together, the later one is newer.
    if (!inputs.has(sha256)) inputs.set(sha256, { sha256, file, seenAt: Date.now() + inputs.size });
  }
  options.reporter.planned(inputs.size);
  for (const outcome of outcomes) options.reporter.finished(outcome);
  if (inputs.size === 0) return outcomes;

  // Bytes never archived before are surely parsed and enriched here (by the local worker): jieba
  // starts loading in its thread now, while the search server starts and answers. Otherwise only
  // once some input proves not indexed yet (a thread cannot be stopped while it loads).
  let thread = newBytes && options.concurrency > 0 ? EnrichThread.start() : null;
  const search = await connectSearch({ dataDir: options.dataDir });
  try {
    await ensureIndexes(search.client, options.names);
    const indexed = await findIndexedIssues(search.client, options.names, [...inputs.keys()]);
    const pending: IngestJobData[] = [];
    for (const input of inputs.values()) {
      const outcome = alreadyDone(input, indexed.get(input.sha256));
      if (outcome) {
        outcomes.push(outcome);
        options.reporter.finished(outcome);
      } else {
        pending.push(input);
      }
    }
    if (pending.length === 0) return outcomes;
    if (options.concurrency > 0) thread ??= EnrichThread.start();
    const enrich = thread?.enrich;
    if (await redisAnswers(options.redisUrl)) {
      outcomes.push(...(await runThroughQueue(pending, archive, search, options, thread)));
    } else if (options.requireQueue) {
      throw new QueueUnavailableError(`Redis does not answer at ${options.redisUrl}, and --require-queue was given`);
    } else {
      options.reporter.notice(
        `Redis does not answer at ${options.redisUrl}: processing in this process instead (--require-queue refuses)`,
      );
      const lock = new FileIndexLock(fileLockPath(options.dataDir, options.names));
      outcomes.push(
        ...(await runInProcess(
          pending,
          { archive, client: search.client, names: options.names, lock, enrich },
          options,
        )),
      );
    }
    const order = [...inputs.keys()];
    return outcomes.sort((a, b) => rank(order, a) - rank(order, b));
  } finally {
    await thread?.close();
    await search.close();
  }
}

/** What an issue already in the index amounts to: its records, nothing written now. */
function resultOfIndexed(
  issue: IssueDocument,
  status: IngestStatus = 'unchanged',
  note: string | null = null,
): IngestResult {
  const { file, sha256, id, records, warnings } = issue;
  return {
    file,
    sha256,
    issue: id,
    status,
    relation: 'version',
    note,
    records,
    warnings,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: records,
    kept: 0,
    writes: 0,
  };
}

/** The outcome of bytes the index already shows, or that are an older version of their issue; null otherwise. */
function alreadyDone(input: IngestJobData, issue: IssueDocument | undefined): IssueOutcome | null {
  if (!input.force && showsVersion(issue, input.sha256, PIPELINE_VERSION)) {
    return {
      file: input.file,
      sha256: input.sha256,
      status: 'unchanged',
      result: resultOfIndexed(issue!),
      reason: null,
    };
  }
  if (!input.force && isSupersededVersion(issue, input.sha256)) {
    const note = `older version of issue ${issue!.id} kept; index unchanged (\`gazette restore ${issue!.id} ${input.sha256.slice(0, 12)}\` shows it)`;
    return {
      file: input.file,
      sha256: input.sha256,
      status: 'superseded',
      result: { ...resultOfIndexed(issue!, 'superseded', note), file: input.file, sha256: input.sha256 },
      reason: note,
    };
  }
  return null;
}

/**
 * The status of bytes this run processed: they were not indexed when it started, so `unchanged`
 * means an earlier attempt of this run wrote them (a job run again after a Redis restart).
 */
function statusOfRun(result: IngestResult | undefined): IngestStatus {
  return !result || result.status === 'unchanged' ? 'indexed' : result.status;
}

/** Missing files first, then inputs in the order given. */
function rank(order: string[], outcome: IssueOutcome): number {
  return outcome.sha256 ? order.indexOf(outcome.sha256) : -1;
}

async function runInProcess(
  pending: IngestJobData[],
  context: ProcessorContext,
  options: IngestOptions,
): Promise<IssueOutcome[]> {
  const outcomes: IssueOutcome[] = [];
  for (const input of pending) {
    if (options.signal?.aborted) {
      outcomes.push({ ...input, status: 'failed', result: null, reason: 'interrupted before it was processed' });
      continue;
    }
    let outcome: IssueOutcome;
    try {
      const result = await withRetries(
        () => processIssue(input, context, (stage) => options.reporter.stage(input.sha256, stage)),
        (error, attempt) =>
          options.reporter.notice(`${input.file}: attempt ${attempt} failed (${(error as Error).message}); retrying`),
      );
      outcome = { file: input.file, sha256: input.sha256, status: statusOfRun(result), result, reason: result.note };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      outcome = { file: input.file, sha256: input.sha256, status: 'failed', result: null, reason: reasonOf(error) };
    }
    outcomes.push(outcome);
    options.reporter.finished(outcome);
  }
  return outcomes;
}

function reasonOf(error: Error): string {
  return error instanceof BadInputError ? `bad input: ${error.message}` : error.message;
}

async function runThroughQueue(
  pending: IngestJobData[],
  archive: Archive,
  search: SearchConnection,
  options: IngestOptions,
  thread: EnrichThread | null,
): Promise<IssueOutcome[]> {
  const logError = (error: Error) => options.reporter.notice(`queue: ${error.message}`);
  const connection: Redis = connectRedis(options.redisUrl);
  connection.on('error', () => {}); // reconnection is automatic; queue and worker report what matters
  const queue = new IngestQueue(connection, options.queueName, logError);
  const sharedConnection = connectRedis(options.redisUrl);
  sharedConnection.on('error', () => {});
  const context = sharedContext(sharedConnection, options.queueName, options.names, archive, search.client);
  let worker: ReturnType<typeof startWorker> | null = null;
  let workerConnection: Redis | null = null;
  let events: JobEvents | null = null;
  try {
    // The bytes go to Redis with the job: a worker on another machine has no access to this archive.
    const enqueue = async (input: IngestJobData) => {
      await context.bytes!.put(input.sha256, archive.read(input.sha256));
      await queue.add(input);
    };
    // Listening before any job is added: the events say which jobs to look at.
    events = new JobEvents(
      connection,
      options.queueName,
      (jobId, stage) => options.reporter.stage(jobId, stage),
      logError,
    );
    await events.ready();
    for (const input of pending) await enqueue(input);
    if (options.concurrency > 0) {
      workerConnection = connectRedis(options.redisUrl);
      workerConnection.on('error', () => {});
      worker = startWorker({
        connection: workerConnection,
        queueName: options.queueName,
        concurrency: options.concurrency,
        context,
        thread,
        onError: logError,
      });
    }
    return await waitForJobs(pending, queue, events, enqueue, search, options);
  } finally {
    await closeInOrder(
      [
        ['worker', async () => worker?.close()],
        ['events', async () => events?.close()],
        ['queue', () => queue.close()],
        ['redis', () => Promise.all([connection.quit(), sharedConnection.quit(), workerConnection?.quit()])],
      ],
      (name, error) => options.reporter.notice(`closing ${name}: ${error.message}`),
    );
  }
}

/** How often every job still waited for is looked at, whatever the queue's events said. */
const SWEEP_MS = 5_000;

/**
 * Waits until each job is completed or failed for good, looking at the jobs the queue's events
 * say finished, and at every job each {@link SWEEP_MS} (an event can be missed). A job that
 * vanished (Redis restarted without persistence) is done if the index already reflects its
 * bytes, else added again, with its bytes.
 */
async function waitForJobs(
  pending: IngestJobData[],
  queue: IngestQueue,
  events: JobEvents,
  enqueue: (input: IngestJobData) => Promise<void>,
  search: SearchConnection,
  options: IngestOptions,
): Promise<IssueOutcome[]> {
  const outcomes: IssueOutcome[] = [];
  const waiting = new Map(pending.map((input) => [input.sha256, input]));
  let nextSweep = 0;
  while (waiting.size > 0 && !options.signal?.aborted) {
    const sweep = Date.now() >= nextSweep;
    if (sweep) nextSweep = Date.now() + SWEEP_MS;
    const changed = events.take();
    for (const input of [...waiting.values()]) {
      if (!sweep && !changed.has(input.sha256)) continue;
      const outcome = await outcomeOfJob(input, queue, enqueue, search, options);
      if (outcome) {
        waiting.delete(input.sha256);
        outcomes.push(outcome);
        options.reporter.finished(outcome);
      }
    }
    if (waiting.size > 0) await events.wait(nextSweep - Date.now(), options.signal);
  }
  for (const input of waiting.values()) {
    outcomes.push({
      ...input,
      status: 'failed',
      result: null,
      reason: 'interrupted: its job stays queued, and the next `gazette worker` or `gazette ingest` finishes it',
    });
  }
  return outcomes;
}

/** How a job ended, or null while it is not finished (a vanished job is added again). */
async function outcomeOfJob(
  input: IngestJobData,
  queue: IngestQueue,
  enqueue: (input: IngestJobData) => Promise<void>,
  search: SearchConnection,
  options: IngestOptions,
): Promise<IssueOutcome | null> {
  const job = await queue.queue.getJob(input.sha256);
  if (!job) {
    const issue = (await findIndexedIssues(search.client, options.names, [input.sha256])).get(input.sha256);
    const done = alreadyDone(input, issue);
    if (done) return done.status === 'unchanged' ? { ...done, status: 'indexed' } : done;
    options.reporter.notice(
      `job ${input.sha256.slice(0, 12)} (${input.file}) is no longer in the queue: added it again`,
    );
    await enqueue(input); // its bytes too: Redis may have lost them with the job
    return null;
  }
  const state = await job.getState();
  const progress = job.progress as { stage?: Stage } | number;
  if (typeof progress === 'object' && progress.stage) options.reporter.stage(input.sha256, progress.stage);
  if (state !== 'completed' && state !== 'failed') return null;
  // The job was read before its state: read it again for the result it finished with.
  const finished = (await queue.queue.getJob(input.sha256)) ?? job;
  const result = finished.returnvalue;
  return state === 'completed'
    ? { file: input.file, sha256: input.sha256, status: statusOfRun(result), result, reason: result?.note ?? null }
    : { file: input.file, sha256: input.sha256, status: 'failed', result: null, reason: finished.failedReason };
}
