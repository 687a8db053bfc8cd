import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ArchiveMissError, BadInputError } from './errors.js';
import { type IngestJobData, type IngestResult, type ProcessorContext, processIssue } from './processor.js';
import type { IngestJobName } from './queue.js';
import { Semaphore, SyncBatcher } from './sync-batcher.js';
import { loadSegmenter } from '../index/index.js';
import { EnrichThread } from './enrich-thread.js';

/**
 * Jobs a worker holds per parsing slot. Only {@link AHEAD_PER_SLOT} of them hold parsed records at
 * once; the others wait to be parsed (holding nothing) or for their writes, enqueued in
 * Meilisearch, to be done (holding no record either). The more jobs held, the more issues
 * Meilisearch can take in one batch, since its batches are the issues enqueued while it indexed
 * the last one.
 */
const JOBS_PER_SLOT = 128;
/** Issues a worker holds parsed, per parsing slot, waiting for their writes to be enqueued. */
const AHEAD_PER_SLOT = 8;

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  connection: Redis;
  queueName: string;
  concurrency: number;
  context: ProcessorContext;
  onError: (error: Error) => void;
  /**
   * The enrichment thread to use, owned by the caller; by default the worker starts its own
   * (closed with it). Null: enrich in process.
   */
  thread?: EnrichThread | null;
  /**
   * How long a job's lock lasts without renewal: a job whose worker was killed runs again after
   * about this long. Default `GAZETTE_WORKER_LOCK_MS`, else 30 s.
   */
  lockDuration?: number;
}

/**
 * Wires the processor to a BullMQ worker, which holds {@link JOBS_PER_SLOT} jobs per parsing
 * slot and syncs their issues through one pipeline (ingest/sync-batcher.ts). Bad input fails its job as unrecoverable (no
 * retries, the parser's diagnostic as the reason); any other error is retried with backoff.
 * Each stage is reported as the job's progress.
 */
export function startWorker(options: WorkerOptions): Worker<IngestJobData, IngestResult, IngestJobName> {
  // jieba loads in the enrichment thread while the worker starts and parses its first issues.
  // Run from the TypeScript sources (the tests) there is no thread: jieba's seconds of blocking
  // load are then done before any job is taken, so that no job's lock waits on them.
  const owned = options.thread === undefined ? EnrichThread.start() : null;
  const thread = options.thread ?? owned;
  if (!thread) loadSegmenter();
  // `concurrency` issues parse and enrich at once (CPU); more jobs are held, waiting to parse or
  // to be synced together with others (ingest/sync-batcher.ts).
  const context = {
    ...options.context,
    ...(thread ? { enrich: thread.enrich } : {}),
    cpu: new Semaphore(options.concurrency),
    batcher: undefined as SyncBatcher | undefined,
  };
  context.batcher = new SyncBatcher(() => ({ ...context, batcher: undefined }), options.concurrency * AHEAD_PER_SLOT);
  const processor = async (job: Job<IngestJobData, IngestResult, IngestJobName>): Promise<IngestResult> => {
    try {
      return await processIssue(job.data, context, (stage) => {
        job.updateProgress({ stage }).catch(() => {}); // progress is informative; losing one is harmless
      });
    } catch (error) {
      if (error instanceof BadInputError) throw new UnrecoverableError(`bad input: ${error.message}`);
      if (error instanceof ArchiveMissError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
  const lockDuration = options.lockDuration ?? (Number(process.env.GAZETTE_WORKER_LOCK_MS) || 30_000);
  const worker = new Worker<IngestJobData, IngestResult, IngestJobName>(options.queueName, processor, {
    connection: options.connection,
    concurrency: options.concurrency * JOBS_PER_SLOT,
    // Locks are renewed at half their duration; the processor yields between stages so renewal
    // is never starved. A stalled job (its worker died) runs again, at most twice.
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 2,
  });
  worker.on('error', options.onError);
  worker.on('closed', () => owned?.close().catch(options.onError));
  return worker;
}
